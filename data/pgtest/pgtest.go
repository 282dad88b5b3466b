// Package pgtest gives tests databases of their own on the throwaway PostgreSQL server that make test starts
// (tools/pgtest/pg.sh) and names in SCITECH_PG_URL. A database is built once per test binary as a template
// (migrated, the sample set loaded…) and each test gets a clone of it (CREATE DATABASE … TEMPLATE: about a
// tenth of a second), dropped when the test ends; DropAll drops the templates when the binary's tests are done.
//
// It imports nothing of the store, so that data's own tests can use it: the caller passes the function that
// builds a template.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the driver "pgx"
)

const (
	// EnvURL names the test server's administrative URL (postgres://postgres@/postgres?host=DIR).
	EnvURL = "SCITECH_PG_URL"
	// EnvRequire, when set, makes a missing server a failure instead of a skip: CI never passes with the
	// PostgreSQL half left out.
	EnvRequire = "SCITECH_REQUIRE_PG"
)

// URL is the test server's administrative URL, "" when there is none.
func URL() string { return os.Getenv(EnvURL) }

// Required reports whether a missing server is a failure (make test sets it).
func Required() bool { return os.Getenv(EnvRequire) != "" }

// ServerURL is the test server's URL; without one the test skips, or fails when Required.
func ServerURL(tb testing.TB) string {
	tb.Helper()
	u := URL()
	if u == "" {
		if Required() {
			tb.Fatal(EnvRequire + " is set but " + EnvURL + " is not: the PostgreSQL test server is missing " +
				"(make test starts one with tools/pgtest/pg.sh)")
		}
		tb.Skip("no PostgreSQL test server (set " + EnvURL + ", e.g. from tools/pgtest/pg.sh start)")
	}
	return u
}

// DatabaseURL is server's URL naming the database name instead.
func DatabaseURL(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", EnvURL, err))
	}
	u.Path = "/" + name
	return u.String()
}

type template struct {
	once sync.Once
	name string
	err  error
}

var (
	mu        sync.Mutex // serialises CREATE DATABASE: two clones of one template at once are refused
	admin     *sql.DB
	templates = map[string]*template{}
	clones    int
)

// Clone returns the URL of a new database on the test server, a copy of the template name that build fills
// the first time name is asked for in this test binary (given the URL of an empty database, it must close
// every connection it opened: PostgreSQL copies only a database nobody is connected to). The clone is dropped
// when the test ends.
func Clone(tb testing.TB, name string, build func(url string) error) string {
	tb.Helper()
	server := ServerURL(tb)
	tp, err := built(server, name, build)
	if err != nil {
		tb.Fatalf("building the test database %s on the server: %v", name, err)
	}
	mu.Lock()
	clones++
	clone := fmt.Sprintf("scitech_t%d_%d", os.Getpid(), clones)
	err = exec(`CREATE DATABASE ` + clone + ` TEMPLATE ` + tp)
	mu.Unlock()
	if err != nil {
		tb.Fatalf("cloning %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if err := exec(`DROP DATABASE IF EXISTS ` + clone + ` WITH (FORCE)`); err != nil {
			tb.Errorf("dropping the test database %s: %v", clone, err)
		}
	})
	return DatabaseURL(server, clone)
}

// built returns the template's database name, building it the first time.
func built(server, name string, build func(url string) error) (string, error) {
	mu.Lock()
	if admin == nil {
		db, err := sql.Open("pgx", server)
		if err != nil {
			mu.Unlock()
			return "", err
		}
		db.SetMaxOpenConns(2)
		admin = db
	}
	tp := templates[name]
	if tp == nil {
		tp = &template{name: fmt.Sprintf("scitech_tpl%d_%d", os.Getpid(), len(templates))}
		templates[name] = tp
	}
	mu.Unlock()
	tp.once.Do(func() {
		if tp.err = exec(`CREATE DATABASE ` + tp.name + ` ENCODING 'UTF8' TEMPLATE template0`); tp.err != nil {
			return
		}
		tp.err = build(DatabaseURL(server, tp.name))
		if tp.err == nil {
			tp.err = leftConnected(tp.name)
		}
	})
	return tp.name, tp.err
}

// leftConnected fails when a template's builder left a connection to it open.
func leftConnected(name string) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		var n int
		if err := admin.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = $1`, name).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d connections to %s are still open after it was built", n, name)
		}
		time.Sleep(20 * time.Millisecond) // a closed pool's connections end a moment later on the server
	}
}

func exec(stmt string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := admin.ExecContext(ctx, stmt)
	return err
}

// DropAll drops the templates the test binary built and closes its connection; TestMain calls it after the
// tests.
func DropAll() error {
	mu.Lock()
	defer mu.Unlock()
	if admin == nil {
		return nil
	}
	var errs []error
	for _, tp := range templates {
		if err := exec(`DROP DATABASE IF EXISTS ` + tp.name + ` WITH (FORCE)`); err != nil {
			errs = append(errs, err)
		}
	}
	templates = map[string]*template{}
	errs = append(errs, admin.Close())
	admin = nil
	return errors.Join(errs...)
}
