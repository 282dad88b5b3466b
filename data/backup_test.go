package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/sqlite"
	"scitech/data/testsize"
)

// unitOf reads the issuing unit a database file holds, the marker these tests write, without changing the file.
func unitOf(t *testing.T, path string) string {
	t.Helper()
	db, err := openVerbatim(path)
	require.NoError(t, err)
	defer db.Close()
	b, err := briefSettings(context.Background(), db)
	require.NoError(t, err)
	return b.IssuingUnit
}

func setUnit(t *testing.T, s *Store, unit string) {
	t.Helper()
	require.NoError(t, s.SetBriefSettings(context.Background(), BriefSettings{IssuingUnit: unit, BriefName: "科技工作简报", IssueNo: 1}))
}

func TestBackupWritesACheckedCopyAndLeavesNoTemporaryFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	setUnit(t, s, "旅顺口区科学技术局")
	dir := t.TempDir()
	path := filepath.Join(dir, "copy.db")
	require.NoError(t, s.Backup(ctx, path))
	require.NoError(t, CheckBackup(path))
	assert.Equal(t, "旅顺口区科学技术局", unitOf(t, path))

	// A second backup to the same name replaces the first.
	setUnit(t, s, "第二次")
	require.NoError(t, s.Backup(ctx, path))
	assert.Equal(t, "第二次", unitOf(t, path))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file, no -wal or -shm beside the backup")
	assert.Equal(t, "copy.db", entries[0].Name())
}

func TestBackupToAFolderThatCannotBeMadeIsAClearError(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	blocker := filepath.Join(t.TempDir(), "backups")
	require.NoError(t, os.WriteFile(blocker, []byte("a file where the folder should be"), 0o644))
	err := s.Backup(context.Background(), filepath.Join(blocker, "b.db"))
	require.Error(t, err)
	assert.Equal(t, "err.backup.folder", ErrorKey(err))
	assert.Contains(t, err.Error(), blocker)
}

func TestBackupDatabaseBesideTheCopyThatWrites(t *testing.T) {
	sqliteOnly(t) // backups are files
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	setUnit(t, s, "窗口打开时")
	path := filepath.Join(t.TempDir(), "b.db")
	require.NoError(t, BackupDatabase(ctx, s.Path(), path), "no writer lock is needed to read a snapshot")
	require.NoError(t, CheckBackup(path))
	assert.Equal(t, "窗口打开时", unitOf(t, path), "what is committed but not yet checkpointed is in the backup")

	missing := filepath.Join(t.TempDir(), "none.db")
	err := BackupDatabase(ctx, missing, path)
	assert.Equal(t, "err.backup.unreadable", ErrorKey(err))
	assert.NoFileExists(t, missing, "a backup never creates a database")
}

