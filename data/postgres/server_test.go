package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"scitech/data/dialect"
)

// The tests of this package run against a real server: make test starts a throwaway one (tools/pgtest/pg.sh)
// and exports its URL in SCITECH_PG_URL with SCITECH_REQUIRE_PG=1. By hand:
//
//	url=$(tools/pgtest/pg.sh start); SCITECH_PG_URL=$url go test -tags … ./data/postgres; tools/pgtest/pg.sh stop $url
//
// Without a URL a test that needs the server skips, unless SCITECH_REQUIRE_PG is set: then it fails, so that
// CI never passes with the PostgreSQL half left out.

// The test binary's own database on the server, made and migrated once, dropped by TestMain.
var shared struct {
	once sync.Once
	name string
	db   *sql.DB
	d    *Dialect
	n    int // migrations applied when it was made
	err  error
}

// atExit are the clean-ups of fixtures made once per test binary (AtExit).
var atExit []func()

// AtExit runs f when the test binary's tests are done: the clean-up of a fixture made once for all of them.
func AtExit(f func()) { atExit = append(atExit, f) }

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range atExit {
		f()
	}
	if shared.db != nil {
		shared.db.Close()
		if err := dropDatabase(os.Getenv("SCITECH_PG_URL"), shared.name); err != nil {
			fmt.Fprintln(os.Stderr, "dropping the test database:", err)
			code = max(code, 1)
		}
	}
	os.Exit(code)
}

// ServerURL is the test server's URL. Without one the test skips, or fails when SCITECH_REQUIRE_PG is set.
func ServerURL(t testing.TB) string {
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

// SharedDB is the test binary's migrated database and its dialect (its lock timeout may be changed by a test
// that restores it). Tests that write do so in transactions they roll back.
func SharedDB(t testing.TB) (*sql.DB, *Dialect) {
	t.Helper()
	server := ServerURL(t)
	shared.once.Do(func() {
		shared.name = fmt.Sprintf("scitech_pgtest_%d", os.Getpid())
		shared.d, shared.db, shared.n, shared.err = createMigrated(server, shared.name)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.db, shared.d
}

// databaseURL is server's URL with another database.
func databaseURL(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

// admin runs one statement on the server's maintenance database.
func admin(server, stmt string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := New().Open(ctx, dialect.Target{URL: server})
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

func createMigrated(server, name string) (*Dialect, *sql.DB, int, error) {
	if err := admin(server, `DROP DATABASE IF EXISTS `+name); err != nil {
		return nil, nil, 0, err
	}
	if err := admin(server, `CREATE DATABASE `+name); err != nil {
		return nil, nil, 0, err
	}
	ctx := context.Background()
	d := New()
	db, err := d.Open(ctx, dialect.Target{URL: databaseURL(server, name)})
	if err != nil {
		return nil, nil, 0, err
	}
	n, err := Migrate(ctx, db, d.Migrations(), time.Now)
	if err != nil {
		db.Close()
		return nil, nil, 0, err
	}
	return d, db, n, nil
}

func dropDatabase(server, name string) error {
	return admin(server, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
}
