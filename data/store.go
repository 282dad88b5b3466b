package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"scitech/data/dialect"
	"scitech/data/sqlite"
)

// Store keeps the bureau's records in one SQLite file, or in a database on a PostgreSQL server that an
// office's desks share (store_server.go). Each public method is one transaction.
type Store struct {
	db       *sql.DB
	d        dialect.Dialect // what differs between the databases: SQLite's for a file, PostgreSQL's for a server
	target   dialect.Target  // the file or server
	path     string          // the database file; empty for a server
	operator string
	now      func() time.Time
	lock     *writerLock // held while the store may write; nil when read-only
	// issuing queues the issuing of briefs within the program: rendering a brief can take longer than the
	// database's busy timeout lets a second writer wait. The write transaction is what keeps two issuers from
	// taking one number; the queue only spares the second a "database is locked".
	issuing sync.Mutex
}

// Target names a database: a file path, or a server URL with, for a server, the password typed for this
// session (OpenTarget). Its String never shows a password.
type Target = dialect.Target

// Open opens (creating if needed) the database file at path for writing and applies any pending migrations.
// A postgres:// or postgresql:// URL opens a store on that server instead (OpenTarget): see store_server.go
// for what differs.
// Only one copy of the program writes to a database: when another holds it, Open returns a *Error with code
// Conflict and key err.db.locked naming the holder (errors.Is(err, ErrLocked)); OpenReadOnly still reads it.
// A database this program does not know all of (written by a newer version, err.db.newer; by another line of
// the program, err.db.unknown_schema; by another program, err.db.foreign), one that has several names
// (err.db.hard_link), a path that is no file (err.file.not_regular) and a name that is a mistyped server URL
// (err.server.not_url, RefuseMistypedURL) are refused before anything is written.
func Open(path string) (*Store, error) {
	if t := dialect.ParseTarget(path); t.Server() {
		return openServer(context.Background(), t)
	}
	if err := RefuseMistypedURL(path); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, internal(err, "cannot create the database folder")
		}
	}
	if err := refuseHardLinks(path); err != nil {
		return nil, err // said first: the copy that holds it may use the other name, and its lock file is there
	}
	lock, err := acquireWriterLock(path)
	if err != nil {
		return nil, err
	}
	if err := refuseUnknownDatabase(context.Background(), path); err != nil {
		lock.release()
		return nil, err
	}
	d := sqlite.New()
	db, err := d.Open(context.Background(), dialect.Target{URL: path})
	if err != nil {
		lock.release()
		return nil, onFullDisk(internal(err, "cannot open the database"), path)
	}
	s := &Store{db: db, d: d, target: dialect.Target{URL: path}, path: path, operator: currentOperator(), now: time.Now, lock: lock}
	if err := s.migrate(context.Background()); err != nil {
		s.Close()
		return nil, onFullDisk(err, path)
	}
	return s, nil
}

// OpenReadOnly opens an existing database for reading only, beside the copy of the program that writes to it:
// every connection is query_only, so no statement can change the file, and every change the store is asked
// for is refused with key err.db.read_only. A database whose migrations are not all applied is refused, since
// only the writer may upgrade it; so is one Open refuses as unknown.
func OpenReadOnly(path string) (*Store, error) {
	if t := dialect.ParseTarget(path); t.Server() {
		return nil, serverKeyed(t, Invalid, "err.server.file_only",
			"a read-only copy beside the writer works on a database file; on a server every desk writes",
			map[string]any{"What": "read-only"})
	}
	if err := RefuseMistypedURL(path); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err != nil {
		return nil, internal(err, "cannot open the database")
	} else if !fi.Mode().IsRegular() {
		return nil, notRegular(path)
	}
	if err := refuseUnknownDatabase(context.Background(), path); err != nil {
		return nil, err // its queries would read tables this program does not know as if it did
	}
	s, err := openReadOnlyFile(path, false)
	if err != nil && walHoldsNothing(path) {
		switch storageKey(err) {
		case keyCannotOpen, keyReadOnly, keyIO, keyDiskFull:
			// A database in a read-only folder or on a full disk: SQLite cannot create the -shm that WAL mode
			// reads through. With nothing in a -wal, the file alone is the database, and nobody can be
			// writing it (a writer needs the -wal, which that folder or disk cannot take): read it as it is.
			if s2, err2 := openReadOnlyFile(path, true); err2 == nil {
				return s2, nil
			}
		}
	}
	return s, err
}