// TestDailyBackupRotationOverAYearAndAHalf starts the program over 500 days (some days twice), each start
// changing the records, and checks after every start that exactly the newest 30 daily and 12 monthly
// backups are there, and at the end that each one holds the records of its day and passes its check.
func TestDailyBackupRotationOverAYearAndAHalf(t *testing.T) {
	sqliteOnly(t) // the daily backups of a database file
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	dir := BackupDir(s.Path())
	require.NoError(t, os.MkdirAll(dir, 0o755))
	cutShort := filepath.Join(dir, ".daily-2025-08-01.db.tmp-123")
	require.NoError(t, os.WriteFile(cutShort, []byte("half a backup"), 0o644))
	longAgo := time.Date(2020, 1, 1, 0, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(cutShort, longAgo, longAgo))
	others := map[string]string{
		"notes.txt":                 "kept by hand",
		"daily-2020-01-01 copy.db":  "a copy the clerk made",
		"daily-2020-13-45.db":       "not a date",
		"manual-20200101-120000.db": "a manual backup",
		"monthly-2020-01.db.bak":    "not ours",
	}
	for name, body := range others {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}

	rng := rand.New(rand.NewSource(6))
	start := time.Date(2025, 8, 14, 8, 30, 0, 0, time.Local)
	var startDays []string              // days the program was started, in order
	firstOfMonth := map[string]string{} // month → the first day it was started
	var months []string
	made := 0
	everyDays := testsize.Pick(14, 7)
	for d := 0; d < 500; d++ {
		day := start.AddDate(0, 0, d)
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		// Started on most working days of the last eight weeks, and on Mondays before: every other Monday in
		// make test, every Monday in make stress, each month's first start either way (each backup costs a
		// third of a second under -race; the rotation goes by the dates in the names, not by how often).
		if d >= 500-56 && (weekend || rng.Intn(10) == 0) || d < 500-56 && (day.Weekday() != time.Monday || d%everyDays >= 7) {
			continue
		}
		key := day.Format(dayLayout)
		setUnit(t, s, "day "+key) // the day's work, before the first start of the next day
		wrote, err := s.DailyBackup(ctx, day)
		require.NoError(t, err)
		startDays = append(startDays, key)
		m := day.Format(monthLayout)
		if _, ok := firstOfMonth[m]; !ok {
			firstOfMonth[m] = key
			months = append(months, m)
		}
		made += len(wrote)
		if rng.Intn(4) == 0 { // started again the same day: nothing new
			setUnit(t, s, "later "+key)
			again, err := s.DailyBackup(ctx, day.Add(5*time.Hour))
			require.NoError(t, err)
			assert.Empty(t, again)
		}
		daily, monthly := rotationFiles(t, dir)
		require.Len(t, daily, min(len(startDays), KeepDaily), "day %s", key)
		require.Len(t, monthly, min(len(months), KeepMonthly), "day %s", key)
	}

	daily, monthly := rotationFiles(t, dir)
	wantDaily := startDays[len(startDays)-KeepDaily:]
	wantMonths := months[len(months)-KeepMonthly:]
	var gotDaily, gotMonths []string
	for _, name := range daily {
		gotDaily = append(gotDaily, strings.TrimSuffix(strings.TrimPrefix(name, "daily-"), ".db"))
	}
	for _, name := range monthly {
		gotMonths = append(gotMonths, strings.TrimSuffix(strings.TrimPrefix(name, "monthly-"), ".db"))
	}
	assert.Equal(t, wantDaily, gotDaily, "the newest 30 days the program was started")
	assert.Equal(t, wantMonths, gotMonths, "the newest 12 months")

	verified := 0
	for _, day := range gotDaily {
		p := filepath.Join(dir, "daily-"+day+".db")
		require.NoError(t, CheckBackup(p))
		assert.Equal(t, "day "+day, unitOf(t, p), "the daily backup holds the records of its first start")
		verified++
	}
	for _, m := range gotMonths {
		p := filepath.Join(dir, "monthly-"+m+".db")
		require.NoError(t, CheckBackup(p))
		assert.Equal(t, "day "+firstOfMonth[m], unitOf(t, p), "the monthly backup holds the month's first start")
		verified++
	}
	for name, body := range others {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err, "%s is not the rotation's to delete", name)
		assert.Equal(t, body, string(got))
	}
	assert.NoFileExists(t, cutShort, "what a backup cut short left is removed once it is a day old")
	last, ok := LastBackup(dir)
	require.True(t, ok)
	assert.Contains(t, []string{BackupDaily, BackupMonthly}, last.Kind)
	t.Logf("%d starts over 500 days: %d backups made (each checked on writing), %d kept and verified (%d daily, %d monthly)",
		len(startDays), made, verified, len(gotDaily), len(gotMonths))
}

// rotationFiles lists the daily and monthly backups of a folder by name, oldest first.
func rotationFiles(t *testing.T, dir string) (daily, monthly []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "daily-20") && len(name) == len("daily-2006-01-02.db"):
			daily = append(daily, name)
		case strings.HasPrefix(name, "monthly-20") && len(name) == len("monthly-2006-01.db"):
			monthly = append(monthly, name)
		}
	}
	sort.Strings(daily)
	sort.Strings(monthly)
	if len(daily) > 0 && daily[0] == "daily-2020-13-45.db" {
		daily = daily[1:]
	}
	return daily, monthly
}

