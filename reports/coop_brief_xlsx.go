package reports

import (
	"io"

	"scitech/assets"
)

// WriteCoopBriefXLSX writes the cooperation brief as a workbook: the figures (概况), the institutions, the
// bases, the projects and new products, and one sheet per figure listing the records behind it.
func WriteCoopBriefXLSX(w io.Writer, b CoopBrief) error {
	return b.writeXLSX(w, b.Stats.Year, "brief.coop.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, b.BriefHeader, b.Stats.Year, "brief.coop.title")
		cb := coopBriefXLSX{x: x, t: t, b: b}
		return []func() error{cb.summary, cb.institutions, cb.outcomes, cb.records}
	})
}

type coopBriefXLSX struct {
	x *workbook
	t *assets.Translator
	b CoopBrief
}

func (o coopBriefXLSX) summary() error {
	t, st := o.t, o.b.Stats
	return o.x.countSummary(t, []labelled{
		{t.T("figure.coop_companies"), st.CoopCompanies},
		{t.T("figure.coop_institutions"), st.CoopInstitutions},
		{t.T("brief.coop.col.coops"), o.b.Cooperations},
		{t.T("figure.coop_bases"), st.CoopBases},
		{t.T("figure.coop_outcomes"), st.CoopOutcomes},
	})
}

func (o coopBriefXLSX) institutions() error {
	x, t := o.x, o.t
	name := t.T("brief.coop.sheet.institutions")
	if err := x.sheet(name, []string{t.T("brief.col.rank"), t.T("brief.coop.col.institution"),
		t.T("brief.coop.col.companies"), t.T("brief.coop.col.coops")}, []float64{6, 40, 16, 14}); err != nil {
		return err
	}
	for i, in := range o.b.ByInstitution {
		if err := x.row(name, firstRow+i, x.num(i+1), x.str(in.Name), x.n(in.Companies), x.n(in.Cooperations)); err != nil {
			return err
		}
	}
	return nil
}

func (o coopBriefXLSX) outcomes() error {
	x, t := o.x, o.t
	name := t.T("brief.coop.sheet.outcomes")
	if err := x.sheet(name, []string{t.T("brief.coop.col.kind"), t.T("brief.coop.col.in_year"),
		t.T("brief.coop.col.cumulative")}, []float64{16, 14, 14}); err != nil {
		return err
	}
	r, inYear := firstRow, 0
	for _, k := range o.b.Outcomes {
		if err := x.row(name, r, x.str(t.T("outcome.kind."+k.Kind)), x.n(k.InYear), x.n(k.Cumulative)); err != nil {
			return err
		}
		inYear += k.InYear
		r++
	}
	return x.row(name, r, x.total(t.T("brief.total")), x.n(inYear), x.n(o.b.Stats.CoopOutcomes))
}

// records writes the records behind each figure; the bases' sheet is the list of bases.
func (o coopBriefXLSX) records() error {
	return workBriefXLSX{x: o.x, t: o.t, b: WorkBrief{Records: o.b.Records}}.records()
}
