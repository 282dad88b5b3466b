package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"scitech/data/dialect"
)

// Sort keys of the incubator application list. An empty key lists the newest submissions first.
const (
	IAppSortApplicant  = "applicant"
	IAppSortIncubator  = "incubator"
	IAppSortKind       = "kind"
	IAppSortSubmitted  = "submitted"
	IAppSortStatus     = "status"
	IAppSortStatusDate = "status_date"
)

var iappSortSQL = map[string]string{
	IAppSortApplicant:  "a.applicant" + collatePinyin,
	IAppSortIncubator:  "i.name" + collatePinyin,
	IAppSortKind:       "a.applicant_kind",
	IAppSortSubmitted:  "a.submitted",
	IAppSortStatus:     incubateCodeOrder("a.status", IncubatorWorkflow.Statuses),
	IAppSortStatusDate: "a.status_date",
}

// IncubatorApplicationFilter selects and orders a page of the incubator application list.
type IncubatorApplicationFilter struct {
	Query         string // part of the applicant's, the leader's or the linked company's name
	Status        string // "" for all
	IncubatorID   int64  // 0 for all
	ApplicantKind string // "" for all
	Year          int    // year of submission; 0 for all
	CompanyID     int64  // 0 for all
	Sort          string // one of the IAppSort keys
	Desc          bool
	Offset        int
	Limit         int // 0: no limit
}

var iappTable = workflowTable{table: "incubator_application", history: "incubator_application_history", flow: IncubatorWorkflow}

const iappColumns = `a.id, a.incubator_id, i.name, a.applicant_kind, a.applicant, coalesce(a.company_id, 0),
	coalesce(c.name, ''), a.leader, a.field, a.summary, a.submitted, a.status, a.status_date`

const iappFrom = ` FROM incubator_application a JOIN incubator i ON i.id = a.incubator_id
	LEFT JOIN company c ON c.id = a.company_id`

func scanIncubatorApplication(row interface{ Scan(...any) error }) (IncubatorApplication, error) {
	var a IncubatorApplication
	var submitted, statusDate string
	err := row.Scan(&a.ID, &a.IncubatorID, &a.IncubatorName, &a.ApplicantKind, &a.Applicant, &a.CompanyID,
		&a.CompanyName, &a.Leader, &a.Field, &a.Summary, &submitted, &a.Status, &statusDate)
	a.Submitted = scanDate(&submitted)
	a.StatusDate = scanDate(&statusDate)
	return a, err
}

func (f IncubatorApplicationFilter) where(d dialect.Dialect) (string, []any) {
	var conds []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, containsSQL(d, "a.applicant", "a.leader", "c.name"))
		args = append(args, incubateLike(q), incubateLike(q), incubateLike(q))
	}
	if f.Status != "" {
		conds = append(conds, `a.status = ?`)
		args = append(args, f.Status)
	}
	if f.IncubatorID != 0 {
		conds = append(conds, `a.incubator_id = ?`)
		args = append(args, f.IncubatorID)
	}
	if f.ApplicantKind != "" {
		conds = append(conds, `a.applicant_kind = ?`)
		args = append(args, f.ApplicantKind)
	}
	if f.Year != 0 {
		conds = append(conds, `a.submitted BETWEEN ? AND ?`)
		args = append(args, strconv.Itoa(f.Year)+"-01-01", strconv.Itoa(f.Year)+"-12-31")
	}
	if f.CompanyID != 0 {
		conds = append(conds, `a.company_id = ?`)
		args = append(args, f.CompanyID)
	}
	return incubateWhere(conds), args
}

// IncubatorApplication reads one incubator application.
func (s *Store) IncubatorApplication(ctx context.Context, id int64) (IncubatorApplication, error) {
	return readIncubatorApplication(ctx, s.db, id)
}