func TestDailyBackupLeavesABackupBeingWrittenAlone(t *testing.T) {
	sqliteOnly(t) // the daily backups of a database file
	t.Parallel()
	s := openTestStore(t)
	dir := BackupDir(s.Path())
	require.NoError(t, os.MkdirAll(dir, 0o755))
	writing := filepath.Join(dir, ".manual-20261126-153000.db.tmp-42")
	require.NoError(t, os.WriteFile(writing, []byte("being written"), 0o644))
	stale := filepath.Join(dir, ".manual-20261125-090000.db.tmp-7")
	require.NoError(t, os.WriteFile(stale, []byte("killed"), 0o644))
	require.NoError(t, os.WriteFile(stale+"-journal", []byte("killed"), 0o644))
	notOurs := filepath.Join(dir, ".manual-20261125-090000.db.tmp-7x")
	require.NoError(t, os.WriteFile(notOurs, []byte("someone else's"), 0o644))
	// The backup writing its temporary holds its target's writer lock, as vacuumInto does.
	lock, err := lockTarget(filepath.Join(dir, "manual-20261126-153000.db"))
	require.NoError(t, err)
	defer lock.release()
	_, err = s.DailyBackup(context.Background(), time.Now())
	require.NoError(t, err)
	assert.FileExists(t, writing)
	assert.FileExists(t, notOurs)
	assert.NoFileExists(t, stale, "no backup holds its name: it was cut short")
	assert.NoFileExists(t, stale+"-journal")
}

func TestListBackupsNamesKinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	names := []string{"daily-2026-11-26.db", "monthly-2026-11.db", "manual-20261126-150000.db",
		"before-migration-0006-20261126-150000.db", "before-restore-20261126-150000.db", "from-usb.db", "notes.txt",
		".daily-2026-11-27.db.tmp-1"}
	for i, n := range names {
		p := filepath.Join(dir, n)
		require.NoError(t, os.WriteFile(p, []byte(strconv.Itoa(i)), 0o644))
		at := time.Date(2026, 11, 26, 10, i, 0, 0, time.Local)
		require.NoError(t, os.Chtimes(p, at, at))
	}
	list, err := ListBackups(dir)
	require.NoError(t, err)
	var kinds []string
	for _, b := range list {
		kinds = append(kinds, b.Kind)
	}
	assert.Equal(t, []string{BackupOther, BackupBeforeRestore, BackupMigration, BackupManual, BackupMonthly, BackupDaily}, kinds,
		"newest first; neither other files nor half-written ones are listed")
	last, ok := LastBackup(dir)
	require.True(t, ok)
	assert.Equal(t, filepath.Join(dir, "from-usb.db"), last.Path)
	_, ok = LastBackup(filepath.Join(dir, "none"))
	assert.False(t, ok)
}

// oldDatabase writes a database with every migration but the newest applied, as an earlier version of the
// program left it, and returns the newest migration's version.
func oldDatabase(t *testing.T, path string) int {
	t.Helper()
	names, err := fs.Glob(migrations, "migrations/*.sql")
	require.NoError(t, err)
	sort.Strings(names)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	db, err := sql.Open("sqlite", sqlite.URI(path, sqlite.Params(0, false)...))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
	require.NoError(t, err)
	for _, name := range names[:len(names)-1] {
		body, err := migrations.ReadFile(name)
		require.NoError(t, err)
		_, err = db.Exec(string(body))
		require.NoError(t, err, name)
		v, _ := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		_, err = db.Exec(`INSERT INTO schema_migration VALUES (?, ?, '2026-01-01T00:00:00Z')`, v, filepath.Base(name))
		require.NoError(t, err)
	}
	_, err = db.Exec(`INSERT INTO setting (key, value) VALUES ('brief.issuing_unit', '升级前')`)
	require.NoError(t, err)
	newest, _ := strconv.Atoi(strings.SplitN(filepath.Base(names[len(names)-1]), "_", 2)[0])
	return newest
}

