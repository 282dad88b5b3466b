package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/dialect"
	"scitech/data/postgres"
)

// The store's seam to a server (issue 19, phase 1), end to end on a real PostgreSQL: make test exports the URL
// of a throwaway server in SCITECH_PG_URL (tools/pgtest/pg.sh). Without it these tests skip, unless
// SCITECH_REQUIRE_PG is set: then they fail, so that CI never passes with the server left out.

// serverURL is the test server's administrative URL.
func testServerURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("SCITECH_PG_URL")
	if u == "" {
		if os.Getenv("SCITECH_REQUIRE_PG") != "" {
			t.Fatal("SCITECH_REQUIRE_PG is set but SCITECH_PG_URL is not: the PostgreSQL test server is missing " +
				"(make test starts one with tools/pgtest/pg.sh)")
		}
		t.Skip("no PostgreSQL test server (set SCITECH_PG_URL, e.g. from tools/pgtest/pg.sh start)")
	}
	return u
}

// testServerAvailable reports whether the tests have a server, failing the test binary's promise otherwise when
// SCITECH_REQUIRE_PG is set (serverURL says so).
func testServerAvailable() bool {
	return os.Getenv("SCITECH_PG_URL") != "" || os.Getenv("SCITECH_REQUIRE_PG") != ""
}

var serverDBs atomic.Int64

// freshServerDatabase creates a new, empty database on the test server and returns its URL; it is dropped when
// the test ends.
func freshServerDatabase(t *testing.T) string {
	t.Helper()
	admin := testServerURL(t)
	name := fmt.Sprintf("scitech_dialect_%d_%d", os.Getpid(), serverDBs.Add(1))
	ctx := context.Background()
	db, err := postgres.New().Open(ctx, dialect.ParseTarget(admin))
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `CREATE DATABASE `+name+` ENCODING 'UTF8' TEMPLATE template0`)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := db.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		assert.NoError(t, err)
		db.Close()
	})
	u, err := url.Parse(admin)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}

// A clerk's day on a server: the administrator sets the database up, a desk opens it, adds a company, edits
// it and undoes the edit; the history shows each change and the undo put the company back as it was.
func TestServerStoreAddsEditsAndUndoes(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))

	s, err := Open(u)
	require.NoError(t, err)
	defer s.Close()
	assert.True(t, s.Server())
	assert.False(t, s.ReadOnly())
	assert.Equal(t, "", s.Path(), "a server has no file")
	assert.Equal(t, dialect.ParseTarget(u).String(), s.Name())

	c := Company{USCC: "91350100M000100Y43", Name: "大连旅顺测试科技有限公司", Field: "electronics"}
	require.NoError(t, s.CreateCompany(ctx, &c))
	id := c.ID
	c.Name = "大连旅顺改名科技有限公司"
	require.NoError(t, s.UpdateCompany(ctx, &c))

	got, err := s.Company(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "大连旅顺改名科技有限公司", got.Name)

	entries, err := s.History(ctx, HistoryFilter{Entity: "company", EntityID: id})
	require.NoError(t, err)
	require.Len(t, entries, 2, "the add and the edit")
	assert.Equal(t, "update", entries[0].Action)
	assert.Contains(t, entries[0].Changes, HistoryField{Field: "name", Old: "大连旅顺测试科技有限公司", New: "大连旅顺改名科技有限公司"})
	require.True(t, entries[0].Undoable())
	require.NoError(t, s.Undo(ctx, entries[0].Group))

	got, err = s.Company(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "大连旅顺测试科技有限公司", got.Name, "the undo put the old name back")
	after, err := s.History(ctx, HistoryFilter{Entity: "company", EntityID: id})
	require.NoError(t, err)
	require.Len(t, after, 3, "the undo is a change of its own")
	assert.Equal(t, entries[0].Group, after[0].UndoOf)
	assert.Equal(t, after[0].Group, after[1].UndoneBy, "the edit is shown undone")

	// A backup of a server is a database file any copy of the program opens.
	file := filepath.Join(t.TempDir(), "office.db")
	require.NoError(t, s.Backup(ctx, file))
	copied, err := Open(file)
	require.NoError(t, err)
	defer copied.Close()
	got, err = copied.Company(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "大连旅顺测试科技有限公司", got.Name)
}

