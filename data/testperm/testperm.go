// Package testperm measures the permission bits of files for the tests of what the program writes (data's
// temporary files, the command line's outputs): what a new file gets under the umask the test runs with, and
// what a written file got.
package testperm

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// Usual is the permission any new file gets in dir (0666 less the umask), measured by creating one there. It
// skips the test on Windows, whose files have no Unix permission bits.
func Usual(t *testing.T, dir string) os.FileMode {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows files have no Unix permission bits")
	}
	f, err := os.OpenFile(filepath.Join(dir, "plain"), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return Of(t, f.Name())
}

// Of is the permission bits of the file at path.
func Of(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	return info.Mode().Perm()
}
