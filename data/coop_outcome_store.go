package data

import (
	"context"
	"database/sql"

	"scitech/data/dialect"
)

// Sort keys of the outcome list.
const (
	OutcomeSortYear        = "year"
	OutcomeSortKind        = "kind"
	OutcomeSortTitle       = "title"
	OutcomeSortCompany     = "company"
	OutcomeSortInstitution = "institution"
)

var outcomeSortSQL = map[string]string{
	OutcomeSortYear:        "o.year",
	OutcomeSortKind:        "o.kind",
	OutcomeSortTitle:       "o.title" + collatePinyin,
	OutcomeSortCompany:     "c.name" + collatePinyin,
	OutcomeSortInstitution: "i.name" + collatePinyin,
}

// CoopOutcomeFilter selects and orders a page of cooperation outcomes.
type CoopOutcomeFilter struct {
	Query         string // part of the title
	CooperationID int64  // 0 for all
	Kind          string // one of OutcomeKinds; "" for all
	Year          int    // outcomes of exactly this year; 0 for all
	UpToYear      int    // outcomes of this year or before (how the figures count them); 0 for all
	InstitutionID int64  // 0 for all
	CompanyID     int64  // 0 for all
	Sort          string // one of the OutcomeSort… keys; "" sorts by year
	Desc          bool
	Offset        int
	Limit         int // 0: no limit
}

const outcomeColumns = `o.id, o.cooperation_id, o.kind, o.title, o.year, co.company_id, c.name, co.institution_id, i.name`

const outcomeFrom = ` FROM coop_outcome o JOIN cooperation co ON co.id = o.cooperation_id
	JOIN company c ON c.id = co.company_id JOIN institution i ON i.id = co.institution_id`

func scanOutcome(row interface{ Scan(...any) error }) (CoopOutcome, error) {
	var o CoopOutcome
	err := row.Scan(&o.ID, &o.CooperationID, &o.Kind, &o.Title, &o.Year, &o.CompanyID, &o.CompanyName,
		&o.InstitutionID, &o.InstitutionName)
	return o, err
}

func (f CoopOutcomeFilter) where(d dialect.Dialect) (string, []any) {
	where, args := ` WHERE 1 = 1`, []any{}
	add := func(cond string, arg any) {
		where += ` AND ` + cond
		args = append(args, arg)
	}
	if f.Query != "" {
		add(containsSQL(d, "o.title"), coopLike(f.Query))
	}
	if f.CooperationID != 0 {
		add(`o.cooperation_id = ?`, f.CooperationID)
	}
	if f.Kind != "" {
		add(`o.kind = ?`, f.Kind)
	}
	if f.Year != 0 {
		add(`o.year = ?`, f.Year)
	}
	if f.UpToYear != 0 {
		add(`o.year <= ?`, f.UpToYear)
	}
	if f.InstitutionID != 0 {
		add(`co.institution_id = ?`, f.InstitutionID)
	}
	if f.CompanyID != 0 {
		add(`co.company_id = ?`, f.CompanyID)
	}
	return where, args
}

// CoopOutcome reads one cooperation outcome.
func (s *Store) CoopOutcome(ctx context.Context, id int64) (CoopOutcome, error) {
	return outcomeByID(ctx, s.db, id)
}

func outcomeByID(ctx context.Context, q querier, id int64) (CoopOutcome, error) {
	list, err := coopRows(ctx, q, `SELECT `+outcomeColumns+outcomeFrom+` WHERE o.id = ?`, []any{id},
		scanOutcome, "cannot read the outcome")
	if err != nil {
		return CoopOutcome{}, err
	}
	if len(list) == 0 {
		return CoopOutcome{}, notFound("outcome", id)
	}
	return list[0], nil
}

// CoopOutcomes lists a page of outcomes matching the filter, with the cooperation's parties.
func (s *Store) CoopOutcomes(ctx context.Context, f CoopOutcomeFilter) ([]CoopOutcome, error) {
	where, args := f.where(s.d)
	q := `SELECT ` + outcomeColumns + outcomeFrom + where + coopOrder(outcomeSortSQL, f.Sort, OutcomeSortYear, "o.id", f.Desc)
	q, args = coopPage(q, args, f.Offset, f.Limit)
	return coopRows(ctx, s.db, q, args, scanOutcome, "cannot list outcomes")
}

// CountCoopOutcomes counts the outcomes matching the filter.
func (s *Store) CountCoopOutcomes(ctx context.Context, f CoopOutcomeFilter) (int, error) {
	where, args := f.where(s.d)
	return coopCount(ctx, s.db, `SELECT count(*)`+outcomeFrom+where, args, "cannot count outcomes")
}

// CreateCoopOutcome validates and inserts an outcome, setting its ID.
func (s *Store) CreateCoopOutcome(ctx context.Context, o *CoopOutcome) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if _, err := cooperationByID(ctx, tx, o.CooperationID); ErrorCode(err) == NotFound {
			return &Error{Code: Invalid, Field: "cooperation", Key: "err.coop.unknown", Message: "the cooperation does not exist"}
		} else if err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO coop_outcome (cooperation_id, kind, title, year)
			VALUES (?, ?, ?, ?) RETURNING id`,
			o.CooperationID, o.Kind, o.Title, o.Year).Scan(&o.ID)
		if err != nil {
			return internal(err, "cannot save the outcome")
		}
		saved, err := outcomeByID(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		*o = saved
		return s.audit(ctx, tx, "coop_outcome", o.ID, "create", nil, o)
	})
}

// UpdateCoopOutcome validates and saves a changed outcome; it stays with its cooperation.
func (s *Store) UpdateCoopOutcome(ctx context.Context, o *CoopOutcome) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := outcomeByID(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE coop_outcome SET kind = ?, title = ?, year = ? WHERE id = ?`,
			o.Kind, o.Title, o.Year, o.ID); err != nil {
			return internal(err, "cannot save the outcome")
		}
		saved, err := outcomeByID(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		*o = saved
		return s.audit(ctx, tx, "coop_outcome", o.ID, "update", before, o)
	})
}

// DeleteCoopOutcome deletes an outcome.
func (s *Store) DeleteCoopOutcome(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		o, err := outcomeByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.deleteOutcome(ctx, tx, o)
	})
}

func (s *Store) deleteOutcome(ctx context.Context, tx *sql.Tx, o CoopOutcome) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM coop_outcome WHERE id = ?`, o.ID); err != nil {
		return internal(err, "cannot delete the outcome")
	}
	return s.audit(ctx, tx, "coop_outcome", o.ID, "delete", o, nil)
}
