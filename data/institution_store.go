package data

import (
	"context"
	"database/sql"

	"scitech/data/dialect"
)

// Sort keys of the institution list.
const (
	InstSortName = "name"
	InstSortKind = "kind"
	InstSortCity = "city"
)

var instSortSQL = map[string]string{
	InstSortName: "i.name" + collatePinyin,
	InstSortKind: "i.kind",
	InstSortCity: "i.city" + collatePinyin,
}

// InstitutionFilter selects and orders a page of the institution list.
type InstitutionFilter struct {
	Query  string // part of the name or the city
	Kind   string // one of InstitutionKinds; "" for all
	Sort   string // one of the InstSort… keys; "" sorts by name
	Desc   bool
	Offset int
	Limit  int // 0: no limit
}

const institutionColumns = `i.id, i.name, i.kind, i.city,
	(SELECT count(*) FROM cooperation co WHERE co.institution_id = i.id),
	(SELECT count(*) FROM coop_base b WHERE b.institution_id = i.id)`

func scanInstitution(row interface{ Scan(...any) error }) (Institution, error) {
	var in Institution
	err := row.Scan(&in.ID, &in.Name, &in.Kind, &in.City, &in.Cooperations, &in.Bases)
	return in, err
}

func (f InstitutionFilter) where(d dialect.Dialect) (string, []any) {
	where, args := ` WHERE 1 = 1`, []any{}
	if f.Query != "" {
		p := coopLike(f.Query)
		where += ` AND ` + containsSQL(d, "i.name", "i.city")
		args = append(args, p, p)
	}
	if f.Kind != "" {
		where += ` AND i.kind = ?`
		args = append(args, f.Kind)
	}
	return where, args
}

// Institution reads one institution.
func (s *Store) Institution(ctx context.Context, id int64) (Institution, error) {
	return institutionByID(ctx, s.db, id)
}

func institutionByID(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id int64) (Institution, error) {
	in, err := scanInstitution(q.QueryRowContext(ctx, `SELECT `+institutionColumns+` FROM institution i WHERE i.id = ?`, id))
	if isNoRows(err) {
		return in, notFound("institution", id)
	}
	if err != nil {
		return in, internal(err, "cannot read the institution")
	}
	return in, nil
}

// Institutions lists a page of institutions matching the filter, with how many cooperations and bases each has.
func (s *Store) Institutions(ctx context.Context, f InstitutionFilter) ([]Institution, error) {
	where, args := f.where(s.d)
	q := `SELECT ` + institutionColumns + ` FROM institution i` + where + coopOrder(instSortSQL, f.Sort, InstSortName, "i.id", f.Desc)
	q, args = coopPage(q, args, f.Offset, f.Limit)
	return coopRows(ctx, s.db, q, args, scanInstitution, "cannot list institutions")
}

// CountInstitutions counts the institutions matching the filter.
func (s *Store) CountInstitutions(ctx context.Context, f InstitutionFilter) (int, error) {
	where, args := f.where(s.d)
	return coopCount(ctx, s.db, `SELECT count(*) FROM institution i`+where, args, "cannot count institutions")
}

// CreateInstitution validates and inserts an institution, setting its ID.
func (s *Store) CreateInstitution(ctx context.Context, in *Institution) error {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO institution (name, kind, city) VALUES (?, ?, ?) RETURNING id`,
			in.Name, in.Kind, in.City).Scan(&in.ID)
		if err != nil {
			return instNameTaken(err, in.Name)
		}
		return s.audit(ctx, tx, "institution", in.ID, "create", nil, in)
	})
}

func instNameTaken(err error, name string) error {
	return conflictOr(err, "inst_name", "err.coop.inst_taken", "{{.Name}} is already registered", map[string]any{"Name": name})
}

// UpdateInstitution validates and saves a changed institution.
func (s *Store) UpdateInstitution(ctx context.Context, in *Institution) error {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := institutionByID(ctx, tx, in.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE institution SET name = ?, kind = ?, city = ? WHERE id = ?`,
			in.Name, in.Kind, in.City, in.ID); err != nil {
			return instNameTaken(err, in.Name)
		}
		in.Cooperations, in.Bases = before.Cooperations, before.Bases
		return s.audit(ctx, tx, "institution", in.ID, "update", before, in)
	})
}

// DeleteInstitution deletes an institution with its cooperations (and their outcomes) and its bases, each
// dependent with its own audit row.
func (s *Store) DeleteInstitution(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := institutionByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.deleteCooperationsWhere(ctx, tx, `co.institution_id = ?`, id); err != nil {
			return err
		}
		if err := s.deleteCoopBasesWhere(ctx, tx, `b.institution_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM institution WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the institution")
		}
		return s.audit(ctx, tx, "institution", id, "delete", before, nil)
	})
}

// InstitutionLinks counts what goes with an institution when it is deleted: its cooperations, their outcomes
// and its bases.
func (s *Store) InstitutionLinks(ctx context.Context, id int64) (Links, error) {
	return s.coopLinks(ctx, `institution_id = ?`, id)
}

// CompanyCoopLinks counts a company's cooperations, their outcomes and its cooperation bases, which go with
// the company when it is deleted.
func (s *Store) CompanyCoopLinks(ctx context.Context, companyID int64) (Links, error) {
	return s.coopLinks(ctx, `company_id = ?`, companyID)
}

// coopLinks counts the cooperations, outcomes and bases whose cond (on company_id or institution_id) holds.
func (s *Store) coopLinks(ctx context.Context, cond string, id int64) (Links, error) {
	var coops, outcomes, bases int
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM cooperation WHERE `+cond+`),
		(SELECT count(*) FROM coop_outcome WHERE cooperation_id IN (SELECT id FROM cooperation WHERE `+cond+`)),
		(SELECT count(*) FROM coop_base WHERE `+cond+`)`, id, id, id).Scan(&coops, &outcomes, &bases)
	if err != nil {
		return nil, internal(err, "cannot count linked records")
	}
	var ls Links
	ls.add("link.cooperations", coops)
	ls.add("link.outcomes", outcomes)
	ls.add("link.bases", bases)
	return ls, nil
}

// deleteCompanyCoop deletes a company's cooperations (with their outcomes) and its bases, each with an audit row,
// inside the transaction that deletes the company.
func (s *Store) deleteCompanyCoop(ctx context.Context, tx *sql.Tx, companyID int64) error {
	if err := s.deleteCooperationsWhere(ctx, tx, `co.company_id = ?`, companyID); err != nil {
		return err
	}
	return s.deleteCoopBasesWhere(ctx, tx, `b.company_id = ?`, companyID)
}

// coopPage adds LIMIT and OFFSET when a limit is set.
func coopPage(q string, args []any, offset, limit int) (string, []any) {
	if limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, offset)
	}
	return q, args
}

// coopRows runs a query and scans every row.
func coopRows[T any](ctx context.Context, q querier, query string, args []any,
	scan func(interface{ Scan(...any) error }) (T, error), what string) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err, what)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, internal(err, what)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, what)
	}
	return out, nil
}

func coopCount(ctx context.Context, db *sql.DB, query string, args []any, what string) (int, error) {
	var n int
	if err := db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, internal(err, what)
	}
	return n, nil
}
