package sqlite_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"scitech/data"
	"scitech/data/dialect"
	"scitech/data/sqlite"
)

// storageKeys is the message data gives a cause of each class (data/errors_storage.go's storageKey). A file
// the program may not write is "read-only" to the user, whether SQLite or the system refused it.
var storageKeys = map[dialect.ErrorClass]string{
	dialect.Busy:       "err.db.busy",
	dialect.Full:       "err.db.disk_full",
	dialect.ReadOnly:   "err.db.readonly_file",
	dialect.Denied:     "err.db.readonly_file",
	dialect.NoDatabase: "err.db.cannot_open",
	dialect.Damaged:    "err.db.damaged",
	dialect.IO:         "err.db.io",
}

// Real failures of each kind are classified as data's storage errors name them today, so the store can swap
// its code table for Classify without a message changing; a broken constraint is no storage error.
func TestClassesAreDataStorageKeys(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		err   func(t *testing.T) error
		class dialect.ErrorClass
	}{
		{"second writer", func(t *testing.T) error {
			path := migratedFile(t)
			d1, d2 := &sqlite.Dialect{BusyTimeout: 50 * time.Millisecond}, &sqlite.Dialect{BusyTimeout: 50 * time.Millisecond}
			first, err := open(t, d1, path).BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer first.Rollback()
			second, err := open(t, d2, path).BeginTx(ctx, nil)
			if err == nil {
				second.Rollback()
			}
			return err
		}, dialect.Busy},
		{"database that cannot grow", func(t *testing.T) error {
			db := open(t, sqlite.New(), filepath.Join(t.TempDir(), "full.db"))
			conn, err := db.Conn(ctx) // max_page_count holds for one connection; it stands for a full disk
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.ExecContext(ctx, `CREATE TABLE t (b BLOB); PRAGMA max_page_count = 8`); err != nil {
				t.Fatal(err)
			}
			_, err = conn.ExecContext(ctx, `INSERT INTO t VALUES (zeroblob(1000000))`)
			return err
		}, dialect.Full},
		{"write on a read-only store", func(t *testing.T) error {
			_, err := open(t, &sqlite.Dialect{ReadOnly: true}, migratedFile(t)).ExecContext(ctx,
				`INSERT INTO setting (key, value) VALUES ('a', 'b')`)
			return err
		}, dialect.ReadOnly},
		{"text file", func(t *testing.T) error {
			junk := filepath.Join(t.TempDir(), "junk.db")
			if err := os.WriteFile(junk, []byte("not a database, but some text of a clerk's, long enough for a header: "+
				"旅顺口区科学技术局 2025年度统计 ...................................."), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := sqlite.New().Open(ctx, dialect.Target{URL: junk})
			return err
		}, dialect.Damaged},
		{"missing folder", func(t *testing.T) error {
			_, err := sqlite.New().Open(ctx, dialect.Target{URL: filepath.Join(t.TempDir(), "gone", "a.db")})
			return err
		}, dialect.NoDatabase},
		{"disk full (system)", func(*testing.T) error {
			return &fs.PathError{Op: "write", Path: "a.db-wal", Err: syscall.ENOSPC}
		}, dialect.Full},
		{"read-only file system", func(*testing.T) error {
			return &fs.PathError{Op: "open", Path: "a.db", Err: syscall.EROFS}
		}, dialect.ReadOnly},
		{"no permission", func(*testing.T) error {
			return &fs.PathError{Op: "open", Path: "a.db", Err: syscall.EACCES}
		}, dialect.Denied},
		{"duplicate USCC", func(t *testing.T) error {
			db := open(t, sqlite.New(), migratedFile(t))
			const q = `INSERT INTO company (uscc, name, field) VALUES ('91350100M000100Y43', '测试', 'x')`
			_, err := db.ExecContext(ctx, q)
			if err == nil {
				_, err = db.ExecContext(ctx, q)
			}
			return err
		}, dialect.Unique},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.err(t)
			if err == nil {
				t.Fatal("no error")
			}
			class, _ := sqlite.New().Classify(err)
			if class != c.class {
				t.Errorf("%v → class %v, want %v", err, class, c.class)
			}
			if key, want := data.ErrorKey(data.Explain(err)), storageKeys[class]; key != want {
				t.Errorf("%v: data says %q, class %v → %q", err, key, class, want)
			}
		})
	}
}
