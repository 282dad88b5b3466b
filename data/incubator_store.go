package data

import (
	"context"
	"database/sql"
	"strings"

	"scitech/data/dialect"
)

// Sort keys of the incubator list.
const (
	IncubatorSortName  = "name"
	IncubatorSortLevel = "level"
	IncubatorSortArea  = "area"
)

var incubatorSortSQL = map[string]string{
	IncubatorSortName:  "i.name" + collatePinyin,
	IncubatorSortLevel: incubateCodeOrder("i.level", IncubatorLevels),
	IncubatorSortArea:  "i.area_m2",
}

// IncubatorFilter selects and orders a page of the incubator list.
type IncubatorFilter struct {
	Query  string // part of the name or of the address
	Level  string // one of IncubatorLevels; "" for all
	Sort   string // one of the IncubatorSort keys; "" sorts by name
	Desc   bool
	Offset int
	Limit  int // 0: no limit
}

// IncubatorRow is an incubator as its list shows it, with the number of applications to it.
type IncubatorRow struct {
	Incubator
	Applications int
}

const incubatorColumns = `i.id, i.name, i.level, i.address, i.area_m2`

func scanIncubator(row interface{ Scan(...any) error }, extra ...any) (Incubator, error) {
	var i Incubator
	err := row.Scan(append([]any{&i.ID, &i.Name, &i.Level, &i.Address, &i.AreaM2}, extra...)...)
	return i, err
}

func (f IncubatorFilter) where(d dialect.Dialect) (string, []any) {
	var conds []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, containsSQL(d, "i.name", "i.address"))
		args = append(args, incubateLike(q), incubateLike(q))
	}
	if f.Level != "" {
		conds = append(conds, `i.level = ?`)
		args = append(args, f.Level)
	}
	return incubateWhere(conds), args
}

// Incubator reads one incubator.
func (s *Store) Incubator(ctx context.Context, id int64) (Incubator, error) {
	return readIncubator(ctx, s.db, id)
}

type incubateRowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readIncubator(ctx context.Context, q incubateRowQuerier, id int64) (Incubator, error) {
	i, err := scanIncubator(q.QueryRowContext(ctx, `SELECT `+incubatorColumns+` FROM incubator i WHERE i.id = ?`, id))
	if isNoRows(err) {
		return Incubator{}, notFound("incubator", id)
	}
	if err != nil {
		return Incubator{}, internal(err, "cannot read the incubator")
	}
	return i, nil
}

// Incubators lists a page of incubators matching the filter, each with its number of applications.
func (s *Store) Incubators(ctx context.Context, f IncubatorFilter) ([]IncubatorRow, error) {
	where, args := f.where(s.d)
	q := `SELECT ` + incubatorColumns + `, (SELECT count(*) FROM incubator_application a WHERE a.incubator_id = i.id)
		FROM incubator i` + where + incubateOrder(incubatorSortSQL, f.Sort, IncubatorSortName, f.Desc, "i.id")
	q, args = incubatePage(q, args, f.Offset, f.Limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list incubators")
	}
	defer rows.Close()
	var out []IncubatorRow
	for rows.Next() {
		var r IncubatorRow
		if r.Incubator, err = scanIncubator(rows, &r.Applications); err != nil {
			return nil, internal(err, "cannot list incubators")
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list incubators")
	}
	return out, nil
}

// CountIncubators counts the incubators matching the filter.
func (s *Store) CountIncubators(ctx context.Context, f IncubatorFilter) (int, error) {
	where, args := f.where(s.d)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM incubator i`+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count incubators")
	}
	return n, nil
}

// CreateIncubator validates and inserts an incubator, setting its ID.
func (s *Store) CreateIncubator(ctx context.Context, i *Incubator) error {
	i.Normalize()
	if err := i.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO incubator (name, level, address, area_m2)
			VALUES (?, ?, ?, ?) RETURNING id`,
			i.Name, i.Level, i.Address, i.AreaM2).Scan(&i.ID)
		if err != nil {
			return incubatorNameTaken(err, i.Name)
		}
		return s.audit(ctx, tx, "incubator", i.ID, "create", nil, i)
	})
}

func incubatorNameTaken(err error, name string) error {
	return conflictOr(err, "incubator_name", "err.incubate.name_taken", "an incubator named {{.Name}} exists already",
		map[string]any{"Name": name})
}

