package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"scitech/data/dialect"
)

// PatentValidity selects patents by whether they are valid on PatentFilter.ValidOn.
type PatentValidity string

// Choices of the validity filter.
const (
	AnyValidity PatentValidity = ""
	OnlyValid   PatentValidity = "valid"
	OnlyInvalid PatentValidity = "invalid"
)

// PatentFilter selects and orders a page of the patent list. Zero fields select everything.
type PatentFilter struct {
	Query       string // part of the title or of the application number (in any form it is typed)
	CompanyID   int64
	CompanyName string // part of the company's name
	Kind        string
	LegalStatus string
	FiledYear   int
	GrantedYear int
	Validity    PatentValidity
	ValidOn     time.Time // the day validity is judged on; zero: today
	Sort        string    // one of the PatentSort… keys
	Desc        bool
	Offset      int
	Limit       int // 0: no limit
}

// Sort keys of the patent list.
const (
	PatentSortAppNo   = "app_no"
	PatentSortTitle   = "title"
	PatentSortCompany = "company"
	PatentSortKind    = "kind"
	PatentSortFiled   = "filed"
	PatentSortGranted = "granted"
	PatentSortStatus  = "legal_status"
)

var patentSortSQL = map[string]string{
	PatentSortAppNo:   "t.app_no",
	PatentSortTitle:   "t.title" + collatePinyin,
	PatentSortCompany: "c.name" + collatePinyin,
	PatentSortKind:    "t.kind",
	PatentSortFiled:   "t.filed",
	PatentSortGranted: "t.granted",
	PatentSortStatus:  "t.legal_status",
}

// patentValidSQL is the SQL form of Patent.ValidOn in dialect d: a condition, true exactly when the patent row
// of the given table alias is valid on day day, with its arguments. It is the one place the rule is written for
// SQL; the list filter and the statistics both use it (through the store: s.patentValidSQL). The text depends
// only on alias (the day is in the arguments), so one statement can be prepared for many days. It is never
// NULL, so NOT (…) selects the patents not valid. NotIndexed (SQLite's unary +) keeps the planner off the
// indexes on filed and granted: valid patents are a large share of all, and with a million rows a plain scan
// counts them in 0.3 s where an index and a lookup per row take 2 s. The server plans by its own statistics.
func patentValidSQL(d dialect.Dialect, alias string, day time.Time) (string, []any) {
	on := FormatDate(dateOnly(day))
	oldest := FormatDate(dateOnly(day).AddDate(-21, 0, 0)) // no term is longer than 20 years
	ending := "'" + strings.Join(patentEndingStatuses, "', '") + "'"
	col := func(name string) string { return alias + "." + name }
	cond := `(` + d.NotIndexed(col("filed")) + ` > ? AND ` + col("granted") + ` IS NOT NULL AND ` +
		d.NotIndexed(col("granted")) + ` <= ?
		AND NOT (` + col("legal_status") + ` IN (` + ending + `) AND ` + col("status_date") + ` <= ?)
		AND ? <= ` + d.PatentTermEnds(alias) + `)`
	return cond, []any{oldest, on, on, on}
}

// patentValidCountSQL is a query counting the patents valid on day day (Patent.ValidOn) without reading the
// patent table: a patent is valid on a day when granted <= day and its last valid day (the dialect's
// PatentValidUntil, the expression of index patent_valid_until) is >= day, and a patent whose last valid day is
// before the day was granted by then (the last valid day is never before the day before the grant), so the
// count is #(granted <= day) - #(last valid day < day), two range counts of indexes.
func patentValidCountSQL(d dialect.Dialect, day time.Time) (string, []any) {
	on := FormatDate(dateOnly(day))
	return `SELECT (SELECT count(*) FROM patent WHERE granted <= ?) -
		(SELECT count(*) FROM patent WHERE granted IS NOT NULL AND ` + d.PatentValidUntil("", patentEndingStatuses) + ` < ?)`, []any{on, on}
}

// The store's forms of the patent rules, in its database's SQL.
func (s *Store) patentValidSQL(alias string, day time.Time) (string, []any) {
	return patentValidSQL(s.d, alias, day)
}

const patentColumns = `t.id, t.company_id, c.name, t.app_no, t.kind, t.title, t.filed, t.granted, t.legal_status, t.status_date`

// patentReadColumns are patentColumns and used_in (migration 0012), as scanPatentUsed reads them.
const patentReadColumns = patentColumns + `, t.used_in`

const patentFrom = ` FROM patent t JOIN company c ON c.id = t.company_id`

