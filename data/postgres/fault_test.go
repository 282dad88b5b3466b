package postgres

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"scitech/data/dialect"
)

// A password never reaches a printed text in any of the forms it has: as the user typed it, decoded from the
// URL, and as it stands in the URL, percent-encoded or not.
func TestScrubTakesEveryFormOfThePasswordOut(t *testing.T) {
	for _, c := range []struct {
		url, typed string
		forms      []string
	}{
		{"postgres://clerk:p%40ss%2Fw%3Ard@office/scitech", "", []string{"p%40ss%2Fw%3Ard", "p@ss/w:rd", "p@ss%2Fw:rd"}},
		{"postgres://clerk:plain-secret@office:5433/scitech?sslmode=disable", "", []string{"plain-secret"}},
		{"postgresql://clerk:%E5%AF%86%E7%A0%81x@office/scitech", "", []string{"%E5%AF%86%E7%A0%81x", "密码x"}},
		{"postgres://clerk:a+b%20c@office/scitech", "", []string{"a+b%20c", "a+b c", "a%2Bb+c"}},
		{"postgres://clerk@office/scitech", "typed p@ss", []string{"typed p@ss", "typed+p%40ss", "typed%20p@ss"}},
	} {
		tg := dialect.Target{URL: c.url, Password: c.typed}
		for _, form := range c.forms {
			msg := "failed: " + form + " at " + c.url
			got := scrub(errors.New(msg), tg).Error()
			if strings.Contains(got, form) {
				t.Errorf("%s: %q left in %q", c.url, form, got)
			}
			if !strings.Contains(got, "********") || !strings.Contains(got, "office") {
				t.Errorf("%s: %q", c.url, got)
			}
		}
	}
}

// Printing a ServerError changes nothing in it: two goroutines may print one error at once (go test -race
// tells), and a Reason left empty stays so.
func TestServerErrorTextLeavesTheErrorAsItIs(t *testing.T) {
	e := &ServerError{Server: "clerk@office/scitech", Class: dialect.Gone, Err: errors.New("boom")}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if got := e.Error(); got != "clerk@office/scitech: the database server failed: boom" {
				t.Errorf("Error() = %q", got)
			}
		})
	}
	wg.Wait()
	if e.Reason != "" {
		t.Errorf("Error() wrote Reason %q", e.Reason)
	}
}

// A session waiting for an advisory lock, or for a table a desk's open transaction uses, gives up after the
// lock timeout with a Busy error, instead of waiting for ever: `scitech server upgrade` behind a desk says the
// database is busy. The lock is given back however fn ends, and a try that finds it held returns at once.
func TestWithSessionLockWaitsNoLongerThanTheLockTimeout(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	was := sessionLockTimeout
	sessionLockTimeout = 300 * time.Millisecond
	defer func() { sessionLockTimeout = was }()

	holding, release, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		_, err := WithSessionLock(ctx, db, migrationLockKey, false, func(*sql.Conn) error {
			close(holding)
			<-release
			return nil
		})
		held <- err
	}()
	<-holding
	start := time.Now()
	ran := false
	_, err := WithSessionLock(ctx, db, migrationLockKey, false, func(*sql.Conn) error { ran = true; return nil })
	if class, _ := d.Classify(err); class != dialect.Busy || ran {
		t.Errorf("waiting behind the lock: %v (class %v), ran %v", err, class, ran)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("waited %v for a lock timeout of %v", took, sessionLockTimeout)
	}
	ok, err := WithSessionLock(ctx, db, migrationLockKey, true, func(*sql.Conn) error { ran = true; return nil })
	if ok || err != nil || ran {
		t.Errorf("try while held: ok %v, %v, ran %v", ok, err, ran)
	}
	close(release)
	if err := <-held; err != nil {
		t.Fatal(err)
	}

	// A desk's transaction reads the companies; the migration's ALTER behind it gives up.
	desk, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Rollback()
	if _, err := desk.ExecContext(ctx, `SELECT count(*) FROM company`); err != nil {
		t.Fatal(err)
	}
	_, err = WithSessionLock(ctx, db, migrationLockKey, false, func(c *sql.Conn) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		_, err = tx.ExecContext(ctx, `ALTER TABLE company ADD COLUMN never_kept bigint`)
		return err
	})
	if class, _ := d.Classify(err); class != dialect.Busy {
		t.Errorf("ALTER behind a desk's transaction: %v (class %v)", err, class)
	}
	if err := desk.Rollback(); err != nil {
		t.Fatal(err)
	}
	ok, err = WithSessionLock(ctx, db, migrationLockKey, true, func(c *sql.Conn) error {
		var timeout string
		if err := c.QueryRowContext(ctx, `SHOW lock_timeout`).Scan(&timeout); err != nil {
			return err
		}
		if timeout != "300ms" {
			t.Errorf("lock_timeout inside = %q", timeout)
		}
		return nil
	})
	if !ok || err != nil {
		t.Errorf("after both: ok %v, %v: the lock was not given back", ok, err)
	}
	// The pool's connections keep the server's own lock_timeout.
	var timeout string
	for range 3 {
		if err := db.QueryRowContext(ctx, `SHOW lock_timeout`).Scan(&timeout); err != nil || timeout != "0" {
			t.Errorf("a pooled connection's lock_timeout = %q, %v", timeout, err)
		}
	}
}

