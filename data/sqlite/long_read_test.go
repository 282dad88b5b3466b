package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"scitech/data/sqlite"
)

// A long read maps the file for its own connection only, and leaves the connection as the pool's others are.
func TestLongReadMapsTheFileForItsConnectionOnly(t *testing.T) {
	ctx := context.Background()
	d := sqlite.New()
	db := open(t, d, migratedFile(t))
	db.SetMaxOpenConns(2)
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	mmap := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) (n int64) {
		t.Helper()
		if err := q.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	done, err := d.LongRead(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if n := mmap(c); n <= 0 {
		t.Errorf("mmap_size %d during the long read", n)
	}
	if n := mmap(db); n != 0 {
		t.Errorf("another connection's mmap_size is %d", n)
	}
	done()
	if n := mmap(c); n != 0 {
		t.Errorf("mmap_size %d after the long read", n)
	}
}
