package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"scitech/data"
	"scitech/data/dialect"
	"scitech/data/dialect/dialecttest"
	"scitech/data/sqlite"
)

// The tests open databases data.Open made (the store's migrations applied, with the pinyin collation data
// registers). data.Open takes seconds under the race detector, so the
// test binary makes one such file and copies it for each test that writes.
var migrated struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if migrated.dir != "" {
		os.RemoveAll(migrated.dir)
	}
	os.Exit(code)
}

// migratedFile is a new copy of a database data.Open made, in t's temporary folder.
func migratedFile(t *testing.T) string {
	t.Helper()
	migrated.once.Do(func() {
		if migrated.dir, migrated.err = os.MkdirTemp("", "scitech-sqlitetest-"); migrated.err != nil {
			return
		}
		migrated.path = filepath.Join(migrated.dir, "schema.db")
		s, err := data.Open(migrated.path)
		if err != nil {
			migrated.err = err
			return
		}
		migrated.err = s.Close() // checkpoints the write-ahead log into the file, so the file alone is whole
	})
	if migrated.err != nil {
		t.Fatal(migrated.err)
	}
	b, err := os.ReadFile(migrated.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "store.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t *testing.T, d *sqlite.Dialect, path string) *sql.DB {
	t.Helper()
	db, err := d.Open(context.Background(), dialect.Target{URL: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// The refusals of the store's schema are classified as the server classifies them, with the same table and
// columns where SQLite's messages say them (dialecttest's table, which data/postgres's tests run on a server).
func TestClassifyAgreesWithTheServer(t *testing.T) {
	d := sqlite.New()
	dialecttest.CheckClassify(t, open(t, d, migratedFile(t)), d)
}

// A named CHECK is found by its name and a unique index on an expression by the index's: each with its table,
// and the CHECK with the columns its expression names (a string literal holding a column's name is no mention).
func TestClassifyNamedConstraints(t *testing.T) {
	d := sqlite.New()
	db := open(t, d, filepath.Join(t.TempDir(), "named.db"))
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (a INTEGER, b INTEGER, c TEXT,
		CONSTRAINT a_below_b CHECK (a < b OR c = 'a''s b'));
		CREATE UNIQUE INDEX t_lower_c ON t (lower(c))`); err != nil {
		t.Fatal(err)
	}
	_, err := db.ExecContext(ctx, `INSERT INTO t VALUES (2, 1, 'x')`)
	class, con := d.Classify(err)
	if want := (dialect.Constraint{Name: "a_below_b", Table: "t", Columns: []string{"a", "b", "c"}}); class != dialect.Check || !reflect.DeepEqual(con, want) {
		t.Errorf("named CHECK: %v → %v %+v, want %+v", err, class, con, want)
	}
	con.Columns[0] = "changed by the caller" // the answer is the caller's: a second one is not changed
	if _, again := d.Classify(fmt.Errorf("saving: %w", err)); !reflect.DeepEqual(again.Columns, []string{"a", "b", "c"}) {
		t.Errorf("named CHECK again, wrapped: %+v", again)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO t VALUES (1, 2, 'X'), (1, 2, 'x')`)
	class, con = d.Classify(err)
	if want := (dialect.Constraint{Name: "t_lower_c", Table: "t"}); class != dialect.Unique || !reflect.DeepEqual(con, want) {
		t.Errorf("unique expression index: %v → %v %+v, want %+v", err, class, con, want)
	}
}

// A second writer waits for the first for the busy timeout, then is told Busy; once the first has committed a
// writer begins at once. BeginWrite has nothing to do: BEGIN IMMEDIATE took the lock.
func TestSecondWriterIsBusy(t *testing.T) {
	path := migratedFile(t)
	d1, d2 := &sqlite.Dialect{BusyTimeout: 300 * time.Millisecond}, &sqlite.Dialect{BusyTimeout: 300 * time.Millisecond}
	db1, db2 := open(t, d1, path), open(t, d2, path)
	ctx := context.Background()
	first, err := db1.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	if err := d1.BeginWrite(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := first.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES ('first', 'writer')`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	second, err := db2.BeginTx(ctx, nil)
	waited := time.Since(start)
	if err == nil {
		second.Rollback()
		t.Fatal("a second writer began while the first held the file")
	}
	if class, _ := d2.Classify(err); class != dialect.Busy {
		t.Errorf("second writer: %v → %v", err, class)
	}
	if waited < 300*time.Millisecond || waited > 3*time.Second {
		t.Errorf("second writer waited %v for a 300 ms busy timeout", waited)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	third, err := db2.BeginTx(ctx, nil)
	if err != nil || time.Since(start) > time.Second {
		t.Fatalf("after the first committed: %v in %v", err, time.Since(start))
	}
	third.Rollback()
}

// Open gives every connection data.Open's settings; a read-only dialect's connections refuse writes (class
// ReadOnly) and leave the journal mode alone.
func TestOpenSetsTheStoresPragmas(t *testing.T) {
	path := migratedFile(t)
	ctx := context.Background()
	pragmas := func(db *sql.DB) string {
		c, err := db.Conn(ctx) // one connection: pragmas are per connection
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var fk, busy, sync, qo int
		var journal string
		for q, v := range map[string]any{"foreign_keys": &fk, "busy_timeout": &busy, "journal_mode": &journal,
			"synchronous": &sync, "query_only": &qo} {
			if err := c.QueryRowContext(ctx, "PRAGMA "+q).Scan(v); err != nil {
				t.Fatal(err)
			}
		}
		return fmt.Sprintf("foreign_keys=%d busy_timeout=%d journal_mode=%s synchronous=%d query_only=%d", fk, busy, journal, sync, qo)
	}
	if got, want := pragmas(open(t, sqlite.New(), path)), "foreign_keys=1 busy_timeout=5000 journal_mode=wal synchronous=2 query_only=0"; got != want {
		t.Errorf("writer: %s, want %s", got, want)
	}
	ro := &sqlite.Dialect{ReadOnly: true}
	db := open(t, ro, path)
	if got, want := pragmas(db), "foreign_keys=1 busy_timeout=5000 journal_mode=wal synchronous=2 query_only=1"; got != want {
		t.Errorf("read-only: %s, want %s", got, want)
	}
	_, err := db.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES ('a', 'b')`)
	if class, _ := ro.Classify(err); class != dialect.ReadOnly {
		t.Errorf("write on a read-only store: %v → %v", err, class)
	}
}

// A file that is no database is Damaged; a file in a folder that does not exist cannot be made (NoDatabase,
// and no folder is made); a server URL is no file.
func TestOpenRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("这不是数据库 — not a database file, only some text long enough to fill a header."+
		"                                                                                                    "), 0o644); err != nil {
		t.Fatal(err)
	}
	d := sqlite.New()
	if _, err := d.Open(ctx, dialect.Target{URL: junk}); err == nil {
		t.Error("a text file opened as a database")
	} else if class, _ := d.Classify(err); class != dialect.Damaged {
		t.Errorf("text file: %v → %v", err, class)
	}
	missing := filepath.Join(dir, "no such folder", "a.db")
	if _, err := d.Open(ctx, dialect.Target{URL: missing}); err == nil {
		t.Error("a database opened in a missing folder")
	} else if class, _ := d.Classify(err); class != dialect.NoDatabase {
		t.Errorf("missing folder: %v → %v", err, class)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Errorf("the missing folder was made: %v", err)
	}
	if _, err := d.Open(ctx, dialect.ParseTarget("postgres://clerk:secret@office/scitech")); err == nil {
		t.Error("a server URL opened as a file")
	} else if s := err.Error(); !strings.Contains(s, "clerk@office/scitech") || strings.Contains(s, "secret") {
		t.Errorf("server URL: %q", s)
	}
}

// Columns and ForeignKeys describe the store's tables in the terms the server's catalogue is read in: a sole
// INTEGER PRIMARY KEY has a default (the rowid numbers it) but schema_migration's, which the program always
// gives; a primary key is NOT NULL; a table that does not exist has none. (data/postgres's
// TestSQLiteDialectReadsAsTestSchemasAgree holds every table to the reader TestSchemasAgree compares the server with.)
func TestColumnsAndForeignKeys(t *testing.T) {
	d := sqlite.New()
	db := open(t, d, migratedFile(t))
	ctx := context.Background()
	col := func(table, name string) dialect.Column {
		cols, err := d.Columns(ctx, db, table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("%s has no column %s: %+v", table, name, cols)
		return dialect.Column{}
	}
	for _, c := range []struct {
		table string
		want  dialect.Column
	}{
		{"company", dialect.Column{Name: "id", Type: "INTEGER", NotNull: true, HasDefault: true, PrimaryKey: true}},
		{"company", dialect.Column{Name: "uscc", Type: "TEXT", NotNull: true}},
		{"company", dialect.Column{Name: "founded", Type: "TEXT"}},
		{"company", dialect.Column{Name: "legal_rep", Type: "TEXT", NotNull: true, HasDefault: true}},
		{"schema_migration", dialect.Column{Name: "version", Type: "INTEGER", NotNull: true, PrimaryKey: true}},
		{"setting", dialect.Column{Name: "key", Type: "TEXT", NotNull: true, PrimaryKey: true}},
		{"brief_register", dialect.Column{Name: "pdf", Type: "BLOB", NotNull: true}},
	} {
		if got := col(c.table, c.want.Name); got != c.want {
			t.Errorf("%s.%s: %+v, want %+v", c.table, c.want.Name, got, c.want)
		}
	}
	fks, err := d.ForeignKeys(ctx, db, "annual_output")
	if want := []dialect.ForeignKey{{Column: "company_id", Table: "company", To: "id", OnDelete: "CASCADE"}}; err != nil || !reflect.DeepEqual(fks, want) {
		t.Errorf("annual_output's foreign keys: %+v, %v", fks, err)
	}
	fks, err = d.ForeignKeys(ctx, db, "company")
	if want := []dialect.ForeignKey{{Column: "park_id", Table: "park", To: "id", OnDelete: "SET NULL"}}; err != nil || !reflect.DeepEqual(fks, want) {
		t.Errorf("company's foreign keys: %+v, %v", fks, err)
	}
	if cols, err := d.Columns(ctx, db, "no_such_table"); err != nil || len(cols) != 0 {
		t.Errorf("no such table: %+v, %v", cols, err)
	}
}

// A foreign key that names no column refers to its parent's primary key, and says so.
func TestForeignKeyToAnUnnamedKey(t *testing.T) {
	d := sqlite.New()
	db := open(t, d, filepath.Join(t.TempDir(), "fk.db"))
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE parent (code TEXT PRIMARY KEY);
		CREATE TABLE child (id INTEGER PRIMARY KEY, parent REFERENCES parent ON DELETE RESTRICT)`); err != nil {
		t.Fatal(err)
	}
	fks, err := d.ForeignKeys(ctx, db, "child")
	if want := []dialect.ForeignKey{{Column: "parent", Table: "parent", To: "code", OnDelete: "RESTRICT"}}; err != nil || !reflect.DeepEqual(fks, want) {
		t.Errorf("%+v, %v", fks, err)
	}
}

// URI names the file it was given whatever the folder's name holds: SQLite creates the database at exactly that
// path ("#" would end the name, "?" start the parameters, "%41" stand for "A" if they were pasted raw).
func TestURIOpensTheFileItNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "项目#1?x=1&y+2", "50%41 数据")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "a#b.db")
	uri := sqlite.URI(path, "_pragma", "journal_mode(WAL)", "_txlock", "immediate")
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"a#b.db", "a#b.db-shm", "a#b.db-wal"}; !slices.Equal(names, want) {
		t.Errorf("the folder holds %q, want %q", names, want)
	}
}
