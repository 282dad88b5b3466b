package postgres_test

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"scitech/data/postgres"
)

// The server's scitech_patent_valid_until (its patent_valid_until index, 0007) gives SQLite's index expression's
// answer day for day: leap days (SQLite and Go run 29 February + 10 years into 1 March; the server's own date
// arithmetic would not), each term, each ending status, a status before the grant, dates that are none.
func TestPatentValidUntilIsSQLites(t *testing.T) {
	pg, _ := postgres.SharedDB(t)
	lite := openSQLite(t)
	const liteExpr = `SELECT max(date(?1, '-1 day'), CASE
        WHEN ?2 IN ('lapsed', 'expired', 'invalidated', 'withdrawn')
        THEN min(date(?3, '-1 day'), date(?4, CASE
            WHEN ?5 = 'invention' THEN '+20 years'
            WHEN ?5 = 'design' AND ?4 >= '2021-06-01' THEN '+15 years'
            ELSE '+10 years' END, '-1 day'))
        ELSE date(?4, CASE
            WHEN ?5 = 'invention' THEN '+20 years'
            WHEN ?5 = 'design' AND ?4 >= '2021-06-01' THEN '+15 years'
            ELSE '+10 years' END, '-1 day') END)`
	ctx := context.Background()
	cases := [][5]string{}
	for _, kind := range []string{"invention", "utility", "design"} {
		for _, filed := range []string{"2024-02-29", "2021-06-01", "2021-05-31", "2000-03-01", "2016-02-29"} {
			for _, status := range []string{"granted", "lapsed", "expired", "invalidated", "withdrawn", "pending"} {
				for _, statusDate := range []string{"2026-03-01", "2024-03-01", "2099-01-01"} {
					cases = append(cases, [5]string{"2024-03-01", status, statusDate, filed, kind})
				}
			}
		}
	}
	cases = append(cases,
		[5]string{"2025-01-01", "lapsed", "2020-01-01", "2019-01-01", "utility"}, // lapsed before its grant
		[5]string{"2025-01-01", "lapsed", "not a date", "2019-01-01", "utility"},
		[5]string{"2025-13-01", "granted", "2025-01-01", "2019-01-01", "utility"},
		[5]string{"2025-01-01", "granted", "2025-01-01", "2019-02-30", "utility"}, // runs on into March
		[5]string{"2025-01-01", "granted", "2025-01-01", "2019-04-32", "utility"},
		[5]string{"2025-01-01", "granted", "2025-01-01", "", "design"},
	)
	// The server's answers in one query (a round trip each would take seconds under the race detector).
	cols := make([][]string, 5)
	for _, c := range cases {
		for i := range cols {
			cols[i] = append(cols[i], c[i])
		}
	}
	rows, err := pg.QueryContext(ctx, `SELECT scitech_patent_valid_until(g, l, s, f, k)
		FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY u(g, l, s, f, k, n) ORDER BY n`,
		cols[0], cols[1], cols[2], cols[3], cols[4])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for _, c := range cases {
		var want, got sql.NullString
		if !rows.Next() {
			t.Fatalf("the server answered %v", rows.Err())
		}
		if err := rows.Scan(&got); err != nil {
			t.Fatal(err)
		}
		if err := lite.QueryRowContext(ctx, liteExpr, c[0], c[1], c[2], c[3], c[4]).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%v: server %v, SQLite %v", c, got, want)
		}
	}
}

// company_gram follows company names on the server as SQLite's triggers keep it: the same pairs (ASCII folded
// to lower case, other letters as they are, the last character with chr(1)) after inserts, a rename, a change
// of id and a delete.
func TestCompanyGramsAreSQLites(t *testing.T) {
	pg, _ := postgres.SharedDB(t)
	ctx := context.Background()
	// Both in a transaction rolled back at the end: the databases are the other tests' too.
	lite, err := openSQLite(t).BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Rollback()
	tx, err := pg.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	steps := []string{
		`INSERT INTO company (id, uscc, name, field) VALUES (901, 'G1', '大连ABC科技有限公司', 'x'),
			(902, 'G2', 'Ünïcode Ltd. 大大', 'x'), (903, 'G3', 'A', 'x'), (904, 'G4', 'aAaA', 'x')`,
		`UPDATE company SET name = '旅顺口区XYZ海洋牧场' WHERE id = 901`,
		`UPDATE company SET id = 905 WHERE id = 903`,
		`UPDATE company SET field = 'y' WHERE id = 904`,
		`DELETE FROM company WHERE id = 902`,
	}
	for _, step := range steps {
		if _, err := lite.ExecContext(ctx, step); err != nil {
			t.Fatalf("SQLite: %s: %v", step, err)
		}
		if _, err := tx.ExecContext(ctx, step); err != nil {
			t.Fatalf("server: %s: %v", step, err)
		}
		q := `SELECT gram || '/' || company_id FROM company_gram WHERE company_id > 900 ORDER BY gram, company_id`
		a, b := rowsOf(t, lite, q), rowsOf(t, tx, q)
		if !reflect.DeepEqual(a, b) || len(b) < 10 {
			t.Errorf("after %s:\nSQLite %q\nserver %q", step, a, b)
		}
	}
}

func rowsOf(t *testing.T, q interface {
	Query(string, ...any) (*sql.Rows, error)
}, query string) []string {
	t.Helper()
	rows, err := q.Query(query)
	if err != nil {
		t.Fatal(err)
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
