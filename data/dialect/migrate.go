package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The migration runner both databases share: a dialect's migrations are NNNN_name.sql files, applied in
// version order, each with its record in schema_migration (version, file name, when applied as RFC 3339 UTC),
// so that the table reads alike on a file and on a server. What differs stays with the caller: the record
// table's DDL, and the lock that makes one copy of the program the only one applying them (SQLite: the
// writer's lock file, held since the store opened; PostgreSQL: a session advisory lock on the connection
// given here).

// Migration is one migration file of a dialect.
type Migration struct {
	Version int    // NNNN
	Name    string // the file's name, NNNN_name.sql, as schema_migration records it
}

// MigrationList lists the NNNN_name.sql files at fsys's root in version order. A name that does not begin with a
// number, or no migration at all, is an error.
func MigrationList(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Migration
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("bad migration name %s", name)
		}
		out = append(out, Migration{Version: v, Name: name})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no migrations")
	}
	return out, nil
}

// TxBeginner is a database or one of its connections.
type TxBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// ApplyMigrations applies each migration of list (read from fsys) that schema_migration does not record, in
// order, each in its own transaction with its record, so that a stop between two leaves every one applied
// or not. db holds the caller's lock; schema_migration must exist. It returns how many it applied.
func ApplyMigrations(ctx context.Context, db TxBeginner, fsys fs.FS, list []Migration, now func() time.Time) (applied int, err error) {
	for _, m := range list {
		done, err := applyUnlessRecorded(ctx, db, fsys, m, now)
		if err != nil {
			return applied, err
		}
		if done {
			applied++
		}
	}
	return applied, nil
}

// applyUnlessRecorded applies one migration unless it is recorded; false when it was.
func applyUnlessRecorded(ctx context.Context, db TxBeginner, fsys fs.FS, m Migration, now func() time.Time) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration WHERE version = ?`, m.Version).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if err := ApplyMigration(ctx, tx, fsys, m, now()); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// ApplyMigration runs migration m in tx and records it as applied at at.
func ApplyMigration(ctx context.Context, tx *sql.Tx, fsys fs.FS, m Migration, at time.Time) error {
	body, err := fs.ReadFile(fsys, m.Name)
	if err != nil {
		return err
	}
	// Without arguments the body goes to the database as one script: all its statements, in order.
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s failed: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, at.UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("cannot record migration %s: %w", m.Name, err)
	}
	return nil
}
