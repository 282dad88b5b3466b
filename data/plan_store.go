package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"scitech/data/dialect"
)

// Sort keys of the plan project application list. An empty key lists the newest years first.
const (
	PlanSortCompany    = "company"
	PlanSortLevel      = "level"
	PlanSortTitle      = "title"
	PlanSortYear       = "year"
	PlanSortRequested  = "requested"
	PlanSortGranted    = "granted"
	PlanSortStatus     = "status"
	PlanSortStatusDate = "status_date"
)

var planSortSQL = map[string]string{
	PlanSortCompany:    "c.name" + collatePinyin,
	PlanSortLevel:      incubateCodeOrder("p.level", PlanLevels),
	PlanSortTitle:      "p.title" + collatePinyin,
	PlanSortYear:       "p.year",
	PlanSortRequested:  "p.requested",
	PlanSortGranted:    "p.granted",
	PlanSortStatus:     incubateCodeOrder("p.status", PlanWorkflow.Statuses),
	PlanSortStatusDate: "p.status_date",
}

// PlanApplicationFilter selects and orders a page of the plan project application list.
type PlanApplicationFilter struct {
	Query     string // part of the title, the plan's or the company's name
	Status    string // "" for all
	Level     string // "" for all
	Year      int    // 0 for all
	CompanyID int64  // 0 for all
	Sort      string // one of the PlanSort keys
	Desc      bool
	Offset    int
	Limit     int // 0: no limit
}

var planTable = workflowTable{table: "plan_application", history: "plan_application_history", flow: PlanWorkflow}

const planColumns = `p.id, p.company_id, c.name, p.level, p.plan, p.title, p.year, p.requested, p.granted,
	p.status, p.status_date`

const planFrom = ` FROM plan_application p JOIN company c ON c.id = p.company_id`

func scanPlanApplication(row interface{ Scan(...any) error }) (PlanApplication, error) {
	var p PlanApplication
	var statusDate string
	err := row.Scan(&p.ID, &p.CompanyID, &p.CompanyName, &p.Level, &p.Plan, &p.Title, &p.Year, &p.Requested,
		&p.Granted, &p.Status, &statusDate)
	p.StatusDate = scanDate(&statusDate)
	return p, err
}

func (f PlanApplicationFilter) where(d dialect.Dialect) (string, []any) {
	var conds []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, containsSQL(d, "p.title", "p.plan", "c.name"))
		args = append(args, incubateLike(q), incubateLike(q), incubateLike(q))
	}
	for _, c := range []struct {
		cond string
		val  any
		set  bool
	}{
		{`p.status = ?`, f.Status, f.Status != ""},
		{`p.level = ?`, f.Level, f.Level != ""},
		{`p.year = ?`, f.Year, f.Year != 0},
		{`p.company_id = ?`, f.CompanyID, f.CompanyID != 0},
	} {
		if c.set {
			conds = append(conds, c.cond)
			args = append(args, c.val)
		}
	}
	return incubateWhere(conds), args
}

// PlanApplication reads one plan project application.
func (s *Store) PlanApplication(ctx context.Context, id int64) (PlanApplication, error) {
	return readPlanApplication(ctx, s.db, id)
}

func readPlanApplication(ctx context.Context, q incubateRowQuerier, id int64) (PlanApplication, error) {
	p, err := scanPlanApplication(q.QueryRowContext(ctx, `SELECT `+planColumns+planFrom+` WHERE p.id = ?`, id))
	if isNoRows(err) {
		return p, notFound("plan application", id)
	}
	if err != nil {
		return p, internal(err, "cannot read the plan application")
	}
	return p, nil
}

// PlanApplications lists a page of plan project applications matching the filter, with the company's name.
func (s *Store) PlanApplications(ctx context.Context, f PlanApplicationFilter) ([]PlanApplication, error) {
	where, args := f.where(s.d)
	order := incubateOrder(planSortSQL, f.Sort, PlanSortYear, f.Desc, "p.id")
	if f.Sort == "" {
		order = ` ORDER BY p.year DESC, p.id DESC`
	}
	q, args := incubatePage(`SELECT `+planColumns+planFrom+where+order, args, f.Offset, f.Limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list plan applications")
	}
	defer rows.Close()
	var out []PlanApplication
	for rows.Next() {
		p, err := scanPlanApplication(rows)
		if err != nil {
			return nil, internal(err, "cannot list plan applications")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list plan applications")
	}
	return out, nil
}

// CountPlanApplications counts the plan project applications matching the filter.
func (s *Store) CountPlanApplications(ctx context.Context, f PlanApplicationFilter) (int, error) {
	where, args := f.where(s.d)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+planFrom+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count plan applications")
	}
	return n, nil
}

