package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx", for the tests' own look at the server
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testServer is the throwaway PostgreSQL server's URL (SCITECH_PG_URL, which make test exports; locally
// `tools/pgtest/pg.sh start`). Without one the test skips, or fails when SCITECH_REQUIRE_PG=1.
func testServer(t *testing.T) string {
	t.Helper()
	u := os.Getenv("SCITECH_PG_URL")
	if u == "" {
		if os.Getenv("SCITECH_REQUIRE_PG") == "1" {
			t.Fatal("SCITECH_REQUIRE_PG=1 but SCITECH_PG_URL is not set: no PostgreSQL server to test on")
		}
		t.Skip("SCITECH_PG_URL is not set: no PostgreSQL server (make test starts one; tools/pgtest/pg.sh start)")
	}
	return u
}

// serverAdmin is a connection to the server's maintenance database, closed when the test ends.
func serverAdmin(t *testing.T, server string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", server)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// withDatabase is server's URL with another database name (and user, when not "").
func withDatabase(t *testing.T, server, name, user string) string {
	t.Helper()
	u, err := url.Parse(server)
	require.NoError(t, err)
	u.Path = "/" + name
	if user != "" {
		u.User = url.User(user)
	}
	return u.String()
}

// randomName is a name no other test uses.
func randomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// emptyServerDatabase creates an empty database (as IT would: createdb -E UTF8 -T template0) for one test,
// dropped when the test ends, and returns its URL.
func emptyServerDatabase(t *testing.T, server string) string {
	t.Helper()
	admin := serverAdmin(t, server)
	name := randomName("cli_")
	_, err := admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	return withDatabase(t, server, name, "")
}

// serverDatabases lists the server's databases.
func serverDatabases(t *testing.T, server string) []string {
	t.Helper()
	rows, err := serverAdmin(t, server).Query(`SELECT datname FROM pg_database ORDER BY 1`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		out = append(out, n)
	}
	return out
}

// serverTables is every table of a server database with its rows.
func serverTables(t *testing.T, u string) map[string]int64 {
	t.Helper()
	db, err := sql.Open("pgx", u)
	require.NoError(t, err)
	defer db.Close() // no connection stays: a database to copy (CREATE DATABASE … TEMPLATE) must have none
	rows, err := db.Query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace`)
	require.NoError(t, err)
	var names []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		names = append(names, n)
	}
	require.NoError(t, rows.Close())
	out := map[string]int64{}
	for _, n := range names {
		var c int64
		require.NoError(t, db.QueryRow(`SELECT count(*) FROM "`+n+`"`).Scan(&c))
		out[n] = c
	}
	return out
}

// TestServerInitSetsUpAnEmptyDatabaseOnly: `scitech server init` sets the schema up in the empty database IT
// made, and then the commands open it; a second init, and an init of a database holding another program's
// tables, are refused (exit 2) naming the server, and leave the database as it was.
func TestServerInitSetsUpAnEmptyDatabaseOnly(t *testing.T) {
	t.Setenv("SCITECH_LANG", "en")
	server := testServer(t)
	u := emptyServerDatabase(t, server)
	code, out, errs := runCLI(t, "server", "init", u)
	require.Equal(t, 0, code, errs)
	name := strings.TrimPrefix(mustParse(t, u).Path, "/")
	assert.Contains(t, out, name)
	code, _, errs = runCLI(t, "briefs", "--db", u)
	assert.Equal(t, 0, code, errs)
	set := serverTables(t, u)

	code, _, errs = runCLI(t, "server", "init", u)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, name, "the refusal names the server's database")
	assert.Equal(t, set, serverTables(t, u))

	other := emptyServerDatabase(t, server)
	_, err := serverAdmin(t, other).Exec(`CREATE TABLE accounts (id int)`)
	require.NoError(t, err)
	code, _, errs = runCLI(t, "server", "init", other)
	assert.Equal(t, 2, code, errs)
	assert.Equal(t, map[string]int64{"accounts": 0}, serverTables(t, other), "another program's database is left alone")

	code, _, errs = runCLI(t, "server", "init", filepath.Join(t.TempDir(), "x.db"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "postgres://")
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// TestServerFaultsNameTheServer: a server that is down, a database it has not, a login it refuses, a URL that
// cannot be read, and a database set up by a newer program: every command says which server and why, exits 2,
// shows no password, and makes no database on the server and no file on the desk.
func TestServerFaultsNameTheServer(t *testing.T) {
	t.Setenv("SCITECH_LANG", "en")
	server := testServer(t)
	dir := t.TempDir()
	t.Chdir(dir)
	user, password := passwordRole(t, server)
	newer := emptyServerDatabase(t, server)
	code, _, errs := runCLI(t, "server", "init", newer)
	require.Equal(t, 0, code, errs)
	_, err := serverAdmin(t, newer).Exec(`INSERT INTO schema_migration (version, name, applied_at) VALUES (999, '0999_future.sql', '2030-01-01T00:00:00Z')`)
	require.NoError(t, err)

	down := "postgres://clerk:s3cret-down@127.0.0.1:1/scitech?connect_timeout=5"
	missingName := randomName("no_such_db_")
	missing := withDatabase(t, server, missingName, "")
	wrongPassword := strings.Replace(withDatabase(t, server, "postgres", user), user+"@", user+":wrong-"+password+"@", 1)
	cases := []struct {
		name, url, server string
	}{
		{"down", down, "clerk@127.0.0.1:1/scitech"},
		{"missing database", missing, strings.TrimPrefix(mustParse(t, missing).Path, "/")},
		{"refused password", wrongPassword, user + "@"},
		{"unreadable URL", "postgres://clerk:s3cret@host:notaport/db", `the port "notaport" in the server address`},
		{"newer schema", newer, strings.TrimPrefix(mustParse(t, newer).Path, "/")},
	}
	for _, c := range cases {
		for _, args := range [][]string{
			{"stats", "--year", "2025", "--db", c.url},
			{"demo", "--db", c.url},
			{"check", "--db", c.url},
			{"backup", filepath.Join(dir, "b.db"), "--db", c.url},
			{"migrate", "--from", c.url, "--to", filepath.Join(dir, "m.db")},
		} {
			start := time.Now()
			code, _, errs := runCLI(t, args...)
			assert.Equal(t, 2, code, "%s %v: %s", c.name, args, errs)
			assert.Contains(t, errs, c.server, "%s %v: the message names the server", c.name, args)
			for _, secret := range []string{"s3cret", "wrong-" + password} {
				assert.NotContains(t, errs, secret, "%s %v: no password shown", c.name, args)
			}
			assert.Less(t, time.Since(start), 15*time.Second, "%s %v", c.name, args)
		}
	}
	// Other packages' tests make and drop databases on the same server meanwhile: look for ours only.
	assert.NotContains(t, serverDatabases(t, server), missingName, "no database was created on the server")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "no file was made on the desk")
}

// passwordRole makes a login role that must give its password (the throwaway server trusts every other
// local login): a line for it alone goes before the others in pg_hba.conf, taken out again at the end.
func passwordRole(t *testing.T, server string) (user, password string) {
	t.Helper()
	admin := serverAdmin(t, server)
	user, password = randomName("clerk_"), randomName("pw")
	_, err := admin.Exec(fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD '%s'`, user, password))
	require.NoError(t, err)
	var hbaFile, hba string
	require.NoError(t, admin.QueryRow(`SELECT current_setting('hba_file')`).Scan(&hbaFile))
	require.NoError(t, admin.QueryRow(`SELECT pg_read_file(current_setting('hba_file'))`).Scan(&hba))
	// COPY writes the file as the server's user; one row a line, with no comment or blank line, which COPY's
	// text format would change. Its arguments cannot be bound: the lines are quoted as literals.
	write := func(text string) {
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(strings.ReplaceAll(l, "\t", " ")); l != "" && !strings.HasPrefix(l, "#") {
				lines = append(lines, "'"+strings.ReplaceAll(l, "'", "''")+"'")
			}
		}
		_, err := admin.Exec(`COPY (SELECT unnest(ARRAY[` + strings.Join(lines, ", ") + `]::text[])) TO '` + hbaFile + `'`)
		require.NoError(t, err)
		_, err = admin.Exec(`SELECT pg_reload_conf()`)
		require.NoError(t, err)
	}
	t.Cleanup(func() {
		write(hba)
		_, _ = admin.Exec(`DROP ROLE IF EXISTS ` + user)
	})
	write(fmt.Sprintf("local all %s scram-sha-256\nhost all %s all scram-sha-256\n", user, user) + hba)
	time.Sleep(200 * time.Millisecond) // the postmaster reads the file on the signal
	return user, password
}

