package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"scitech/data/dialect"
)

// asUser is server's URL for database name, connecting as user.
func asUser(server, name, user string) string {
	u, err := url.Parse(databaseURL(server, name))
	if err != nil {
		panic(err)
	}
	u.User = url.User(user)
	return u.String()
}

// An administrator's init (README: server init postgres://ADMIN@HOST/DB) makes the program's schema the
// database owner's, so that the desks, which connect as the owner, can use it (A19's D7); a user who can
// neither is refused, and so are the server's own databases, a template and postgres (D17), before anything
// is made.
func TestInitMakesTheOwnersSchemaAndRefusesTheServersOwn(t *testing.T) {
	server := ServerURL(t)
	ctx := context.Background()
	pid := os.Getpid()
	owner, other := fmt.Sprintf("scitech_owner_%d", pid), fmt.Sprintf("scitech_other_%d", pid)
	name, tmpl := fmt.Sprintf("scitech_pgtest_%d_owned", pid), fmt.Sprintf("scitech_pgtest_%d_tmpl", pid)
	for _, stmt := range []string{`CREATE ROLE ` + owner + ` LOGIN`, `CREATE ROLE ` + other + ` LOGIN`,
		`CREATE DATABASE ` + name + ` OWNER ` + owner + ` ENCODING 'UTF8' TEMPLATE template0`,
		`CREATE DATABASE ` + tmpl + ` IS_TEMPLATE true`} {
		if err := admin(server, stmt); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, stmt := range []string{`ALTER DATABASE ` + tmpl + ` IS_TEMPLATE false`, `DROP DATABASE IF EXISTS ` + tmpl + ` WITH (FORCE)`,
			`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`, `DROP ROLE IF EXISTS ` + owner, `DROP ROLE IF EXISTS ` + other} {
			if err := admin(server, stmt); err != nil {
				t.Error(err)
			}
		}
	})
	d := New()
	open := func(u string) *sql.DB {
		t.Helper()
		db, err := d.Open(ctx, dialect.Target{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	init := func(u string) error {
		_, err := Init(ctx, open(u), d.Migrations(), time.Now)
		return err
	}
	for _, db := range []string{tmpl, "postgres"} {
		var so *ServersOwnError
		if err := init(databaseURL(server, db)); !errors.As(err, &so) || so.Database != db {
			t.Errorf("init of %s: %v", db, err)
		}
	}
	var no *NotOwnerError
	if err := init(asUser(server, name, other)); !errors.As(err, &no) || no.User != other || no.Owner != owner {
		t.Errorf("init by a user who is not the owner: %v", err)
	}
	if err := init(databaseURL(server, name)); err != nil { // the administrator
		t.Fatal(err)
	}
	desk := open(asUser(server, name, owner))
	var n int
	if err := desk.QueryRowContext(ctx, `SELECT count(*) FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i', 'S')
			AND pg_get_userbyid(c.relowner) <> current_user`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d tables, indexes or sequences not the owner's: %v", n, err)
	}
	tx, err := desk.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := d.BeginWrite(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO company (uscc, name, field, park_id, founded)
		VALUES ('T1', '测试', 'x', 1, '2020-01-02')`); err != nil {
		t.Errorf("the owner writes a company: %v", err)
	}
}
