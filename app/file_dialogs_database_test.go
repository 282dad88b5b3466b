package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// F8 (issue 14, adversary): a save dialog in the window could write a brief over a database that is not the
// window's own (another copy may be writing it), or over that database's -wal. The guard refuses any SQLite
// database and the files beside one, not only the window's database.
func TestGuardRefusesAnyDatabase(t *testing.T) {
	test.NewTempApp(t)
	guardFileWrites()
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	require.NoError(t, os.WriteFile(other, []byte("SQLite format 3\x00 and its pages"), 0o644))
	for _, name := range []string{"other.db", "other.db-wal", "other.db-shm", "other.db-journal", "other.db.lock"} {
		p := filepath.Join(dir, name)
		if name != "other.db" {
			require.NoError(t, os.WriteFile(p, []byte("side"), 0o644))
		}
		before := sha(t, p)
		_, err := storage.Writer(storage.NewFileURI(p))
		assert.Equal(t, "err.file.database", data.ErrorKey(err), name)
		ok, _ := storage.CanWrite(storage.NewFileURI(p))
		assert.False(t, ok, name)
		assert.Equal(t, before, sha(t, p), name)
	}
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, "brief.pdf")))
	require.NoError(t, err, "any other file is written as before")
	_, err = w.Write([]byte("%PDF-"))
	require.NoError(t, err)
	require.NoError(t, finishWrite(w, nil))
	assert.FileExists(t, filepath.Join(dir, "brief.pdf"))
}
