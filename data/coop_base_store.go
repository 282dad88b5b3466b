package data

import (
	"context"
	"database/sql"

	"scitech/data/dialect"
)

// Sort keys of the cooperation base list.
const (
	BaseSortName        = "name"
	BaseSortCompany     = "company"
	BaseSortInstitution = "institution"
	BaseSortEstablished = "established"
)

var baseSortSQL = map[string]string{
	BaseSortName:        "b.name" + collatePinyin,
	BaseSortCompany:     "c.name" + collatePinyin,
	BaseSortInstitution: "i.name" + collatePinyin,
	BaseSortEstablished: "b.established",
}

// CoopBaseFilter selects and orders a page of the cooperation base list.
type CoopBaseFilter struct {
	Query         string // part of the base's, the company's or the institution's name
	InstitutionID int64  // 0 for all
	CompanyID     int64  // 0 for all
	Year          int    // the bases established by the year's end, as the figures count them; 0 for all
	Sort          string // one of the BaseSort… keys; "" sorts by name
	Desc          bool
	Offset        int
	Limit         int // 0: no limit
}

const baseColumns = `b.id, b.name, b.company_id, c.name, b.institution_id, i.name, b.established`

const baseFrom = ` FROM coop_base b JOIN company c ON c.id = b.company_id JOIN institution i ON i.id = b.institution_id`

func scanCoopBase(row interface{ Scan(...any) error }) (CoopBase, error) {
	var b CoopBase
	var est *string
	err := row.Scan(&b.ID, &b.Name, &b.CompanyID, &b.CompanyName, &b.InstitutionID, &b.InstitutionName, &est)
	b.Established = scanDate(est)
	return b, err
}

func (f CoopBaseFilter) where(d dialect.Dialect) (string, []any) {
	where, args := ` WHERE 1 = 1`, []any{}
	if f.Query != "" {
		p := coopLike(f.Query)
		where += ` AND ` + containsSQL(d, "b.name", "c.name", "i.name")
		args = append(args, p, p, p)
	}
	if f.InstitutionID != 0 {
		where += ` AND b.institution_id = ?`
		args = append(args, f.InstitutionID)
	}
	if f.CompanyID != 0 {
		where += ` AND b.company_id = ?`
		args = append(args, f.CompanyID)
	}
	if f.Year != 0 {
		where += ` AND b.established <= ?` // the rule of figures.go's coop_bases
		args = append(args, endOf(f.Year)...)
	}
	return where, args
}

// CoopBase reads one cooperation base.
func (s *Store) CoopBase(ctx context.Context, id int64) (CoopBase, error) {
	return coopBaseByID(ctx, s.db, id)
}

func coopBaseByID(ctx context.Context, q querier, id int64) (CoopBase, error) {
	list, err := coopRows(ctx, q, `SELECT `+baseColumns+baseFrom+` WHERE b.id = ?`, []any{id}, scanCoopBase,
		"cannot read the cooperation base")
	if err != nil {
		return CoopBase{}, err
	}
	if len(list) == 0 {
		return CoopBase{}, notFound("cooperation base", id)
	}
	return list[0], nil
}

// CoopBases lists a page of cooperation bases matching the filter, with the names of company and institution.
func (s *Store) CoopBases(ctx context.Context, f CoopBaseFilter) ([]CoopBase, error) {
	where, args := f.where(s.d)
	q := `SELECT ` + baseColumns + baseFrom + where + coopOrder(baseSortSQL, f.Sort, BaseSortName, "b.id", f.Desc)
	q, args = coopPage(q, args, f.Offset, f.Limit)
	return coopRows(ctx, s.db, q, args, scanCoopBase, "cannot list cooperation bases")
}

// CountCoopBases counts the cooperation bases matching the filter.
func (s *Store) CountCoopBases(ctx context.Context, f CoopBaseFilter) (int, error) {
	where, args := f.where(s.d)
	return coopCount(ctx, s.db, `SELECT count(*)`+baseFrom+where, args, "cannot count cooperation bases")
}

func baseNameTaken(err error, name string) error {
	return conflictOr(err, "base_name", "err.coop.base_taken", "{{.Name}} is already registered", map[string]any{"Name": name})
}

// CreateCoopBase validates and inserts a cooperation base, setting its ID.
func (s *Store) CreateCoopBase(ctx context.Context, b *CoopBase) error {
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if err := checkCoopParties(ctx, tx, b.CompanyID, b.InstitutionID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO coop_base (name, company_id, institution_id, established)
			VALUES (?, ?, ?, ?) RETURNING id`, b.Name, b.CompanyID, b.InstitutionID, FormatDate(b.Established)).Scan(&b.ID)
		if err != nil {
			return baseNameTaken(err, b.Name)
		}
		saved, err := coopBaseByID(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		*b = saved
		return s.audit(ctx, tx, "coop_base", b.ID, "create", nil, b)
	})
}

// UpdateCoopBase validates and saves a changed cooperation base.
func (s *Store) UpdateCoopBase(ctx context.Context, b *CoopBase) error {
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := coopBaseByID(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		if err := checkCoopParties(ctx, tx, b.CompanyID, b.InstitutionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE coop_base SET name = ?, company_id = ?, institution_id = ?,
			established = ? WHERE id = ?`, b.Name, b.CompanyID, b.InstitutionID, FormatDate(b.Established), b.ID); err != nil {
			return baseNameTaken(err, b.Name)
		}
		saved, err := coopBaseByID(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		*b = saved
		return s.audit(ctx, tx, "coop_base", b.ID, "update", before, b)
	})
}

// DeleteCoopBase deletes a cooperation base; nothing points at a base.
func (s *Store) DeleteCoopBase(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		b, err := coopBaseByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.deleteCoopBase(ctx, tx, b)
	})
}

// deleteCoopBasesWhere deletes the bases matching cond (on alias b), each with its audit row.
func (s *Store) deleteCoopBasesWhere(ctx context.Context, tx *sql.Tx, cond string, arg any) error {
	bases, err := coopRows(ctx, tx, `SELECT `+baseColumns+baseFrom+` WHERE `+cond+` ORDER BY b.id`, []any{arg},
		scanCoopBase, "cannot list cooperation bases")
	if err != nil {
		return err
	}
	for _, b := range bases {
		if err := s.deleteCoopBase(ctx, tx, b); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) deleteCoopBase(ctx context.Context, tx *sql.Tx, b CoopBase) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM coop_base WHERE id = ?`, b.ID); err != nil {
		return internal(err, "cannot delete the cooperation base")
	}
	return s.audit(ctx, tx, "coop_base", b.ID, "delete", b, nil)
}
