package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"reflect"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"scitech/data/dialect"
)

// sqlStates maps PostgreSQL's SQLSTATE codes (appendix A of its manual) to the store's classes. A class of
// codes (its first two characters) stands for all its codes not listed themselves.
var sqlStates = map[string]dialect.ErrorClass{
	"23505": dialect.Unique,
	"23503": dialect.Reference,
	"23514": dialect.Check,
	"23502": dialect.NotNull,
	"55P03": dialect.Busy, // lock_not_available: the writer's lock timeout ran out (BeginWrite)
	"40P01": dialect.Busy, // deadlock_detected
	"40001": dialect.Busy, // serialization_failure
	"53300": dialect.Busy, // too_many_connections: the server's, its database's or the login's connection limit
	"57014": dialect.Busy, // query_canceled: the server's statement_timeout ran out, or its administrator cancelled it
	"53100": dialect.Full, // disk_full
	"25006": dialect.ReadOnly,
	"42501": dialect.Denied, // insufficient_privilege
	"28P01": dialect.Auth,   // invalid_password
	"28000": dialect.Auth,   // invalid_authorization_specification (no such role, pg_hba refuses)
	"3D000": dialect.NoDatabase,
	"08":    dialect.Gone,    // connection_exception
	"57P01": dialect.Gone,    // admin_shutdown
	"57P02": dialect.Gone,    // crash_shutdown
	"57P03": dialect.Gone,    // cannot_connect_now (starting up, shutting down)
	"57P05": dialect.Gone,    // idle_session_timeout: the server ended a session idle too long
	"25P03": dialect.Gone,    // idle_in_transaction_session_timeout: the server ended a session stopped mid-transaction
	"XX001": dialect.Damaged, // data_corrupted
	"XX002": dialect.Damaged, // index_corrupted
}

// Classify says what a pgx error means. For a broken constraint it names the table and the constraint's
// columns, read from the server's catalogue (the server's message text is not read: it may be in Chinese).
func (d *Dialect) Classify(err error) (dialect.ErrorClass, dialect.Constraint) {
	if err == nil {
		return dialect.Other, dialect.Constraint{}
	}
	class := classOf(err)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return class, dialect.Constraint{}
	}
	c := dialect.Constraint{Name: pe.ConstraintName, Table: pe.TableName}
	switch class {
	case dialect.NotNull:
		c.Columns = []string{pe.ColumnName}
	case dialect.Unique, dialect.Reference, dialect.Check:
		c.Columns = d.constraintColumns(pe.TableName, pe.ConstraintName)
	}
	return class, c
}

// classOf is err's class without the constraint: by the server's SQLSTATE, else by a connection's failure.
func classOf(err error) dialect.ErrorClass {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		class, ok := sqlStates[pe.Code]
		if !ok {
			class, ok = sqlStates[pe.Code[:min(2, len(pe.Code))]]
		}
		if !ok {
			return dialect.Other
		}
		return class
	}
	if gone(err) {
		return dialect.Gone
	}
	return dialect.Other
}

// TimedOut reports whether the server cancelled a statement (SQLSTATE 57014): its statement_timeout ran out,
// or its administrator cancelled it. The class is Busy; the user is told the server did not finish in time.
func TimedOut(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "57014"
}

// TooManyConnections reports whether the server refused a connection because its connections are used up
// (SQLSTATE 53300: max_connections, or the database's or the login's CONNECTION LIMIT). The class is Busy; the
// user is told the server has no connection left, not that another desk is writing.
func TooManyConnections(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "53300"
}

// gone reports an error of a connection that failed or was lost rather than of a statement.
func gone(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, net.ErrClosed)
}

// constraintColumns reads the columns of the tables' constraints and unique indexes once, on the store's pool
// (the failed statement's transaction is aborted and can run nothing more). The catalogue is read again when a
// name is not in it (a migration since), and a failed read gives no columns rather than another error.
func (d *Dialect) constraintColumns(table, name string) []string {
	if d.db == nil || name == "" {
		return nil
	}
	key := table + "\x00" + name
	d.mu.Lock()
	defer d.mu.Unlock()
	if cols, ok := d.consts[key]; ok {
		return cols
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, err := readConstraints(ctx, d.db)
	if err != nil {
		return nil
	}
	d.consts = m
	return m[key]
}

// readConstraints lists every constraint and unique index of the current schema with its columns in order.
// A column list of an expression index is empty.
func readConstraints(ctx context.Context, db *sql.DB) (map[string][]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT t.relname, c.conname, coalesce(string_agg(a.attname, ',' ORDER BY k.n), '')
		FROM pg_constraint c
		JOIN pg_class t ON t.oid = c.conrelid
		CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, n)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
		WHERE t.relnamespace = current_schema()::regnamespace
		GROUP BY t.relname, c.conname
		UNION ALL
		SELECT t.relname, i.relname, coalesce(string_agg(a.attname, ',' ORDER BY k.n), '')
		FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_class t ON t.oid = x.indrelid
		CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY k(attnum, n)
		LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0
		WHERE x.indisunique AND t.relnamespace = current_schema()::regnamespace
		GROUP BY t.relname, i.relname`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string][]string{}
	for rows.Next() {
		var table, name, cols string
		if err := rows.Scan(&table, &name, &cols); err != nil {
			return nil, err
		}
		var list []string
		if cols != "" {
			list = strings.Split(cols, ",")
		}
		if _, dup := m[table+"\x00"+name]; !dup { // a unique constraint is also its index: same columns
			m[table+"\x00"+name] = list
		}
	}
	return m, rows.Err()
}

// FromServer reports whether err came from a server connection: an error of pgx's (the server's own, a failed
// connection, a lost one) or of this package. A store that serves both a file and a server (a copy between
// them) tells by it which dialect's classes apply; an end of file read from a disk is no lost connection.
func FromServer(err error) bool {
	for _, e := range errorChain(err) {
		t := reflect.TypeOf(e)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if p := t.PkgPath(); p == "scitech/data/postgres" || strings.HasPrefix(p, "github.com/jackc/pgx/") {
			return true
		}
	}
	return false
}

// errorChain is err and every error it wraps, depth first.
func errorChain(err error) []error {
	var out []error
	var walk func(error)
	walk = func(e error) {
		for e != nil && len(out) < 64 {
			out = append(out, e)
			switch u := e.(type) {
			case interface{ Unwrap() []error }:
				for _, x := range u.Unwrap() {
					walk(x)
				}
				return
			case interface{ Unwrap() error }:
				e = u.Unwrap()
			default:
				return
			}
		}
	}
	walk(err)
	return out
}
