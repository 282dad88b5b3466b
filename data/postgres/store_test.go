package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"scitech/data/dialect"
)

// Every migration applies to an empty database (SharedDB made one), and a second run applies none.
func TestMigrationsApplyOnceThenNothing(t *testing.T) {
	db, d := SharedDB(t)
	files, err := fs.Glob(d.Migrations(), "*.sql")
	if err != nil || len(files) < 12 {
		t.Fatalf("migrations: %v, %v", files, err)
	}
	if shared.n != len(files) {
		t.Errorf("the empty database took %d migrations of %d", shared.n, len(files))
	}
	ctx := context.Background()
	n, err := Migrate(ctx, db, d.Migrations(), time.Now)
	if err != nil || n != 0 {
		t.Errorf("again: applied %d, %v", n, err)
	}
	rows, err := db.QueryContext(ctx, `SELECT name FROM schema_migration ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		names = append(names, s)
	}
	if !reflect.DeepEqual(names, files) {
		t.Errorf("recorded %v, want %v", names, files)
	}
}

// A database a newer program has migrated is refused before anything is applied.
func TestMigrateRefusesANewerSchema(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `INSERT INTO schema_migration VALUES (9999, '9999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	defer db.ExecContext(ctx, `DELETE FROM schema_migration WHERE version = 9999`)
	_, err := Migrate(ctx, db, d.Migrations(), time.Now)
	var ne *NewerSchemaError
	if !errors.As(err, &ne) || ne.Version != 9999 {
		t.Errorf("got %v", err)
	}
}

// Two writers: the second waits for the first's lock and, when the lock timeout runs out, fails with class
// Busy; once the first has committed a writer gets the lock at once.
func TestWritersWaitThenAreBusy(t *testing.T) {
	db, d := SharedDB(t)
	d.LockTimeout = 300 * time.Millisecond
	defer func() { d.LockTimeout = 0 }()
	ctx := context.Background()
	first, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	if err := d.BeginWrite(ctx, first); err != nil {
		t.Fatal(err)
	}
	second, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Rollback()
	start := time.Now()
	err = d.BeginWrite(ctx, second)
	waited := time.Since(start)
	if class, _ := d.Classify(err); class != dialect.Busy {
		t.Fatalf("second writer: %v (class %v)", err, class)
	}
	if waited < 300*time.Millisecond || waited > 2*time.Second {
		t.Errorf("second writer waited %v for a 300 ms lock timeout", waited)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	third, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Rollback()
	start = time.Now()
	if err := d.BeginWrite(ctx, third); err != nil || time.Since(start) > time.Second {
		t.Errorf("after the first committed: %v in %v", err, time.Since(start))
	}
}

// Classify names the class, the table and the constraint's columns of each kind of refused write, from the
// server's codes and catalogue (not its message text).
func TestClassifyNamesTheConstraint(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	company := `INSERT INTO company (uscc, name, field) VALUES ('91350100M000100Y43', '大连测试科技有限公司', 'x')`
	for _, c := range []struct {
		name  string
		stmts []string
		class dialect.ErrorClass
		want  dialect.Constraint
	}{
		{"duplicate USCC", []string{company, company}, dialect.Unique,
			dialect.Constraint{Name: "company_uscc_key", Table: "company", Columns: []string{"uscc"}}},
		{"duplicate output year", []string{company,
			`INSERT INTO annual_output (company_id, year, output, added_value) SELECT id, 2025, 1, 1 FROM company`,
			`INSERT INTO annual_output (company_id, year, output, added_value) SELECT id, 2025, 2, 2 FROM company`},
			dialect.Unique, dialect.Constraint{Name: "annual_output_company_id_year_key", Table: "annual_output",
				Columns: []string{"company_id", "year"}}},
		{"missing company", []string{`INSERT INTO annual_output (company_id, year, output, added_value) VALUES (987654, 2025, 1, 1)`},
			dialect.Reference, dialect.Constraint{Name: "annual_output_company_id_fkey", Table: "annual_output",
				Columns: []string{"company_id"}}},
		{"negative revenue", []string{company, `INSERT INTO annual_output (company_id, year, output, added_value,
			revenue) SELECT id, 2025, 1, 1, -1 FROM company`},
			dialect.Check, dialect.Constraint{Name: "annual_output_revenue_check", Table: "annual_output",
				Columns: []string{"revenue"}}},
		{"added value above output", []string{company,
			`INSERT INTO annual_output (company_id, year, output, added_value) SELECT id, 2025, 1, 2 FROM company`},
			dialect.Check, dialect.Constraint{Name: "annual_output_check", Table: "annual_output",
				Columns: []string{"added_value", "output"}}},
		{"no name", []string{`INSERT INTO company (uscc, field) VALUES ('X', 'x')`}, dialect.NotNull,
			dialect.Constraint{Table: "company", Columns: []string{"name"}}},
	} {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range c.stmts {
			if _, err = tx.ExecContext(ctx, s); err != nil {
				break
			}
		}
		tx.Rollback()
		class, con := d.Classify(err)
		if class != c.class || !reflect.DeepEqual(con, c.want) {
			t.Errorf("%s: %v → %v %+v, want %v %+v", c.name, err, class, con, c.class, c.want)
		}
	}
}

// trackedFixture writes one row into every table the change triggers keep, parents first.
var trackedFixture = []struct{ table, insert string }{
	{"park", `INSERT INTO park (id, name, kind) VALUES (900, '测试园', 'other')`},
	{"company", `INSERT INTO company (id, uscc, name, field, park_id, founded) VALUES (900, 'T900', '大连测试有限公司', 'x', 900, '2020-01-02')`},
	{"annual_output", `INSERT INTO annual_output (id, company_id, year, output, added_value, net_assets) VALUES (900, 900, 2025, 10, 5, -3)`},
	{"setting", `INSERT INTO setting (key, value) VALUES ('test.key', '值')`},
	{"institution", `INSERT INTO institution (id, name, kind) VALUES (900, '测试大学', 'university')`},
	{"cooperation", `INSERT INTO cooperation (id, company_id, institution_id, started) VALUES (900, 900, 900, '2024-01-01')`},
	{"coop_base", `INSERT INTO coop_base (id, name, company_id, institution_id, established) VALUES (900, '测试基地', 900, 900, '2024-02-01')`},
	{"coop_outcome", `INSERT INTO coop_outcome (id, cooperation_id, kind, title, year) VALUES (900, 900, 'project', '测试项目', 2025)`},
	{"incubator", `INSERT INTO incubator (id, name, level) VALUES (900, '测试孵化器', 'district')`},
	{"incubator_application", `INSERT INTO incubator_application (id, incubator_id, applicant_kind, applicant, company_id,
		submitted, status, status_date) VALUES (900, 900, 'company', '测试', 900, '2025-01-01', 'submitted', '2025-01-01')`},
	{"incubator_application_history", `INSERT INTO incubator_application_history (id, application_id, day, to_status,
		operator) VALUES (900, 900, '2025-01-01', 'submitted', 'clerk')`},
	{"plan_application", `INSERT INTO plan_application (id, company_id, level, plan, title, year, status, status_date)
		VALUES (900, 900, 'district', '计划', '测试申报', 2025, 'draft', '2025-01-01')`},
	{"plan_application_history", `INSERT INTO plan_application_history (id, application_id, day, to_status, operator)
		VALUES (900, 900, '2025-01-01', 'draft', 'clerk')`},
	{"patent", `INSERT INTO patent (id, company_id, app_no, kind, title, filed, granted, legal_status, status_date, used_in)
		VALUES (900, 900, '202310123456.6', 'utility', '测试专利', '2023-01-01', '2023-06-01', 'granted', '2023-06-01', 2024)`},
	{"park_project", `INSERT INTO park_project (id, park_id, title, status) VALUES (900, 900, '测试园区项目', 'planned')`},
	{"company_fact", `INSERT INTO company_fact (id, company_id, kind, year, date, number) VALUES (900, 900, 'certificate', 2022, '2022-12-01', 'GR2022')`},
	{"ip_right", `INSERT INTO ip_right (id, company_id, kind, reg_no, title, granted) VALUES (900, 900, 'software_copyright', '2024SR0000001', '测试软件', '2024-03-01')`},
	{"declared_figures", `INSERT INTO declared_figures (id, company_id, year, revenue, source) VALUES (900, 900, 2023, 100, '申报材料')`},
}

// In a change group every tracked table's insert, update and delete are recorded: the insert by its id, the
// update and the delete with the row as it was, every column in table order (setting's without its
// server-only id). Outside a group nothing is recorded. An import_log row names the open group's import.
func TestChangeTriggersKeepTheOldRows(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	tracked := trackedTables(t, db)
	var fixture []string
	for _, f := range trackedFixture {
		fixture = append(fixture, f.table)
	}
	if !reflect.DeepEqual(sorted(fixture), tracked) {
		t.Fatalf("tables with change triggers %v, fixture %v", tracked, sorted(fixture))
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO setting (key, value) VALUES ('outside', 'a group')`)
	var group int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO change_group (at, operator, open) VALUES ('t', 'clerk', 1) RETURNING id`).Scan(&group); err != nil {
		t.Fatal(err)
	}
	if err := d.OpenChangeGroup(ctx, tx, group); err != nil {
		t.Fatal(err)
	}
	for _, f := range trackedFixture {
		exec(f.insert)
	}
	want := map[string]string{} // table → the row as it was, as the server's own row_to_json gives it
	for _, f := range trackedFixture {
		var js string
		q := `SELECT row_to_json(t)::text FROM ` + f.table + ` t` + fixtureRow(f.table)
		if f.table == "setting" {
			q = `SELECT row_to_json(t)::text FROM (SELECT key, value FROM setting` + fixtureRow(f.table) + `) t`
		}
		if err := tx.QueryRowContext(ctx, q).Scan(&js); err != nil {
			t.Fatal(err)
		}
		want[f.table] = js
		exec(`UPDATE ` + f.table + ` SET id = id` + fixtureRow(f.table))
	}
	for i := len(trackedFixture) - 1; i >= 0; i-- {
		exec(`DELETE FROM ` + trackedFixture[i].table + fixtureRow(trackedFixture[i].table))
	}
	exec(`INSERT INTO import_log (id, at, operator, file_name) VALUES (900, 't', 'clerk', 'a.xlsx')`)

	rows, err := tx.QueryContext(ctx, `SELECT group_id, tbl, row_id, old FROM change ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string][]string{}
	for rows.Next() {
		var g, id int64
		var tbl string
		var old sql.NullString
		if err := rows.Scan(&g, &tbl, &id, &old); err != nil {
			t.Fatal(err)
		}
		if g != group {
			t.Errorf("%s: change in group %d, not %d", tbl, g, group)
		}
		if tbl != "setting" && id != 900 {
			t.Errorf("%s: row_id %d", tbl, id)
		}
		got[tbl] = append(got[tbl], old.String)
	}
	for _, f := range trackedFixture {
		w := []string{"", want[f.table], want[f.table]} // insert, update, delete
		if !reflect.DeepEqual(got[f.table], w) {
			t.Errorf("%s: changes %q\nwant %q", f.table, got[f.table], w)
		}
	}
	var imp sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT import_id FROM change_group WHERE id = ?`, group).Scan(&imp); err != nil || imp.Int64 != 900 {
		t.Errorf("group's import: %v, %v", imp, err)
	}
}

// fixtureRow is the WHERE clause of the fixture's row of table (the database holds others: the seeded parks).
func fixtureRow(table string) string {
	if table == "setting" {
		return ` WHERE key = 'test.key'`
	}
	return ` WHERE id = 900`
}

func trackedTables(t *testing.T, db *sql.DB) []string {
	rows, err := db.Query(`SELECT DISTINCT event_object_table FROM information_schema.triggers
		WHERE trigger_name = event_object_table || '_change_update' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// A login without privileges on the tables is Denied; a connection the server ends (an administrator, a server
// shutting down) is Gone.
func TestClassifyDeniedAndGone(t *testing.T) {
	db, d := SharedDB(t)
	server := ServerURL(t)
	ctx := context.Background()
	role := "scitech_pgtest_clerk_" + shared.name[len("scitech_pgtest_"):]
	if err := admin(server, `CREATE ROLE `+role+` LOGIN`); err != nil {
		t.Fatal(err)
	}
	defer admin(server, `DROP ROLE `+role)
	u, _ := url.Parse(databaseURL(server, shared.name))
	u.User = url.User(role)
	clerk, err := New().Open(ctx, dialect.Target{URL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = clerk.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES ('a', 'b')`)
	clerk.Close()
	if class, _ := d.Classify(err); class != dialect.Denied {
		t.Errorf("no privilege: %v → %v", err, class)
	}

	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var pid int
	if err := c.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `SELECT pg_terminate_backend(?)`, pid); err != nil {
		t.Fatal(err)
	}
	err = c.QueryRowContext(ctx, `SELECT 1`).Scan(new(int))
	if class, _ := d.Classify(err); class != dialect.Gone {
		t.Errorf("connection ended by the server: %v → %v", err, class)
	}
}

// Two desks opening a new server at once: one applies the migrations while the other waits for its lock, then
// finds them all recorded.
func TestMigrationsRunOnceWhenTwoDesksStartTogether(t *testing.T) {
	server := ServerURL(t)
	name := fmt.Sprintf("scitech_pgtest_%d_twice", os.Getpid())
	if err := admin(server, `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	defer dropDatabase(server, name)
	files, _ := fs.Glob(New().Migrations(), "*.sql")
	var wg sync.WaitGroup
	applied := make([]int, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := New()
			db, err := d.Open(context.Background(), dialect.Target{URL: databaseURL(server, name)})
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			applied[i], errs[i] = Migrate(context.Background(), db, d.Migrations(), time.Now)
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || applied[0]+applied[1] != len(files) || applied[0]*applied[1] != 0 {
		t.Errorf("applied %v of %d, errors %v", applied, len(files), errs)
	}
}
