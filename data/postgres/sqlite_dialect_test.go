package postgres_test

import (
	"context"
	"reflect"
	"testing"

	"scitech/data/dialect/dialecttest"
	"scitech/data/postgres"
	"scitech/data/sqlite"
)

// data/sqlite's Columns and ForeignKeys read every table of the SQLite store as TestSchemasAgree's SQLite reader
// does, the reader the server's catalogue is compared with: so the two dialects describe one schema alike.
// It needs no server.
func TestSQLiteDialectReadsAsTestSchemasAgree(t *testing.T) {
	lite := openSQLite(t)
	d := sqlite.New()
	ctx := context.Background()
	tables := list(t, lite, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`)
	if len(tables) < 20 {
		t.Fatalf("tables: %v", tables)
	}
	for _, tb := range tables {
		cols, err := d.Columns(ctx, lite, tb)
		if want := sqliteColumns(t, lite, tb); err != nil || !reflect.DeepEqual(cols, want) {
			t.Errorf("%s columns:\ndata/sqlite %+v %v\nreader      %+v", tb, cols, err, want)
		}
		fks, err := d.ForeignKeys(ctx, lite, tb)
		if want := sqliteForeignKeys(t, lite, tb); err != nil || !reflect.DeepEqual(fks, want) {
			t.Errorf("%s foreign keys:\ndata/sqlite %+v %v\nreader      %+v", tb, fks, err, want)
		}
	}
}

// The server classifies the refusals of dialecttest's table as data/sqlite's tests hold SQLite to: the same
// class, and the table and columns SQLite names too.
func TestClassifyAgreesWithSQLite(t *testing.T) {
	db, d := postgres.SharedDB(t)
	dialecttest.CheckClassify(t, db, d)
}