// Open never creates or upgrades a server's schema: an empty database is refused with the command that sets
// it up, and so is a second init into a database that holds the program's tables.
func TestServerOpenRefusesWhatItMustNotWrite(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	name := dialect.ParseTarget(u).String()

	_, err := Open(u)
	require.Error(t, err)
	assert.Equal(t, "err.server.not_set_up", ErrorKey(err))
	assert.Contains(t, err.Error(), "scitech server init")
	assert.Contains(t, err.Error(), name)

	require.NoError(t, InitServer(ctx, u))
	err = InitServer(ctx, u)
	require.Error(t, err)
	assert.Equal(t, "err.server.not_empty", ErrorKey(err))
	assert.Equal(t, Conflict, ErrorCode(err))
	n, err := UpgradeServer(ctx, u)
	require.NoError(t, err)
	assert.Equal(t, 0, n, "nothing to upgrade")

	s, err := Open(u)
	require.NoError(t, err)
	require.NoError(t, s.Close())
}

// A database the program did not set up is left as it is: another program's tables refuse init and open.
func TestServerRefusesAnotherProgramsDatabase(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	db, err := postgres.New().Open(ctx, dialect.ParseTarget(u))
	require.NoError(t, err)
	_, err = db.ExecContext(ctx, `CREATE TABLE customers (id int)`)
	require.NoError(t, err)
	db.Close()

	err = InitServer(ctx, u)
	assert.Equal(t, "err.server.not_empty", ErrorKey(err), "%v", err)
	_, err = Open(u)
	assert.Equal(t, "err.db.foreign", ErrorKey(err), "%v", err)
	_, err = UpgradeServer(ctx, u)
	assert.Equal(t, "err.db.foreign", ErrorKey(err), "%v", err)
}

// A schema one migration behind is refused by Open with the command that upgrades it, which applies that one;
// a schema newer than the program is refused by both, naming the server, never the password.
func TestServerSchemaOlderOrNewer(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	d := postgres.New()
	db, err := d.Open(ctx, dialect.ParseTarget(u))
	require.NoError(t, err)
	defer db.Close()
	names, err := fs.Glob(d.Migrations(), "*.sql")
	require.NoError(t, err)
	older := fstest.MapFS{}
	for _, n := range names[:len(names)-1] {
		body, err := fs.ReadFile(d.Migrations(), n)
		require.NoError(t, err)
		older[n] = &fstest.MapFile{Data: body}
	}
	_, err = postgres.Migrate(ctx, db, older, time.Now)
	require.NoError(t, err)

	_, err = Open(u)
	require.Error(t, err)
	assert.Equal(t, "err.server.needs_upgrade", ErrorKey(err), "%v", err)
	assert.Contains(t, err.Error(), "scitech server upgrade")
	n, err := UpgradeServer(ctx, u)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	s, err := Open(u)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	known := latestMigrationOf(d.Migrations())
	_, err = db.ExecContext(ctx, `INSERT INTO schema_migration (version, name, applied_at) VALUES (?, '9999_future.sql', ?)`,
		known+1, time.Now().UTC().Format(time.RFC3339))
	require.NoError(t, err)
	withPassword := strings.Replace(u, "postgres@", "postgres:s3cret@", 1)
	_, err = Open(withPassword)
	require.Error(t, err)
	assert.Equal(t, "err.db.newer", ErrorKey(err), "%v", err)
	assert.NotContains(t, err.Error(), "s3cret")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, dialect.ParseTarget(u).String(), e.Args["Path"])
	_, err = UpgradeServer(ctx, u)
	assert.Equal(t, "err.db.newer", ErrorKey(err), "%v", err)
}

