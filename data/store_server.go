package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"scitech/data/dialect"
	"scitech/data/postgres"
)

// A store on a PostgreSQL server (issue 19): an office's clerks share one database instead of each keeping a
// file. Open takes a postgres:// (or postgresql://) URL for it; the store's methods are the same on both.
//
// What differs from a file:
//   - Opening never creates anything: not the database (the server's administrator makes it), not the schema
//     (`scitech server init`, InitServer), and it never upgrades the schema either (`scitech server upgrade`,
//     UpgradeServer): one desk with a newer program must not change the office's database under the others
//     by being opened. A file is upgraded by the program that opens it, after a backup; a server is backed up
//     by its administrator (pg_dump) before an upgrade.
//   - There is no writer lock file and no read-only second copy: many desks write, one transaction at a time
//     (the dialect's BeginWrite).
//   - What works on the file itself (restore over it, SQLite's integrity check, hard links, the lock, the
//     read-only second copy) is refused with err.server.file_only; a backup of a server is a new SQLite file
//     written by the copier (Backup, TransferToFile); the first desk to open the server on a day writes the
//     day's backup into its own backups folder (dailyServerBackup).
//   - A server can stop answering mid-work: every connection bounds its waits (data/postgres/netconn.go), and
//     the server drops a desk that died or stopped inside a transaction, giving the writer's lock back.
//
// Every error names the server as dialect.Target.String() does (user@host:port/database), never the password.

// OpenTarget opens the database t names: a file as Open does, or a server, with t.Password (a password the
// user typed, kept in memory only) used before one in the URL, PGPASSWORD or the pgpass file.
func OpenTarget(ctx context.Context, t dialect.Target) (*Store, error) {
	if !t.Server() {
		return Open(t.URL)
	}
	return openServer(ctx, t)
}