func TestMigrationOfAnExistingDatabaseIsBackedUpFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new", "scitech.db")
	s, err := Open(fresh)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	_, err = os.Stat(BackupDir(fresh))
	assert.True(t, os.IsNotExist(err), "a new database has nothing to keep")

	path := filepath.Join(dir, "old", "scitech.db")
	newest := oldDatabase(t, path)
	s, err = Open(path)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	list, err := ListBackups(BackupDir(path))
	require.NoError(t, err)
	require.Len(t, list, 1)
	b := list[0]
	assert.Equal(t, BackupMigration, b.Kind)
	assert.True(t, strings.HasPrefix(filepath.Base(b.Path), fmt.Sprintf("before-migration-%04d-", newest)), b.Path)
	require.NoError(t, CheckBackup(b.Path))
	db, err := openVerbatim(b.Path)
	require.NoError(t, err)
	defer db.Close()
	var v int
	require.NoError(t, db.QueryRow(`SELECT max(version) FROM schema_migration`).Scan(&v))
	assert.Equal(t, newest-1, v, "the backup is the database as it was before the migration")
	assert.Equal(t, "升级前", unitOf(t, b.Path))

	// Opening again applies nothing, so writes no second backup.
	s, err = Open(path)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	list, _ = ListBackups(BackupDir(path))
	assert.Len(t, list, 1)

	// The newest migration's record deleted: it is applied again (and fails, its tables being there), and
	// the backup was written before it was tried.
	s, err = Open(path)
	require.NoError(t, err)
	_, err = s.db.Exec(`DELETE FROM schema_migration WHERE version = ?`, newest)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = Open(path)
	if err == nil {
		s.Close()
	}
	list, _ = ListBackups(BackupDir(path))
	require.Len(t, list, 2, "a second before-migration backup, whatever the migration did")
	require.NoError(t, CheckBackup(list[0].Path))
	assert.Equal(t, BackupMigration, list[0].Kind)
}

// fileSum is the hash of a file's bytes, "" when it does not exist.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	require.NoError(t, err)
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// restoreFixture is a database with the sample set and the marker "现在", closed, and a backup of it taken
// when its marker was "备份时", and one company fewer.
func restoreFixture(t *testing.T) (dbPath, backup string, companiesNow int) {
	t.Helper()
	ctx := context.Background()
	dbPath = filepath.Join(t.TempDir(), "scitech.db")
	s, err := Open(dbPath)
	require.NoError(t, err)
	require.NoError(t, s.LoadSample(ctx))
	setUnit(t, s, "备份时")
	backup = filepath.Join(t.TempDir(), "chosen.db")
	require.NoError(t, s.Backup(ctx, backup))
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	setUnit(t, s, "现在")
	companiesNow, err = s.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	return dbPath, backup, companiesNow
}

func TestRestoreBringsBackTheRecordsAndKeepsTheCurrentDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbPath, backup, now := restoreFixture(t)
	at := time.Date(2026, 11, 26, 16, 30, 5, 0, time.Local)
	kept, err := Restore(dbPath, backup, at)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(BackupDir(dbPath), "before-restore-20261126-163005.db"), kept)
	for _, leftover := range []string{"-wal", "-shm", ".restoring"} {
		assert.NoFileExists(t, dbPath+leftover)
	}

	s, err := Open(dbPath)
	require.NoError(t, err)
	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	assert.Equal(t, "备份时", b.IssuingUnit, "the records of the backup are back")
	n, err := s.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, now-1, n, "the company added after the backup is gone")
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
	require.NoError(t, s.Close())

	require.NoError(t, CheckBackup(kept))
	assert.Equal(t, "现在", unitOf(t, kept), "the database the restore replaced is kept")
	require.NoError(t, CheckBackup(backup), "the chosen backup is left as it was")

	// Restoring the kept one undoes the restore; the same second gets a name of its own.
	kept2, err := Restore(dbPath, kept, at)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(BackupDir(dbPath), "before-restore-20261126-163005-2.db"), kept2)
	assert.Equal(t, "现在", unitOf(t, dbPath))
}