// TestServerPasswordFromURLEnvironmentOrPgpass: a login that must give its password gives it as PostgreSQL's
// own tools take it: in the URL, in PGPASSWORD, or from the pgpass file. The database is the one IT makes in
// README's steps (createdb -O: owned by the program's user, who sets it up).
func TestServerPasswordFromURLEnvironmentOrPgpass(t *testing.T) {
	t.Setenv("SCITECH_LANG", "en")
	server := testServer(t)
	user, password := passwordRole(t, server)
	admin := serverAdmin(t, server)
	name := randomName("office_")
	_, err := admin.Exec(`CREATE DATABASE ` + name + ` OWNER ` + user + ` ENCODING 'UTF8' TEMPLATE template0`)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("PGPASSWORD", "")
	u := withDatabase(t, server, name, user)

	code, _, errs := runCLI(t, "briefs", "--db", u)
	assert.Equal(t, 2, code, "no password anywhere: %s", errs)
	assert.Contains(t, errs, user+"@")

	withPassword := strings.Replace(u, user+"@", user+":"+password+"@", 1)
	code, _, errs = runCLI(t, "server", "init", withPassword)
	require.Equal(t, 0, code, "the password in the URL: %s", errs)
	assert.NotContains(t, errs, password)

	t.Setenv("PGPASSWORD", password)
	code, _, errs = runCLI(t, "briefs", "--db", u)
	assert.Equal(t, 0, code, "PGPASSWORD: %s", errs)

	t.Setenv("PGPASSWORD", "")
	pgpass := filepath.Join(t.TempDir(), "pgpass")
	require.NoError(t, os.WriteFile(pgpass, []byte("*:*:"+name+":"+user+":"+password+"\n"), 0o600))
	t.Setenv("PGPASSFILE", pgpass)
	code, _, errs = runCLI(t, "briefs", "--db", u)
	assert.Equal(t, 0, code, "the pgpass file: %s", errs)
}
