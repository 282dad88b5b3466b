package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/sqlite"
)

// fileRows is every table of a SQLite database file, row by row in rowid order, as text (schema_migration
// without the time each database recorded it).
func fileRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", sqlite.URI(path))
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, rows.Close())
	out := map[string][]string{}
	for _, table := range tables {
		query := `SELECT rowid, * FROM "` + table + `" ORDER BY rowid`
		switch table {
		case "schema_migration":
			query = `SELECT version, name FROM schema_migration ORDER BY version`
		case "company_gram":
			query = `SELECT * FROM company_gram ORDER BY 1, 2`
		}
		r, err := db.Query(query)
		require.NoError(t, err, table)
		cols, err := r.Columns()
		require.NoError(t, err)
		out[table] = []string{}
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, r.Scan(ptrs...))
			out[table] = append(out[table], fmt.Sprintf("%q", vals))
		}
		require.NoError(t, r.Close())
	}
	return out
}

// statsEveryYear is `scitech stats --json` of every year the program takes, up to next year.
func statsEveryYear(t *testing.T, db string) []string {
	t.Helper()
	var out []string
	for y := data.MinYear; y <= time.Now().Year()+1; y++ {
		code, stdout, errs := runCLI(t, "stats", "--year", strconv.Itoa(y), "--json", "--db", db)
		require.Equal(t, 0, code, "stats %d: %s", y, errs)
		out = append(out, stdout)
	}
	return out
}

// deskWithIssuedBrief is the sample data set with one brief issued (its PDF and workbook in the register) and
// one workbook imported (the import history).
func deskWithIssuedBrief(t *testing.T) string {
	t.Helper()
	db := demoDB(t)
	dir := t.TempDir()
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--issue", "--db", db,
		"--pdf", filepath.Join(dir, "b.pdf"), "--xlsx", filepath.Join(dir, "b.xlsx"))
	require.Equal(t, 0, code, errs)
	xlsx := filepath.Join(dir, "companies.xlsx")
	code, _, errs = runCLI(t, "export", "companies", xlsx, "--db", db)
	require.Equal(t, 0, code, errs)
	code, _, errs = runCLI(t, "import", xlsx, "--db", db)
	require.Equal(t, 0, code, errs)
	return db
}

// TestMigrateTheSampleToTheServerAndBack: a desk's file (the sample, with an issued brief) migrated into an
// empty server database IT just made, then from the server into a new file, comes back row for row, the
// brief's files byte for byte, and `scitech stats` gives the same figures for every year on both files.
func TestMigrateTheSampleToTheServerAndBack(t *testing.T) {
	server := testServer(t)
	desk := deskWithIssuedBrief(t)
	t.Setenv("SCITECH_LANG", "en")
	office := emptyServerDatabase(t, server)
	code, out, errs := runCLI(t, "migrate", "--from", desk, "--to", office)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "the files of 1 issued briefs included")
	assert.Regexp(t, `the figures of \d\d years`, out)

	back := filepath.Join(t.TempDir(), "back.db")
	code, _, errs = runCLI(t, "migrate", "--from", office, "--to", back)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, fileRows(t, desk), fileRows(t, back))
	assert.Equal(t, statsEveryYear(t, desk), statsEveryYear(t, back))
}

// TestAMigratedServerGivesTheDesksFigures: on the server the sample migrated from a desk gives the desk's
// figures for every year, and passes `scitech check`.
func TestAMigratedServerGivesTheDesksFigures(t *testing.T) {
	server := testServer(t)
	desk := deskWithIssuedBrief(t)
	office := emptyServerDatabase(t, server)
	code, _, errs := runCLI(t, "migrate", "--from", desk, "--to", office)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, statsEveryYear(t, desk), statsEveryYear(t, office))
	code, _, errs = runCLI(t, "check", "--db", office)
	assert.Equal(t, 0, code, errs)
}

// TestMigrateIntoADatabaseWithRecordsWritesNothing: migrate, and restore, into a server database that holds
// records are refused with exit 2, naming it, and leave every table as it was; so is a migrate onto an
// existing file.
func TestMigrateIntoADatabaseWithRecordsWritesNothing(t *testing.T) {
	server := testServer(t)
	desk := demoDB(t)
	t.Setenv("SCITECH_LANG", "en")
	office := emptyServerDatabase(t, server)
	code, _, errs := runCLI(t, "migrate", "--from", desk, "--to", office)
	require.Equal(t, 0, code, errs)
	before := serverTables(t, office)

	code, _, errs = runCLI(t, "migrate", "--from", desk, "--to", office)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "already holds data")
	assert.Contains(t, errs, dbName(office))
	assert.Equal(t, before, serverTables(t, office))

	backup := filepath.Join(t.TempDir(), "b.db")
	code, _, errs = runCLI(t, "backup", backup, "--db", desk)
	require.Equal(t, 0, code, errs)
	code, _, errs = runCLI(t, "restore", backup, "--db", office)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "already holds data")
	assert.Equal(t, before, serverTables(t, office))

	other := filepath.Join(t.TempDir(), "other.db")
	require.NoError(t, os.WriteFile(other, []byte("mine"), 0o644))
	code, _, errs = runCLI(t, "migrate", "--from", office, "--to", other)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "exists")
	b, err := os.ReadFile(other)
	require.NoError(t, err)
	assert.Equal(t, "mine", string(b))
}

// TestBackupAndRestoreOfAServer: `scitech backup FILE.db` of a server writes a SQLite file holding all its
// data, which passes the check of every backup and opens as any database does; `scitech restore` brings it
// into an empty server database, equal table for table.
func TestBackupAndRestoreOfAServer(t *testing.T) {
	server := testServer(t)
	desk := deskWithIssuedBrief(t)
	t.Setenv("SCITECH_LANG", "en")
	office := emptyServerDatabase(t, server)
	code, _, errs := runCLI(t, "migrate", "--from", desk, "--to", office)
	require.Equal(t, 0, code, errs)

	backup := filepath.Join(t.TempDir(), "office.db")
	code, _, errs = runCLI(t, "backup", backup, "--db", office)
	require.Equal(t, 0, code, errs)
	require.NoError(t, data.CheckBackup(backup))
	assert.Equal(t, fileRows(t, desk), fileRows(t, backup))

	second := emptyServerDatabase(t, server)
	code, out, errs := runCLI(t, "restore", backup, "--db", second)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, dbName(second))
	assert.Equal(t, serverTables(t, office), serverTables(t, second))
}

// TestMigrateNeedsBothEnds: migrate without --from or --to, or from a file that is not there, is a usage
// error that creates nothing.
func TestMigrateNeedsBothEnds(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	for _, args := range [][]string{
		{"migrate"},
		{"migrate", "--from", missing},
		{"migrate", "--to", filepath.Join(dir, "new.db")},
		{"migrate", "--from", missing, "--to", filepath.Join(dir, "new.db")},
		{"migrate", "--from", missing, "--to", missing},
	} {
		code, _, _ := runCLI(t, args...)
		assert.Equal(t, 2, code, "%v", args)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}