// RefuseMistypedURL refuses a name given for a database or a file that looks like a URL but names no database
// server (postgress://…, pg://…, postgres//…: dialect.Target.Mistyped): taken as a file path, it would become a
// new empty database or a file in folders named after the URL, password and all, and the command would say it
// succeeded. It returns a *Error (code Invalid, key err.server.not_url) naming it without its password, or nil.
func RefuseMistypedURL(name string) error {
	if t := dialect.ParseTarget(name); t.Mistyped() {
		return notServer(t)
	}
	return nil
}

// openReadOnlyFile is OpenReadOnly's open of the file, immutable for its last try.
func openReadOnlyFile(path string, immutable bool) (*Store, error) {
	d := sqlite.New()
	d.ReadOnly = true
	d.Immutable = immutable
	db, err := d.Open(context.Background(), dialect.Target{URL: path})
	if err != nil {
		return nil, internal(err, "cannot open the database")
	}
	s := &Store{db: db, d: d, target: dialect.Target{URL: path}, path: path, operator: currentOperator(), now: time.Now}
	pending, err := s.pendingMigrations(context.Background())
	if err == nil && pending > 0 {
		err = &Error{Code: Conflict, Key: "err.db.needs_upgrade", Args: map[string]any{"Path": path},
			Message: "the database must first be upgraded by the copy of the program that writes to it"}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// walHoldsNothing reports whether the database at path has no -wal beside it, or an empty one: its file alone
// holds every commit.
func walHoldsNothing(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() == 0)
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.lock == nil && !s.Server() }

// errReadOnly is the error of a change asked of a read-only store.
func (s *Store) errReadOnly() error {
	return &Error{Code: Conflict, Key: "err.db.read_only", Args: map[string]any{"Path": s.path},
		Message: "the database is open read-only: another copy of the program writes to it"}
}

func currentOperator() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexAny(name, `\/`); i >= 0 {
			name = name[i+1:] // Windows gives DOMAIN\user
		}
		return name
	}
	return "unknown"
}

// Close closes the database and gives up the writer lock.
func (s *Store) Close() error {
	err := s.db.Close()
	s.lock.release()
	return err
}

// Path is the database file; empty for a store on a server, which has none (Server, Name).
func (s *Store) Path() string { return s.path }

// Server reports whether the store is on a database server rather than a file.
func (s *Store) Server() bool { return s.target.Server() }

// Name names the database for the user: the file's path, or the server as user@host:port/database, never a
// password.
func (s *Store) Name() string { return s.target.String() }

// SetOperator names who the audit log records for the changes that follow.
func (s *Store) SetOperator(name string) {
	if name = strings.TrimSpace(name); name != "" {
		s.operator = name
	}
}

// migrate applies the embedded migrations that the database has not recorded yet, each in its own transaction
// (dialect.ApplyMigrations, the server's runner too), after a backup of a database that holds some already
// (backupBeforeMigration). The writer's lock, held since Open, makes this copy of the program the only one
// applying them.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, sqlite.MigrationTable); err != nil {
		return internal(err, "cannot prepare the database")
	}
	list, err := dialect.MigrationList(s.d.Migrations())
	if err != nil {
		return internal(err, "cannot list migrations")
	}
	names := make([]string, len(list))
	for i, m := range list {
		names[i] = m.Name
	}
	if err := s.backupBeforeMigration(ctx, names); err != nil {
		return err
	}
	if _, err := dialect.ApplyMigrations(ctx, s.db, s.d.Migrations(), list, s.now); err != nil {
		return internal(err, "cannot upgrade the database")
	}
	return nil
}

