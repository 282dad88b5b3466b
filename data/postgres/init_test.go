package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"scitech/data/dialect"
)

// Init sets a database up all at once or not at all: a migration that fails halfway leaves no table of the
// ones before it, so the same database can be set up again (a kill or a lost connection ends the transaction
// alike); a database with any table is refused as it is.
func TestInitIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, d := newDatabase(t, "init")
	good := d.Migrations()
	broken := fstest.MapFS{}
	names, err := fs.Glob(good, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		body, err := fs.ReadFile(good, n)
		if err != nil {
			t.Fatal(err)
		}
		broken[n] = &fstest.MapFile{Data: body}
	}
	last := names[len(names)-1]
	broken[last] = &fstest.MapFile{Data: append(broken[last].Data, []byte("\nSELECT no_such_function();\n")...)}

	if _, err := Init(ctx, db, broken, time.Now); err == nil {
		t.Fatal("a failing migration was applied")
	}
	if tables, err := d.Tables(ctx, db); err != nil || len(tables) != 0 {
		t.Fatalf("after a failed init the database holds %v (%v)", tables, err)
	}
	// What a stopped Migrate leaves, an empty record table alone, is no obstacle either.
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migration (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	n, err := Init(ctx, db, good, time.Now)
	if err != nil || n != len(names) {
		t.Fatalf("init: %d of %d, %v", n, len(names), err)
	}
	var recorded int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&recorded); err != nil || recorded != len(names) {
		t.Fatalf("recorded %d, %v", recorded, err)
	}
	_, err = Init(ctx, db, good, time.Now)
	if ne, ok := err.(*NotEmptyError); !ok || len(ne.Tables) < 20 {
		t.Fatalf("a second init: %v", err)
	}
}

// newDatabase is a new, empty database of the test server, dropped when the test ends.
func newDatabase(t *testing.T, suffix string) (*sql.DB, *Dialect) {
	t.Helper()
	server := ServerURL(t)
	name := fmt.Sprintf("scitech_pgtest_%d_%s", os.Getpid(), suffix)
	if err := admin(server, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
		t.Fatal(err)
	}
	if err := admin(server, `CREATE DATABASE `+name+` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		t.Fatal(err)
	}
	d := New()
	db, err := d.Open(context.Background(), dialect.Target{URL: databaseURL(server, name)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if err := dropDatabase(server, name); err != nil {
			t.Error(err)
		}
	})
	return db, d
}
