package data

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Any SQLite database, and the files SQLite keeps beside one (also beside a new, still empty database, whose
// pages are in its -wal), is refused as a place to write; other files and new names are not.
func TestRefuseDatabaseTarget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	put := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	db := put("a.db", "SQLite format 3\x00pages")
	fresh := put("fresh.db", "")
	text := put("notes.txt", "SQLite format 3") // no NUL: not the header
	for _, target := range []string{db, db + "-wal", db + "-shm", db + "-journal", db + ".lock", fresh + "-wal"} {
		assert.Equal(t, "err.file.database", ErrorKey(RefuseDatabaseTarget(target)), target)
	}
	for _, target := range []string{"", text, text + "-wal", fresh, filepath.Join(dir, "new.pdf"), filepath.Join(dir, "b.db-wal"), dir} {
		assert.NoError(t, RefuseDatabaseTarget(target), target)
	}
}
