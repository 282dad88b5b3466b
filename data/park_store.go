package data

import (
	"context"
	"database/sql"
	"strings"

	"scitech/data/dialect"
)

// ParkProjectFilter selects and orders a page of the park project list. Zero fields select everything.
type ParkProjectFilter struct {
	Query  string // part of the title or of the lead
	ParkID int64
	Status string
	Sort   string // one of the ProjectSort… keys
	Desc   bool
	Offset int
	Limit  int // 0: no limit
}

// Sort keys of the park project list.
const (
	ProjectSortTitle      = "title"
	ProjectSortPark       = "park"
	ProjectSortLead       = "lead"
	ProjectSortStatus     = "status"
	ProjectSortArea       = "area"
	ProjectSortInvestment = "investment"
)

var projectSortSQL = map[string]string{
	ProjectSortTitle:      "j.title" + collatePinyin,
	ProjectSortPark:       "j.park_id",
	ProjectSortLead:       "j.lead" + collatePinyin,
	ProjectSortStatus:     "j.status",
	ProjectSortArea:       "j.area_cmu",
	ProjectSortInvestment: "j.investment",
}

const projectColumns = `j.id, j.park_id, p.name, j.title, j.lead, j.description, j.status, j.area_cmu, j.investment`

const projectFrom = ` FROM park_project j JOIN park p ON p.id = j.park_id`

func scanParkProject(row interface{ Scan(...any) error }) (ParkProject, error) {
	var p ParkProject
	err := row.Scan(&p.ID, &p.ParkID, &p.ParkName, &p.Title, &p.Lead, &p.Description, &p.Status, &p.Area, &p.Investment)
	return p, err
}

func (f ParkProjectFilter) where(d dialect.Dialect) (string, []any) {
	var conds []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		conds = append(conds, containsSQL(d, "j.title", "j.lead"))
		args = append(args, like, like)
	}
	if f.ParkID > 0 {
		conds = append(conds, `j.park_id = ?`)
		args = append(args, f.ParkID)
	}
	if f.Status != "" {
		conds = append(conds, `j.status = ?`)
		args = append(args, f.Status)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ParkProjects lists a page of park projects matching the filter, with their park's name.
func (s *Store) ParkProjects(ctx context.Context, f ParkProjectFilter) ([]ParkProject, error) {
	where, args := f.where(s.d)
	order, ok := projectSortSQL[f.Sort]
	if !ok {
		order = projectSortSQL[ProjectSortPark]
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	q := `SELECT ` + projectColumns + projectFrom + where + ` ORDER BY ` + order + dir + `, j.id` + dir
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list park projects")
	}
	defer rows.Close()
	var out []ParkProject
	for rows.Next() {
		p, err := scanParkProject(rows)
		if err != nil {
			return nil, internal(err, "cannot list park projects")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list park projects")
	}
	return out, nil
}

// CountParkProjects counts the park projects matching the filter.
func (s *Store) CountParkProjects(ctx context.Context, f ParkProjectFilter) (int, error) {
	where, args := f.where(s.d)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM park_project j`+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count park projects")
	}
	return n, nil
}

// ParkProject reads one park project.
func (s *Store) ParkProject(ctx context.Context, id int64) (ParkProject, error) {
	return parkProjectByID(ctx, s.db, id)
}

func parkProjectByID(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id int64) (ParkProject, error) {
	p, err := scanParkProject(q.QueryRowContext(ctx, `SELECT `+projectColumns+projectFrom+` WHERE j.id = ?`, id))
	if isNoRows(err) {
		return ParkProject{}, notFound("park project", id)
	}
	if err != nil {
		return ParkProject{}, internal(err, "cannot read the park project")
	}
	return p, nil
}

// CreateParkProject validates and inserts a park project, setting its ID.
func (s *Store) CreateParkProject(ctx context.Context, p *ParkProject) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO park_project (park_id, title, lead, description, status, area_cmu,
			investment) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.ParkID, p.Title, p.Lead, p.Description, p.Status,
			p.Area, p.Investment).Scan(&p.ID)
		if err != nil {
			return parkProjectConflict(err, p.Title)
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM park WHERE id = ?`, p.ParkID).Scan(&p.ParkName); err != nil {
			return internal(err, "cannot read the park")
		}
		return s.audit(ctx, tx, "park_project", p.ID, "create", nil, p)
	})
}

func parkProjectConflict(err error, title string) error {
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "park", Key: "err.park.unknown", Message: "the park does not exist"}
	}
	return conflictOr(err, "title", "err.patent.project.title_taken", "the park already has a project named {{.Title}}",
		map[string]any{"Title": title})
}

// UpdateParkProject validates and saves a changed park project.
func (s *Store) UpdateParkProject(ctx context.Context, p *ParkProject) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := parkProjectByID(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE park_project SET park_id = ?, title = ?, lead = ?, description = ?,
			status = ?, area_cmu = ?, investment = ? WHERE id = ?`,
			p.ParkID, p.Title, p.Lead, p.Description, p.Status, p.Area, p.Investment, p.ID)
		if err != nil {
			return parkProjectConflict(err, p.Title)
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM park WHERE id = ?`, p.ParkID).Scan(&p.ParkName); err != nil {
			return internal(err, "cannot read the park")
		}
		return s.audit(ctx, tx, "park_project", p.ID, "update", before, p)
	})
}

// DeleteParkProject deletes a park project; nothing points at one.
func (s *Store) DeleteParkProject(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := parkProjectByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM park_project WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the park project")
		}
		return s.audit(ctx, tx, "park_project", id, "delete", before, nil)
	})
}

// Park is one of the district's industrial parks.
type Park struct {
	ID    int64
	Name  string
	Kind  string // garden, gallery or other
	Focus string
}

// Parks lists the parks in the order they were created.
func (s *Store) Parks(ctx context.Context) ([]Park, error) { return s.parksIn(ctx, s.db) }

func (s *Store) parksIn(ctx context.Context, q querier) ([]Park, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, kind, focus FROM park ORDER BY id`)
	if err != nil {
		return nil, internal(err, "cannot list parks")
	}
	defer rows.Close()
	var out []Park
	for rows.Next() {
		var p Park
		if err := rows.Scan(&p.ID, &p.Name, &p.Kind, &p.Focus); err != nil {
			return nil, internal(err, "cannot list parks")
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ParkSummary is a park with the totals of its projects.
type ParkSummary struct {
	Park
	Projects   int
	Area       Mu
	Investment Yuan
}

// ParkSummaries lists the parks in the order they were created, each with its number of projects and their
// total area and investment.
func (s *Store) ParkSummaries(ctx context.Context) ([]ParkSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.name, p.kind, p.focus, count(j.id),
		coalesce(sum(j.area_cmu), 0), coalesce(sum(j.investment), 0)
		FROM park p LEFT JOIN park_project j ON j.park_id = p.id GROUP BY p.id ORDER BY p.id`)
	if err != nil {
		return nil, internal(err, "cannot list parks")
	}
	defer rows.Close()
	var out []ParkSummary
	for rows.Next() {
		var p ParkSummary
		if err := rows.Scan(&p.ID, &p.Name, &p.Kind, &p.Focus, &p.Projects, &p.Area, &p.Investment); err != nil {
			return nil, internal(err, "cannot list parks")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list parks")
	}
	return out, nil
}