// pendingMigrations counts the embedded migrations the database has not recorded.
func (s *Store) pendingMigrations(ctx context.Context) (int, error) {
	list, err := dialect.MigrationList(s.d.Migrations())
	if err != nil {
		return 0, internal(err, "cannot list migrations")
	}
	var applied int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&applied); err != nil {
		return 0, internal(err, "cannot read migrations: is this a database of the program?")
	}
	return len(list) - applied, nil
}

// update runs fn in one write transaction and commits it. The transaction is one change group: the rows it
// changes are kept as they were before (see history.go) and its audit rows name the group, so that it can be
// undone as a whole.
func (s *Store) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.ReadOnly() {
		return s.errReadOnly()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return internal(err, "cannot start a transaction")
	}
	defer tx.Rollback()
	// The database's only writer until COMMIT: SQLite's BEGIN IMMEDIATE is it already; a server's desks take
	// turns by an advisory lock.
	if err := s.d.BeginWrite(ctx, tx); err != nil {
		return internal(err, "cannot start a change")
	}
	group, err := s.openChangeGroup(ctx, tx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := group.close(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return internal(err, "cannot commit")
	}
	return nil
}

// audit writes one audit row in the transaction of the change it records, naming the transaction's change
// group. before and after are the record as it was and as it is (nil for none), stored as JSON.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, entity string, id int64, action string, before, after any) error {
	enc := func(v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return internal(err, "cannot encode the audit row")
	}
	a, err := enc(after)
	if err != nil {
		return internal(err, "cannot encode the audit row")
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, operator, entity, entity_id, action, before, after, group_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM change_group WHERE open = 1))`,
		s.now().UTC().Format(time.RFC3339Nano), s.operator, entity, id, action, b, a)
	if err != nil {
		return internal(err, "cannot write the audit row")
	}
	return nil
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Operator string
	Entity   string
	EntityID int64
	Action   string
	Before   string
	After    string
}

// AuditLog lists the audit rows of one record (entity and id), or of all records when entity is empty, newest first.
func (s *Store) AuditLog(ctx context.Context, entity string, id int64) ([]AuditEntry, error) {
	q := `SELECT id, at, operator, entity, entity_id, action, coalesce(before, ''), coalesce(after, '') FROM audit_log`
	var args []any
	if entity != "" {
		q += ` WHERE entity = ? AND entity_id = ?`
		args = append(args, entity, id)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, internal(err, "cannot read the audit log")
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Operator, &e.Entity, &e.EntityID, &e.Action, &e.Before, &e.After); err != nil {
			return nil, internal(err, "cannot read the audit log")
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// conflictOr turns a unique constraint's refusal into a Conflict error the user can read.
func conflictOr(err error, field, key, msg string, args map[string]any) error {
	if err == nil {
		return nil
	}
	if isUnique(err) {
		e := invalid(key, msg, args)
		e.Code = Conflict
		e.Field = field
		return e
	}
	return internal(err, "cannot save")
}

func notFound(what string, id any) error {
	return &Error{Code: NotFound, Key: "err.not_found", Args: map[string]any{"ID": id},
		Message: fmt.Sprintf("%s %v does not exist", what, id)}
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// isForeignKey reports a foreign key's refusal: a missing parent, or a delete of a row others point at.
func isForeignKey(err error) bool {
	class, _ := errorClass(err)
	return err != nil && class == dialect.Reference
}

// isUnique reports a UNIQUE constraint's (or unique index's) refusal of a duplicate.
func isUnique(err error) bool {
	class, _ := errorClass(err)
	return err != nil && class == dialect.Unique
}

// isBusy reports a write that waited for another writer longer than allowed.
func isBusy(err error) bool {
	class, _ := errorClass(err)
	return err != nil && class == dialect.Busy
}
