// Package sqlite is the store's SQLite side (issue 19): one desk's database file, the default home of the
// bureau's records. It implements dialect.Dialect over database/sql with the pure-Go driver modernc.org/sqlite,
// so that the store's queries, written once in SQLite's spelling, run here as they are.
//
// It imports neither data nor data/postgres: data imports it and picks it for a target that is a file path.
//
// It holds SQLite's migrations (migrations/, embedded), the file URI every SQLite connection of the program is
// opened through (uri.go), the connection settings of a store's pool (Params) and what SQLite's error codes
// mean (classify.go). The pinyin collation is registered with the driver by data when it starts.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"scitech/data/dialect"
)

// DefaultBusyTimeout is how long a writer waits for another connection's write to finish before SQLite
// answers SQLITE_BUSY: busy_timeout(5000), as data.Open sets it, and the server's lock timeout.
const DefaultBusyTimeout = 5 * time.Second

// Dialect is the SQLite dialect of one store.
type Dialect struct {
	// BusyTimeout is the writer's wait (DefaultBusyTimeout when zero); tests shorten it.
	BusyTimeout time.Duration
	// ReadOnly opens every connection query_only, as data.OpenReadOnly does for a second copy of the program
	// beside the one that writes: no statement can change the file, and the journal mode is left alone
	// (setting it is a write).
	ReadOnly bool
	// Immutable reads the file as it lies on the disk, without the -shm index WAL mode keeps beside it (which
	// SQLite must create, and cannot in a read-only folder or on a full disk). Only for a file nobody can be
	// writing, whose -wal holds nothing: data.OpenReadOnly's last try. Implies ReadOnly.
	Immutable bool

	db     *sql.DB // the pool Open made, for reading the schema when a CHECK fails (classify.go)
	mu     sync.Mutex
	checks map[string]dialect.Constraint // a failed CHECK's name or expression → what it names (classify.go)
}

// New returns the dialect for one store.
func New() *Dialect { return &Dialect{} }

var _ dialect.Dialect = (*Dialect)(nil)

// Name is "sqlite".
func (d *Dialect) Name() string { return "sqlite" }

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations holds SQLite's migrations at its root (NNNN_name.sql). A shipped migration is never edited: a
// database that recorded it has its tables as it made them.
func (d *Dialect) Migrations() fs.FS { return Migrations() }

// Migrations is (*Dialect).Migrations for code that has no store: the guards that read a file before opening it.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the folder is embedded: it cannot be missing
	}
	return sub
}

// Params are the connection settings every connection of the pool gets, in order (the driver runs _pragma
// parameters in the order given; a pragma run once would hold for one connection only). They are data.Open's
// (and a restore's): foreign keys enforced; a writer waits busyTimeout for another; write-ahead logging, so
// readers never wait for a writer; synchronous(FULL), so a change reported as saved survives a power cut (one
// sync per change or import); and BEGIN IMMEDIATE for every transaction, which takes the write lock at BEGIN. A read-only store's connections are query_only and leave the journal mode alone.
func Params(busyTimeout time.Duration, readOnly bool) []string {
	if busyTimeout <= 0 {
		busyTimeout = DefaultBusyTimeout
	}
	q := []string{"_pragma", "foreign_keys(1)", "_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds())}
	if readOnly {
		q = append(q, "_pragma", "query_only(1)")
	} else {
		q = append(q, "_pragma", "journal_mode(WAL)", "_pragma", "synchronous(FULL)")
	}
	return append(q, "_txlock", "immediate")
}

// Open opens the database file t names with the store's connection settings (Params) and checks that it can be
// read. It makes the file when there is none (a desk's first start); making its folder, refusing a file with
// several names or of another program, and the writer's lock file are data.Open's, which calls this. The
// pinyin collation must be registered with the driver before (data does it when it starts): the indexes of
// migration 0008 need it.
func (d *Dialect) Open(ctx context.Context, t dialect.Target) (*sql.DB, error) {
	if t.Server() {
		return nil, errors.New("sqlite: " + t.String() + " is a server, not a file")
	}
	if t.URL == "" {
		return nil, errors.New("sqlite: no database file named")
	}
	params := Params(d.BusyTimeout, d.ReadOnly || d.Immutable)
	if d.Immutable {
		params = append(params, "mode", "ro", "immutable", "1")
	}
	db, err := sql.Open("sqlite", URI(t.URL, params...))
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", t.String(), err)
	}
	d.db = db
	return db, nil
}

