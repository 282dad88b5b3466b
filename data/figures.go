package data

import (
	"context"
	"slices"
	"strconv"

	"scitech/data/dialect"
)

// A figure is defined once: the rows it counts (FROM … WHERE …), what it counts, and which columns show the
// records behind it. Stats counts with it and FigureRecords lists with it, so the number on the dashboard and
// the rows a clerk opens behind it can never disagree.
type figureDef struct {
	name  string
	from  string               // FROM … WHERE … with ? placeholders
	args  func(year int) []any // the placeholders' values for a report year
	count string               // the counted expression, e.g. count(DISTINCT c.company_id)
	// countFrom, when set, is from without the joins that only fetch names for the records: every patent has
	// its company (a NOT NULL foreign key), so the count need not visit the company table. At a million
	// patents that is the difference between 0.3 s and 5 ms. The same holds for cooperations, their outcomes
	// and incubator applications (every link a NOT NULL foreign key).
	countFrom string
	// countQuery, when set, is the whole count query with its placeholders' values for a year, for a figure
	// counted another way than its records are listed (patents_valid: two index range counts).
	countQuery func(year int) (string, []any)
	// recordsFrom, when set, is the FROM … WHERE … the records are listed from, with from's placeholders, when
	// a figure's records are quicker found another way: the institutions co-operating in a year each looked up
	// once, rather than every active co-operation joined to its company and institution and made DISTINCT
	// (106 ms to 0.2 ms at 100,000 companies, for the 100 institutions).
	recordsFrom string
	columns     []string               // translation keys of the record columns
	records     string                 // the record columns, as SELECT DISTINCT expressions (or SELECT: oneRowEach)
	ref         string                 // the kind of record a row opens (RecordRef.Entity)
	refID       string                 // its id, an expression of the FROM that identifies one record per row
	order       string                 // ORDER BY of the records
	set         func(st *Stats, n int) // where the count goes
	// oneRowEach, when set, says that from gives each record once (refID is the key of its first table, every
	// join is to one row by a NOT NULL foreign key) and that order is a total order (it ends with a unique
	// column): the records are listed without DISTINCT, which on a server sorted every row of the figure
	// before the first was given (the valid patents: 475,842 rows, 1.7-6.4 s, for a brief's first 10,000).
	oneRowEach bool
}

func yearBounds(y int) (start, end string) {
	return strconv.Itoa(y) + "-01-01", FormatDate(YearEnd(y))
}

func endOf(y int) []any { _, end := yearBounds(y); return []any{end} }

func inYear(y int) []any { start, end := yearBounds(y); return []any{start, end} }

// activeIn is a cooperation active at any time in the year: started by its end, not ended before its start.
func activeIn(y int) []any { start, end := yearBounds(y); return []any{end, start} }

// coopActiveCount is coopActive without the joins that fetch names (both links are NOT NULL foreign keys).
const coopActiveCount = ` FROM cooperation c WHERE c.started <= ? AND (c.ended IS NULL OR c.ended >= ?)`

const coopActive = ` FROM cooperation c JOIN company co ON co.id = c.company_id JOIN institution i ON i.id = c.institution_id
	WHERE c.started <= ? AND (c.ended IS NULL OR c.ended >= ?)`

// teamsIntroduced are the start-up teams signed by an incubator in a year, with the incubator (n).
const teamsIntroduced = ` FROM incubator_application a JOIN incubator n ON n.id = a.incubator_id
	JOIN incubator_application_history h ON h.application_id = a.id
	WHERE a.applicant_kind = 'team' AND h.to_status = 'signed' AND h.day BETWEEN ? AND ?`

