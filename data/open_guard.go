package data

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"

	"scitech/data/dialect"
	"scitech/data/sqlite"
)

// A database is written only when this program knows all of it. Open looks before it writes anything (its
// connection pragmas and its migration table are writes): a file written by a newer version of the program,
// or by another program, is refused with a message saying so, and is left exactly as it was.

// refuseUnknownDatabase returns a *Error when the database file at path must not be written by this program:
// it has more than one name (hard links: SQLite keeps a -wal per name, and two names can each replay their own
// over the other's changes), it records a migration this program does not have (a newer version wrote it), or
// it holds tables but no migration table (another program's database). A file that cannot be read as a
// database is left for the caller's own open to report.
func refuseUnknownDatabase(ctx context.Context, path string) error {
	if err := refuseHardLinks(path); err != nil {
		return err
	}
	params := []string{"mode", "ro", "_pragma", "busy_timeout(5000)"}
	db, ours, tables, err := readSchemaSummary(ctx, path, params)
	if err != nil && walHoldsNothing(path) {
		// A read-only folder or a full disk, where SQLite cannot make the -shm: the file alone, as OpenReadOnly
		// reads it then.
		db, ours, tables, err = readSchemaSummary(ctx, path, append(params, "immutable", "1"))
	}
	if err != nil {
		return nil
	}
	defer db.Close()
	if ours == 0 {
		if tables > 0 {
			return &Error{Code: Invalid, Key: "err.db.foreign", Args: map[string]any{"Path": path},
				Message: path + " is a database of another program; it is left as it is"}
		}
		return nil // a new, empty database
	}
	var applied int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&applied); err != nil {
		return internal(err, "cannot read migrations: is this a database of the program?")
	}
	if applied == 0 && tables > 1 {
		// This program's first migration and its record commit together: an empty record beside other
		// tables was not written by it.
		return &Error{Code: Invalid, Key: "err.db.foreign", Args: map[string]any{"Path": path},
			Message: path + " is a database of another program; it is left as it is"}
	}
	unknown, err := unknownMigrations(ctx, db, sqlite.Migrations())
	if err != nil || len(unknown) == 0 {
		return err
	}
	return unknownSchema(path, unknown, latestMigration(), "it is left as it is")
}

// readSchemaSummary opens the file at path with params (the URI's key, value pairs) and counts its tables and
// whether schema_migration is one of them. The pool it returns is open only when err is nil.
func readSchemaSummary(ctx context.Context, path string, params []string) (db *sql.DB, ours, tables int, err error) {
	db, err = sql.Open("sqlite", sqlite.URI(path, params...))
	if err != nil {
		return nil, 0, 0, err
	}
	db.SetMaxOpenConns(1)
	if err = db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name = 'schema_migration'), count(*)
		FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&ours, &tables); err != nil {
		db.Close()
		return nil, 0, 0, err
	}
	return db, ours, tables, nil
}

// unknownSchema is the refusal of a database (name: a file path, or a server as dialect.Target.String names
// it) that records the migrations unknown, which this program, knowing up to known, does not have: a newer
// version of the program wrote it (err.db.newer), or another line of the program (err.db.unknown_schema).
func unknownSchema(name string, unknown []int64, known int, left string) error {
	newest := unknown[len(unknown)-1]
	args := map[string]any{"Path": name, "Version": newest, "Known": known, "Versions": joinInts(unknown)}
	if newest <= int64(known) {
		// A number this program has, recorded under another migration's name (another line of the program),
		// or one it skipped: its tables are not what this program reads.
		return &Error{Code: Invalid, Key: "err.db.unknown_schema", Args: args,
			Message: fmt.Sprintf("%s records migrations this program does not have (%s); %s", name, joinInts(unknown), left)}
	}
	return &Error{Code: Invalid, Key: "err.db.newer", Args: args,
		Message: fmt.Sprintf("%s was written by a newer version of the program (schema %d; this one knows %d); %s",
			name, newest, known, left)}
}

// refuseHardLinks returns err.db.hard_link when the file at path has more than one name. A folder's links are
// its subfolders: what is no regular file is left for refuseNotRegular to name.
func refuseHardLinks(path string) error {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	if err := refuseSideLinks(path); err != nil {
		return err
	}
	if n := linkCount(path); n > 1 {
		return &Error{Code: Invalid, Key: "err.db.hard_link", Args: map[string]any{"Path": path, "Links": n},
			Message: fmt.Sprintf("%s has %d names (hard links); a database is written through one name only", path, n)}
	}
	return nil
}

// unknownMigrations lists, in order, the versions the database records that this program has no migration
// of in fsys (the database's dialect's): a number it does not have, or one it has under another name.
func unknownMigrations(ctx context.Context, db dialect.Querier, fsys fs.FS) ([]int64, error) {
	known := map[int64]string{}
	names, _ := fs.Glob(fsys, "*.sql")
	for _, name := range names {
		if v, err := migrationVersion(name); err == nil {
			known[int64(v)] = path.Base(name)
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT version, name FROM schema_migration ORDER BY version`)
	if err != nil {
		return nil, internal(err, "cannot read migrations")
	}
	defer rows.Close()
	var unknown []int64
	for rows.Next() {
		var v int64
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return nil, internal(err, "cannot read migrations")
		}
		if ours, ok := known[v]; !ok || ours != name {
			unknown = append(unknown, v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read migrations")
	}
	return unknown, nil
}

// migrationVersion is the number a migration file's name starts with: 0006 of migrations/0006_history.sql.
func migrationVersion(name string) (int, error) {
	return strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
}

func joinInts(vs []int64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = strconv.FormatInt(v, 10)
	}
	return strings.Join(parts, ", ")
}

// databaseSideFiles are the files SQLite and the program write beside a database: its lock, its write-ahead log and
// index, its rollback journal.
func databaseSideFiles(db string) []string {
	return []string{lockPath(db), db + "-wal", db + "-shm", db + "-journal"}
}

// refuseSideLinks refuses a database whose side files are not plain files of their own: a link (symbolic or
// hard) there would have the lock's holder, the log's pages or the index written into the file it names —
// a user's document truncated, with the command reporting success.
func refuseSideLinks(db string) error {
	for _, side := range databaseSideFiles(db) {
		fi, err := os.Lstat(side)
		if err != nil {
			continue
		}
		if !fi.Mode().IsRegular() {
			return notRegular(side)
		}
		if n := linkCount(side); n > 1 {
			return &Error{Code: Invalid, Key: "err.db.side_link", Args: map[string]any{"Path": side, "Links": n, "DB": db},
				Message: fmt.Sprintf("%s, beside the database %s, has %d names (hard links); it is not written, so as not to change another file", side, db, n)}
		}
	}
	return nil
}
