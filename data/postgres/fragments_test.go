package postgres_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"scitech/data/dialect"
	"scitech/data/postgres"
	"scitech/data/sqlite"
)

// The SQL fragments give the same answers on both databases, so that the store's query written once with them
// reads the same records on a desk's file and on the office's server.
func TestFragmentsAgree(t *testing.T) {
	lite := openSQLite(t)
	server, pd := postgres.SharedDB(t)
	type db struct {
		d  dialect.Dialect
		db *sql.DB
	}
	dbs := []db{{sqlite.New(), lite}, {pd, server}}
	ctx := context.Background()
	one := func(t *testing.T, x db, q string, args ...any) string {
		t.Helper()
		var v sql.NullString
		if err := x.db.QueryRowContext(ctx, q, args...).Scan(&v); err != nil {
			t.Fatalf("%s: %s: %v", x.d.Name(), q, err)
		}
		if !v.Valid {
			return "NULL"
		}
		return v.String
	}
	patent := func(d dialect.Dialect, frag func(string) string) string {
		return `SELECT ` + frag("p") + ` FROM (SELECT CAST(? AS TEXT) AS granted, CAST(? AS TEXT) AS legal_status,
			CAST(? AS TEXT) AS status_date, CAST(? AS TEXT) AS filed, CAST(? AS TEXT) AS kind) p`
	}
	for _, c := range []struct {
		name string
		q    func(d dialect.Dialect) string
		args []any
		want string
	}{
		{"29 February plus ten years", func(d dialect.Dialect) string {
			return `SELECT ` + d.AddYears("CAST(? AS TEXT)", 10)
		}, []any{"2024-02-29"}, "2034-03-01"},
		{"three years back", func(d dialect.Dialect) string {
			return `SELECT ` + d.AddYears("CAST(? AS TEXT)", -3)
		}, []any{"2025-06-30"}, "2022-06-30"},
		{"no date", func(d dialect.Dialect) string { return `SELECT ` + d.AddYears("CAST(? AS TEXT)", 3) },
			[]any{"2025-13-01"}, "NULL"},
		{"invention's term", func(d dialect.Dialect) string { return patent(d, d.PatentTermEnds) },
			[]any{"2012-01-01", "valid", nil, "2010-05-01", "invention"}, "2030-04-30"},
		{"long design term", func(d dialect.Dialect) string { return patent(d, d.PatentTermEnds) },
			[]any{"2022-01-01", "valid", nil, "2021-06-01", "design"}, "2036-05-31"},
		{"valid until the term ends", func(d dialect.Dialect) string { return patent(d, validUntil(d)) },
			[]any{"2012-01-01", "valid", nil, "2010-05-01", "utility"}, "2020-04-30"},
		{"valid until it lapsed", func(d dialect.Dialect) string { return patent(d, validUntil(d)) },
			[]any{"2012-01-01", "lapsed", "2015-03-01", "2010-05-01", "invention"}, "2015-02-28"},
		{"not granted", func(d dialect.Dialect) string { return patent(d, validUntil(d)) },
			[]any{nil, "pending", nil, "2010-05-01", "invention"}, "NULL"},
		{"integer field", func(d dialect.Dialect) string {
			return `SELECT ` + d.JSONField("?1", "company_id", "INTEGER") + ` + 1`
		}, []any{`{"company_id": 41, "name": "旅顺"}`}, "42"},
		{"text field", func(d dialect.Dialect) string { return `SELECT ` + d.JSONField("?1", "name", "TEXT") },
			[]any{`{"company_id": 41, "name": "旅顺\"口\""}`}, `旅顺"口"`},
		{"missing field", func(d dialect.Dialect) string { return `SELECT ` + d.JSONField("?1", "x", "INTEGER") },
			[]any{`{"company_id": 41}`}, "NULL"},
		{"in the array", func(d dialect.Dialect) string {
			return `SELECT count(*) FROM (SELECT 'b' AS v UNION ALL SELECT 'z') t WHERE t.v` + d.InJSONTexts()
		}, []any{`["a","b","c"]`}, "1"},
		{"ids in the array's order", func(d dialect.Dialect) string {
			from, id, pos := d.JSONIDs()
			return `SELECT ` + concat(d) + ` FROM (SELECT ` + id + ` AS v, ` + pos + ` AS p FROM ` + from + ` ORDER BY ` + pos + `) s`
		}, []any{`[30, 10, 20]`}, "30,10,20"},
		{"money in 万元", func(d dialect.Dialect) string {
			return `SELECT ` + d.Decimal("CAST(? AS BIGINT) / 10000.0", 4)
		}, []any{int64(123450)}, "12.3450"},
		{"area in mu", func(d dialect.Dialect) string {
			return `SELECT ` + d.Decimal("CAST(? AS BIGINT) / 100.0", 2)
		}, []any{int64(-1010)}, "-10.10"},
		{"no decimals", func(d dialect.Dialect) string { return `SELECT ` + d.Decimal("CAST(? AS BIGINT)", 0) },
			[]any{int64(42)}, "42"},
		{"contains, ASCII case folded", func(d dialect.Dialect) string {
			return `SELECT count(*) FROM (SELECT 'Dalian ABC 科技' AS v) t WHERE t.v ` + d.Like() + ` ?`
		}, []any{"%abc 科%"}, "1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range dbs {
				if got := one(t, x, c.q(x.d), c.args...); got != c.want {
					t.Errorf("%s: %q, want %q", x.d.Name(), got, c.want)
				}
			}
		})
	}
}

