package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"scitech/data/sqlite"
)

// One of a check's streams reads through a small cache of its own connection, without mapping the file, and
// leaves the connection as it found it.
func TestStreamReadShrinksItsConnectionsCacheOnly(t *testing.T) {
	ctx := context.Background()
	d := sqlite.New()
	db := open(t, d, migratedFile(t))
	db.SetMaxOpenConns(2)
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	pragma := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}, name string) (n int64) {
		t.Helper()
		if err := q.QueryRowContext(ctx, `PRAGMA `+name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	was := pragma(c, "cache_size")
	done, err := d.StreamRead(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if n := pragma(c, "cache_size"); n != -256 {
		t.Errorf("cache_size %d during the stream (%d before)", n, was)
	}
	if n := pragma(c, "mmap_size"); n != 0 {
		t.Errorf("mmap_size %d during the stream", n)
	}
	if n := pragma(db, "cache_size"); n != was {
		t.Errorf("another connection's cache_size is %d", n)
	}
	done()
	if n := pragma(c, "cache_size"); n != was {
		t.Errorf("cache_size %d after the stream, %d before", n, was)
	}
}
