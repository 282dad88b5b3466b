// Package postgres is the store's PostgreSQL side (issue 19): a bureau's clerks share one database on a server
// instead of each keeping a file. It implements dialect.Dialect over database/sql with pgx's stdlib driver, so
// that the store's queries, written once with SQLite's `?` placeholders, run unchanged: the connection rewrites
// them to `$N` (rebind.go). It holds the server's migrations, numbered and named as SQLite's, and their runner.
//
// It imports neither data nor data/sqlite: data imports it and picks it for a postgres:// target.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"scitech/data/dialect"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Advisory lock keys. They are shared with every other program using the same database, so they are
// distinctive numbers rather than 1 and 2.
const (
	writerLockKey    int64 = 0x5C17EC4_0001 // held by the writing transaction (BeginWrite)
	migrationLockKey int64 = 0x5C17EC4_0002 // held by the session applying migrations (Migrate)

	// DailyBackupLockKey is held by the desk writing the server's daily backup (TryLock).
	DailyBackupLockKey int64 = 0x5C17EC4_0003
)

// TryLock takes the session advisory lock key on c unless another session holds it: ok is false then. The
// lock is c's until Unlock, or until its connection ends (a desk that dies gives it up).
func TryLock(ctx context.Context, c *sql.Conn, key int64) (ok bool, err error) {
	err = c.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(?)`, key).Scan(&ok)
	return ok, err
}

// Unlock gives back a lock TryLock took on c. A connection that cannot give it back is not returned to the
// pool, whose next user would hold the lock without knowing.
func Unlock(ctx context.Context, c *sql.Conn, key int64) {
	if _, err := c.ExecContext(ctx, `SELECT pg_advisory_unlock(?)`, key); err != nil {
		c.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// DefaultLockTimeout is how long a writer waits for another desk's write to finish before it is told Busy:
// SQLite's busy_timeout(5000) on a file.
const DefaultLockTimeout = 5 * time.Second

// Dialect is the PostgreSQL dialect of one store: Open sets the pool it keeps for looking up constraints.
type Dialect struct {
	// LockTimeout is the writer's wait (DefaultLockTimeout when zero); tests shorten it.
	LockTimeout time.Duration

	db     *sql.DB
	mu     sync.Mutex
	consts map[string][]string // constraint or unique index "table\x00name" → its columns (classify.go)
}

// New returns the dialect for one store.
func New() *Dialect { return &Dialect{} }

var _ dialect.Dialect = (*Dialect)(nil)

// Name is "postgres".
func (d *Dialect) Name() string { return "postgres" }

// Migrations holds the server's migrations at its root.
func (d *Dialect) Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the folder is embedded: it cannot be missing
	}
	return sub
}

// ParseConfig reads a postgres:// URL as PostgreSQL's own tools do: the password from the URL, else
// PGPASSWORD, else the pgpass file (PGPASSFILE or ~/.pgpass), and the other PG* variables for what the URL
// leaves out. A password the user typed (t.Password) wins over all of them. The error names the server but
// never the password.
func ParseConfig(t dialect.Target) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(t.URL)
	if err != nil {
		return nil, &ServerError{Server: t.String(), Class: dialect.Other, Reason: ReasonBadURL, Err: scrub(err, t)}
	}
	if t.Password != "" {
		cfg.Password = t.Password
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second // an unreachable host is said in seconds, not the system's minutes
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "scitech" // what the server's pg_stat_activity names us
	}
	return cfg, nil
}

// Open connects to the server and checks that it answers. It never creates a database.
func (d *Dialect) Open(ctx context.Context, t dialect.Target) (*sql.DB, error) {
	cfg, err := ParseConfig(t)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(connector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		class, _ := d.Classify(err)
		return nil, &ServerError{Server: t.String(), Class: class, Reason: reasons[class], Err: scrub(err, t)}
	}
	d.db = db
	return db, nil
}

// ReasonBadURL is the Reason of the ServerError of a URL that cannot be read (a port that is no number…).
const ReasonBadURL = "the URL cannot be read"

// ServerError is a failure to reach or use a server, naming it (user@host:port/database) and never the
// password.
type ServerError struct {
	Server string
	Class  dialect.ErrorClass
	Reason string // in English, for the log; the store's own error carries the user's words
	Err    error
}

func (e *ServerError) Error() string {
	if e.Reason == "" {
		e.Reason = "the database server failed"
	}
	return fmt.Sprintf("%s: %s: %v", e.Server, e.Reason, e.Err)
}

func (e *ServerError) Unwrap() error { return e.Err }

var reasons = map[dialect.ErrorClass]string{
	dialect.Auth:       "the server refused the login",
	dialect.NoDatabase: "the server has no such database",
	dialect.Gone:       "the server cannot be reached",
	dialect.Denied:     "the server refused access",
	dialect.Busy:       "the server is busy",
	dialect.Full:       "the server's disk is full",
}

// scrub takes the password out of an error's text, in case a message repeats what it was given; pgx's own
// messages leave it out already.
func scrub(err error, t dialect.Target) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	pw := t.Password
	if cfg, perr := pgx.ParseConfig(t.URL); perr == nil && pw == "" {
		pw = cfg.Password
	}
	if pw == "" || !strings.Contains(msg, pw) {
		return err
	}
	return errors.New(strings.ReplaceAll(msg, pw, "********"))
}

// BeginWrite makes tx the database's only writer until it ends: every desk's writes take the same
// transaction-level advisory lock, as every copy of the program on a file takes SQLite's write lock
// (BEGIN IMMEDIATE). The lock goes with COMMIT or ROLLBACK, and with the connection of a desk that dies. A
// writer that waits longer than the lock timeout fails with SQLSTATE 55P03, class Busy. The transaction stays
// READ COMMITTED: each statement after the lock sees every write committed before it, which a snapshot taken
// at the lock statement, before the wait, would not.
func (d *Dialect) BeginWrite(ctx context.Context, tx *sql.Tx) error {
	wait := d.LockTimeout
	if wait <= 0 {
		wait = DefaultLockTimeout
	}
	// One round trip: without arguments pgx sends both statements in one simple query.
	_, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL lock_timeout = '%dms'; SELECT pg_advisory_xact_lock(%d)",
		wait.Milliseconds(), writerLockKey))
	return err
}

// OpenChangeGroup sets the transaction-local setting scitech.change_group that the change triggers (0006)
// record into; it ends with the transaction.
func (d *Dialect) OpenChangeGroup(ctx context.Context, tx *sql.Tx, group int64) error {
	_, err := tx.ExecContext(ctx, `SELECT set_config('scitech.change_group', ?, true)`, strconv.FormatInt(group, 10))
	return err
}

// connector gives database/sql pgx's connections with the placeholders rewritten.
type connector struct{ driver.Connector }

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return conn{dc.(*stdlib.Conn)}, nil
}

// conn is pgx's database/sql connection with the store's `?` placeholders rewritten; everything else
// (transactions, ping, session reset, value checks, close) is pgx's own.
type conn struct{ *stdlib.Conn }

func (c conn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(q))
}

func (c conn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(q), args)
}

func (c conn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(q), args)
}

// CheckNamedValue passes a Go bool as the integer 1 or 0: the server's tables keep a flag in a bigint, as
// SQLite's do (SQLite stores a bool argument so), and pgx will not write a bool into a bigint. Every other
// value goes to pgx as it is.
func (c conn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case bool:
		nv.Value = boolInt(v)
	case sql.NullBool:
		if v.Valid {
			nv.Value = boolInt(v.Bool)
		} else {
			nv.Value = nil
		}
	}
	return c.Conn.CheckNamedValue(nv)
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// Raw runs f on pgx's own connection under a database/sql one, for what database/sql cannot do (COPY for the
// copier of issue 19, LISTEN for issue 20). Inside a transaction, f's work is part of it.
func Raw(ctx context.Context, c *sql.Conn, f func(*pgx.Conn) error) error {
	return c.Raw(func(dc any) error {
		pc, ok := dc.(conn)
		if !ok {
			return errors.New("postgres.Raw: not a connection of this package")
		}
		return f(pc.Conn.Conn())
	})
}
