package postgres_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"scitech/data"
	"scitech/data/dialect"
	"scitech/data/postgres"
)

// What the server's schema may hold that SQLite's does not, and the other way round: SQLite's numbers table for
// the name pairs (the server uses generate_series) and setting's id (SQLite names a setting's row by rowid).
var (
	sqliteOnlyTables = map[string]bool{"gram_seq": true}
	serverOnlyCols   = map[string]bool{"setting.id": true}
)

// The server's schema after its migrations is the SQLite store's: the same migrations recorded, every table
// with the same columns in the same order, each of an agreeing type (INTEGER bigint, TEXT text in byte order,
// BLOB bytea), as nullable, with a default where SQLite has one, the same primary key and foreign keys (with
// their ON DELETE); the same named indexes and change triggers. It reads the server through Columns and
// ForeignKeys, so they are tested too.
func TestSchemasAgree(t *testing.T) {
	pg, d := postgres.SharedDB(t)
	lite := openSQLite(t)
	if a, b := list(t, lite, `SELECT name FROM schema_migration ORDER BY version`),
		list(t, pg, `SELECT name FROM schema_migration ORDER BY version`); !reflect.DeepEqual(a, b) {
		t.Errorf("migrations: SQLite %v, server %v", a, b)
	}

	liteTables := list(t, lite, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`)
	pgTables := list(t, pg, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	var want []string
	for _, tb := range liteTables {
		if !sqliteOnlyTables[tb] {
			want = append(want, tb)
		}
	}
	if !reflect.DeepEqual(want, pgTables) {
		t.Fatalf("tables: SQLite %v, server %v", want, pgTables)
	}
	for _, tb := range want {
		if a, b := sqliteColumns(t, lite, tb), serverColumns(t, pg, d, tb); !reflect.DeepEqual(a, b) {
			t.Errorf("%s columns:\nSQLite %+v\nserver %+v", tb, a, b)
		}
		fk, err := d.ForeignKeys(context.Background(), pg, tb)
		if a := sqliteForeignKeys(t, lite, tb); err != nil || !reflect.DeepEqual(a, fk) {
			t.Errorf("%s foreign keys:\nSQLite %+v\nserver %+v %v", tb, a, fk, err)
		}
	}

	// Indexes by name (SQLite's own, made by a statement; the server's unnamed ones are its constraints').
	liteIdx := list(t, lite, `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
	pgIdx := map[string]bool{}
	for _, n := range list(t, pg, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`) {
		pgIdx[n] = true
	}
	for _, n := range liteIdx {
		if !pgIdx[n] {
			t.Errorf("index %s is not on the server", n)
		}
	}
	// Change triggers: the same tables tracked, each for insert, update and delete.
	liteTrig := list(t, lite, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\_change\_%' ESCAPE '\' ORDER BY name`)
	pgTrig := list(t, pg, `SELECT DISTINCT trigger_name::text FROM information_schema.triggers
		WHERE trigger_schema = current_schema() AND trigger_name LIKE '%\_change\_%' ORDER BY 1`)
	if !reflect.DeepEqual(liteTrig, pgTrig) {
		t.Errorf("change triggers:\nSQLite %v\nserver %v", liteTrig, pgTrig)
	}
}

// The test binary's SQLite database, made by the SQLite store (data.Open applies its migrations) once: opening
// a new store takes seconds under the race detector.
var sqliteFile struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// openSQLite is a database made by the SQLite store, opened past the store to read its schema and to run the
// same statements as on the server. Tests may write rows; none may change the schema.
func openSQLite(t *testing.T) *sql.DB {
	sqliteFile.once.Do(func() {
		dir, err := os.MkdirTemp("", "scitech-pgtest-")
		if err != nil {
			sqliteFile.err = err
			return
		}
		postgres.AtExit(func() { os.RemoveAll(dir) })
		path := filepath.Join(dir, "schema.db")
		s, err := data.Open(path)
		if err != nil {
			sqliteFile.err = err
			return
		}
		s.Close()
		sqliteFile.db, sqliteFile.err = sql.Open("sqlite", path)
		postgres.AtExit(func() { sqliteFile.db.Close() })
	})
	if sqliteFile.err != nil {
		t.Fatal(sqliteFile.err)
	}
	return sqliteFile.db
}

func list(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// sqliteColumns reads a table's columns as data/sqlite's Columns is to (INTEGER PRIMARY KEY gets its value
// when given none, as an identity column does on the server: a default).
func sqliteColumns(t *testing.T, db *sql.DB, table string) []dialect.Column {
	rows, err := db.Query(`SELECT name, upper(type), "notnull", dflt_value IS NOT NULL, pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []dialect.Column
	for rows.Next() {
		var c dialect.Column
		var pk int
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &c.HasDefault, &pk); err != nil {
			t.Fatal(err)
		}
		c.PrimaryKey = pk > 0
		c.NotNull = c.NotNull || c.PrimaryKey
		out = append(out, c)
	}
	// A sole INTEGER PRIMARY KEY is the rowid, numbered when none is given, as an identity column is on the
	// server; schema_migration's version is always given (the migration's number), so the server's is a plain key.
	var pks []int
	for i, c := range out {
		if c.PrimaryKey {
			pks = append(pks, i)
		}
	}
	if len(pks) == 1 && out[pks[0]].Type == "INTEGER" && table != "schema_migration" {
		out[pks[0]].HasDefault = true
	}
	return out
}

func serverColumns(t *testing.T, db *sql.DB, d *postgres.Dialect, table string) []dialect.Column {
	cols, err := d.Columns(context.Background(), db, table)
	if err != nil {
		t.Fatal(err)
	}
	var out []dialect.Column
	for _, c := range cols {
		if !serverOnlyCols[table+"."+c.Name] {
			out = append(out, c)
		}
	}
	return out
}

func sqliteForeignKeys(t *testing.T, db *sql.DB, table string) []dialect.ForeignKey {
	rows, err := db.Query(`SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []dialect.ForeignKey
	for rows.Next() {
		var k dialect.ForeignKey
		if err := rows.Scan(&k.Column, &k.Table, &k.To, &k.OnDelete); err != nil {
			t.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}