// openServer connects to a server and refuses a database whose schema is not exactly this program's.
func openServer(ctx context.Context, t dialect.Target) (*Store, error) {
	d := postgres.New()
	db, err := d.Open(ctx, t)
	if err != nil {
		return nil, serverError(t, err, "cannot connect to the database server")
	}
	s := &Store{db: db, d: d, target: t, operator: currentOperator(), now: time.Now}
	if err := s.refuseServerSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// refuseServerSchema returns nil when the server's database holds every migration of this program and no
// other: err.server.not_set_up when it is empty, err.db.foreign when another program's tables are there,
// err.db.newer (or err.db.unknown_schema) when it records migrations this program does not have, and
// err.server.needs_upgrade when some of this program's are not applied yet.
func (s *Store) refuseServerSchema(ctx context.Context) error {
	st, err := readServerSchema(ctx, s.d, s.db, s.target)
	if err != nil {
		return err
	}
	switch {
	case st.empty:
		return serverKeyed(s.target, Invalid, "err.server.not_set_up",
			"the database has no tables of the program yet: set it up with `scitech server init`", nil)
	case st.foreign:
		return foreignServer(s.target)
	case len(st.unknown) > 0:
		return unknownSchema(s.target.String(), st.unknown, st.known, "it is left as it is")
	case st.pending > 0:
		return serverKeyed(s.target, Invalid, "err.server.needs_upgrade", fmt.Sprintf(
			"the database's schema is older than this program's (%d of %d migrations): upgrade it with `scitech server upgrade`",
			st.applied, st.known), map[string]any{"Applied": st.applied, "Known": st.known, "Pending": st.pending})
	}
	return nil
}

// serverSchema is what a server database records of the program's schema.
type serverSchema struct {
	empty, foreign bool
	applied        int     // migrations recorded
	pending        int     // this program's migrations not recorded
	known          int     // this program's newest migration
	unknown        []int64 // recorded migrations this program does not have, in order
}

func readServerSchema(ctx context.Context, d dialect.Dialect, db *sql.DB, t dialect.Target) (serverSchema, error) {
	var st serverSchema
	migrations, err := dialect.MigrationList(d.Migrations())
	if err != nil {
		return st, internal(err, "cannot list the program's migrations")
	}
	st.known = migrations[len(migrations)-1].Version
	tables, err := d.Tables(ctx, db)
	if err != nil {
		return st, serverError(t, err, "cannot read the database's tables")
	}
	if !slices.Contains(tables, "schema_migration") {
		st.empty, st.foreign = len(tables) == 0, len(tables) > 0
		return st, nil
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&st.applied); err != nil {
		return st, serverError(t, err, "cannot read migrations")
	}
	if st.applied == 0 && len(tables) > 1 {
		st.foreign = true // the first migration and its record commit together
		return st, nil
	}
	if st.applied == 0 {
		st.empty = true // an init that stopped before its first migration leaves only the record table
		return st, nil
	}
	unknown, err := unknownMigrations(ctx, db, d.Migrations())
	if err != nil {
		return st, serverError(t, err, "cannot read migrations")
	}
	st.unknown = unknown
	st.pending = max(0, len(migrations)-(st.applied-len(unknown)))
	return st, nil
}

// InitServer sets up the program's schema in an empty server database: the administrator has made the database
// (createdb -E UTF8 -T template0), this makes every table, index, trigger and collation in it and records the
// migrations. A database with any table in it is refused (err.server.not_empty) and left as it is: the program
// never writes into a database it has not set up. Every migration goes in one transaction (postgres.Init), so
// that an init killed or cut off halfway leaves the database empty, to be set up again, never half made.
func InitServer(ctx context.Context, url string) error {
	t := dialect.ParseTarget(url)
	if !t.Server() {
		return notServer(t)
	}
	d := postgres.New()
	db, err := d.Open(ctx, t)
	if err != nil {
		return serverError(t, err, "cannot connect to the database server")
	}
	defer db.Close()
	st, err := readServerSchema(ctx, d, db, t)
	if err != nil {
		return err
	}
	if !st.empty {
		tables, _ := d.Tables(ctx, db)
		return notEmpty(t, len(tables))
	}
	if _, err := postgres.Init(ctx, db, d.Migrations(), time.Now); err != nil {
		var ne *postgres.NotEmptyError
		if errors.As(err, &ne) { // another init, or another program, got there first
			return notEmpty(t, len(ne.Tables))
		}
		var own *postgres.ServersOwnError
		if errors.As(err, &own) {
			e := serverKeyed(t, Invalid, "err.init.servers_own", "the database "+own.Database+
				" is the server's own (a template or postgres): make one for the program with createdb -E UTF8 -T template0 -O USER",
				map[string]any{"Database": own.Database})
			e.Err = err
			return e
		}
		var owner *postgres.NotOwnerError
		if errors.As(err, &owner) {
			e := serverKeyed(t, Invalid, "err.init.not_owner", fmt.Sprintf(
				"the user %s is not the database's owner %s and cannot act as it: run scitech server init as %s or as an administrator",
				owner.User, owner.Owner, owner.Owner), map[string]any{"User": owner.User, "Owner": owner.Owner})
			e.Err = err
			return e
		}
		return serverError(t, err, "cannot set up the database")
	}
	return nil
}

func notEmpty(t dialect.Target, tables int) error {
	return serverKeyed(t, Conflict, "err.server.not_empty", fmt.Sprintf(
		"the database already holds %d tables; the program sets up only an empty database, and this one is left as it is",
		tables), map[string]any{"Tables": tables})
}

// UpgradeServer applies the migrations of this program that the server's database has not recorded, and says
// how many. A database that is empty (err.server.not_set_up), another program's (err.db.foreign) or newer than
// this program (err.db.newer) is refused and left as it is.
func UpgradeServer(ctx context.Context, url string) (applied int, err error) {
	t := dialect.ParseTarget(url)
	if !t.Server() {
		return 0, notServer(t)
	}
	d := postgres.New()
	db, err := d.Open(ctx, t)
	if err != nil {
		return 0, serverError(t, err, "cannot connect to the database server")
	}
	defer db.Close()
	st, err := readServerSchema(ctx, d, db, t)
	if err != nil {
		return 0, err
	}
	switch {
	case st.empty:
		return 0, serverKeyed(t, Invalid, "err.server.not_set_up",
			"the database has no tables of the program yet: set it up with `scitech server init`", nil)
	case st.foreign:
		return 0, foreignServer(t)
	case len(st.unknown) > 0:
		return 0, unknownSchema(t.String(), st.unknown, st.known, "it is left as it is")
	}
	n, err := postgres.Migrate(ctx, db, d.Migrations(), time.Now)
	if err != nil {
		var newer *postgres.NewerSchemaError
		if errors.As(err, &newer) { // another desk upgraded it meanwhile with a newer program
			return n, unknownSchema(t.String(), []int64{int64(newer.Version)}, newer.Known, "it is left as it is")
		}
		return n, serverError(t, err, "cannot upgrade the database")
	}
	return n, nil
}

// serverError turns a failure to reach or use a server into an error naming the server and the reason the
// user can act on: unreachable, refused login, no such database, no privilege, busy, disk full; anything
// else is an internal error (its detail logged), still naming the server.
func serverError(t dialect.Target, err error, msg string) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if se := (*postgres.ServerError)(nil); errors.As(err, &se) && se.Reason == postgres.ReasonBadURL {
		return badURL(t, err)
	}
	class, _ := postgres.New().Classify(err)
	key, ok := serverKeys[class]
	if busy := serverBusyKey(err); class == dialect.Busy && busy != "" {
		key = busy
	}
	if !ok {
		return &Error{Code: Internal, Key: "err.internal", Message: t.String() + ": " + msg, Err: err}
	}
	e = serverKeyed(t, Storage, key, msg+": "+serverMessages[key], nil)
	e.Err = err
	return e
}

