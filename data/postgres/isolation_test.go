package postgres

import (
	"context"
	"testing"

	"scitech/data/dialect"
)

// A server whose default isolation is SERIALIZABLE (a DBA's postgresql.conf, ALTER DATABASE or ALTER ROLE): the
// program's transactions still run READ COMMITTED, as the writer's lock needs (BeginWrite: each statement after
// the lock sees the writes committed before it), and the copy's snapshot is still REPEATABLE READ. Before, the
// transactions took the server's default, and of 8 desks issuing a brief at once 7 were refused.
func TestTransactionsAreReadCommittedWhateverTheServersDefault(t *testing.T) {
	server := ServerURL(t)
	const name = "scitech_pgtest_isolation"
	if err := admin(server, `DROP DATABASE IF EXISTS `+name); err != nil {
		t.Fatal(err)
	}
	if err := admin(server, `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	defer dropDatabase(server, name)
	if err := admin(server, `ALTER DATABASE `+name+` SET default_transaction_isolation = 'serializable'`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d := New()
	db, err := d.Open(ctx, dialect.Target{URL: databaseURL(server, name)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := d.BeginWrite(ctx, tx); err != nil {
		t.Fatal(err)
	}
	var level string
	if err := tx.QueryRowContext(ctx, `SHOW transaction_isolation`).Scan(&level); err != nil {
		t.Fatal(err)
	}
	if level != "read committed" {
		t.Errorf("a write transaction runs %s, want read committed", level)
	}
	tx.Rollback()
	snap, err := d.BeginSnapshot(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Rollback()
	if err := snap.QueryRowContext(ctx, `SHOW transaction_isolation`).Scan(&level); err != nil {
		t.Fatal(err)
	}
	if level != "repeatable read" {
		t.Errorf("the copy's snapshot runs %s, want repeatable read", level)
	}
}