func TestRestoreOntoANewPlace(t *testing.T) {
	t.Parallel()
	_, backup, _ := restoreFixture(t)
	dbPath := filepath.Join(t.TempDir(), "fresh", "scitech.db")
	kept, err := Restore(dbPath, backup, time.Now())
	require.NoError(t, err)
	assert.Empty(t, kept, "there was no database to keep")
	assert.Equal(t, "备份时", unitOf(t, dbPath))
}

func TestRestoreRefusesWhileTheDatabaseIsOpen(t *testing.T) {
	t.Parallel()
	dbPath, backup, _ := restoreFixture(t)
	s, err := Open(dbPath)
	require.NoError(t, err)
	defer s.Close()
	_, err = Restore(dbPath, backup, time.Now())
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrLocked)
}

// TestRestoreRefusesDamagedAndForeignFiles offers restore files that must not become the database: each is
// refused with an error that names the file, and the current database is byte for byte as it was.
func TestRestoreRefusesDamagedAndForeignFiles(t *testing.T) {
	t.Parallel()
	dbPath, backup, _ := restoreFixture(t)
	dir := t.TempDir()
	good, err := os.ReadFile(backup)
	require.NoError(t, err)

	write := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, body, 0o644))
		return p
	}
	corrupt := func() string {
		body := bytes.Clone(good)
		page := 4096
		mid := (len(body) / page / 2) * page
		for i := mid; i < mid+page; i++ {
			body[i] = byte(i * 7)
		}
		return write("损坏的备份.db", body)
	}
	foreign := func() string {
		p := filepath.Join(dir, "other-program.db")
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(p))
		require.NoError(t, err)
		_, err = db.Exec(`CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customer (name) VALUES ('x')`)
		require.NoError(t, err)
		require.NoError(t, db.Close())
		return p
	}
	modify := func(name, stmt string) func() string {
		return func() string {
			p := write(name, good)
			db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(p))
			require.NoError(t, err)
			_, err = db.Exec(stmt)
			require.NoError(t, err)
			require.NoError(t, db.Close())
			return p
		}
	}
	cases := []struct {
		name string
		file func() string
		key  string
	}{
		{"bytes overwritten in the middle", corrupt, "err.backup.damaged"},
		{"not a database", func() string { return write("简报.pdf", []byte("%PDF-1.4 not a database at all")) }, "err.backup.not_database"},
		{"an empty file", func() string { return write("empty.db", nil) }, "err.backup.not_database"},
		{"a truncated database", func() string { return write("half.db", good[:len(good)/2]) }, "err.backup.damaged"},
		{"a database of another program", foreign, "err.backup.foreign"},
		{"a newer version's database", modify("newer.db", `INSERT INTO schema_migration VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')`), "err.backup.newer"},
		{"records pointing nowhere", modify("orphans.db", `PRAGMA foreign_keys = OFF; UPDATE company SET park_id = 999999`), "err.backup.foreign_keys"},
		{"a missing file", func() string { return filepath.Join(dir, "gone.db") }, "err.backup.unreadable"},
	}
	before := fileSum(t, dbPath)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.file()
			kept, err := Restore(dbPath, p, time.Now())
			require.Error(t, err)
			assert.Empty(t, kept)
			assert.Equal(t, c.key, ErrorKey(err), err.Error())
			assert.Equal(t, Invalid, ErrorCode(err))
			assert.Contains(t, err.Error(), p, "the message names the file")
			assert.Equal(t, before, fileSum(t, dbPath), "the current database is untouched")
			assert.NoFileExists(t, dbPath+".restoring")
			assert.Equal(t, "现在", unitOf(t, dbPath))
			list, _ := ListBackups(BackupDir(dbPath))
			assert.Empty(t, list, "a refused file costs no safety backup")
			if c.key != "err.backup.unreadable" {
				assert.Error(t, CheckBackup(p), "CheckBackup refuses it too")
			}
		})
	}
}

