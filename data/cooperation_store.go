package data

import (
	"context"
	"database/sql"
	"strconv"

	"scitech/data/dialect"
)

// Sort keys of the cooperation list.
const (
	CoopSortCompany     = "company"
	CoopSortInstitution = "institution"
	CoopSortProgramme   = "programme"
	CoopSortStarted     = "started"
	CoopSortEnded       = "ended"
)

var coopSortSQL = map[string]string{
	CoopSortCompany:     "c.name" + collatePinyin,
	CoopSortInstitution: "i.name" + collatePinyin,
	CoopSortProgramme:   "co.programme" + collatePinyin,
	CoopSortStarted:     "co.started",
	CoopSortEnded:       "co.ended",
}

// CooperationFilter selects and orders a page of the cooperation list.
type CooperationFilter struct {
	Query         string // part of the company's or the institution's name, or of the programme
	Year          int    // cooperations active at any time in the year (Cooperation.ActiveIn); 0 for all
	InstitutionID int64  // 0 for all
	CompanyID     int64  // 0 for all
	Sort          string // one of the CoopSort… keys; "" sorts by start, newest first when Desc
	Desc          bool
	Offset        int
	Limit         int // 0: no limit
}

const cooperationColumns = `co.id, co.company_id, c.name, co.institution_id, i.name, co.programme, co.started, co.ended,
	(SELECT count(*) FROM coop_outcome o WHERE o.cooperation_id = co.id)`

const cooperationFrom = ` FROM cooperation co JOIN company c ON c.id = co.company_id
	JOIN institution i ON i.id = co.institution_id`

func scanCooperation(row interface{ Scan(...any) error }) (Cooperation, error) {
	var c Cooperation
	var started, ended *string
	err := row.Scan(&c.ID, &c.CompanyID, &c.CompanyName, &c.InstitutionID, &c.InstitutionName, &c.Programme,
		&started, &ended, &c.Outcomes)
	c.Started, c.Ended = scanDate(started), scanDate(ended)
	return c, err
}

func (f CooperationFilter) where(d dialect.Dialect) (string, []any) {
	where, args := ` WHERE 1 = 1`, []any{}
	if f.Query != "" {
		p := coopLike(f.Query)
		where += ` AND ` + containsSQL(d, "c.name", "i.name", "co.programme")
		args = append(args, p, p, p)
	}
	if f.Year != 0 {
		where += ` AND co.started <= ? AND (co.ended IS NULL OR co.ended >= ?)`
		args = append(args, strconv.Itoa(f.Year)+"-12-31", strconv.Itoa(f.Year)+"-01-01")
	}
	if f.InstitutionID != 0 {
		where += ` AND co.institution_id = ?`
		args = append(args, f.InstitutionID)
	}
	if f.CompanyID != 0 {
		where += ` AND co.company_id = ?`
		args = append(args, f.CompanyID)
	}
	return where, args
}

// Cooperation reads one cooperation with its parties' names.
func (s *Store) Cooperation(ctx context.Context, id int64) (Cooperation, error) {
	return cooperationByID(ctx, s.db, id)
}

func cooperationByID(ctx context.Context, q querier, id int64) (Cooperation, error) {
	list, err := coopRows(ctx, q, `SELECT `+cooperationColumns+cooperationFrom+` WHERE co.id = ?`, []any{id},
		scanCooperation, "cannot read the cooperation")
	if err != nil {
		return Cooperation{}, err
	}
	if len(list) == 0 {
		return Cooperation{}, notFound("cooperation", id)
	}
	return list[0], nil
}

// Cooperations lists a page of cooperations matching the filter, with the names of company and institution.
func (s *Store) Cooperations(ctx context.Context, f CooperationFilter) ([]Cooperation, error) {
	where, args := f.where(s.d)
	q := `SELECT ` + cooperationColumns + cooperationFrom + where +
		coopOrder(coopSortSQL, f.Sort, CoopSortStarted, "co.id", f.Desc)
	q, args = coopPage(q, args, f.Offset, f.Limit)
	return coopRows(ctx, s.db, q, args, scanCooperation, "cannot list cooperations")
}

// CountCooperations counts the cooperations matching the filter.
func (s *Store) CountCooperations(ctx context.Context, f CooperationFilter) (int, error) {
	where, args := f.where(s.d)
	return coopCount(ctx, s.db, `SELECT count(*)`+cooperationFrom+where, args, "cannot count cooperations")
}

