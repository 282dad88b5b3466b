package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	sqlitedriver "modernc.org/sqlite"

	"scitech/data/dialect"
	"scitech/data/sqlite"
)

// Problem is one thing wrong that Check found: what kind of check (a translation key, check.<kind>), the
// record (table and id, when there is one), its name as the user knows it, and the details as arguments.
type Problem struct {
	Kind   string // integrity, foreign_key, added_value, patent_term, workflow_history
	Entity string // the table, or "" for the file as a whole
	ID     int64
	Name   string
	Args   map[string]any
	// Message is the English text, for logs and the command line's second language.
	Message string
}

// Key is the problem's translation key.
func (p Problem) Key() string { return "check." + p.Kind }

// checkLimit caps how many problems of one kind Check lists; a damaged file could otherwise list millions.
const checkLimit = 200

// Check runs SQLite's integrity and foreign-key checks and the program's own consistency checks: added value
// above output, patents recorded as granted whose term has ended, and applications whose status no step of
// their history reached. It reads only, so it may run beside the window's work; the problems come in the
// order of the checks.
// A check that cannot read past damage in the file ends the check with the damage as the last problem found,
// not with an error.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	var out []Problem
	for _, c := range append(append(s.fileChecks(), s.checkSchema, s.checkValues), s.recordChecks()...) {
		ps, err := c(ctx)
		if p, ok := damageProblem(err); ok {
			return append(out, p), nil // the checks after it would stop at the same damage
		}
		if err != nil {
			return out, err
		}
		out = append(out, ps...)
		if len(ps) > 0 && (ps[0].Kind == schemaMissing || ps[0].Kind == "bad_value") {
			return out, nil // the record checks would stop at a missing table or a value of the wrong type
		}
	}
	return out, nil
}

type check func(context.Context) ([]Problem, error)

// fileChecks are the checks of the database file itself, before any record is read. A server has none to
// run: it keeps its own pages and enforces every foreign key as it writes.
func (s *Store) fileChecks() []check {
	if s.Server() {
		return nil
	}
	return []check{s.checkFileSize, s.checkIntegrity, s.checkForeignKeys}
}

// recordChecks are the program's own checks of the records, the same on every database.
func (s *Store) recordChecks() []check {
	return []check{s.checkAddedValue, s.checkPatentTerms, s.checkWorkflows}
}

// damageProblem is the problem of a check that stopped at damage in the file: SQLite's words for it.
func damageProblem(err error) (Problem, bool) {
	if storageKey(err) != keyDamaged {
		return Problem{}, false
	}
	var se *sqlitedriver.Error
	detail := err.Error()
	if errors.As(err, &se) {
		detail = se.Error()
	}
	return Problem{Kind: "integrity", Args: map[string]any{"Detail": detail},
		Message: "the database file is damaged: " + detail}, true
}

// CheckFile checks a database file that cannot be opened as a store — damaged, cut short, or not a database
// at all — as far as SQLite can read it, and says what is wrong: an empty file, a file that is not a SQLite
// database (FileProblem), or the damage SQLite's integrity check finds (or the error that stopped it). It
// opens the file read-only and writes nothing; a file that cannot be read at all is an error.
func CheckFile(ctx context.Context, path string) ([]Problem, error) {
	if t := dialect.ParseTarget(path); t.Server() {
		return nil, serverKeyed(t, Invalid, "err.server.file_only", "checking a file works on a database file",
			map[string]any{"What": "check"})
	}
	if err := RefuseMistypedURL(path); err != nil {
		return nil, err
	}
	if p, err := FileProblem(path); err != nil || p != nil {
		if p != nil {
			return []Problem{*p}, nil
		}
		return nil, err
	}
	db, err := sql.Open("sqlite", sqlite.URI(path, "mode", "ro"))
	if err != nil {
		return nil, internal(err, "cannot open "+path)
	}
	defer db.Close()
	s := &Store{db: db, d: sqlite.New(), path: path}
	if ps, _ := s.checkFileSize(ctx); len(ps) > 0 {
		return ps, nil // what integrity_check says of the pages read as zeros adds nothing
	}
	ps, err := s.checkIntegrity(ctx)
	if p, ok := damageProblem(err); ok {
		return []Problem{p}, nil
	}
	return ps, err
}

