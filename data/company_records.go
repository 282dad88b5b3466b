package data

import "context"

// LinkedRecords are the records of one kind that point at a record, for its page.
type LinkedRecords struct {
	Kind    string // translation key of the kind ("link.cooperations")
	Columns []ExportColumn
	Rows    [][]string
}

var companyRecordDefs = []struct {
	kind    string
	columns []ExportColumn
	query   string
}{
	{"link.cooperations", cols("institution", "programme", "started", "ended"),
		`SELECT i.name, k.programme, k.started, coalesce(k.ended, '') FROM cooperation k
		JOIN institution i ON i.id = k.institution_id WHERE k.company_id = ? ORDER BY k.started`},
	{"link.bases", cols("base", "institution", "established"),
		`SELECT b.name, i.name, b.established FROM coop_base b JOIN institution i ON i.id = b.institution_id
		WHERE b.company_id = ? ORDER BY b.established`},
	{"link.plan_applications", coded(coded(cols("title", "plan_level", "year", "status"), "plan_level", "plan.level."), "status", "plan.status."),
		`SELECT title, level, year, status FROM plan_application WHERE company_id = ? ORDER BY year DESC, title COLLATE pinyin`},
	{"link.incubator_applications", coded(cols("applicant", "incubator", "status"), "status", "iapp.status."),
		`SELECT a.applicant, n.name, a.status FROM incubator_application a JOIN incubator n ON n.id = a.incubator_id
		WHERE a.company_id = ? ORDER BY a.submitted`},
	{"link.patents", coded(coded(cols("app_no", "patent_kind", "title", "legal_status"), "patent_kind", "patent.kind."),
		"legal_status", "patent.status."),
		`SELECT app_no, kind, title, legal_status FROM patent WHERE company_id = ? ORDER BY filed DESC`},
}

// CompanyRecords lists, kind by kind, the records that point at a company (its output rows are shown apart).
// Kinds without records are left out.
func (s *Store) CompanyRecords(ctx context.Context, id int64) ([]LinkedRecords, error) {
	var out []LinkedRecords
	for _, d := range companyRecordDefs {
		keys := make([]string, len(d.columns))
		for i, c := range d.columns {
			keys[i] = c.Key
		}
		t, err := s.queryTable(ctx, keys, d.query, id)
		if err != nil {
			return nil, err
		}
		if len(t.Rows) > 0 {
			out = append(out, LinkedRecords{Kind: d.kind, Columns: d.columns, Rows: t.Rows})
		}
	}
	return out, nil
}