// An upgrade whose migration alters a table a desk's open transaction reads gives up Busy after the lock
// timeout (`scitech server upgrade` says the database is busy, naming it) instead of waiting for the desk, and
// applies nothing.
func TestMigrateBehindADesksTransactionIsBusy(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	was := sessionLockTimeout
	sessionLockTimeout = 300 * time.Millisecond
	defer func() { sessionLockTimeout = was }()
	withNext := fstest.MapFS{"9999_next.sql": {Data: []byte(`ALTER TABLE company ADD COLUMN never_kept bigint;`)}}
	if err := fs.WalkDir(d.Migrations(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(d.Migrations(), p)
		withNext[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}

	desk, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Rollback()
	if _, err := desk.ExecContext(ctx, `SELECT count(*) FROM company`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := Migrate(ctx, db, withNext, time.Now)
	if class, _ := d.Classify(err); class != dialect.Busy || n != 0 {
		t.Errorf("upgrade behind a desk: applied %d, %v (class %v)", n, err, class)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("waited %v for a lock timeout of %v", took, sessionLockTimeout)
	}
	var recorded int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration WHERE version = 9999`).Scan(&recorded); err != nil || recorded != 0 {
		t.Errorf("9999 recorded %d times, %v", recorded, err)
	}
}

// Every connection asks the server to drop a desk stopped inside a transaction after 5 minutes (and, over TCP,
// one whose connection died), and a URL's own setting wins.
func TestConnectionsAskForTheSessionTimeouts(t *testing.T) {
	server := ServerURL(t)
	ctx := context.Background()
	for _, c := range []struct{ query, want string }{
		{"", "5min"},
		{"idle_in_transaction_session_timeout=90000", "90s"},
	} {
		p, err := url.Parse(server)
		if err != nil {
			t.Fatal(err)
		}
		q := p.Query()
		if k, v, ok := strings.Cut(c.query, "="); ok {
			q.Set(k, v)
		}
		p.RawQuery = q.Encode()
		u := p.String()
		db, err := New().Open(ctx, dialect.Target{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := db.QueryRowContext(ctx, `SHOW idle_in_transaction_session_timeout`).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s: idle_in_transaction_session_timeout = %q, %v; want %q", u, got, err, c.want)
		}
		db.Close()
	}
}

// A statement whose context ends is cancelled as pgx cancels it, at once, not after the reply timeout: the
// bound on each read keeps pgx's own earlier deadline. The connection serves the next statement.
func TestAContextThatEndsStillCancelsAtOnce(t *testing.T) {
	db, _ := SharedDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := db.ExecContext(ctx, `SELECT pg_sleep(30)`)
	if err == nil || time.Since(start) > 15*time.Second {
		t.Errorf("after %v: %v", time.Since(start), err)
	}
	var one int
	if err := db.QueryRowContext(context.Background(), `SELECT 1`).Scan(&one); err != nil || one != 1 {
		t.Errorf("next statement: %d, %v", one, err)
	}
}
