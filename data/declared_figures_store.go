package data

import (
	"context"
	"database/sql"
)

const declaredColumns = `d.id, d.company_id, d.year, d.revenue, d.rd_expense, d.employees, d.total_income, d.hightech_income,
	d.rd_domestic, d.total_costs, d.net_assets, d.total_assets, d.st_staff, d.conversions, d.source,
	EXISTS (SELECT 1 FROM annual_output o WHERE o.company_id = d.company_id AND o.year = d.year)`

func scanDeclared(row interface{ Scan(...any) error }) (DeclaredFigures, error) {
	var d DeclaredFigures
	var n [11]sql.NullInt64
	err := row.Scan(&d.ID, &d.CompanyID, &d.Year, &n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &n[6], &n[7], &n[8], &n[9],
		&n[10], &d.Source, &d.Superseded)
	yuan := func(v sql.NullInt64) *Yuan {
		if !v.Valid {
			return nil
		}
		y := Yuan(v.Int64)
		return &y
	}
	count := func(v sql.NullInt64) *int {
		if !v.Valid {
			return nil
		}
		c := int(v.Int64)
		return &c
	}
	d.Revenue, d.RDExpense, d.Employees = yuan(n[0]), yuan(n[1]), count(n[2])
	d.TotalIncome, d.HighTechIncome, d.RDDomestic, d.TotalCosts = yuan(n[3]), yuan(n[4]), yuan(n[5]), yuan(n[6])
	d.NetAssets, d.TotalAssets, d.STStaff, d.Conversions = yuan(n[7]), yuan(n[8]), count(n[9]), count(n[10])
	return d, err
}

// declaredArgs are the row's columns after its id, in the order of the INSERT and UPDATE below; NULL for a
// figure not declared.
func declaredArgs(d *DeclaredFigures) []any {
	args := []any{d.CompanyID, d.Year}
	for _, y := range []*Yuan{d.Revenue, d.RDExpense} {
		args = append(args, nullYuan(y))
	}
	args = append(args, nullCount(d.Employees))
	for _, y := range []*Yuan{d.TotalIncome, d.HighTechIncome, d.RDDomestic, d.TotalCosts, d.NetAssets, d.TotalAssets} {
		args = append(args, nullYuan(y))
	}
	return append(args, nullCount(d.STStaff), nullCount(d.Conversions), d.Source)
}

func nullYuan(y *Yuan) any {
	if y == nil {
		return nil
	}
	return int64(*y)
}

func nullCount(n *int) any {
	if n == nil {
		return nil
	}
	return int64(*n)
}