// UpdateIncubator validates and saves a changed incubator.
func (s *Store) UpdateIncubator(ctx context.Context, i *Incubator) error {
	i.Normalize()
	if err := i.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := readIncubator(ctx, tx, i.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE incubator SET name = ?, level = ?, address = ?, area_m2 = ? WHERE id = ?`,
			i.Name, i.Level, i.Address, i.AreaM2, i.ID); err != nil {
			return incubatorNameTaken(err, i.Name)
		}
		return s.audit(ctx, tx, "incubator", i.ID, "update", before, i)
	})
}

// DeleteIncubator deletes an incubator together with the applications to it and their histories, each
// application with its own audit row.
func (s *Store) DeleteIncubator(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := readIncubator(ctx, tx, id)
		if err != nil {
			return err
		}
		ids, err := queryColumn[int64](ctx, tx, "cannot list linked records",
			`SELECT id FROM incubator_application WHERE incubator_id = ?`, id)
		if err != nil {
			return err
		}
		for _, appID := range ids {
			if err := s.deleteIncubatorApplication(ctx, tx, appID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM incubator WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the incubator")
		}
		return s.audit(ctx, tx, "incubator", id, "delete", before, nil)
	})
}

// IncubatorLinks lists what points at an incubator: the applications to it.
func (s *Store) IncubatorLinks(ctx context.Context, id int64) (Links, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM incubator_application WHERE incubator_id = ?`, id).Scan(&n); err != nil {
		return nil, internal(err, "cannot count the applications")
	}
	var ls Links
	ls.add("link.incubator_applications", n)
	return ls, nil
}

// CompanyIncubateLinks lists the plan project applications and the incubator applications of a company.
func (s *Store) CompanyIncubateLinks(ctx context.Context, companyID int64) (Links, error) {
	var plans, apps int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM plan_application WHERE company_id = ?),
		(SELECT count(*) FROM incubator_application WHERE company_id = ?)`, companyID, companyID).Scan(&plans, &apps)
	if err != nil {
		return nil, internal(err, "cannot count the applications")
	}
	var ls Links
	ls.add("link.plan_applications", plans)
	ls.add("link.incubator_applications", apps)
	return ls, nil
}

// deleteCompanyIncubate is DeleteCompany's part for this area: the company's plan project applications go with
// it (and their histories); its incubator applications stay, under the applicant's name, without the link.
func (s *Store) deleteCompanyIncubate(ctx context.Context, tx *sql.Tx, companyID int64) error {
	plans, err := queryColumn[int64](ctx, tx, "cannot list linked records",
		`SELECT id FROM plan_application WHERE company_id = ?`, companyID)
	if err != nil {
		return err
	}
	for _, id := range plans {
		if err := s.deletePlanApplication(ctx, tx, id); err != nil {
			return err
		}
	}
	apps, err := queryColumn[int64](ctx, tx, "cannot list linked records",
		`SELECT id FROM incubator_application WHERE company_id = ?`, companyID)
	if err != nil {
		return err
	}
	for _, id := range apps {
		before, err := readIncubatorApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE incubator_application SET company_id = NULL WHERE id = ?`, id); err != nil {
			return internal(err, "cannot unlink the application")
		}
		after := before
		after.CompanyID, after.CompanyName = 0, ""
		if err := s.audit(ctx, tx, "incubator_application", id, "update", before, after); err != nil {
			return err
		}
	}
	return nil
}

// incubateLike makes a LIKE pattern matching text anywhere, escaping LIKE's own wildcards.
func incubateLike(text string) string {
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	return "%" + esc.Replace(strings.TrimSpace(text)) + "%"
}

func incubateWhere(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return ` WHERE ` + strings.Join(conds, ` AND `)
}

// incubateOrder builds an ORDER BY clause from a sort key, falling back to def for an unknown key; tie breaks by id in
// the same direction so pages do not overlap.
func incubateOrder(columns map[string]string, key, def string, desc bool, id string) string {
	col, ok := columns[key]
	if !ok {
		col = columns[def]
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return ` ORDER BY ` + col + dir + `, ` + id + dir
}

// incubatePage appends LIMIT/OFFSET when a page size is given.
func incubatePage(q string, args []any, offset, n int) (string, []any) {
	if n <= 0 {
		return q, args
	}
	return q + ` LIMIT ? OFFSET ?`, append(args, n, offset)
}

// incubateCodeOrder sorts a code column in the order of codes (a level or a status) rather than alphabetically.
func incubateCodeOrder(column string, codes []string) string {
	var b strings.Builder
	b.WriteString("CASE " + column)
	for i, c := range codes {
		b.WriteString(" WHEN '" + c + "' THEN " + string(rune('0'+i/10)) + string(rune('0'+i%10)))
	}
	b.WriteString(" END")
	return b.String()
}