// FileProblem says, before the file is opened, what makes it no database at all: it is empty, or does not
// begin as a SQLite database does. It returns nil for a file that does, and an error for one that cannot be
// read (key err.backup.unreadable) or is no file (a pipe, a device, a folder: err.file.not_regular). Opening such a file as a store would write a new
// database into it.
func FileProblem(path string) (*Problem, error) {
	if err := refuseNotRegular(path); err != nil {
		return nil, err // a pipe would hold the read below forever
	}
	head, err := readHead(path, len(sqliteHeader))
	if err != nil {
		return nil, &Error{Code: Invalid, Key: "err.backup.unreadable", Args: map[string]any{"Path": path},
			Message: "cannot read " + path, Err: err}
	}
	switch {
	case len(head) == 0:
		return &Problem{Kind: "empty_file", Args: map[string]any{"Path": path},
			Message: path + " is empty: it holds no database"}, nil
	case !bytes.Equal(head, sqliteHeader):
		return &Problem{Kind: "not_database", Args: map[string]any{"Path": path},
			Message: path + " is not a SQLite database, or its first bytes are damaged"}, nil
	}
	return nil, nil
}

// readHead reads up to n bytes from the start of a file.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return b[:k], nil
}

// checkFileSize finds a database file cut short, which integrity_check passes when only the tail of its last
// page is gone (see fileSizeProblem). A file that cannot be read here is left to the checks that follow.
func (s *Store) checkFileSize(context.Context) ([]Problem, error) {
	detail, err := fileSizeProblem(s.path)
	if err != nil || detail == "" {
		return nil, nil
	}
	return []Problem{{Kind: "integrity", Args: map[string]any{"Detail": detail},
		Message: "the database file is damaged: " + detail}}, nil
}

// checkIntegrity lists the damage SQLite's integrity check finds in the file.
func (s *Store) checkIntegrity(ctx context.Context) ([]Problem, error) {
	found, err := sqlite.IntegrityCheck(ctx, s.db, checkLimit)
	if err != nil {
		return nil, internal(err, "cannot run the integrity check")
	}
	var out []Problem
	for _, msg := range found {
		out = append(out, Problem{Kind: "integrity", Args: map[string]any{"Detail": msg},
			Message: "the database file is damaged: " + msg})
	}
	return out, nil
}

// checkForeignKeys lists the rows of the file whose parent row does not exist.
func (s *Store) checkForeignKeys(ctx context.Context) ([]Problem, error) {
	found, err := sqlite.ForeignKeyCheck(ctx, s.db, checkLimit)
	if err != nil {
		return nil, internal(err, "cannot run the foreign-key check")
	}
	var out []Problem
	for _, r := range found {
		out = append(out, Problem{Kind: "foreign_key", Entity: r.Table, ID: r.RowID,
			Args:    map[string]any{"Table": r.Table, "ID": r.RowID, "Parent": r.Parent},
			Message: fmt.Sprintf("%s %d points at a %s that does not exist", r.Table, r.RowID, r.Parent)})
	}
	return out, nil
}

func (s *Store) checkAddedValue(ctx context.Context) ([]Problem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.id, c.name, o.year, o.output, o.added_value
		FROM annual_output o JOIN company c ON c.id = o.company_id WHERE o.added_value > o.output
		ORDER BY c.name, o.year LIMIT ?`, checkLimit)
	if err != nil {
		return nil, internal(err, "cannot check output rows")
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var id int64
		var name string
		var year int
		var output, added Yuan
		if err := rows.Scan(&id, &name, &year, &output, &added); err != nil {
			return nil, internal(err, "cannot check output rows")
		}
		out = append(out, Problem{Kind: "added_value", Entity: "annual_output", ID: id, Name: name,
			Args: map[string]any{"Company": name, "Year": year, "Output": output.Wan(), "Added": added.Wan()},
			Message: fmt.Sprintf("%s, %d: added value %s 万元 is above the output %s 万元", name, year,
				added.Wan(), output.Wan())})
	}
	return out, rows.Err()
}

// checkPatentTerms lists patents still recorded as granted (or pending) although their term ended before
// today: their status should say expired.
func (s *Store) checkPatentTerms(ctx context.Context) ([]Problem, error) {
	ends := s.d.PatentTermEnds("p")
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.app_no, p.title, c.name, `+ends+`
		FROM patent p JOIN company c ON c.id = p.company_id
		WHERE p.legal_status IN ('granted', 'pending') AND `+ends+` < ? ORDER BY p.app_no LIMIT ?`,
		FormatDate(s.now()), checkLimit)
	if err != nil {
		return nil, internal(err, "cannot check patent terms")
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var id int64
		var no, title, company, end string
		if err := rows.Scan(&id, &no, &title, &company, &end); err != nil {
			return nil, internal(err, "cannot check patent terms")
		}
		out = append(out, Problem{Kind: "patent_term", Entity: "patent", ID: id, Name: no,
			Args:    map[string]any{"AppNo": no, "Title": title, "Company": company, "End": end},
			Message: fmt.Sprintf("patent %s (%s) is recorded as in force, but its term ended on %s", no, title, end)})
	}
	return out, rows.Err()
}