// DeclaredFiguresOf lists a company's declared figures, newest year first, each marked Superseded when the
// company has an output row of its year.
func (s *Store) DeclaredFiguresOf(ctx context.Context, companyID int64) ([]DeclaredFigures, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+declaredColumns+` FROM declared_figures d WHERE d.company_id = ?
		ORDER BY d.year DESC`, companyID)
	if err != nil {
		return nil, internal(err, "cannot list the declared figures")
	}
	defer rows.Close()
	var out []DeclaredFigures
	for rows.Next() {
		d, err := scanDeclared(rows)
		if err != nil {
			return nil, internal(err, "cannot list the declared figures")
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeclaredFiguresByID reads one declared row.
func (s *Store) DeclaredFiguresByID(ctx context.Context, id int64) (DeclaredFigures, error) {
	d, err := scanDeclared(s.db.QueryRowContext(ctx, `SELECT `+declaredColumns+` FROM declared_figures d WHERE d.id = ?`, id))
	if isNoRows(err) {
		return d, notFound("declared figures", id)
	}
	if err != nil {
		return d, internal(err, "cannot read the declared figures")
	}
	return d, nil
}

// checkDeclaredYear refuses a declared row for a year the company has an output row of: the rules read that
// row, so the declared one would never count, and two sets of figures for one year would only mislead. (An
// output row added later for a year with a declared row is taken: the output row wins.)
func checkDeclaredYear(ctx context.Context, tx *sql.Tx, d *DeclaredFigures) error {
	var has bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM annual_output WHERE company_id = ? AND year = ?)`,
		d.CompanyID, d.Year).Scan(&has); err != nil {
		return internal(err, "cannot read the annual output")
	}
	if has {
		e := invalid("err.declared.has_output",
			"the company has annual output for {{.Year}}: the rules read that row, so no declared figures are needed",
			map[string]any{"Year": d.Year})
		e.Field = "year"
		return e
	}
	return nil
}

// CreateDeclaredFigures validates and records a declared row, setting its ID. A year the company already has
// an output row or a declared row of is refused, naming the year.
func (s *Store) CreateDeclaredFigures(ctx context.Context, d *DeclaredFigures) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if err := checkDeclaredYear(ctx, tx, d); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO declared_figures (company_id, year, revenue, rd_expense, employees,
			total_income, hightech_income, rd_domestic, total_costs, net_assets, total_assets, st_staff, conversions,
			source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, declaredArgs(d)...).Scan(&d.ID)
		if err != nil {
			return declaredError(err, d.Year)
		}
		d.Superseded = false
		return s.audit(ctx, tx, "declared_figures", d.ID, "create", nil, d)
	})
}

// UpdateDeclaredFigures validates and saves a changed declared row; moving it to a year with an output row is
// refused as a new one would be. A row already superseded may be corrected in place.
func (s *Store) UpdateDeclaredFigures(ctx context.Context, d *DeclaredFigures) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanDeclared(tx.QueryRowContext(ctx, `SELECT `+declaredColumns+` FROM declared_figures d
			WHERE d.id = ?`, d.ID))
		if isNoRows(err) {
			return notFound("declared figures", d.ID)
		}
		if err != nil {
			return internal(err, "cannot read the declared figures")
		}
		if before.Year != d.Year || before.CompanyID != d.CompanyID {
			if err := checkDeclaredYear(ctx, tx, d); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE declared_figures SET company_id = ?, year = ?, revenue = ?,
			rd_expense = ?, employees = ?, total_income = ?, hightech_income = ?, rd_domestic = ?, total_costs = ?,
			net_assets = ?, total_assets = ?, st_staff = ?, conversions = ?, source = ? WHERE id = ?`,
			append(declaredArgs(d), d.ID)...); err != nil {
			return declaredError(err, d.Year)
		}
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM annual_output WHERE company_id = ? AND year = ?)`,
			d.CompanyID, d.Year).Scan(&d.Superseded); err != nil {
			return internal(err, "cannot read the annual output")
		}
		return s.audit(ctx, tx, "declared_figures", d.ID, "update", before, d)
	})
}

// DeleteDeclaredFigures deletes a declared row.
func (s *Store) DeleteDeclaredFigures(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanDeclared(tx.QueryRowContext(ctx, `SELECT `+declaredColumns+` FROM declared_figures d
			WHERE d.id = ?`, id))
		if isNoRows(err) {
			return notFound("declared figures", id)
		}
		if err != nil {
			return internal(err, "cannot read the declared figures")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM declared_figures WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the declared figures")
		}
		return s.audit(ctx, tx, "declared_figures", id, "delete", before, nil)
	})
}

func declaredError(err error, year int) error {
	if e := conflictOr(err, "year", "err.declared.year_taken", "the company already has declared figures for {{.Year}}",
		map[string]any{"Year": year}); ErrorCode(e) == Conflict {
		return e
	}
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	return internal(err, "cannot save the declared figures")
}

// DeclaredUpTo reads the declared rows of the three years ending with year of every company (or the one whose
// USCC is given), by company and year, leaving out the years a company has an output row of (that row wins).
// The policy reader puts them in PolicyInput.Declared.
func DeclaredUpTo(ctx context.Context, q querier, year int, uscc string) (map[int64][]DeclaredFigures, error) {
	query := `SELECT ` + declaredColumns + ` FROM declared_figures d WHERE d.year BETWEEN ? AND ?
		AND NOT EXISTS (SELECT 1 FROM annual_output o WHERE o.company_id = d.company_id AND o.year = d.year)`
	args := []any{year - 2, year}
	if uscc != "" {
		query += ` AND d.company_id = (SELECT id FROM company WHERE uscc = ?)`
		args = append(args, uscc)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY d.company_id, d.year`, args...)
	if err != nil {
		return nil, internal(err, "cannot read the declared figures")
	}
	defer rows.Close()
	out := map[int64][]DeclaredFigures{}
	for rows.Next() {
		d, err := scanDeclared(rows)
		if err != nil {
			return nil, internal(err, "cannot read the declared figures")
		}
		out[d.CompanyID] = append(out[d.CompanyID], d)
	}
	return out, rows.Err()
}
