// Package dialecttest holds checks that the tests of both database packages (data/sqlite, data/postgres) run
// alike, so that the two dialects are held to one table of answers rather than to two that could drift: what
// class of error each refused write is, and which table and columns it names. It imports only dialect and the
// standard library; only tests import it.
package dialecttest

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"scitech/data/dialect"
)

// ClassifyCase is one refused write: statements run in order in one transaction (rolled back), the last of
// which fails.
type ClassifyCase struct {
	Name  string
	Stmts []string
	Class dialect.ErrorClass
	// Server is the constraint PostgreSQL names, read from its catalogue.
	Server dialect.Constraint
	// File is what SQLite names where it says less than the server (Why says what it lacks); nil means the
	// server's answer without the constraint's name, which SQLite's messages do not give.
	File *dialect.Constraint
	Why  string
}

// company is a company row both schemas accept (a valid USCC, the required name and field).
const company = `INSERT INTO company (uscc, name, field) VALUES ('91350100M000100Y43', '大连测试科技有限公司', 'x')`

// ClassifyCases are the refusals of the store's schema both databases must classify alike: one of each kind
// of constraint, on the tables the clerk writes most (companies and their yearly output).
var ClassifyCases = []ClassifyCase{
	{Name: "duplicate USCC", Stmts: []string{company, company}, Class: dialect.Unique,
		Server: dialect.Constraint{Name: "company_uscc_key", Table: "company", Columns: []string{"uscc"}}},
	{Name: "duplicate output year", Stmts: []string{company,
		`INSERT INTO annual_output (company_id, year, output, added_value) SELECT id, 2025, 1, 1 FROM company`,
		`INSERT INTO annual_output (company_id, year, output, added_value) SELECT id, 2025, 2, 2 FROM company`},
		Class: dialect.Unique, Server: dialect.Constraint{Name: "annual_output_company_id_year_key",
			Table: "annual_output", Columns: []string{"company_id", "year"}}},
	{Name: "missing company", Stmts: []string{
		`INSERT INTO annual_output (company_id, year, output, added_value) VALUES (987654, 2025, 1, 1)`},
		Class: dialect.Reference, Server: dialect.Constraint{Name: "annual_output_company_id_fkey",
			Table: "annual_output", Columns: []string{"company_id"}},
		File: &dialect.Constraint{}, Why: "SQLite counts broken foreign keys and reports the count, not which"},
	{Name: "negative revenue", Stmts: []string{company, `INSERT INTO annual_output (company_id, year, output,
		added_value, revenue) SELECT id, 2025, 1, 1, -1 FROM company`}, Class: dialect.Check,
		Server: dialect.Constraint{Name: "annual_output_revenue_check", Table: "annual_output", Columns: []string{"revenue"}},
		File:   &dialect.Constraint{Columns: []string{"revenue"}},
		Why:    "SQLite names a CHECK by its expression, and declared_figures has the same `revenue >= 0`"},
	{Name: "added value above output", Stmts: []string{company,
		`INSERT INTO annual_output (company_id, year, output, added_value) SELECT id, 2025, 1, 2 FROM company`},
		Class: dialect.Check, Server: dialect.Constraint{Name: "annual_output_check", Table: "annual_output",
			Columns: []string{"added_value", "output"}}},
	{Name: "duplicate id", Stmts: []string{`INSERT INTO park (id, name, kind) VALUES (1, '测试园', 'other')`},
		Class: dialect.Unique, Server: dialect.Constraint{Name: "park_pkey", Table: "park", Columns: []string{"id"}}},
	{Name: "duplicate park name", Stmts: []string{`INSERT INTO park (name, kind) VALUES ('现代海洋产业园', 'other')`},
		Class: dialect.Unique, Server: dialect.Constraint{Name: "park_name_key", Table: "park", Columns: []string{"name"}}},
	{Name: "unknown park", Stmts: []string{`INSERT INTO company (uscc, name, field, park_id)
		VALUES ('91350100M000100Y43', '大连测试科技有限公司', 'x', 987654)`}, Class: dialect.Reference,
		Server: dialect.Constraint{Name: "company_park_id_fkey", Table: "company", Columns: []string{"park_id"}},
		File:   &dialect.Constraint{}, Why: "SQLite counts broken foreign keys and reports the count, not which"},
	{Name: "unknown kind of IP right", Stmts: []string{company, `INSERT INTO ip_right (company_id, kind, reg_no, title,
		granted) SELECT id, 'trademark', 'R1', '商标', '2024-01-01' FROM company`}, Class: dialect.Check,
		Server: dialect.Constraint{Name: "ip_right_kind_check", Table: "ip_right", Columns: []string{"kind"}}},
	{Name: "no name", Stmts: []string{`INSERT INTO company (uscc, field) VALUES ('X', 'x')`}, Class: dialect.NotNull,
		Server: dialect.Constraint{Table: "company", Columns: []string{"name"}}},
}

// Want is what d should answer for c.
func (c ClassifyCase) Want(d dialect.Dialect) dialect.Constraint {
	if d.Name() != "sqlite" {
		return c.Server
	}
	if c.File != nil {
		return *c.File
	}
	w := c.Server
	w.Name = ""
	return w
}

// CheckClassify runs every case on db, a database of the store's schema (migrated, holding no company with the
// cases' USCC), each in a transaction it rolls back, and checks that d classifies the failure as the table
// says.
func CheckClassify(t *testing.T, db *sql.DB, d dialect.Dialect) {
	t.Helper()
	ctx := context.Background()
	for _, c := range ClassifyCases {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range c.Stmts {
			if _, err = tx.ExecContext(ctx, s); err != nil {
				break
			}
		}
		tx.Rollback()
		if err == nil {
			t.Errorf("%s on %s: no error", c.Name, d.Name())
			continue
		}
		class, con := d.Classify(err)
		if want := c.Want(d); class != c.Class || !reflect.DeepEqual(con, want) {
			t.Errorf("%s on %s: %v → %v %+v, want %v %+v", c.Name, d.Name(), err, class, con, c.Class, want)
		}
	}
}
