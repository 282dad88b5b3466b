package reports

import (
	"io"

	"scitech/assets"
	"scitech/data"
)

// WriteIncubatorBriefXLSX writes the incubator brief as a workbook: the figures (概况), the incubators, the
// applications by status, and one sheet per figure listing the applications behind it.
func WriteIncubatorBriefXLSX(w io.Writer, b IncubatorBrief) error {
	return b.writeXLSX(w, b.Stats.Year, "brief.incubators.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, b.BriefHeader, b.Stats.Year, "brief.incubators.title")
		ib := incubatorBriefXLSX{x: x, t: t, b: b}
		return []func() error{ib.summary, ib.incubators, ib.statuses, ib.records}
	})
}

type incubatorBriefXLSX struct {
	x *workbook
	t *assets.Translator
	b IncubatorBrief
}

func (o incubatorBriefXLSX) summary() error {
	t, st := o.t, o.b.Stats
	return o.x.countSummary(t, []labelled{
		{t.T("brief.incubators.sheet.incubators"), len(o.b.Incubators)},
		{t.T("brief.incubators.col.area"), o.b.TotalArea()},
		{t.T("figure.teams_introduced"), st.TeamsIntroduced},
		{t.T("figure.incubator_signed"), st.IncubatorSigned},
		{t.T("iapp.status.graduated"), o.b.Status(data.IAppGraduated).AtEnd},
	})
}

func (o incubatorBriefXLSX) incubators() error {
	x, t := o.x, o.t
	name := t.T("brief.incubators.sheet.incubators")
	headers := []string{t.T("brief.col.rank"), t.T("brief.incubators.col.name"), t.T("brief.incubators.col.level"),
		t.T("brief.incubators.col.area"), t.T("brief.incubators.col.apps")}
	if err := x.sheet(name, headers, []float64{6, 36, 10, 16, 16}); err != nil {
		return err
	}
	for i, in := range o.b.Incubators {
		if err := x.row(name, firstRow+i, x.num(i+1), x.str(in.Name), x.str(t.T("incubator.level."+in.Level)),
			x.n(in.AreaM2), x.n(in.Applications)); err != nil {
			return err
		}
	}
	return nil
}

func (o incubatorBriefXLSX) statuses() error {
	x, t := o.x, o.t
	name := t.T("brief.incubators.sheet.status")
	headers := []string{t.T("brief.incubators.col.status"), t.T("brief.incubators.col.at_end"),
		t.T("brief.incubators.col.entered")}
	if err := x.sheet(name, headers, []float64{16, 14, 16}); err != nil {
		return err
	}
	for i, r := range o.b.ByStatus {
		if err := x.row(name, firstRow+i, x.str(t.T("iapp.status."+r.Status)), x.n(r.AtEnd), x.n(r.Entered)); err != nil {
			return err
		}
	}
	return nil
}

func (o incubatorBriefXLSX) records() error {
	return workBriefXLSX{x: o.x, t: o.t, b: WorkBrief{Records: o.b.Records}}.records()
}
