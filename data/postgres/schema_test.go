package postgres_test

import (
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"scitech/data"
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
// BLOB bytea), as nullable, with a default where SQLite has one; the same named indexes and change triggers.
func TestSchemasAgree(t *testing.T) {
	pg, _ := postgres.SharedDB(t)
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
		a, b := sqliteColumns(t, lite, tb), serverColumns(t, pg, tb)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s:\nSQLite %v\nserver %v", tb, a, b)
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

// openSQLite makes a new database with the SQLite store's migrations and opens it for reading its schema.
func openSQLite(t *testing.T) *sql.DB {
	path := filepath.Join(t.TempDir(), "schema.db")
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
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

// A column as both schemas can say it: "name TYPE [not null] [default]".
func sqliteColumns(t *testing.T, db *sql.DB, table string) []string {
	rows, err := db.Query(`SELECT name, upper(type), "notnull", dflt_value IS NOT NULL, pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ string
		var notNull, hasDefault bool
		var pk int
		if err := rows.Scan(&name, &typ, &notNull, &hasDefault, &pk); err != nil {
			t.Fatal(err)
		}
		out = append(out, column(name, typ, notNull || pk > 0, hasDefault))
	}
	return out
}

func serverColumns(t *testing.T, db *sql.DB, table string) []string {
	rows, err := db.Query(`SELECT column_name::text, data_type::text, coalesce(collation_name::text, ''),
			is_nullable = 'NO', column_default IS NOT NULL
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ, coll string
		var notNull, hasDefault bool
		if err := rows.Scan(&name, &typ, &coll, &notNull, &hasDefault); err != nil {
			t.Fatal(err)
		}
		if serverOnlyCols[table+"."+name] {
			continue
		}
		switch {
		case typ == "bigint":
			typ = "INTEGER"
		case typ == "text" && coll == "C":
			typ = "TEXT"
		case typ == "bytea":
			typ = "BLOB"
		default:
			typ = strings.ToUpper(typ) + " COLLATE " + coll // a type or collation the schema does not use
		}
		out = append(out, column(name, typ, notNull, hasDefault))
	}
	return out
}

func column(name, typ string, notNull, hasDefault bool) string {
	s := name + " " + typ
	if notNull {
		s += " not null"
	}
	if hasDefault {
		s += " default"
	}
	return s
}