var figureDefs = []figureDef{
	{name: "hightech_enterprises",
		from: ` FROM company c WHERE c.cert_no <> '' AND c.cert_issued <= ? AND c.cert_expires > ?`,
		args: func(y int) []any { _, end := yearBounds(y); return []any{end, end} }, count: `count(*)`,
		columns: []string{"company.name", "company.uscc", "company.cert_no", "company.cert_issued"},
		records: `c.name, c.uscc, c.cert_no, c.cert_issued`, ref: "company", refID: `c.id`, order: `c.name`,
		set: func(st *Stats, n int) { st.HighTechEnterprises = n }},
	{name: "coop_companies", from: coopActive, args: activeIn, count: `count(DISTINCT c.company_id)`,
		countFrom: coopActiveCount,
		columns:   []string{"company.name", "company.uscc"}, records: `co.name, co.uscc`, ref: "company", refID: `co.id`,
		order: `co.name`, set: func(st *Stats, n int) { st.CoopCompanies = n }},
	{name: "coop_institutions", from: coopActive, args: activeIn, count: `count(DISTINCT c.institution_id)`,
		countFrom: coopActiveCount,
		// Each institution comes once, ordered by its name (unique) as the DISTINCT rows of from were.
		recordsFrom: ` FROM institution i WHERE EXISTS (SELECT 1 FROM cooperation c WHERE c.institution_id = i.id
			AND c.started <= ? AND (c.ended IS NULL OR c.ended >= ?))`,
		columns: []string{"figure.col.institution", "figure.col.city"}, records: `i.name, i.city`, order: `i.name`,
		ref: "institution", refID: `i.id`,
		set: func(st *Stats, n int) { st.CoopInstitutions = n }},
	{name: "coop_bases",
		from: ` FROM coop_base b JOIN company co ON co.id = b.company_id JOIN institution i ON i.id = b.institution_id
			WHERE b.established <= ?`, args: endOf, count: `count(*)`,
		columns: []string{"figure.col.base", "company.name", "figure.col.institution", "figure.col.date"},
		records: `b.name, co.name, i.name, b.established`, ref: "coop_base", refID: `b.id`, order: `b.established, b.name`,
		set: func(st *Stats, n int) { st.CoopBases = n }},
	{name: "coop_outcomes",
		from: ` FROM coop_outcome o JOIN cooperation c ON c.id = o.cooperation_id JOIN company co ON co.id = c.company_id
			JOIN institution i ON i.id = c.institution_id WHERE o.year <= ?`,
		countFrom: ` FROM coop_outcome o WHERE o.year <= ?`,
		args:      func(y int) []any { return []any{y} }, count: `count(*)`,
		columns: []string{"figure.col.title", "figure.col.kind", "company.name", "figure.col.institution", "output.year"},
		// An outcome is shown on the page of its cooperation.
		records: `o.title, o.kind, co.name, i.name, o.year`, ref: "cooperation", refID: `c.id`, order: `o.year, o.title`,
		set: func(st *Stats, n int) { st.CoopOutcomes = n }},
	{name: "teams_introduced",
		from: teamsIntroduced,
		countFrom: ` FROM incubator_application_history h JOIN incubator_application a ON a.id = h.application_id
			WHERE a.applicant_kind = 'team' AND h.to_status = 'signed' AND h.day BETWEEN ? AND ?`,
		args: inYear, count: `count(DISTINCT a.id)`,
		columns: []string{"figure.col.applicant", "figure.col.incubator", "figure.col.date"},
		records: `a.applicant, n.name, h.day`, ref: "incubator_application", refID: `a.id`, order: `h.day, a.applicant`,
		set: func(st *Stats, n int) { st.TeamsIntroduced = n }},
	{name: "incubator_signed",
		from: ` FROM incubator_application a JOIN incubator n ON n.id = a.incubator_id
			JOIN incubator_application_history h ON h.application_id = a.id
			WHERE h.to_status = 'signed' AND h.day <= ?`,
		args: endOf, count: `count(DISTINCT a.id)`,
		countQuery: func(y int) (string, []any) {
			return `SELECT count(DISTINCT h.application_id) FROM incubator_application_history h
				WHERE h.to_status = 'signed' AND h.day <= ?`, endOf(y)
		},
		columns: []string{"figure.col.applicant", "figure.col.incubator", "figure.col.date"},
		records: `a.applicant, n.name, h.day`, ref: "incubator_application", refID: `a.id`, order: `h.day, a.applicant`,
		set: func(st *Stats, n int) { st.IncubatorSigned = n }},
	{name: "plan_applicants",
		from: ` FROM plan_application p JOIN company co ON co.id = p.company_id
			JOIN plan_application_history h ON h.application_id = p.id
			WHERE p.level = 'district' AND h.to_status = 'submitted' AND h.day BETWEEN ? AND ?`,
		args: inYear, count: `count(DISTINCT p.company_id)`,
		columns: []string{"company.name", "company.uscc"}, records: `co.name, co.uscc`, ref: "company", refID: `co.id`,
		order: `co.name`, set: func(st *Stats, n int) { st.PlanApplicants = n }},
	{name: "patent_applications",
		from:      ` FROM patent p JOIN company co ON co.id = p.company_id WHERE p.filed BETWEEN ? AND ?`,
		countFrom: ` FROM patent p WHERE p.filed BETWEEN ? AND ?`,
		args:      inYear, count: `count(*)`,
		columns: []string{"figure.col.app_no", "figure.col.title", "company.name", "figure.col.date"},
		records: `p.app_no, p.title, co.name, p.filed`, order: `p.filed, p.app_no`, ref: "patent", refID: `p.id`, oneRowEach: true,
		set: func(st *Stats, n int) { st.PatentApplications = n }},
	{name: "patent_grants",
		from:      ` FROM patent p JOIN company co ON co.id = p.company_id WHERE p.granted BETWEEN ? AND ?`,
		countFrom: ` FROM patent p WHERE p.granted BETWEEN ? AND ?`,
		args:      inYear, count: `count(*)`,
		columns: []string{"figure.col.app_no", "figure.col.title", "company.name", "figure.col.date"},
		records: `p.app_no, p.title, co.name, p.granted`, order: `p.granted, p.app_no`, ref: "patent", refID: `p.id`, oneRowEach: true,
		set: func(st *Stats, n int) { st.PatentGrants = n }},
}

