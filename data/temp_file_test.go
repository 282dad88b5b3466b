package data

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/testperm"
)

// A file written to a temporary name and renamed into place has the permission of any new file (0666 less the
// umask), not os.CreateTemp's 0600; one renamed over another keeps the other's permission.
func TestCreateTempGivesTheUsualPermission(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	usual := testperm.Usual(t, dir)

	f, err := CreateTemp(dir, ".brief.pdf.tmp-*")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	assert.Equal(t, usual, testperm.Of(t, f.Name()), "as any new file")
	if usual != 0o600 {
		assert.NotEqual(t, os.FileMode(0o600), testperm.Of(t, f.Name()))
	}
	name, ok := temporaryOf(filepath.Base(f.Name()))
	assert.True(t, ok, "named as os.CreateTemp names it, so a backup's leftovers are still found")
	assert.Equal(t, "brief.pdf", name)

	old := filepath.Join(dir, "old.xlsx")
	require.NoError(t, os.WriteFile(old, []byte("x"), 0o600))
	require.NoError(t, os.Chmod(old, 0o640))
	g, err := CreateTemp(dir, ".old.xlsx.tmp-*")
	require.NoError(t, err)
	require.NoError(t, TakeMode(g, old))
	require.NoError(t, g.Close())
	assert.Equal(t, os.FileMode(0o640), testperm.Of(t, g.Name()), "the permission of the file it will replace")

	h, err := CreateTemp(dir, "x*.part")
	require.NoError(t, err)
	require.NoError(t, TakeMode(h, filepath.Join(dir, "none")))
	require.NoError(t, h.Close())
	assert.Equal(t, usual, testperm.Of(t, h.Name()), "nothing to replace: as created")
	assert.Regexp(t, `^x[0-9]+\.part$`, filepath.Base(h.Name()))
}
