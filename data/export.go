package data

import (
	"context"
	"database/sql"
	"sort"

	"scitech/data/dialect"
)

// ExportColumn is one column of an export: its translation key ("col.name") and, for columns holding codes,
// the prefix under which the codes' labels are translated ("plan.status.", "field.").
type ExportColumn struct {
	Key    string
	Codes  string
	Number bool // a number (year, amount, count), written as a number so sums work in Excel
}

var numberColumns = map[string]bool{"year": true, "output": true, "added_value": true, "revenue": true,
	"rd_expense": true, "employees": true, "rd_staff": true, "requested": true, "granted_funds": true,
	"area_m2": true, "area_mu": true, "investment": true, "techsme_year": true, "total_income": true,
	"hightech_income": true, "rd_domestic": true, "total_costs": true, "net_assets": true, "total_assets": true,
	"st_staff": true, "conversions": true, "used_in": true, "rank": true, "amount": true}

// exportDef is how one record kind is exported: its columns and the query giving them, in the same order.
// The query is the same text on both databases but for the dialect's fragments; a number column that may be
// left empty is cast to text in the branch that gives the number, since the server keeps one type a column.
type exportDef struct {
	columns []ExportColumn
	query   func(d dialect.Dialect) string
}

// sameOnBoth is a query without dialect fragments.
func sameOnBoth(q string) func(dialect.Dialect) string {
	return func(dialect.Dialect) string { return q }
}

func cols(keys ...string) []ExportColumn {
	out := make([]ExportColumn, len(keys))
	for i, k := range keys {
		out[i] = ExportColumn{Key: "col." + k, Number: numberColumns[k]}
	}
	return out
}

func coded(c []ExportColumn, key, prefix string) []ExportColumn {
	for i := range c {
		if c[i].Key == "col."+key {
			c[i].Codes = prefix
		}
	}
	return c
}