// Table is a list of records as text, with translation keys for its column headers.
type Table struct {
	Columns []string
	Rows    [][]string
	// Refs names the record behind each row, parallel to Rows, for a list that opens it (the 明细 of a figure);
	// nil where a table has none. Not part of a brief's data: the briefs hash their tables as JSON, and what a
	// row links to is no figure they print.
	Refs []RecordRef `json:"-"`
	// Total is how many records there are in all: more than len(Rows) when a list was asked for its first
	// rows only (FigureRecords with a limit).
	Total int
}

// Partial reports whether the table holds only the first of its records.
func (t Table) Partial() bool { return t.Total > len(t.Rows) }

// FigureNames lists the figures a user can open the records of.
func FigureNames() []string {
	names := []string{"output_yuan", "added_value_yuan"}
	for _, d := range figureDefs {
		names = append(names, d.name)
	}
	return append(names, "patents_valid")
}

// countFigures fills the counted figures of a year into st.
func (s *Store) countFigures(ctx context.Context, q statsQuerier, st *Stats, year int) error {
	for _, d := range s.figures() {
		n, err := s.countFigure(ctx, q, d, year)
		if err != nil {
			return err
		}
		d.set(st, n)
	}
	return nil
}

// countFigure counts one figure of a year, through q.
func (s *Store) countFigure(ctx context.Context, q statsQuerier, d figureDef, year int) (int, error) {
	from := d.from
	if d.countFrom != "" {
		from = d.countFrom
	}
	query, args := `SELECT `+d.count+from, d.args(year)
	if d.countQuery != nil {
		query, args = d.countQuery(year)
	}
	var n int
	if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot compute "+d.name)
	}
	return n, nil
}