// badURL is the error of a server URL that cannot be used. Its text says what is wrong in the user's words
// (the translation picks them by Problem: a parameter the program does not support, a value it cannot use, a
// port, an escape), and pgx's own words (Reason) only for what the program cannot tell.
func badURL(t dialect.Target, err error) error {
	ue := &postgres.URLError{Problem: postgres.URLUnreadable, Err: err}
	errors.As(err, &ue)
	reason := ""
	if ue.Problem == postgres.URLUnreadable && ue.Err != nil {
		reason = ue.Err.Error()
		if se := (*postgres.ServerError)(nil); errors.As(ue.Err, &se) {
			reason = fmt.Sprint(se.Err)
		}
	}
	args := map[string]any{"Problem": ue.Problem, "Param": ue.Param, "Value": ue.Value, "Reason": reason}
	e := serverKeyed(t, Invalid, "err.server.bad_url", "the address of the database server cannot be used: "+
		ue.Error()+" (postgres://USER@HOST:PORT/DATABASE)", args)
	e.Err = err
	return e
}

// serverKeys are the keys of the server failures a user (or the office's IT) can do something about.
var serverKeys = map[dialect.ErrorClass]string{
	dialect.Gone:       "err.server.unreachable",
	dialect.Auth:       "err.server.auth",
	dialect.NoDatabase: "err.server.no_database",
	dialect.Denied:     "err.server.denied",
	dialect.Busy:       "err.server.busy",
	dialect.Full:       "err.server.full",
	dialect.ReadOnly:   "err.server.read_only",
}

var serverMessages = map[string]string{
	"err.server.unreachable": "the database server cannot be reached, or the connection to it was lost",
	"err.server.auth":        "the server refused the user name or password",
	"err.server.no_database": "the server has no database of that name",
	"err.server.denied":      "the server refused access: the user lacks a privilege",
	"err.server.busy":        "another desk's change held the database longer than the wait allowed",
	"err.server.full":        "the server's disk is full",
	"err.server.read_only":   "the server is read-only",
	keyServerTimeout:         "the server did not finish the work within its time limit and cancelled it",
	keyServerConnections:     "the server has no connection left for this desk: its connections are all in use",
}

// serverKeyed is an error about the server t with Args Server and Path, both naming it.
func serverKeyed(t dialect.Target, code Code, key, msg string, args map[string]any) *Error {
	a := map[string]any{"Server": t.String(), "Path": t.String()}
	for k, v := range args {
		a[k] = v
	}
	return &Error{Code: code, Key: key, Args: a, Message: t.String() + ": " + msg}
}

func foreignServer(t dialect.Target) error {
	return serverKeyed(t, Invalid, "err.db.foreign",
		"the database holds tables of another program; it is left as it is", nil)
}

func notServer(t dialect.Target) error {
	return &Error{Code: Invalid, Key: "err.server.not_url", Args: map[string]any{"Path": t.String()},
		Message: t.String() + " is not a postgres:// URL of a database server"}
}