var exportDefs = map[string]exportDef{
	"companies": {coded(cols("uscc", "name", "legal_rep", "field", "park", "address", "contact", "phone", "founded",
		"above_scale", "cert_no", "cert_issued", "cert_expires", "techsme_no", "techsme_year"), "field", "field."),
		sameOnBoth(`SELECT c.uscc, c.name, c.legal_rep, c.field, coalesce(p.name, ''), c.address, c.contact, c.phone,
		coalesce(c.founded, ''), CASE c.above_scale WHEN 1 THEN '是' ELSE '否' END, c.cert_no, coalesce(c.cert_issued, ''),
		coalesce(c.cert_expires, ''), c.techsme_no, CASE c.techsme_year WHEN 0 THEN '' ELSE CAST(c.techsme_year AS TEXT) END
		FROM company c LEFT JOIN park p ON p.id = c.park_id ORDER BY c.name COLLATE pinyin, c.id`)},
	"outputs": {cols("uscc", "name", "year", "output", "added_value", "revenue", "rd_expense", "employees", "rd_staff",
		"total_income", "hightech_income", "rd_domestic", "total_costs", "net_assets", "total_assets", "st_staff", "conversions"),
		func(d dialect.Dialect) string {
			return `SELECT c.uscc, c.name, o.year, ` + money(d, "o.output") + `, ` + money(d, "o.added_value") + `, ` + money(d, "o.revenue") +
				`, ` + money(d, "o.rd_expense") + `, o.employees, o.rd_staff, ` + optMoney(d, "o.total_income") + `, ` +
				optMoney(d, "o.hightech_income") + `, ` + optMoney(d, "o.rd_domestic") + `, ` + optMoney(d, "o.total_costs") + `, ` +
				optMoney(d, "o.net_assets") + `, ` + optMoney(d, "o.total_assets") + `, coalesce(CAST(o.st_staff AS TEXT), ''), coalesce(CAST(o.conversions AS TEXT), '')
		FROM annual_output o JOIN company c ON c.id = o.company_id ORDER BY c.name COLLATE pinyin, c.id, o.year`
		}},
	"institutions": {coded(cols("name", "inst_kind", "city"), "inst_kind", "inst.kind."),
		sameOnBoth(`SELECT name, kind, city FROM institution ORDER BY name COLLATE pinyin, id`)},
	"cooperations": {cols("uscc", "company", "institution", "programme", "started", "ended"),
		sameOnBoth(`SELECT c.uscc, c.name, i.name, k.programme, k.started, coalesce(k.ended, '') FROM cooperation k
		JOIN company c ON c.id = k.company_id JOIN institution i ON i.id = k.institution_id ORDER BY c.name COLLATE pinyin, c.id, k.started`)},
	"bases": {cols("base", "uscc", "company", "institution", "established"),
		sameOnBoth(`SELECT b.name, c.uscc, c.name, i.name, b.established FROM coop_base b JOIN company c ON c.id = b.company_id
		JOIN institution i ON i.id = b.institution_id ORDER BY b.established, b.name COLLATE pinyin`)},
	"outcomes": {coded(cols("uscc", "company", "institution", "started", "outcome_kind", "title", "year"), "outcome_kind", "outcome.kind."),
		sameOnBoth(`SELECT c.uscc, c.name, i.name, k.started, o.kind, o.title, o.year FROM coop_outcome o JOIN cooperation k ON k.id = o.cooperation_id
		JOIN company c ON c.id = k.company_id JOIN institution i ON i.id = k.institution_id ORDER BY o.year, o.title COLLATE pinyin`)},
	"incubators": {coded(cols("name", "inc_level", "address", "area_m2"), "inc_level", "incubator.level."),
		sameOnBoth(`SELECT name, level, address, area_m2 FROM incubator ORDER BY name COLLATE pinyin, id`)},
	"applications": {coded(coded(coded(cols("incubator", "applicant_kind", "applicant", "uscc", "leader", "field", "summary",
		"submitted", "status", "status_date"), "applicant_kind", "iapp.kind."), "status", "iapp.status."), "field", "field."),
		sameOnBoth(`SELECT n.name, a.applicant_kind, a.applicant, coalesce(c.uscc, ''), a.leader, a.field, a.summary, a.submitted,
		a.status, a.status_date FROM incubator_application a JOIN incubator n ON n.id = a.incubator_id
		LEFT JOIN company c ON c.id = a.company_id ORDER BY a.submitted, a.applicant COLLATE pinyin`)},
	"plans": {coded(coded(cols("uscc", "company", "plan_level", "plan", "title", "year", "requested", "granted_funds",
		"status", "status_date"), "plan_level", "plan.level."), "status", "plan.status."),
		func(d dialect.Dialect) string {
			return `SELECT c.uscc, c.name, p.level, p.plan, p.title, p.year, ` + money(d, "p.requested") + `, ` + money(d, "p.granted") +
				`, p.status, p.status_date FROM plan_application p JOIN company c ON c.id = p.company_id ORDER BY p.year, c.name COLLATE pinyin, c.id`
		}},
	"patents": {coded(coded(cols("app_no", "patent_kind", "title", "uscc", "company", "filed", "granted", "legal_status",
		"status_date", "used_in"), "patent_kind", "patent.kind."), "legal_status", "patent.status."),
		sameOnBoth(`SELECT p.app_no, p.kind, p.title, c.uscc, c.name, p.filed, coalesce(p.granted, ''), p.legal_status, p.status_date,
		CASE p.used_in WHEN 0 THEN '' ELSE CAST(p.used_in AS TEXT) END FROM patent p JOIN company c ON c.id = p.company_id ORDER BY p.filed, p.app_no`)},
	"declared": {cols("uscc", "name", "year", "revenue", "rd_expense", "employees", "total_income", "hightech_income",
		"rd_domestic", "total_costs", "net_assets", "total_assets", "st_staff", "conversions", "source"),
		func(dd dialect.Dialect) string {
			return `SELECT c.uscc, c.name, d.year, ` + optMoney(dd, "d.revenue") + `, ` + optMoney(dd, "d.rd_expense") + `, coalesce(CAST(d.employees AS TEXT), ''), ` +
				optMoney(dd, "d.total_income") + `, ` + optMoney(dd, "d.hightech_income") + `, ` + optMoney(dd, "d.rd_domestic") + `, ` +
				optMoney(dd, "d.total_costs") + `, ` + optMoney(dd, "d.net_assets") + `, ` + optMoney(dd, "d.total_assets") +
				`, coalesce(CAST(d.st_staff AS TEXT), ''), coalesce(CAST(d.conversions AS TEXT), ''), d.source
		FROM declared_figures d JOIN company c ON c.id = d.company_id ORDER BY c.name COLLATE pinyin, c.id, d.year`
		}},
	"facts": {coded(coded(cols("uscc", "company", "fact_kind", "year", "fact_date", "level", "rank", "amount", "number", "note"),
		"fact_kind", "policy.fact."), "level", "policy.level."),
		func(d dialect.Dialect) string {
			return `SELECT c.uscc, c.name, f.kind, f.year, coalesce(f.date, ''), f.level, CASE f.rank WHEN 0 THEN '' ELSE CAST(f.rank AS TEXT) END,
		CASE f.amount WHEN 0 THEN '' ELSE ` + money(d, "f.amount") + ` END, f.number, f.note
		FROM company_fact f JOIN company c ON c.id = f.company_id ORDER BY c.name COLLATE pinyin, c.id, f.year, f.kind, f.id`
		}},
	"ip_rights": {coded(cols("uscc", "company", "ip_kind", "reg_no", "title", "ip_granted", "used_in"), "ip_kind", "policy.ip."),
		sameOnBoth(`SELECT c.uscc, c.name, r.kind, r.reg_no, r.title, r.granted, CASE r.used_in WHEN 0 THEN '' ELSE CAST(r.used_in AS TEXT) END
		FROM ip_right r JOIN company c ON c.id = r.company_id ORDER BY c.name COLLATE pinyin, c.id, r.granted, r.reg_no`)},
	"parks": {coded(cols("name", "park_kind", "focus"), "park_kind", "park.kind."),
		sameOnBoth(`SELECT name, kind, focus FROM park ORDER BY id`)},
	"projects": {coded(cols("park", "title", "lead", "description", "project_status", "area_mu", "investment"),
		"project_status", "project.status."),
		func(d dialect.Dialect) string {
			return `SELECT k.name, p.title, p.lead, p.description, p.status, ` + d.Decimal("p.area_cmu / 100.0", 2) + `, ` +
				money(d, "p.investment") + `
		FROM park_project p JOIN park k ON k.id = p.park_id ORDER BY k.id, p.title COLLATE pinyin`
		}},
}