// checkWorkflows lists incubator and plan applications whose status was reached by no step of their history.
func (s *Store) checkWorkflows(ctx context.Context) ([]Problem, error) {
	var out []Problem
	for _, w := range []struct{ table, history, name string }{
		{"incubator_application", "incubator_application_history", "a.applicant"},
		{"plan_application", "plan_application_history", "a.title"},
	} {
		// "+h.to_status" (NotIndexed) keeps SQLite on the history's index by application: on its index by status it would
		// read every step into that status once per application (37 s instead of 0.2 s at 50,000 applications).
		rows, err := s.db.QueryContext(ctx, `SELECT a.id, `+w.name+`, a.status FROM `+w.table+` a
			WHERE NOT EXISTS (SELECT 1 FROM `+w.history+` h WHERE h.application_id = a.id AND `+s.d.NotIndexed("h.to_status")+` = a.status)
			ORDER BY a.id LIMIT ?`, checkLimit)
		if err != nil {
			return nil, internal(err, "cannot check workflows")
		}
		for rows.Next() {
			var id int64
			var name, status string
			if err := rows.Scan(&id, &name, &status); err != nil {
				rows.Close()
				return nil, internal(err, "cannot check workflows")
			}
			out = append(out, Problem{Kind: "workflow_history", Entity: w.table, ID: id, Name: name,
				Args:    map[string]any{"Table": w.table, "Name": name, "Status": status},
				Message: fmt.Sprintf("%s %q is %s, but no step of its history leads there", w.table, name, status)})
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal(err, "cannot check workflows")
		}
	}
	return out, nil
}

// schemaMissing is the kind of the problem of a table, trigger or index of the program's schema that the
// database lacks.
const schemaMissing = "schema_missing"

// schemaObject is one table, trigger or index of the program's schema, by its kind and name, and the table it
// belongs to (a table's is itself).
type schemaObject = dialect.SchemaObject

// fileOnlyObjects are of the program's schema on SQLite only: gram_seq numbers the name-search grams, which the
// server numbers with its own sequence.
var fileOnlyObjects = map[schemaObject]bool{{Kind: "table", Name: "gram_seq", Table: "gram_seq"}: true}

// programSchema is every table, trigger and index the migrations make, as SQLite lists them: read once from a
// database made in memory by the SQLite migrations. The server's migrations make the same tables, change
// triggers and indexes under the same names (the schema tests hold them to that), but for fileOnlyObjects.
var programSchema = sync.OnceValues(func() ([]schemaObject, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:scitech-schema?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection, one database in memory
	if _, err := db.ExecContext(ctx, sqlite.MigrationTable); err != nil {
		return nil, err
	}
	d := sqlite.New()
	list, err := dialect.MigrationList(d.Migrations())
	if err != nil {
		return nil, err
	}
	if _, err := dialect.ApplyMigrations(ctx, db, d.Migrations(), list, time.Now); err != nil {
		return nil, err
	}
	return d.SchemaObjects(ctx, db)
})

// checkSchema lists the tables, triggers and indexes of the program's schema that the database lacks: a table
// dropped by hand (every command reading it would fail), a change trigger dropped (the edits of its table would
// leave no history, and undo would silently miss them), an index dropped (searches and lists would slow down).
// Tables come first, then triggers, then indexes; those of a missing table go unsaid, as they went with it.
func (s *Store) checkSchema(ctx context.Context) ([]Problem, error) {
	want, err := programSchema()
	if err != nil {
		return nil, internal(err, "cannot make the program's schema to compare with")
	}
	have, err := s.d.SchemaObjects(ctx, s.db)
	if err != nil {
		return nil, internal(err, "cannot read the database's schema")
	}
	present := map[schemaObject]bool{}
	for _, o := range have {
		present[o] = true
	}
	var out []Problem
	for _, o := range want {
		if present[o] || (s.Server() && fileOnlyObjects[o]) {
			continue
		}
		if o.Kind != "table" && !present[schemaObject{Kind: "table", Name: o.Table, Table: o.Table}] {
			continue
		}
		out = append(out, Problem{Kind: schemaMissing, Name: o.Name,
			Args:    map[string]any{"Kind": o.Kind, "Name": o.Name},
			Message: fmt.Sprintf("the database lacks the %s %s of the program's schema", o.Kind, o.Name)})
	}
	return out, nil
}