func scanPatent(row interface{ Scan(...any) error }) (Patent, error) {
	var p Patent
	var filed, granted, statusDate *string
	err := row.Scan(&p.ID, &p.CompanyID, &p.CompanyName, &p.AppNo, &p.Kind, &p.Title, &filed, &granted,
		&p.LegalStatus, &statusDate)
	p.Filed, p.Granted, p.StatusDate = scanDate(filed), scanDate(granted), scanDate(statusDate)
	return p, err
}

// scanPatentUsed reads patentReadColumns: patentColumns, then used_in.
func scanPatentUsed(row interface{ Scan(...any) error }) (Patent, error) {
	var p Patent
	var filed, granted, statusDate *string
	err := row.Scan(&p.ID, &p.CompanyID, &p.CompanyName, &p.AppNo, &p.Kind, &p.Title, &filed, &granted,
		&p.LegalStatus, &statusDate, &p.UsedIn)
	p.Filed, p.Granted, p.StatusDate = scanDate(filed), scanDate(granted), scanDate(statusDate)
	return p, err
}

func (f PatentFilter) where(d dialect.Dialect) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add(containsSQL(d, "t.title", "t.app_no"),
			"%"+patentLikeEscaper.Replace(q)+"%", "%"+patentLikeEscaper.Replace(patentNoQuery(q))+"%")
	}
	if f.CompanyID > 0 {
		add(`t.company_id = ?`, f.CompanyID)
	}
	if q := strings.TrimSpace(f.CompanyName); q != "" {
		add(containsSQL(d, "c.name"), "%"+patentLikeEscaper.Replace(q)+"%")
	}
	if f.Kind != "" {
		add(`t.kind = ?`, f.Kind)
	}
	if f.LegalStatus != "" {
		add(`t.legal_status = ?`, f.LegalStatus)
	}
	if f.FiledYear > 0 {
		add(`t.filed >= ? AND t.filed < ?`, yearStart(f.FiledYear), yearStart(f.FiledYear+1))
	}
	if f.GrantedYear > 0 {
		add(`t.granted >= ? AND t.granted < ?`, yearStart(f.GrantedYear), yearStart(f.GrantedYear+1))
	}
	if f.Validity != AnyValidity {
		day := f.ValidOn
		if day.IsZero() {
			day = Today()
		}
		cond, a := patentValidSQL(d, "t", day)
		if f.Validity == OnlyInvalid {
			cond = "NOT " + cond
		}
		add(cond, a...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// patentLikeEscaper makes the text a user types match literally in a LIKE pattern.
var patentLikeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// patentNoQuery is a part of an application number as it is stored: "ZL 2017 106" finds "201710601862.3".
func patentNoQuery(q string) string {
	n := NormalizePatentAppNo(q)
	if n == "" {
		return q
	}
	return n
}

func yearStart(y int) string { return strconv.Itoa(y) + "-01-01" }

// Patents lists a page of patents matching the filter, with their company's name.
func (s *Store) Patents(ctx context.Context, f PatentFilter) ([]Patent, error) {
	where, args := f.where(s.d)
	order, ok := patentSortSQL[f.Sort]
	if !ok {
		order = patentSortSQL[PatentSortFiled]
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	q := `SELECT ` + patentReadColumns + patentFrom + where +
		` ORDER BY ` + order + orderDir(order, f.Desc) + `, t.id` + dir
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	return patentRows(ctx, s.db, q, args...)
}

func patentRows(ctx context.Context, q querier, query string, args ...any) ([]Patent, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err, "cannot list patents")
	}
	defer rows.Close()
	var out []Patent
	for rows.Next() {
		p, err := scanPatentUsed(rows)
		if err != nil {
			return nil, internal(err, "cannot list patents")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list patents")
	}
	return out, nil
}

// CountPatents counts the patents matching the filter.
func (s *Store) CountPatents(ctx context.Context, f PatentFilter) (int, error) {
	where, args := f.where(s.d)
	from := ` FROM patent t`
	if strings.TrimSpace(f.CompanyName) != "" {
		from = patentFrom // only the company name filter needs the join
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+from+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count patents")
	}
	return n, nil
}

// Patent reads one patent.
func (s *Store) Patent(ctx context.Context, id int64) (Patent, error) {
	return patentByID(ctx, s.db, id)
}

func patentByID(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, id int64) (Patent, error) {
	p, err := scanPatentUsed(q.QueryRowContext(ctx, `SELECT `+patentReadColumns+patentFrom+` WHERE t.id = ?`, id))
	if isNoRows(err) {
		return Patent{}, notFound("patent", id)
	}
	if err != nil {
		return Patent{}, internal(err, "cannot read the patent")
	}
	return p, nil
}

// CreatePatent validates and inserts a patent, setting its ID.
func (s *Store) CreatePatent(ctx context.Context, p *Patent) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO patent (company_id, app_no, kind, title, filed, granted,
			legal_status, status_date, used_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			append(patentValues(p), p.UsedIn)...).Scan(&p.ID)
		if err != nil {
			return patentConflict(err, p.AppNo)
		}
		if err := fillPatentCompany(ctx, tx, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, "patent", p.ID, "create", nil, p)
	})
}