// concat joins the values v of a subquery in the order of its p with commas, as each database spells it.
func concat(d dialect.Dialect) string {
	if d.Name() == "postgres" {
		return "string_agg(v::text, ',' ORDER BY p)"
	}
	return "group_concat(v, ',')" // in the subquery's order
}

// A row read back as JSON is the row the change triggers wrote: the same text, so that Undo finds a row as a
// later change left it.
func TestRowJSONIsTheTriggersRow(t *testing.T) {
	ctx := context.Background()
	for _, x := range []struct {
		d  dialect.Dialect
		db *sql.DB
	}{{sqlite.New(), openSQLite(t)}, {nil, nil}} {
		if x.d == nil {
			x.db, x.d = sharedAsDialect(t)
		}
		tx, err := x.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var group int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO change_group (at, operator, open, change_from)
			VALUES ('2026-01-01T00:00:00Z', 't', 1, 0) RETURNING id`).Scan(&group); err != nil {
			t.Fatal(err)
		}
		if err := x.d.OpenChangeGroup(ctx, tx, group); err != nil {
			t.Fatal(err)
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO park (name, kind) VALUES ('测试园 "甲"\', 'garden') RETURNING id`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		cols, err := x.d.Columns(ctx, tx, "park")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cols {
			names = append(names, c.Name)
		}
		var now, old string
		if err := tx.QueryRowContext(ctx, `SELECT `+x.d.RowJSON("r", names)+` FROM park r WHERE r.`+x.d.RowID()+` = ?`, id).Scan(&now); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE park SET kind = 'gallery' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT old FROM change WHERE tbl = 'park' AND row_id = ? AND old IS NOT NULL`, id).Scan(&old); err != nil {
			t.Fatal(err)
		}
		if now != old || !strings.Contains(now, `"kind"`) {
			t.Errorf("%s: read back %s, the trigger kept %s", x.d.Name(), now, old)
		}
	}
}

func sharedAsDialect(t *testing.T) (*sql.DB, dialect.Dialect) {
	db, d := postgres.SharedDB(t)
	return db, d
}

// validUntil is d's PatentValidUntil over the four statuses that end a grant (data's list).
func validUntil(d dialect.Dialect) func(string) string {
	return func(alias string) string {
		return d.PatentValidUntil(alias, []string{"lapsed", "expired", "invalidated", "withdrawn"})
	}
}