func TestRestoreOfTheDatabaseItselfIsRefused(t *testing.T) {
	t.Parallel()
	dbPath, _, _ := restoreFixture(t)
	_, err := Restore(dbPath, dbPath, time.Now())
	assert.Equal(t, "err.backup.same_file", ErrorKey(err))
}

// TestRestoreKeepsADamagedCurrentDatabaseAsItIs: the reason to restore is often a damaged database, which
// VACUUM INTO cannot read; it is kept as its raw bytes.
func TestRestoreKeepsADamagedCurrentDatabaseAsItIs(t *testing.T) {
	t.Parallel()
	dbPath, backup, _ := restoreFixture(t)
	require.NoError(t, os.WriteFile(dbPath, []byte("this was a database until the disk failed"), 0o644))
	kept, err := Restore(dbPath, backup, time.Now())
	require.NoError(t, err)
	got, err := os.ReadFile(kept)
	require.NoError(t, err)
	assert.Equal(t, "this was a database until the disk failed", string(got))
	assert.Equal(t, "备份时", unitOf(t, dbPath))
}

// TestBackupNeverWritesOntoTheDatabase: a backup whose target is the database or one of its side files, under
// any spelling, would rename a copy over the file SQLite is writing (or over its journal); it is refused and
// the database goes on as it was.
func TestBackupNeverWritesOntoTheDatabase(t *testing.T) {
	ctx := context.Background()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	db := filepath.Join(dir, "项目#1", "scitech.db")
	s, err := Open(db)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.LoadSample(ctx))
	setUnit(t, s, "活的")
	symlink(t, db, filepath.Join(dir, "link.db"))
	require.NoError(t, os.Link(db, filepath.Join(dir, "hard.db")))
	t.Chdir(dir)
	targets := []string{db, "link.db", "hard.db", filepath.Join("项目#1", "..", "项目#1", "scitech.db"),
		db + "-wal", db + "-shm", db + "-journal", db + ".lock"}
	for _, target := range targets {
		err := s.Backup(ctx, target)
		assert.Equal(t, "err.file.protected", ErrorKey(err), "Store.Backup to %s", target)
		err = BackupDatabase(ctx, db, target)
		assert.Equal(t, "err.file.protected", ErrorKey(err), "BackupDatabase to %s", target)
		err = BackupDatabase(ctx, "link.db", target)
		assert.Equal(t, "err.file.protected", ErrorKey(err), "BackupDatabase of the link to %s", target)
	}
	setUnit(t, s, "还在写")
	var ok string
	require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok))
	assert.Equal(t, "ok", ok)
	require.NoError(t, s.Close())
	require.NoError(t, CheckBackup(db))
	assert.Equal(t, "还在写", unitOf(t, db))
}

// A restore copies the chosen file to dbPath + ".restoring" first: the chosen file being that very name, the
// copy would truncate it, and the clean-up would then delete it.
func TestRestoreFromItsOwnWorkingCopyIsRefused(t *testing.T) {
	t.Parallel()
	dbPath, backup, _ := restoreFixture(t)
	working := dbPath + ".restoring"
	require.NoError(t, os.Rename(backup, working))
	sum := fileSum(t, working)
	_, err := Restore(dbPath, working, time.Now())
	assert.Equal(t, "err.file.protected", ErrorKey(err))
	assert.Equal(t, sum, fileSum(t, working), "the chosen backup is left as it was")
	assert.Equal(t, "现在", unitOf(t, dbPath))
}
