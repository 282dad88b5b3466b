package reports

import (
	"io"

	"scitech/assets"
)

// WritePatentBriefXLSX writes the patent brief as a workbook with the tables of the PDF — the year against the
// year before, by kind, by year, the companies with the most valid patents — and one sheet per figure listing
// the patents behind it.
func WritePatentBriefXLSX(w io.Writer, b PatentBrief) error {
	return b.writeXLSX(w, b.Stats.Year, "brief.patents.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, b.BriefHeader, b.Stats.Year, "brief.patents.title")
		pb := patentBriefXLSX{x: x, t: t, b: b}
		return []func() error{pb.summary, pb.byKind, pb.byYear, pb.top, pb.records}
	})
}

// patentBriefXLSX writes the sheets of the patent brief.
type patentBriefXLSX struct {
	x *workbook
	t *assets.Translator
	b PatentBrief
}

// summary lists the year's three figures beside the year before's.
func (o patentBriefXLSX) summary() error {
	x, t, st := o.x, o.t, o.b.Stats
	name := t.T("brief.sheet.summary")
	prev, ok := o.b.Prev()
	headers := []string{t.T("brief.fig.item"), t.T("brief.patents.year", map[string]any{"Year": st.Year}),
		t.T("brief.patents.year", map[string]any{"Year": st.Year - 1}), t.T("brief.patents.col.diff")}
	if err := x.sheet(name, headers, []float64{30, 16, 16, 16}); err != nil {
		return err
	}
	for i, f := range []struct {
		key       string
		cur, prev int
	}{
		{"figure.patent_applications", st.PatentApplications, prev.PatentApplications},
		{"figure.patent_grants", st.PatentGrants, prev.PatentGrants},
		{"figure.patents_valid", st.PatentsValid, prev.PatentsValid},
	} {
		before, diff := x.n(f.prev), x.n(f.cur-f.prev)
		if !ok {
			before, diff = x.str(""), x.str("")
		}
		if err := x.row(name, firstRow+i, x.str(t.T(f.key)), x.n(f.cur), before, diff); err != nil {
			return err
		}
	}
	return nil
}

func (o patentBriefXLSX) figureHeaders(first string) []string {
	return []string{o.t.T(first), o.t.T("brief.patents.col.apps"), o.t.T("brief.patents.col.grants"),
		o.t.T("brief.patents.col.valid")}
}

// byKind lists the kinds with a 合计 row of the year's figures.
func (o patentBriefXLSX) byKind() error {
	x, t, st := o.x, o.t, o.b.Stats
	name := t.T("brief.patents.sheet.by_kind")
	if err := x.sheet(name, o.figureHeaders("brief.patents.col.kind"), []float64{20, 16, 16, 18}); err != nil {
		return err
	}
	r := firstRow
	for _, k := range o.b.ByKind {
		if err := x.row(name, r, x.str(t.T("patent.kind."+k.Kind)), x.n(k.Applications), x.n(k.Grants),
			x.n(k.Valid)); err != nil {
			return err
		}
		r++
	}
	return x.row(name, r, x.total(t.T("brief.total")), x.n(st.PatentApplications), x.n(st.PatentGrants),
		x.n(st.PatentsValid))
}

func (o patentBriefXLSX) byYear() error {
	x, t := o.x, o.t
	name := t.T("brief.patents.sheet.by_year")
	if err := x.sheet(name, o.figureHeaders("brief.patents.col.year"), []float64{12, 16, 16, 18}); err != nil {
		return err
	}
	for i, st := range o.b.ByYear {
		if err := x.row(name, firstRow+i, x.num(st.Year), x.n(st.PatentApplications), x.n(st.PatentGrants),
			x.n(st.PatentsValid)); err != nil {
			return err
		}
	}
	return nil
}

func (o patentBriefXLSX) top() error {
	x, t := o.x, o.t
	name := t.T("brief.patents.sheet.top")
	if err := x.sheet(name, []string{t.T("brief.col.rank"), t.T("brief.col.company"),
		t.T("brief.patents.col.valid")}, []float64{6, 44, 18}); err != nil {
		return err
	}
	for i, c := range o.b.Top {
		if err := x.row(name, firstRow+i, x.num(i+1), x.str(c.Name), x.n(c.Count)); err != nil {
			return err
		}
	}
	return nil
}

// records writes one sheet per figure listing the patents behind it, as the work brief does.
func (o patentBriefXLSX) records() error {
	return workBriefXLSX{x: o.x, t: o.t, b: WorkBrief{Records: o.b.Records}}.records()
}