// patentValues are the columns of patentColumns after company name, as the importer writes them; used_in is
// written beside them by the store's own statements (the importer keeps a patent's mark as it is).
func patentValues(p *Patent) []any {
	return []any{p.CompanyID, p.AppNo, p.Kind, p.Title, FormatDate(p.Filed), nullDate(p.Granted),
		p.LegalStatus, FormatDate(p.StatusDate)}
}

func patentConflict(err error, appNo string) error {
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	return conflictOr(err, "app_no", "err.patent.app_no.taken", "{{.AppNo}} is already recorded",
		map[string]any{"AppNo": appNo})
}

func fillPatentCompany(ctx context.Context, tx *sql.Tx, p *Patent) error {
	if err := tx.QueryRowContext(ctx, `SELECT name FROM company WHERE id = ?`, p.CompanyID).Scan(&p.CompanyName); err != nil {
		return internal(err, "cannot read the company")
	}
	return nil
}

// UpdatePatent validates and saves a changed patent.
func (s *Store) UpdatePatent(ctx context.Context, p *Patent) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := patentByID(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE patent SET company_id = ?, app_no = ?, kind = ?, title = ?, filed = ?,
			granted = ?, legal_status = ?, status_date = ?, used_in = ? WHERE id = ?`, append(patentValues(p), p.UsedIn, p.ID)...)
		if err != nil {
			return patentConflict(err, p.AppNo)
		}
		if err := fillPatentCompany(ctx, tx, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, "patent", p.ID, "update", before, p)
	})
}

// DeletePatent deletes a patent; nothing else points at one.
func (s *Store) DeletePatent(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := patentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.deletePatent(ctx, tx, before)
	})
}

func (s *Store) deletePatent(ctx context.Context, tx *sql.Tx, p Patent) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM patent WHERE id = ?`, p.ID); err != nil {
		return internal(err, "cannot delete the patent")
	}
	return s.audit(ctx, tx, "patent", p.ID, "delete", p, nil)
}

// CompanyPatentLinks counts a company's patents, which are deleted with the company.
func (s *Store) CompanyPatentLinks(ctx context.Context, companyID int64) (Links, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM patent WHERE company_id = ?`, companyID).Scan(&n); err != nil {
		return nil, internal(err, "cannot count the company's patents")
	}
	var links Links
	links.add("link.patents", n)
	return links, nil
}

// deleteCompanyPatents deletes a company's patents inside the transaction deleting the company, one audit
// row each.
func (s *Store) deleteCompanyPatents(ctx context.Context, tx *sql.Tx, companyID int64) error {
	patents, err := patentRows(ctx, tx, `SELECT `+patentReadColumns+patentFrom+` WHERE t.company_id = ? ORDER BY t.id`, companyID)
	if err != nil {
		return err
	}
	for _, p := range patents {
		if err := s.deletePatent(ctx, tx, p); err != nil {
			return err
		}
	}
	return nil
}

// PatentYears lists the years patents were filed in, newest first, for the list's year filter. It asks the
// index of filed once per year rather than reading every row.
func (s *Store) PatentYears(ctx context.Context) ([]int, error) {
	var first, last sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT min(filed), max(filed) FROM patent`).Scan(&first, &last); err != nil {
		return nil, internal(err, "cannot list years")
	}
	if !first.Valid || len(first.String) < 4 || len(last.String) < 4 {
		return nil, nil
	}
	from, _ := strconv.Atoi(first.String[:4])
	to, _ := strconv.Atoi(last.String[:4])
	var years []int
	for y := to; y >= from; y-- {
		var found bool
		err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM patent WHERE filed >= ? AND filed < ?)`,
			yearStart(y), yearStart(y+1)).Scan(&found)
		if err != nil {
			return nil, internal(err, "cannot list years")
		}
		if found {
			years = append(years, y)
		}
	}
	return years, nil
}
