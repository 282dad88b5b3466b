package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A mistyped server URL is never taken as a file path (issue 19: "a wrong URL … never a new empty database
// somewhere else", A19's D9): Open and OpenReadOnly refuse it with err.server.not_url, naming it without its
// password, and nothing is created where a relative path would have put it.
func TestMistypedServerURLMakesNoFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, url := range []string{"postgress://clerk:s3cret@127.0.0.1:54391/office9", "postgre://clerk:s3cret@h/db",
		"pg://h/db", "postgres//clerk:s3cret@h/db", "postgres:clerk:s3cret@h/db", "postgresql:/office2"} {
		_, err := Open(url)
		require.Error(t, err, url)
		assert.Equal(t, "err.server.not_url", ErrorKey(err), url)
		assert.NotContains(t, err.Error(), "s3cret", url)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.False(t, strings.Contains(e.Args["Path"].(string), "s3cret"), url)
		_, err = OpenReadOnly(url)
		assert.Equal(t, "err.server.not_url", ErrorKey(err), url)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is created")
	_, err = os.Stat(filepath.Join(dir, "postgress:"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
