package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/sqlite"
)

// A backup's name is a file name, whatever it spells: VACUUM INTO on the store's URI connection read a name that
// began with "file:" as a URI, so `scitech backup 'file:i1/scitech.db.lock#/b.db'` (typed in the folder that holds
// i1) wrote the database over its own lock file and then reported the (empty) backup as failing its check.
func TestBackupNamedLikeAURIIsWrittenWhereItIsNamed(t *testing.T) {
	t.Chdir(t.TempDir()) // the names are relative, as typed in a terminal
	ctx := context.Background()
	s, err := Open(filepath.Join("i1", "scitech.db"))
	require.NoError(t, err)
	defer s.Close()
	setUnit(t, s, "原件")

	for _, name := range []string{
		"file:i1/scitech.db.lock#/b.db", // the folder "file:i1", its folder "scitech.db.lock#"
		"file:i1/scitech.db-wal#/b.db",
		"file:elsewhere.db#/b.db",
		"file:x.db?mode=memory",
	} {
		lockBefore, _ := os.ReadFile(filepath.Join("i1", "scitech.db.lock"))
		require.NoError(t, s.Backup(ctx, name), name)
		require.NoError(t, CheckBackup(name), "%s: the backup is the file of that name", name)
		assert.Equal(t, "原件", unitOf(t, name), name)

		lockAfter, _ := os.ReadFile(filepath.Join("i1", "scitech.db.lock"))
		assert.Equal(t, lockBefore, lockAfter, "%s: the database's lock file is left as it was", name)
		for _, side := range []string{"scitech.db-wal", "scitech.db.lock"} {
			b, _ := os.ReadFile(filepath.Join("i1", side))
			assert.False(t, bytes.HasPrefix(b, []byte("SQLite format 3")), "%s: no database image in %s", name, side)
		}
		_, err := os.Stat("elsewhere.db")
		assert.True(t, errors.Is(err, os.ErrNotExist), "%s: nothing written at elsewhere.db", name)
		_, err = os.Stat("x.db")
		assert.True(t, errors.Is(err, os.ErrNotExist), "%s: nothing written at x.db", name)
	}
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// A restore onto a database with two names (hard links) would rename the copy over the one name given and leave
// the other name the old database, while saying it restored it: refused, as Open refuses such a database.
func TestRestoreOntoAHardLinkedDatabaseIsRefused(t *testing.T) {
	t.Parallel()
	dbPath, backup, now := restoreFixture(t)
	other := filepath.Join(t.TempDir(), "h4.db")
	if err := os.Link(dbPath, other); err != nil {
		t.Skip("no hard links here:", err)
	}
	for _, name := range []string{other, dbPath} {
		kept, err := Restore(name, backup, time.Now())
		var e *Error
		require.True(t, errors.As(err, &e), "%s: refused with a *Error, got %v", name, err)
		assert.Equal(t, "err.db.hard_link", e.Key, name)
		assert.Empty(t, kept)
	}
	for _, name := range []string{other, dbPath} {
		assert.Equal(t, "现在", unitOf(t, name), "%s: the database is as it was", name)
		assert.NoFileExists(t, name+".restoring")
	}
	db, err := openVerbatim(dbPath)
	require.NoError(t, err)
	defer db.Close()
	var n int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM company`).Scan(&n))
	assert.Equal(t, now, n, "the company added after the backup is still there")
}

// A restore replaces only this program's database (or a damaged file, the reason for restoring): a database a
// newer version or another program wrote, and a file of another kind named by mistake, are left as they are.
func TestRestoreLeavesWhatIsNotItsDatabaseAlone(t *testing.T) {
	t.Parallel()
	_, backup, _ := restoreFixture(t)
	dir := t.TempDir()

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO schema_migration (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01')`)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", sqlite.URI(foreign))
	require.NoError(t, err)
	_, err = db.Exec(`CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)`)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	book := filepath.Join(dir, "book.xlsx")
	require.NoError(t, os.WriteFile(book, []byte("PK\x03\x04 a company's workbook"), 0o644))
	pdf := filepath.Join(dir, "brief.pdf")
	require.NoError(t, os.WriteFile(pdf, []byte("%PDF-1.4 a brief"), 0o644))

	for path, key := range map[string]string{newer: "err.db.newer", foreign: "err.db.foreign",
		book: "err.restore.not_a_database", pdf: "err.restore.not_a_database"} {
		before, err := os.ReadFile(path)
		require.NoError(t, err)
		kept, err := Restore(path, backup, time.Now())
		assert.Equal(t, key, ErrorKey(err), "%s: %v", path, err)
		assert.Empty(t, kept)
		after, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, before, after, "%s is left as it was", path)
		assert.NoDirExists(t, BackupDir(path), "%s: nothing kept, since nothing was replaced", path)
	}
}
