package data

import (
	"context"
	"database/sql"
)

const factColumns = `id, company_id, kind, year, date, level, rank, amount, number, note`

func scanFact(row interface{ Scan(...any) error }) (CompanyFact, error) {
	var f CompanyFact
	var date *string
	err := row.Scan(&f.ID, &f.CompanyID, &f.Kind, &f.Year, &date, &f.Level, &f.Rank, &f.Amount, &f.Number, &f.Note)
	f.Date = scanDate(date)
	return f, err
}

// CompanyFacts lists a company's facts, newest year first.
func (s *Store) CompanyFacts(ctx context.Context, companyID int64) ([]CompanyFact, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+factColumns+` FROM company_fact WHERE company_id = ?
		ORDER BY year DESC, kind, id`, companyID)
	if err != nil {
		return nil, internal(err, "cannot list the company's facts")
	}
	defer rows.Close()
	var out []CompanyFact
	for rows.Next() {
		f, err := scanFact(rows)
		if err != nil {
			return nil, internal(err, "cannot list the company's facts")
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// CreateCompanyFact validates and records a fact, setting its ID.
func (s *Store) CreateCompanyFact(ctx context.Context, f *CompanyFact) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if err := checkEarlierCertificate(ctx, tx, f); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO company_fact (company_id, kind, year, date, level, rank, amount,
			number, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.CompanyID, f.Kind, f.Year,
			nullDate(f.Date), f.Level, f.Rank, f.Amount, f.Number, f.Note).Scan(&f.ID)
		if err != nil {
			return factError(err)
		}
		return s.audit(ctx, tx, "company_fact", f.ID, "create", nil, f)
	})
}

// UpdateCompanyFact validates and saves a changed fact.
func (s *Store) UpdateCompanyFact(ctx context.Context, f *CompanyFact) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanFact(tx.QueryRowContext(ctx, `SELECT `+factColumns+` FROM company_fact WHERE id = ?`, f.ID))
		if isNoRows(err) {
			return notFound("company fact", f.ID)
		}
		if err != nil {
			return internal(err, "cannot read the fact")
		}
		if err := checkEarlierCertificate(ctx, tx, f); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE company_fact SET company_id = ?, kind = ?, year = ?, date = ?, level = ?,
			rank = ?, amount = ?, number = ?, note = ? WHERE id = ?`, f.CompanyID, f.Kind, f.Year, nullDate(f.Date),
			f.Level, f.Rank, f.Amount, f.Number, f.Note, f.ID); err != nil {
			return factError(err)
		}
		return s.audit(ctx, tx, "company_fact", f.ID, "update", before, f)
	})
}

// DeleteCompanyFact deletes a fact.
func (s *Store) DeleteCompanyFact(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanFact(tx.QueryRowContext(ctx, `SELECT `+factColumns+` FROM company_fact WHERE id = ?`, id))
		if isNoRows(err) {
			return notFound("company fact", id)
		}
		if err != nil {
			return internal(err, "cannot read the fact")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM company_fact WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the fact")
		}
		return s.audit(ctx, tx, "company_fact", id, "delete", before, nil)
	})
}

// checkEarlierCertificate refuses a certificate fact that is not earlier than the company's current certificate
// (issued on or after it, or of its number): the current one is kept on the company's record, and the facts
// hold the ones before it.
func checkEarlierCertificate(ctx context.Context, tx *sql.Tx, f *CompanyFact) error {
	if f.Kind != "certificate" {
		return nil
	}
	var no string
	var issued *string
	err := tx.QueryRowContext(ctx, `SELECT cert_no, cert_issued FROM company WHERE id = ?`, f.CompanyID).Scan(&no, &issued)
	if isNoRows(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	if err != nil {
		return internal(err, "cannot read the company")
	}
	cur := scanDate(issued)
	switch {
	case no != "" && no == f.Number:
		e := invalid("err.fact.certificate_current", "is the company's current certificate, kept on its record", nil)
		e.Field = "number"
		return e
	case no != "" && !cur.IsZero() && !f.Date.Before(cur):
		e := invalid("err.fact.certificate_not_earlier", "is not before the company's current certificate ({{.Date}})",
			map[string]any{"Date": FormatDate(cur)})
		e.Field = "date"
		return e
	}
	return nil
}

func factError(err error) error {
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	return internal(err, "cannot save the fact")
}

// factsUpTo reads the facts of every company (or one) up to a year, by company, for the policy checks: they
// are few beside the companies, so one query into a map costs less than a join that repeats each company row.
func factsUpTo(ctx context.Context, q querier, year int, uscc string) (map[int64][]CompanyFact, error) {
	query := `SELECT f.id, f.company_id, f.kind, f.year, f.date, f.level, f.rank, f.amount, f.number, f.note
		FROM company_fact f WHERE f.year <= ?`
	args := []any{year}
	if uscc != "" {
		query += ` AND f.company_id = (SELECT id FROM company WHERE uscc = ?)`
		args = append(args, uscc)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY f.company_id, f.year, f.id`, args...)
	if err != nil {
		return nil, internal(err, "cannot read the companies' facts")
	}
	defer rows.Close()
	out := map[int64][]CompanyFact{}
	for rows.Next() {
		f, err := scanFact(rows)
		if err != nil {
			return nil, internal(err, "cannot read the companies' facts")
		}
		out[f.CompanyID] = append(out[f.CompanyID], f)
	}
	return out, rows.Err()
}