// BeginWrite does nothing: every transaction of a store's pool begins with BEGIN IMMEDIATE (_txlock in
// Params), which already makes it the file's only writer, waiting busy_timeout for another and failing with
// SQLITE_BUSY (class Busy) when that runs out.
func (d *Dialect) BeginWrite(ctx context.Context, tx *sql.Tx) error { return nil }

// OpenChangeGroup does nothing: SQLite's change triggers (migration 0006) find the transaction's group
// themselves, as the change_group row with open = 1 that the store has just inserted and clears before
// COMMIT; only its own transaction sees it, the file having one writer at a time.
func (d *Dialect) OpenChangeGroup(ctx context.Context, tx *sql.Tx, group int64) error { return nil }

// longReadMmapSize is how much of the file a long read maps (address space, not memory).
const longReadMmapSize = 1 << 30

// LongRead maps the file into memory for the read (PRAGMA mmap_size). The rows of an export come in the order
// of an index, each looked up in the table at a place of its own, hundreds of megabytes of pages read once
// each: through SQLite's small page cache that is a call into the system a page (a third of an export's
// reading at 100,000 companies), mapped it is a read of memory. done sets the connection back to SQLite's default, which the pool's others keep.
func (d *Dialect) LongRead(ctx context.Context, c *sql.Conn) (done func(), err error) {
	if _, err := c.ExecContext(ctx, fmt.Sprintf(`PRAGMA mmap_size = %d`, longReadMmapSize)); err != nil {
		return nil, err
	}
	return func() { c.ExecContext(context.WithoutCancel(ctx), `PRAGMA mmap_size = 0`) }, nil
}

// streamReadCache is the page cache of one of several long reads at once (PRAGMA cache_size; negative: KiB).
const streamReadCache = -256

// StreamRead readies connection c for one of several reads of much of the database that run at once (a policy
// check's row streams, which data finds through this method) and returns what puts the connection back. It
// does not map the file as LongRead does: a mapped page stays resident until its read ends, and the four
// streams of the dashboard's check kept up to 130 MB of the file so in the window (issue 7: under 250 MB), to
// save about a tenth of the check's processor time. It gives the connection a small cache instead: a read in
// an index's order uses only the interior pages again, and SQLite's default (2 MB of pages, about 4 MB of
// modernc's allocator a connection) held by six connections at once at the dashboard's start was a tenth of
// the window's memory.
func (d *Dialect) StreamRead(ctx context.Context, c *sql.Conn) (done func(), err error) {
	var was int64
	if err := c.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&was); err != nil {
		return nil, err
	}
	if _, err := c.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, streamReadCache)); err != nil {
		return nil, err
	}
	return func() { c.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, was)) }, nil
}

// BeginSnapshot begins a read transaction: in WAL mode it reads one snapshot of the file from its first read
// to its end, whatever a writer commits meanwhile.
func (d *Dialect) BeginSnapshot(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	return db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
}

// AfterCopy does nothing: an INTEGER PRIMARY KEY (no table has AUTOINCREMENT) numbers a new row past the
// highest id the table holds.
func (d *Dialect) AfterCopy(ctx context.Context, tx *sql.Tx, table string) error { return nil }

// MigrationTable makes the table that records the migrations a file has had (dialect.ApplyMigrations), as
// the server's has it.
const MigrationTable = `CREATE TABLE IF NOT EXISTS schema_migration (
	version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`