func readIncubatorApplication(ctx context.Context, q incubateRowQuerier, id int64) (IncubatorApplication, error) {
	a, err := scanIncubatorApplication(q.QueryRowContext(ctx, `SELECT `+iappColumns+iappFrom+` WHERE a.id = ?`, id))
	if isNoRows(err) {
		return a, notFound("incubator application", id)
	}
	if err != nil {
		return a, internal(err, "cannot read the incubator application")
	}
	return a, nil
}

// IncubatorApplications lists a page of incubator applications matching the filter, with the incubator's and
// the company's names.
func (s *Store) IncubatorApplications(ctx context.Context, f IncubatorApplicationFilter) ([]IncubatorApplication, error) {
	where, args := f.where(s.d)
	order := incubateOrder(iappSortSQL, f.Sort, IAppSortSubmitted, f.Desc, "a.id")
	if f.Sort == "" {
		order = ` ORDER BY a.submitted DESC, a.id DESC`
	}
	q, args := incubatePage(`SELECT `+iappColumns+iappFrom+where+order, args, f.Offset, f.Limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list incubator applications")
	}
	defer rows.Close()
	var out []IncubatorApplication
	for rows.Next() {
		a, err := scanIncubatorApplication(rows)
		if err != nil {
			return nil, internal(err, "cannot list incubator applications")
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list incubator applications")
	}
	return out, nil
}

// CountIncubatorApplications counts the incubator applications matching the filter.
func (s *Store) CountIncubatorApplications(ctx context.Context, f IncubatorApplicationFilter) (int, error) {
	where, args := f.where(s.d)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+iappFrom+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count incubator applications")
	}
	return n, nil
}

// IncubatorApplicationYears lists the years applications were submitted in, newest first.
func (s *Store) IncubatorApplicationYears(ctx context.Context) ([]int, error) {
	return queryColumn[int](ctx, s.db, "cannot list years", `SELECT DISTINCT CAST(substr(submitted, 1, 4) AS INTEGER) AS y
		FROM incubator_application ORDER BY y DESC`)
}

// CreateIncubatorApplication validates and inserts an application in status "submitted" on its submission date,
// writing the first row of its history.
func (s *Store) CreateIncubatorApplication(ctx context.Context, a *IncubatorApplication) error {
	a.Normalize()
	a.Status, a.StatusDate = IncubatorWorkflow.Initial, a.Submitted
	if err := a.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if err := fillIAppNames(ctx, tx, a); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO incubator_application (incubator_id, applicant_kind, applicant,
			company_id, leader, field, summary, submitted, status, status_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			RETURNING id`,
			a.IncubatorID, a.ApplicantKind, a.Applicant, incubateNullID(a.CompanyID), a.Leader, a.Field, a.Summary,
			FormatDate(a.Submitted), a.Status, FormatDate(a.StatusDate)).Scan(&a.ID)
		if err != nil {
			return internal(err, "cannot save the incubator application")
		}
		if err := s.writeWorkflowStep(ctx, tx, iappTable, a.ID, a.Submitted, "", a.Status, ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, "incubator_application", a.ID, "create", nil, a)
	})
}

// fillIAppNames checks that the incubator and the company exist and copies their names into the application.
func fillIAppNames(ctx context.Context, tx *sql.Tx, a *IncubatorApplication) error {
	err := tx.QueryRowContext(ctx, `SELECT name FROM incubator WHERE id = ?`, a.IncubatorID).Scan(&a.IncubatorName)
	if isNoRows(err) {
		return &Error{Code: Invalid, Field: "incubator", Key: "err.incubate.incubator_unknown",
			Message: "the incubator does not exist"}
	}
	if err != nil {
		return internal(err, "cannot read the incubator")
	}
	return fillIncubateCompany(ctx, tx, a.CompanyID, &a.CompanyName)
}

// fillIncubateCompany reads a linked company's name; id 0 means no company.
func fillIncubateCompany(ctx context.Context, tx *sql.Tx, id int64, name *string) error {
	*name = ""
	if id == 0 {
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT name FROM company WHERE id = ?`, id).Scan(name)
	if isNoRows(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	if err != nil {
		return internal(err, "cannot read the company")
	}
	return nil
}

func incubateNullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// UpdateIncubatorApplication validates and saves a changed application. Its status is changed only by
// MoveIncubatorApplication; a new submission date moves the first row of the history with it.
func (s *Store) UpdateIncubatorApplication(ctx context.Context, a *IncubatorApplication) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := readIncubatorApplication(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		a.Status, a.StatusDate = before.Status, before.StatusDate
		if a.Status == IncubatorWorkflow.Initial {
			a.StatusDate = a.Submitted
		} else if err := s.checkSubmittedBeforeSteps(ctx, tx, a); err != nil {
			return err
		}
		if err := fillIAppNames(ctx, tx, a); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE incubator_application SET incubator_id = ?, applicant_kind = ?,
			applicant = ?, company_id = ?, leader = ?, field = ?, summary = ?, submitted = ?, status_date = ? WHERE id = ?`,
			a.IncubatorID, a.ApplicantKind, a.Applicant, incubateNullID(a.CompanyID), a.Leader, a.Field, a.Summary,
			FormatDate(a.Submitted), FormatDate(a.StatusDate), a.ID); err != nil {
			return internal(err, "cannot save the incubator application")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE incubator_application_history SET day = ?
			WHERE application_id = ? AND from_status = ''`, FormatDate(a.Submitted), a.ID); err != nil {
			return internal(err, "cannot save the incubator application")
		}
		return s.audit(ctx, tx, "incubator_application", a.ID, "update", before, a)
	})
}