// money exports an amount in 万元 with four decimals, the exact amount a clerk would type.
func money(d dialect.Dialect, col string) string { return d.Decimal(col+" / 10000.0", 4) }

// optMoney is money for a figure that may be not recorded: empty rather than 0.0000.
func optMoney(d dialect.Dialect, col string) string {
	return `CASE WHEN ` + col + ` IS NULL THEN '' ELSE ` + money(d, col) + ` END`
}

// ExportKinds lists the record kinds `scitech export` writes.
func ExportKinds() []string {
	kinds := make([]string, 0, len(exportDefs))
	for k := range exportDefs {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}

// ExportColumns are the columns of a kind's export.
func ExportColumns(kind string) ([]ExportColumn, bool) {
	d, ok := exportDefs[kind]
	return d.columns, ok
}

// Export reads every record of a kind as text, in the columns ExportColumns gives.
func (s *Store) Export(ctx context.Context, kind string) (Table, error) {
	d, ok := exportDefs[kind]
	if !ok {
		return Table{}, unknownExportKind(kind)
	}
	keys := make([]string, len(d.columns))
	for i, c := range d.columns {
		keys[i] = c.Key
	}
	return s.queryTable(ctx, keys, d.query(s.d))
}

// ExportEach reads the records Export reads, in the same order, and hands them to fn one by one instead of
// holding them all: the command line writes them to the workbook as they come. A row is fn's to keep.
func (s *Store) ExportEach(ctx context.Context, kind string, fn func(row []string) error) error {
	d, ok := exportDefs[kind]
	if !ok {
		return unknownExportKind(kind)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return internal(err, "cannot list records")
	}
	defer conn.Close()
	// The rows come in the order of a name index, so each is looked up in the table at a place of its own.
	done, err := s.d.LongRead(ctx, conn)
	if err != nil {
		return internal(err, "cannot list records")
	}
	defer done()
	rows, err := conn.QueryContext(ctx, d.query(s.d))
	if err != nil {
		return internal(err, "cannot list records")
	}
	defer rows.Close()
	if err := handExportRows(rows, len(d.columns), fn); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return internal(err, "cannot list records")
	}
	return nil
}

// handExportRows hands fn each row of n columns as text (NULL as ""). The rows share backing arrays made a few
// hundred rows at a time, one allocation where each row would take its own.
func handExportRows(rows *sql.Rows, n int, fn func(row []string) error) error {
	const rowsAtOnce = 256
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var backing []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return internal(err, "cannot list records")
		}
		if len(backing) < n {
			backing = make([]string, n*rowsAtOnce)
		}
		row := backing[:n:n]
		backing = backing[n:]
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
			case string:
				row[i] = x
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
	return nil
}

func unknownExportKind(kind string) error {
	return &Error{Code: Invalid, Field: "kind", Key: "err.export.kind",
		Args: map[string]any{"Kind": kind}, Message: "unknown record kind " + kind}
}
