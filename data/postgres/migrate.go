package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"scitech/data/dialect"
)

// NewerSchemaError is a server database that holds migrations this program does not have: a newer copy of the
// program upgraded it, and this one would read tables it does not know as if it did.
type NewerSchemaError struct {
	Version, Known int
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("the database's schema is version %d, newer than this program's %d", e.Version, e.Known)
}

// Migrate applies the migrations the server's database has not recorded, each in its own transaction, and
// records each in schema_migration (version, file name, when, RFC 3339 UTC) as the SQLite store does, so that
// the two read alike and a copy between them can require equal versions. It returns how many it applied.
//
// It holds a session advisory lock while it works (WithSessionLock), so that two desks opening a new server at
// once do not both apply 0001: the second waits, then finds every version recorded. A wait for that lock, or
// for a table a desk's open transaction uses, ends Busy after the lock timeout instead of hanging the upgrade. A database with a version above this
// program's is refused (*NewerSchemaError) before anything is applied. A server keeps no file to back up
// first: IT backs a server up with pg_dump before an upgrade.
func Migrate(ctx context.Context, db *sql.DB, migrations fs.FS, now func() time.Time) (applied int, err error) {
	files, err := dialect.MigrationList(migrations)
	if err != nil {
		return 0, err
	}
	_, err = WithSessionLock(ctx, db, migrationLockKey, false, func(c *sql.Conn) error {
		if _, err := c.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration `+schemaMigrationColumns); err != nil {
			return err
		}
		var newest int
		if err := c.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migration`).Scan(&newest); err != nil {
			return err
		}
		if known := files[len(files)-1].Version; newest > known {
			return &NewerSchemaError{Version: newest, Known: known}
		}
		applied, err = dialect.ApplyMigrations(ctx, c, migrations, files, now)
		return err
	})
	return applied, err
}

// schemaMigrationColumns are schema_migration's columns, as the SQLite store's record table has them.
const schemaMigrationColumns = `(version BIGINT PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, applied_at TEXT COLLATE "C" NOT NULL)`

// NotEmptyError is a database Init refuses: it holds tables (the program sets up only an empty database).
type NotEmptyError struct{ Tables []string }

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("the database is not empty: it holds %d tables", len(e.Tables))
}

// Init sets the program's schema up in an empty database: every migration and its record in ONE transaction,
// so that a database is either left untouched or wholly set up, whatever stops Init (a kill, a lost
// connection, a failing migration); the server's DDL is transactional, collations and functions included.
// It holds the migration lock, and looks for tables inside its transaction under that lock, so that two inits
// of one database cannot both find it empty. A database with any table in the connection's current schema is
// refused (*NotEmptyError) and left as it is. It returns how many migrations it applied.
func Init(ctx context.Context, db *sql.DB, migrations fs.FS, now func() time.Time) (applied int, err error) {
	files, err := dialect.MigrationList(migrations)
	if err != nil {
		return 0, err
	}
	_, err = WithSessionLock(ctx, db, migrationLockKey, false, func(c *sql.Conn) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := refuseServersOwn(ctx, tx); err != nil {
			return err
		}
		if err := refuseTables(ctx, tx); err != nil {
			return err
		}
		if err := actAsOwner(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_migration `+schemaMigrationColumns); err != nil {
			return err
		}
		at := now()
		for _, m := range files {
			if err := dialect.ApplyMigration(ctx, tx, migrations, m, at); err != nil {
				return err
			}
		}
		return tx.Commit()
	})
	if err != nil {
		return 0, err
	}
	return len(files), nil
}

// refuseTables refuses a database that holds any table (*NotEmptyError), but for an empty schema_migration
// alone, which it drops.
func refuseTables(ctx context.Context, tx *sql.Tx) error {
	tables, err := (&Dialect{}).Tables(ctx, tx)
	if err != nil {
		return err
	}
	if len(tables) == 1 && tables[0] == "schema_migration" {
		// An empty record table alone is what Migrate leaves when it is stopped before the first migration
		// commits (and what an init of an earlier version left): nothing of the program's is there yet.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, `DROP TABLE schema_migration`); err != nil {
				return err
			}
			tables = nil
		}
	}
	if len(tables) > 0 {
		return &NotEmptyError{Tables: tables}
	}
	return nil
}

// ServersOwnError is a database Init refuses because it is the server's own: a template (template1, from which
// every database made afterwards is copied, with this program's schema in it) or the maintenance database
// postgres. The administrator makes the program a database of its own (createdb -E UTF8 -T template0 -O USER).
type ServersOwnError struct{ Database string }

func (e *ServersOwnError) Error() string {
	return "the database " + e.Database + " is the server's own (a template or the maintenance database): make one for the program with createdb"
}

// refuseServersOwn refuses a template database and the maintenance database postgres.
func refuseServersOwn(ctx context.Context, tx *sql.Tx) error {
	var name string
	var template bool
	if err := tx.QueryRowContext(ctx, `SELECT datname::text, datistemplate FROM pg_database
		WHERE datname = current_database()`).Scan(&name, &template); err != nil {
		return err
	}
	if template || name == "postgres" {
		return &ServersOwnError{Database: name}
	}
	return nil
}

// NotOwnerError is an init by a user who is not the database's owner and cannot act as it: what it made would
// be its own, and the program's user, the owner, could not use it.
type NotOwnerError struct{ User, Owner string }

func (e *NotOwnerError) Error() string {
	return fmt.Sprintf("the user %s is not the database's owner %s and cannot act as it: run server init as %s, or as an administrator",
		e.User, e.Owner, e.Owner)
}

// actAsOwner makes the database's owner the owner of all the transaction makes: an administrator who sets the
// program's database up (as README says, server init postgres://ADMIN@HOST/DB) acts as the owner, the user
// the desks connect as, for the rest of the transaction (SET LOCAL ROLE), so that the desks can use every
// table, function and collation. A user who is neither the owner nor a member of its role is refused
// (*NotOwnerError) before anything is made.
func actAsOwner(ctx context.Context, tx *sql.Tx) error {
	var user, owner string
	var member bool
	if err := tx.QueryRowContext(ctx, `SELECT current_user::text, pg_get_userbyid(d.datdba)::text,
			pg_has_role(current_user, d.datdba, 'MEMBER')
		FROM pg_database d WHERE d.datname = current_database()`).Scan(&user, &owner, &member); err != nil {
		return err
	}
	switch {
	case user == owner:
		return nil
	case !member:
		return &NotOwnerError{User: user, Owner: owner}
	}
	_, err := tx.ExecContext(ctx, `SET LOCAL ROLE "`+strings.ReplaceAll(owner, `"`, `""`)+`"`)
	return err
}