// Desks on one server write one at a time, as copies of the program on a file do: a change waits for another
// desk's to end, and one that waits longer than the lock timeout is told the database is busy (err.server.busy,
// a storage error the user can act on: try again), with nothing written.
func TestServerWritersTakeTurns(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))
	first, err := Open(u)
	require.NoError(t, err)
	defer first.Close()
	second, err := Open(u)
	require.NoError(t, err)
	defer second.Close()
	second.d.(*postgres.Dialect).LockTimeout = 300 * time.Millisecond

	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- first.update(ctx, func(tx *sql.Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}
	err = second.CreateCompany(ctx, &c)
	require.Error(t, err)
	assert.Equal(t, "err.server.busy", ErrorKey(err), "%v", err)
	assert.Equal(t, Storage, ErrorCode(err))
	close(release)
	require.NoError(t, <-done)

	n, err := second.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, 0, n, "the refused change wrote nothing")
	require.NoError(t, second.CreateCompany(ctx, &c), "once the other desk is done")
}

// The first desk to open a server on a day writes the day's backup (and the month's) into its own backups
// folder, a file any copy of the program opens; a desk opening it later that day, or while another desk is
// writing it, writes none.
func TestServerDailyBackupIsWrittenOnceADay(t *testing.T) {
	ctx := context.Background()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // DefaultDataDir, where a server's backups go on this computer
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))
	first, err := Open(u)
	require.NoError(t, err)
	defer first.Close()
	second, err := Open(u)
	require.NoError(t, err)
	defer second.Close()
	c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}
	require.NoError(t, first.CreateCompany(ctx, &c))

	day := time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local)
	dir := first.BackupDir()
	assert.Equal(t, ServerBackupDir(first.Name()), dir)
	made, err := first.DailyBackup(ctx, day)
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(dir, "daily-2026-12-07.db"), filepath.Join(dir, "monthly-2026-12.db")}, made)
	made, err = second.DailyBackup(ctx, day.Add(time.Hour))
	require.NoError(t, err)
	assert.Empty(t, made, "the day's backup is made")

	// Another desk writing the next day's: this one leaves it.
	holding, release, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		ok, err := postgres.WithSessionLock(ctx, second.db, postgres.DailyBackupLockKey, true, func(*sql.Conn) error {
			close(holding)
			<-release
			return nil
		})
		if err == nil && !ok {
			err = errors.New("the lock was not free")
		}
		held <- err
	}()
	<-holding
	made, err = first.DailyBackup(ctx, day.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.Empty(t, made, "another desk holds the daily backup")
	close(release)
	require.NoError(t, <-held)
	made, err = first.DailyBackup(ctx, day.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(dir, "daily-2026-12-08.db")}, made, "the month has its backup")

	backup, err := Open(made[0])
	require.NoError(t, err)
	defer backup.Close()
	got, err := backup.CompanyByUSCC(ctx, c.USCC)
	require.NoError(t, err)
	assert.Equal(t, c.Name, got.Name)
	entries, err := first.History(ctx, HistoryFilter{})
	require.NoError(t, err)
	assert.Len(t, entries, 1, "the backup's marks are no change in the history")
}

// A server address pgx cannot read is said as such, naming what it can of it and never the password.
func TestServerAddressThatCannotBeRead(t *testing.T) {
	for _, open := range []func(string) error{
		func(u string) error { _, err := Open(u); return err },
		func(u string) error { return InitServer(context.Background(), u) },
		func(u string) error { _, err := UpgradeServer(context.Background(), u); return err },
	} {
		err := open("postgres://clerk:s3cret@host:notaport/db")
		require.Error(t, err)
		assert.Equal(t, "err.server.bad_url", ErrorKey(err), "%v", err)
		assert.Equal(t, Invalid, ErrorCode(err))
		assert.NotContains(t, err.Error(), "s3cret")
	}
}
