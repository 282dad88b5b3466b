package data

import (
	"context"
	"database/sql"
)

const outputColumns = `id, company_id, year, output, added_value, revenue, rd_expense, employees, rd_staff,
	total_income, hightech_income, rd_domestic, total_costs, net_assets, total_assets, st_staff, conversions`

func scanOutput(row interface{ Scan(...any) error }) (AnnualOutput, error) {
	var o AnnualOutput
	var p policyFigureScan
	err := row.Scan(append([]any{&o.ID, &o.CompanyID, &o.Year, &o.Output, &o.AddedValue, &o.Revenue, &o.RDExpense, &o.Employees,
		&o.RDStaff}, p.dest()...)...)
	p.into(&o)
	return o, err
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func outputsOf(ctx context.Context, q querier, companyID int64) ([]AnnualOutput, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+outputColumns+` FROM annual_output WHERE company_id = ? ORDER BY year DESC`, companyID)
	if err != nil {
		return nil, internal(err, "cannot list annual outputs")
	}
	defer rows.Close()
	var out []AnnualOutput
	for rows.Next() {
		o, err := scanOutput(rows)
		if err != nil {
			return nil, internal(err, "cannot list annual outputs")
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Outputs lists a company's annual output rows, newest year first.
func (s *Store) Outputs(ctx context.Context, companyID int64) ([]AnnualOutput, error) {
	return outputsOf(ctx, s.db, companyID)
}

// Output reads one annual output row.
func (s *Store) Output(ctx context.Context, id int64) (AnnualOutput, error) {
	o, err := scanOutput(s.db.QueryRowContext(ctx, `SELECT `+outputColumns+` FROM annual_output WHERE id = ?`, id))
	if isNoRows(err) {
		return o, notFound("annual output", id)
	}
	if err != nil {
		return o, internal(err, "cannot read the annual output")
	}
	return o, nil
}

// OutputChangeWarnings compares a row with the same company's row of the year before, for the user to confirm.
func (s *Store) OutputChangeWarnings(ctx context.Context, o AnnualOutput) ([]ChangeWarning, error) {
	prev, err := scanOutput(s.db.QueryRowContext(ctx, `SELECT `+outputColumns+` FROM annual_output
		WHERE company_id = ? AND year = ?`, o.CompanyID, o.Year-1))
	if isNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, internal(err, "cannot read the previous year")
	}
	return ChangeWarnings(&prev, o), nil
}

// CreateOutput validates and inserts an annual output row, setting its ID.
func (s *Store) CreateOutput(ctx context.Context, o *AnnualOutput) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error { return s.createOutput(ctx, tx, o) })
}

func (s *Store) createOutput(ctx context.Context, tx *sql.Tx, o *AnnualOutput) error {
	if err := s.insertOutput(ctx, tx, o); err != nil {
		return err
	}
	return s.audit(ctx, tx, "annual_output", o.ID, "create", nil, o)
}

// insertOutput inserts an annual output row without its audit row, for a load that writes one for everything
// it adds.
func (s *Store) insertOutput(ctx context.Context, tx *sql.Tx, o *AnnualOutput) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO annual_output (company_id, year, output, added_value, revenue, rd_expense,
		employees, rd_staff, `+policyFigureColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		append([]any{o.CompanyID, o.Year, o.Output, o.AddedValue, o.Revenue, o.RDExpense, o.Employees, o.RDStaff},
			policyFigureArgs(o)...)...).Scan(&o.ID)
	if err != nil {
		return outputConflict(err, o.Year)
	}
	return nil
}

func outputConflict(err error, year int) error {
	if e := conflictOr(err, "year", "err.output.year_taken", "the company already has a row for {{.Year}}",
		map[string]any{"Year": year}); ErrorCode(e) == Conflict {
		return e
	}
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	return internal(err, "cannot save the annual output")
}

// UpdateOutput validates and saves a changed annual output row.
func (s *Store) UpdateOutput(ctx context.Context, o *AnnualOutput) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanOutput(tx.QueryRowContext(ctx, `SELECT `+outputColumns+` FROM annual_output WHERE id = ?`, o.ID))
		if isNoRows(err) {
			return notFound("annual output", o.ID)
		}
		if err != nil {
			return internal(err, "cannot read the annual output")
		}
		_, err = tx.ExecContext(ctx, `UPDATE annual_output SET company_id = ?, year = ?, output = ?, added_value = ?,
			revenue = ?, rd_expense = ?, employees = ?, rd_staff = ?, total_income = ?, hightech_income = ?,
			rd_domestic = ?, total_costs = ?, net_assets = ?, total_assets = ?, st_staff = ?, conversions = ? WHERE id = ?`,
			append(append([]any{o.CompanyID, o.Year, o.Output, o.AddedValue, o.Revenue, o.RDExpense, o.Employees, o.RDStaff},
				policyFigureArgs(o)...), o.ID)...)
		if err != nil {
			return outputConflict(err, o.Year)
		}
		return s.audit(ctx, tx, "annual_output", o.ID, "update", before, o)
	})
}

// DeleteOutput deletes an annual output row.
func (s *Store) DeleteOutput(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanOutput(tx.QueryRowContext(ctx, `SELECT `+outputColumns+` FROM annual_output WHERE id = ?`, id))
		if isNoRows(err) {
			return notFound("annual output", id)
		}
		if err != nil {
			return internal(err, "cannot read the annual output")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM annual_output WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the annual output")
		}
		return s.audit(ctx, tx, "annual_output", id, "delete", before, nil)
	})
}

// OutputYears lists the years that have output rows, newest first.
func (s *Store) OutputYears(ctx context.Context) ([]int, error) {
	// One index seek per year (the newest, then the newest before it, …) rather than reading every output
	// row's year: at 100,000 companies that is ten seeks instead of a million index entries at start-up.
	return queryColumn[int](ctx, s.db, "cannot list years", `WITH RECURSIVE y (year) AS (
			SELECT max(year) FROM annual_output
			UNION ALL
			SELECT (SELECT max(a.year) FROM annual_output a WHERE a.year < y.year) FROM y WHERE y.year IS NOT NULL)
		SELECT year FROM y WHERE year IS NOT NULL`)
}