// CooperationYears lists the years in which some cooperation was active, newest first, for a year filter:
// from the earliest start to the latest end, or to this year while a cooperation goes on, never past this year.
func (s *Store) CooperationYears(ctx context.Context) ([]int, error) {
	var lo, hi, open sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT min(CAST(substr(started, 1, 4) AS INTEGER)),
		max(CAST(substr(coalesce(ended, started), 1, 4) AS INTEGER)), max(CASE WHEN ended IS NULL THEN 1 ELSE 0 END)
		FROM cooperation`).
		Scan(&lo, &hi, &open)
	if err != nil {
		return nil, internal(err, "cannot list years")
	}
	if !lo.Valid {
		return nil, nil
	}
	now, top := s.now().Year(), int(hi.Int64)
	if top > now || open.Int64 == 1 {
		top = now
	}
	if top < int(lo.Int64) {
		top = int(lo.Int64)
	}
	var years []int
	for y := top; y >= int(lo.Int64); y-- {
		years = append(years, y)
	}
	return years, nil
}

// CoopParty is a company or institution named in a filter's choices.
type CoopParty struct {
	ID   int64
	Name string
}

// CoopCompanies lists the companies that have a cooperation or a base, by name, for a company filter.
func (s *Store) CoopCompanies(ctx context.Context) ([]CoopParty, error) {
	return coopRows(ctx, s.db, `SELECT id, name FROM company WHERE id IN
		(SELECT company_id FROM cooperation UNION SELECT company_id FROM coop_base) ORDER BY name COLLATE pinyin, id`, nil,
		func(r interface{ Scan(...any) error }) (CoopParty, error) {
			var p CoopParty
			err := r.Scan(&p.ID, &p.Name)
			return p, err
		}, "cannot list companies")
}

// checkCoopParties tells which of the company and the institution does not exist, naming the field.
func checkCoopParties(ctx context.Context, tx *sql.Tx, companyID, institutionID int64) error {
	var errs Errors
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM company WHERE id = ?`, companyID).Scan(&n); err != nil {
		return internal(err, "cannot read the company")
	}
	if n == 0 {
		errs.add("company", invalid("err.company.unknown", "the company does not exist", nil))
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM institution WHERE id = ?`, institutionID).Scan(&n); err != nil {
		return internal(err, "cannot read the institution")
	}
	if n == 0 {
		errs.add("institution", invalid("err.coop.inst_unknown", "the institution does not exist", nil))
	}
	return errs.Err()
}

func cooperationTaken(err error, c *Cooperation) error {
	return conflictOr(err, "started", "err.coop.duplicate",
		"the company already has a cooperation with this institution starting {{.Started}}",
		map[string]any{"Started": FormatDate(c.Started)})
}

// CreateCooperation validates and inserts a cooperation, setting its ID. The same company, institution and
// start date twice is a Conflict naming "started".
func (s *Store) CreateCooperation(ctx context.Context, c *Cooperation) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if err := checkCoopParties(ctx, tx, c.CompanyID, c.InstitutionID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO cooperation (company_id, institution_id, programme, started, ended)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, c.CompanyID, c.InstitutionID, c.Programme, FormatDate(c.Started),
			nullDate(c.Ended)).Scan(&c.ID)
		if err != nil {
			return cooperationTaken(err, c)
		}
		saved, err := cooperationByID(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		*c = saved
		return s.audit(ctx, tx, "cooperation", c.ID, "create", nil, c)
	})
}

// UpdateCooperation validates and saves a changed cooperation.
func (s *Store) UpdateCooperation(ctx context.Context, c *Cooperation) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := cooperationByID(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if err := checkCoopParties(ctx, tx, c.CompanyID, c.InstitutionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cooperation SET company_id = ?, institution_id = ?, programme = ?,
			started = ?, ended = ? WHERE id = ?`, c.CompanyID, c.InstitutionID, c.Programme, FormatDate(c.Started),
			nullDate(c.Ended), c.ID); err != nil {
			return cooperationTaken(err, c)
		}
		saved, err := cooperationByID(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		*c = saved
		return s.audit(ctx, tx, "cooperation", c.ID, "update", before, c)
	})
}

// DeleteCooperation deletes a cooperation with its outcomes, each with its audit row.
func (s *Store) DeleteCooperation(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		c, err := cooperationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.deleteCooperation(ctx, tx, c)
	})
}

// CooperationLinks counts what goes with a cooperation when it is deleted: its outcomes.
func (s *Store) CooperationLinks(ctx context.Context, id int64) (Links, error) {
	n, err := coopCount(ctx, s.db, `SELECT count(*) FROM coop_outcome WHERE cooperation_id = ?`, []any{id},
		"cannot count linked records")
	if err != nil {
		return nil, err
	}
	var ls Links
	ls.add("link.outcomes", n)
	return ls, nil
}

// deleteCooperationsWhere deletes the cooperations matching cond (on alias co) with their outcomes.
func (s *Store) deleteCooperationsWhere(ctx context.Context, tx *sql.Tx, cond string, arg any) error {
	coops, err := coopRows(ctx, tx, `SELECT `+cooperationColumns+cooperationFrom+` WHERE `+cond+` ORDER BY co.id`,
		[]any{arg}, scanCooperation, "cannot list cooperations")
	if err != nil {
		return err
	}
	for _, c := range coops {
		if err := s.deleteCooperation(ctx, tx, c); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) deleteCooperation(ctx context.Context, tx *sql.Tx, c Cooperation) error {
	outcomes, err := coopRows(ctx, tx, `SELECT `+outcomeColumns+outcomeFrom+` WHERE o.cooperation_id = ? ORDER BY o.id`,
		[]any{c.ID}, scanOutcome, "cannot list outcomes")
	if err != nil {
		return err
	}
	for _, o := range outcomes {
		if err := s.deleteOutcome(ctx, tx, o); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM cooperation WHERE id = ?`, c.ID); err != nil {
		return internal(err, "cannot delete the cooperation")
	}
	return s.audit(ctx, tx, "cooperation", c.ID, "delete", c, nil)
}