// FigureRecords lists the records behind a figure of a year: the companies whose output is summed, the
// patents counted, and so on. A positive limit lists the first limit records only (in the same order), with
// Total still counting them all: at a city's scale the valid patents alone are hundreds of thousands, more
// than a dialog or a brief's workbook should hold.
func (s *Store) FigureRecords(ctx context.Context, name string, year int, limit int) (Table, error) {
	if err := ValidateYear(year); err != nil {
		return Table{}, err
	}
	if name == "output_yuan" || name == "added_value_yuan" {
		t, err := s.outputRecords(ctx, year, limit)
		if err == nil && limit > 0 && len(t.Rows) == limit {
			if err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM annual_output WHERE year = ?`, year).
				Scan(&t.Total); err != nil {
				err = internal(err, "cannot count output rows")
			}
		}
		return t, err
	}
	for _, d := range s.figures() {
		if d.name != name {
			continue
		}
		q, args := d.recordsQuery(year, limit)
		t, err := s.queryTable(ctx, append(slices.Clip(d.columns), ""), q, args...)
		t.Columns, t.Refs = d.columns, splitRefs(d.ref, t.Rows)
		if err == nil && limit > 0 && len(t.Rows) == limit {
			t.Total, err = s.countFigure(ctx, s.db, d, year)
		}
		return t, err
	}
	return Table{}, notFound("figure", name)
}

// recordsQuery is the query of FigureRecords for the figure's records of a year (the first limit if positive),
// each row ending with the record's id, and its arguments.
func (d figureDef) recordsQuery(year, limit int) (string, []any) {
	distinct := `DISTINCT `
	if d.oneRowEach {
		distinct = ``
	}
	from := d.from
	if d.recordsFrom != "" {
		from = d.recordsFrom
	}
	q := `SELECT ` + distinct + d.records + `, ` + d.refID + from + ` ORDER BY ` + d.order
	args := d.args(year)
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return q, args
}

// splitRefs takes the last column, a record's id, off each row and makes it the row's RecordRef.
func splitRefs(entity string, rows [][]string) []RecordRef {
	refs := make([]RecordRef, len(rows))
	for i, row := range rows {
		last := len(row) - 1
		id, _ := strconv.ParseInt(row[last], 10, 64)
		refs[i], rows[i] = RecordRef{Entity: entity, ID: id}, row[:last]
	}
	return refs
}

func (s *Store) outputRecords(ctx context.Context, year, limit int) (Table, error) {
	t := Table{Columns: []string{"company.name", "company.uscc", "figure.col.output", "figure.col.added_value"}}
	q, args := `SELECT c.name, c.uscc, o.output, o.added_value, c.id FROM annual_output o
		JOIN company c ON c.id = o.company_id WHERE o.year = ? ORDER BY o.output DESC, c.name`, []any{year}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return t, internal(err, "cannot list output rows")
	}
	defer rows.Close()
	for rows.Next() {
		var name, uscc string
		var out, added Yuan
		var id int64
		if err := rows.Scan(&name, &uscc, &out, &added, &id); err != nil {
			return t, internal(err, "cannot list output rows")
		}
		t.Rows = append(t.Rows, []string{name, uscc, out.Wan(), added.Wan()})
		t.Refs = append(t.Refs, RecordRef{Entity: "company", ID: id})
	}
	t.Total = len(t.Rows)
	return t, rows.Err()
}

// queryTable runs a query and returns its rows as text.
func (s *Store) queryTable(ctx context.Context, columns []string, q string, args ...any) (Table, error) {
	t := Table{Columns: columns}
	err := s.eachRow(ctx, len(columns), q, func(row []string) error {
		t.Rows = append(t.Rows, row)
		return nil
	}, args...)
	t.Total = len(t.Rows)
	return t, err
}

// eachRow runs a query of n columns and hands each row to fn as text (NULL as "").
func (s *Store) eachRow(ctx context.Context, n int, q string, fn func(row []string) error, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return internal(err, "cannot list records")
	}
	defer rows.Close()
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return internal(err, "cannot list records")
		}
		row := make([]string, n)
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
			case []byte:
				row[i] = string(x)
			default:
				row[i] = toString(x)
			}
			vals[i] = nil
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return internal(err, "cannot list records")
	}
	return nil
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// figures are the store's counted figures: figureDefs and the valid patents in its database's SQL.
func (s *Store) figures() []figureDef { return append(figureDefs, validPatentsFigureIn(s.d)) }

// validPatentsFigureIn lists the patents valid on the year's last day by the one SQL form of Patent.ValidOn and
// counts them by its counting form (patentValidCountSQL; a test holds the two together), in dialect d.
func validPatentsFigureIn(d dialect.Dialect) figureDef {
	cond, _ := patentValidSQL(d, "p", YearEnd(2000))
	return figureDef{name: "patents_valid",
		from:       ` FROM patent p JOIN company co ON co.id = p.company_id WHERE ` + cond,
		countQuery: func(y int) (string, []any) { return patentValidCountSQL(d, YearEnd(y)) },
		args: func(y int) []any {
			_, args := patentValidSQL(d, "p", YearEnd(y))
			return args
		}, count: `count(*)`,
		columns: []string{"figure.col.app_no", "figure.col.title", "company.name", "figure.col.date"},
		records: `p.app_no, p.title, co.name, p.granted`, order: `p.granted, p.app_no`, ref: "patent", refID: `p.id`, oneRowEach: true,
		set: func(st *Stats, n int) { st.PatentsValid = n }}
}
