package postgres

import (
	"context"
	"testing"
	"time"
)

// The program's functions that an index or a trigger calls work under the search_path that pg_dump, pg_restore,
// pg_upgrade and PostgreSQL 17's ANALYZE, VACUUM, REINDEX and autovacuum use (A19's D16, migration 0013):
// the index patent_valid_until is rebuilt and analysed, and a change written with every name qualified is
// recorded by the change triggers and indexed for the name search.
func TestFunctionsWorkUnderAnEmptySearchPath(t *testing.T) {
	db, _ := newDatabase(t, "search_path")
	ctx := context.Background()
	d := New()
	if _, err := Migrate(ctx, db, d.Migrations(), time.Now); err != nil {
		t.Fatal(err)
	}
	var schema string
	if err := db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	q := func(stmt string) {
		t.Helper()
		if _, err := c.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	q(`SET search_path = pg_catalog, pg_temp`)
	s := `"` + schema + `".`
	q(`INSERT INTO ` + s + `company (id, uscc, name, field, park_id, founded) VALUES (900, 'T900', '旅顺测试公司', 'x', 1, '2020-01-02')`)
	q(`INSERT INTO ` + s + `patent (company_id, app_no, kind, title, filed, granted, legal_status, status_date)
		VALUES (900, '202410000001.0', 'invention', 't', '2024-01-02', '2025-01-02', 'granted', '2025-01-02')`)
	q(`REINDEX INDEX ` + s + `patent_valid_until`)
	q(`ANALYZE ` + s + `patent`)
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var group int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO `+s+`change_group (at, operator, open)
		VALUES ('2026-12-07T00:00:00Z', 'test', 1) RETURNING id`).Scan(&group); err != nil {
		t.Fatal(err)
	}
	if err := d.OpenChangeGroup(ctx, tx, group); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+s+`company SET name = '旅顺测试二公司' WHERE id = 900`); err != nil {
		t.Fatalf("a change under an empty search_path: %v", err)
	}
	var changes, grams int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+s+`change WHERE group_id = ?`, group).Scan(&changes); err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+s+`company_gram WHERE company_id = 900 AND gram = '二公'`).Scan(&grams); err != nil {
		t.Fatal(err)
	}
	if changes != 1 || grams != 1 {
		t.Errorf("change rows %d, new name pairs %d: want 1 and 1", changes, grams)
	}
}
