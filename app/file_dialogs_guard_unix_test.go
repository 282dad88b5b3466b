//go:build unix

package app

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A new file saved through the window gets the permission any new file of the user gets (0666 less the umask),
// as the command line's files do: not the 0600 of a temporary file, nor a fixed 0644.
func TestSavedNewFileHasWhatTheUmaskAllows(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(protectFiles())
	for _, c := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o002, 0o664}, {0o077, 0o600}} {
		old := syscall.Umask(c.umask)
		path := filepath.Join(t.TempDir(), "简报 #1.pdf")
		w, err := storage.Writer(storage.NewFileURI(path))
		require.NoError(t, err)
		_, err = w.Write([]byte("this week's brief"))
		require.NoError(t, err)
		require.NoError(t, finishWrite(w, nil))
		syscall.Umask(old)
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, c.want, info.Mode().Perm(), "umask %04o", c.umask)
	}
}
