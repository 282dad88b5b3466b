package data

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMistypedServerURLAsACopysTarget (A19's D9): `migrate --to postgress://clerk:PW@h/db` made folders named
// after the URL (the password in one) for the copy's temporary file before anything refused it; now the copy
// and `check` of a file refuse such a name first, saying it is no server address, and make nothing.
func TestMistypedServerURLAsACopysTarget(t *testing.T) {
	ctx := context.Background()
	desk := transferSample(t)
	dir := t.TempDir()
	t.Chdir(dir)
	for _, url := range []string{"postgress://clerk:s3cret@127.0.0.1:54391/office9", "pg://h/db", "postgres//clerk:s3cret@h/db"} {
		_, err := TransferToFile(ctx, desk, url, false)
		assert.Equal(t, "err.server.not_url", ErrorKey(err), url)
		assert.NotContains(t, err.Error(), "s3cret", url)
		_, err = CheckFile(ctx, url)
		assert.Equal(t, "err.server.not_url", ErrorKey(err), url)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is created")
}