// PlanApplicationYears lists the years of plan project applications, newest first.
func (s *Store) PlanApplicationYears(ctx context.Context) ([]int, error) {
	return queryColumn[int](ctx, s.db, "cannot list years", `SELECT DISTINCT year FROM plan_application ORDER BY year DESC`)
}

// CreatePlanApplication validates and inserts an application as a draft registered on its StatusDate (today when
// not set), writing the first row of its history.
func (s *Store) CreatePlanApplication(ctx context.Context, p *PlanApplication) error {
	p.Normalize()
	p.Status = PlanWorkflow.Initial
	if p.StatusDate.IsZero() {
		p.StatusDate = dateOnly(s.now())
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if err := fillPlanCompany(ctx, tx, p); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO plan_application (company_id, level, plan, title, year, requested,
			granted, status, status_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.CompanyID, p.Level, p.Plan, p.Title, p.Year, p.Requested, p.Granted, p.Status, FormatDate(p.StatusDate)).Scan(&p.ID)
		if err != nil {
			return internal(err, "cannot save the plan application")
		}
		if err := s.writeWorkflowStep(ctx, tx, planTable, p.ID, p.StatusDate, "", p.Status, ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, "plan_application", p.ID, "create", nil, p)
	})
}

func fillPlanCompany(ctx context.Context, tx *sql.Tx, p *PlanApplication) error {
	if p.CompanyID == 0 {
		return &Error{Code: Invalid, Field: "company", Key: "err.required", Message: "is required"}
	}
	return fillIncubateCompany(ctx, tx, p.CompanyID, &p.CompanyName)
}

// UpdatePlanApplication validates and saves a changed application. Its status and status date are changed
// only by MovePlanApplication; granted funds are checked against the status the application has in the store.
func (s *Store) UpdatePlanApplication(ctx context.Context, p *PlanApplication) error {
	p.Normalize()
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := readPlanApplication(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		p.Status, p.StatusDate = before.Status, before.StatusDate
		if err := p.Validate(); err != nil {
			return err
		}
		if err := fillPlanCompany(ctx, tx, p); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plan_application SET company_id = ?, level = ?, plan = ?, title = ?,
			year = ?, requested = ?, granted = ? WHERE id = ?`,
			p.CompanyID, p.Level, p.Plan, p.Title, p.Year, p.Requested, p.Granted, p.ID); err != nil {
			return internal(err, "cannot save the plan application")
		}
		return s.audit(ctx, tx, "plan_application", p.ID, "update", before, p)
	})
}

// MovePlanApplication takes an application one step along PlanWorkflow on day, with an optional note.
// A step the workflow does not allow, or a day before the current status began or in the future, is refused.
func (s *Store) MovePlanApplication(ctx context.Context, id int64, to string, day time.Time, note string) error {
	return s.update(ctx, func(tx *sql.Tx) error { return s.moveAlong(ctx, tx, planTable, id, to, day, note) })
}

// PlanApplicationHistory lists the steps an application has taken, oldest first.
func (s *Store) PlanApplicationHistory(ctx context.Context, id int64) ([]StatusChange, error) {
	return workflowHistory(ctx, s.db, planTable, id)
}

// DeletePlanApplication deletes an application and its history.
func (s *Store) DeletePlanApplication(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error { return s.deletePlanApplication(ctx, tx, id) })
}

func (s *Store) deletePlanApplication(ctx context.Context, tx *sql.Tx, id int64) error {
	before, err := readPlanApplication(ctx, tx, id)
	if err != nil {
		return err
	}
	hist, err := workflowHistory(ctx, tx, planTable, id)
	if err != nil {
		return err
	}
	if err := deleteWorkflowHistory(ctx, tx, planTable, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM plan_application WHERE id = ?`, id); err != nil {
		return internal(err, "cannot delete the plan application")
	}
	return s.audit(ctx, tx, "plan_application", id, "delete", workflowDeletion[PlanApplication]{before, hist}, nil)
}