// checkSubmittedBeforeSteps refuses a submission date after the first step the application has taken since.
func (s *Store) checkSubmittedBeforeSteps(ctx context.Context, tx *sql.Tx, a *IncubatorApplication) error {
	var first sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(day) FROM incubator_application_history
		WHERE application_id = ? AND from_status <> ''`, a.ID).Scan(&first); err != nil {
		return internal(err, "cannot read the history")
	}
	if first.Valid && FormatDate(a.Submitted) > first.String {
		e := invalid("err.incubate.submitted_after", "is after the first step of the history ({{.Day}})",
			map[string]any{"Day": first.String})
		e.Field = "submitted"
		return e
	}
	return nil
}

// MoveIncubatorApplication takes an application one step along IncubatorWorkflow on day, with an optional note.
// A step the workflow does not allow, or a day before the current status began or in the future, is refused.
func (s *Store) MoveIncubatorApplication(ctx context.Context, id int64, to string, day time.Time, note string) error {
	return s.update(ctx, func(tx *sql.Tx) error { return s.moveAlong(ctx, tx, iappTable, id, to, day, note) })
}

// IncubatorApplicationHistory lists the steps an application has taken, oldest first.
func (s *Store) IncubatorApplicationHistory(ctx context.Context, id int64) ([]StatusChange, error) {
	return workflowHistory(ctx, s.db, iappTable, id)
}

// DeleteIncubatorApplication deletes an application and its history.
func (s *Store) DeleteIncubatorApplication(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error { return s.deleteIncubatorApplication(ctx, tx, id) })
}

func (s *Store) deleteIncubatorApplication(ctx context.Context, tx *sql.Tx, id int64) error {
	before, err := readIncubatorApplication(ctx, tx, id)
	if err != nil {
		return err
	}
	hist, err := workflowHistory(ctx, tx, iappTable, id)
	if err != nil {
		return err
	}
	if err := deleteWorkflowHistory(ctx, tx, iappTable, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM incubator_application WHERE id = ?`, id); err != nil {
		return internal(err, "cannot delete the incubator application")
	}
	return s.audit(ctx, tx, "incubator_application", id, "delete", workflowDeletion[IncubatorApplication]{before, hist}, nil)
}
