package data

import (
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

// TestABackupHoldsItsTargetUntilTheRename: a writer that opens the backup's target while the copy is being
// written is refused (F7): let in, its changes went to the file the rename then pulled from under it. Not
// parallel: it sets beforeBackupRename, which every backup of the package's tests calls.
func TestABackupHoldsItsTargetUntilTheRename(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, target := filepath.Join(dir, "src.db"), filepath.Join(dir, "other.db")
	s, err := Open(src)
	require.NoError(t, err)
	defer s.Close()
	setUnit(t, s, "备份源")
	o, err := Open(target)
	require.NoError(t, err)
	setUnit(t, o, "另一个")
	require.NoError(t, o.Close())
	require.NoError(t, os.Remove(target+".lock")) // Open's; the backup's own is checked below

	for _, backup := range []func() error{
		func() error { return s.Backup(ctx, target) },
		func() error { return BackupDatabase(ctx, src, target) },
	} {
		var inside error
		beforeBackupRename = func(string) {
			w, err := Open(target)
			if err == nil {
				setUnit(t, w, "写入中") // what F7's writer lost
				w.Close()
			}
			inside = err
		}
		require.NoError(t, backup())
		beforeBackupRename = nil
		require.Error(t, inside, "a writer got into the target while the backup was being written")
		assert.True(t, errors.Is(inside, ErrLocked), "%v", inside)
		assert.Equal(t, "备份源", unitOf(t, target))
		assert.NoFileExists(t, target+".lock", "the backup leaves no lock file of its own beside the target")
	}
}

// walPair makes a database at path whose last commit is only in its -wal, as a writer killed before its
// checkpoint leaves it; the unit in its main file is "主文件", in its -wal "日志里".
func walPair(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	require.NoError(t, err)
	setUnit(t, s, "主文件")
	require.NoError(t, s.Close())
	db, err := sql.Open("sqlite", sqlite.URI(path))
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA journal_mode=WAL`, `PRAGMA wal_autocheckpoint=0`,
		`UPDATE setting SET value = '日志里' WHERE key = 'brief.issuing_unit'`} {
		_, err := db.Exec(q)
		require.NoError(t, err, q)
	}
	// Copy the pair while the connection still has it open: closing would checkpoint the -wal away.
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path+".keep"+suffix, b, 0o644))
	}
	require.NoError(t, db.Close())
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	for _, suffix := range []string{"", "-wal"} {
		require.NoError(t, os.Rename(path+".keep"+suffix, path+suffix))
	}
	st, err := os.Stat(path + "-wal")
	require.NoError(t, err)
	require.NotZero(t, st.Size())
}

// TestABackupDoesNotReplaceADatabaseWithCommitsInItsWal: the -wal would be applied to the new file (F7).
func TestABackupDoesNotReplaceADatabaseWithCommitsInItsWal(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	setUnit(t, s, "备份源")
	target := filepath.Join(t.TempDir(), "other.db")
	walPair(t, target)
	err := s.Backup(ctx, target)
	require.Error(t, err)
	assert.Equal(t, "err.backup.target_wal", ErrorKey(err))
	assert.FileExists(t, target+"-wal")

	// An empty -wal and a -shm left by a clean close are removed, and the backup goes ahead.
	require.NoError(t, os.Remove(target+"-wal"))
	require.NoError(t, os.WriteFile(target+"-wal", nil, 0o644))
	require.NoError(t, os.WriteFile(target+"-shm", make([]byte, 32768), 0o644))
	require.NoError(t, s.Backup(ctx, target))
	assert.NoFileExists(t, target+"-wal")
	assert.NoFileExists(t, target+"-shm")
	assert.Equal(t, "备份源", unitOf(t, target))
}

// TestRestoreTakesTheCommitsInTheChosenFilesWal: a chosen file whose last commits are in its -wal is restored
// as SQLite reads it, those commits included (F3).
func TestRestoreTakesTheCommitsInTheChosenFilesWal(t *testing.T) {
	t.Parallel()
	dbPath, _, _ := restoreFixture(t)
	chosen := filepath.Join(t.TempDir(), "chosen.db")
	walPair(t, chosen)
	_, err := Restore(dbPath, chosen, time.Now())
	require.NoError(t, err)
	assert.Equal(t, "日志里", unitOf(t, dbPath))
	require.NoError(t, CheckBackup(dbPath))
	assert.FileExists(t, chosen+"-wal", "the chosen file is read, not changed")
	for _, suffix := range []string{".restoring", ".restoring-journal", "-wal", "-journal"} {
		assert.NoFileExists(t, dbPath+suffix)
	}
}

// cutShort writes a copy of a sample database to dir/name with its last n bytes cut off, as a copy that did
// not finish leaves it.
func cutShort(t *testing.T, dir, name string, n int64) string {
	t.Helper()
	s, err := Open(filepath.Join(dir, "whole.db"))
	require.NoError(t, err)
	require.NoError(t, s.LoadSample(context.Background()))
	require.NoError(t, s.Close())
	b, err := os.ReadFile(filepath.Join(dir, "whole.db")) // a copy of the database file, as a user makes one
	require.NoError(t, err)
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, b[:int64(len(b))-n], 0o644))
	return p
}

// TestAFileCutShortIsDamaged: a database that lost its last bytes passes integrity_check (SQLite reads the
// missing tail as zeros) but is damaged, and every check says so (F2).
func TestAFileCutShortIsDamaged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, n := range []int64{1, 16, 100, 4096} {
		dir := t.TempDir()
		cut := cutShort(t, dir, "cut.db", n)
		err := CheckBackup(cut)
		assert.Equal(t, "err.backup.damaged", ErrorKey(err), "cut by %d: %v", n, err)

		ps, err := CheckFile(ctx, cut)
		require.NoError(t, err)
		require.NotEmpty(t, ps, "cut by %d", n)
		assert.Equal(t, "integrity", ps[0].Kind)

		r, err := OpenReadOnly(cut)
		if err == nil {
			ps, err = r.Check(ctx)
			r.Close()
			require.NoError(t, err)
			require.NotEmpty(t, ps, "cut by %d", n)
			assert.Equal(t, "integrity", ps[0].Kind)
		}

		err = BackupDatabase(ctx, cut, filepath.Join(dir, "again.db"))
		assert.Equal(t, "err.backup.damaged", ErrorKey(err), "cut by %d: %v", n, err)
		assert.NoFileExists(t, filepath.Join(dir, "again.db"))

		live := filepath.Join(dir, "live.db")
		_, err = Restore(live, cut, time.Now())
		assert.Equal(t, "err.backup.damaged", ErrorKey(err), "cut by %d: %v", n, err)
	}
}

// TestABackupRemovesWhatBackupsCutShortLeft: a killed backup leaves its full-size temporary (and its
// -journal) beside the target; the next backup there removes them, and nothing that is not of its naming
// (F4).
func TestABackupRemovesWhatBackupsCutShortLeft(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "bk.db")
	left := []string{".bk.db.tmp-1234567", ".bk.db.tmp-1234567-journal", ".bk.db.tmp-99", ".other.db.tmp-5"}
	kept := []string{".bk.db.tmp-12x", "bk.db.tmp-1", ".bk.db.tmp-", "notes.txt"}
	for _, name := range append(append([]string{}, left...), kept...) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("left"), 0o644))
	}
	require.NoError(t, s.Backup(ctx, target))
	for _, name := range left {
		assert.NoFileExists(t, filepath.Join(dir, name))
	}
	for _, name := range kept {
		assert.FileExists(t, filepath.Join(dir, name), "not of the backup's naming")
	}
}

// TestABackupToANewNameHoldsItWithoutMakingIt: while a backup to a name no file has yet is written, a writer
// opening that name is refused, and the backup has made no empty file under the name: a backup killed then
// would leave one, which the daily backup takes for the day's backup. (The refused writer leaves the empty
// file it made, which the rename replaces: removing it could remove the backup renamed there meanwhile.) Not
// parallel: it sets beforeBackupRename.
func TestABackupToANewNameHoldsItWithoutMakingIt(t *testing.T) {
	sqliteOnly(t) // backups are files
	ctx := context.Background()
	s := openTestStore(t)
	setUnit(t, s, "备份源")
	target := filepath.Join(t.TempDir(), "daily-2026-12-07.db")
	var inside error
	var madeMeanwhile bool
	beforeBackupRename = func(string) {
		_, err := os.Stat(target)
		madeMeanwhile = err == nil
		w, err := Open(target)
		if err == nil {
			w.Close()
		}
		inside = err
	}
	defer func() { beforeBackupRename = nil }()
	require.NoError(t, s.Backup(ctx, target))
	assert.True(t, errors.Is(inside, ErrLocked), "%v", inside)
	assert.False(t, madeMeanwhile, "no file under the backup's name before its rename")
	assert.Equal(t, "备份源", unitOf(t, target))
	assert.NoFileExists(t, target+".lock")
}

// TestAFileBesideItsWalIsNotJudgedByItsSize: a writer killed during a checkpoint leaves the main file shorter
// than its header says, and SQLite completes it from the -wal: no damage (found by the kill test of item 4).
func TestAFileBesideItsWalIsNotJudgedByItsSize(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cut := cutShort(t, dir, "cut.db", 4096)
	detail, err := fileSizeProblem(cut)
	require.NoError(t, err)
	require.NotEmpty(t, detail)
	require.NoError(t, os.WriteFile(cut+"-wal", []byte("frames"), 0o644))
	detail, err = fileSizeProblem(cut)
	require.NoError(t, err)
	assert.Empty(t, detail)
}
