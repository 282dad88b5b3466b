package reports

import (
	"io"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// WriteOutputBriefPDF writes the high-tech product output brief as a GB/T 9704 简报: red header, title, the
// year's figures in words, tables by field, by park and of the ten largest companies, and the distribution
// lines. Nothing is written when a character has no font (the error is a *MissingCharsError).
func WriteOutputBriefPDF(w io.Writer, b OutputBrief) error {
	t, d, err := b.startPDF(b.Summary.Year, "brief.output.title", "")
	if err != nil {
		return err
	}
	ob := outputBriefPDF{doc: d, t: t, b: b}
	d.paragraph(ob.lead(), bodyStyle)
	ob.byField()
	ob.byPark()
	ob.top()
	ob.trend()
	d.paragraph(t.T("brief.note"), paragraphStyle{role: RoleBody, size: tablePt, pitch: linePitch * 0.7, align: "J"})
	d.distribution(t, b.Distribution)
	return d.finish(w)
}

// outputBriefPDF sets the sections of the output brief.
type outputBriefPDF struct {
	doc *briefDoc
	t   *assets.Translator
	b   OutputBrief
}

// lead is the opening paragraph: the year's output, added value and companies, the change against the year
// before (or that there is nothing to compare with), the change in the number of reporting companies, and
// the number of high-tech enterprises.
func (o outputBriefPDF) lead() string {
	st := o.b.Summary.Stats
	change := o.t.T("brief.output.no_prev", map[string]any{"Prev": st.Year - 1})
	if st.OutputGrowth.Valid || st.AddedValueGrowth.Valid {
		change = o.t.T("brief.output.change", map[string]any{"Prev": st.Year - 1,
			"Output": changePhrase(o.t, st.OutputGrowth), "Added": changePhrase(o.t, st.AddedValueGrowth)})
	}
	return sentences(o.t, o.t.T("brief.output.lead", map[string]any{"Year": st.Year,
		"Companies": st.ReportingCompanies, "Output": st.Output.Yi(), "Added": st.AddedValue.Yi()}),
		change+o.reportingChange(), o.t.T("brief.output.hightech", map[string]any{"Year": st.Year, "N": st.HighTechEnterprises}))
}

// reportingChange says how the number of reporting companies changed against the year before, or nothing
// when no company reported then.
func (o outputBriefPDF) reportingChange() string {
	prev, cur := o.b.PrevReporting, o.b.Summary.ReportingCompanies
	if prev <= 0 {
		return ""
	}
	key, n := "brief.output.reporting_flat", 0
	switch {
	case cur > prev:
		key, n = "brief.output.reporting_up", cur-prev
	case cur < prev:
		key, n = "brief.output.reporting_down", prev-cur
	}
	if n == 1 {
		key += "_one"
	}
	s := o.t.T(key, map[string]any{"Prev": o.b.Summary.Year - 1, "PrevN": prev, "N": n})
	if o.t.Lang != "zh" {
		s = " " + s
	}
	return s
}

// sentences joins sentences into a paragraph: Chinese runs them together, other languages put a space
// between them.
func sentences(t *assets.Translator, s ...string) string {
	if t.Lang == "zh" {
		return strings.Join(s, "")
	}
	return strings.Join(s, " ")
}

// changePhrase says how a figure changed: 增长9.1%, 下降3.0%, 持平, or that there is no base.
func changePhrase(t *assets.Translator, g data.Growth) string {
	switch {
	case !g.Valid:
		return t.T("brief.change.none")
	case g.Tenths > 0:
		return t.T("brief.change.up", map[string]any{"Pct": g.String()})
	case g.Tenths < 0:
		return t.T("brief.change.down", map[string]any{"Pct": data.Growth{Tenths: -g.Tenths, Valid: true}.String()})
	}
	return t.T("brief.change.flat")
}

// groupColumns are the columns of the tables by field and by park; the first column's header differs.
func (o outputBriefPDF) groupColumns(first string) []column {
	return []column{
		{header: o.t.T(first), width: 33},
		{header: o.t.T("brief.col.companies"), width: 14, right: true},
		{header: o.t.T("brief.col.output"), width: 24, right: true},
		{header: o.t.T("brief.col.added_value"), width: 23, right: true},
		{header: o.t.T("brief.col.output_growth"), width: 20, right: true},
		{header: o.t.T("brief.col.added_growth"), width: 25, right: true},
		{header: o.t.T("brief.col.share"), width: 17, right: true},
	}
}

// groupTable lists groups with a 合计 row taken from the year's figures.
func (o outputBriefPDF) groupTable(first string, groups []data.OutputGroup, label func(string) string) table {
	st := o.b.Summary.Stats
	tb := table{cols: o.groupColumns(first), totals: map[int]bool{}}
	for _, g := range groups {
		tb.rows = append(tb.rows, []string{label(g.Key), strconv.Itoa(g.Companies), g.Output.Wan(),
			g.AddedValue.Wan(), orDash(g.OutputGrowth().String()), orDash(g.AddedValueGrowth().String()),
			orDash(SharePct(g.Output, st.Output))})
	}
	tb.totals[len(tb.rows)] = true
	tb.rows = append(tb.rows, []string{o.t.T("brief.total"), strconv.Itoa(st.ReportingCompanies), st.Output.Wan(),
		st.AddedValue.Wan(), orDash(st.OutputGrowth.String()), orDash(st.AddedValueGrowth.String()),
		orDash(SharePct(st.Output, st.Output))})
	return tb
}

func (o outputBriefPDF) byField() {
	sum, d := o.b.Summary, o.doc
	d.paragraph(o.t.T("brief.output.by_field"), headingStyle)
	if g, ok := largestGroup(sum.ByField); ok {
		d.paragraph(o.t.T("brief.output.field_lead", map[string]any{"Field": fieldLabel(o.t, g.Key),
			"Output": g.Output.Wan(), "Share": SharePct(g.Output, sum.Output)}), bodyStyle)
	}
	d.table(o.groupTable("brief.col.field", sum.ByField, func(k string) string { return fieldLabel(o.t, k) }))
}

func (o outputBriefPDF) byPark() {
	sum, d := o.b.Summary, o.doc
	d.paragraph(o.t.T("brief.output.by_park"), headingStyle)
	if in := sum.InParks(); in.Companies > 0 {
		n, out := in.Companies, in.Output
		d.paragraph(o.t.T("brief.output.park_lead", map[string]any{"Companies": n, "Output": out.Wan(),
			"Share": SharePct(out, sum.Output)}), bodyStyle)
	}
	d.table(o.groupTable("brief.col.park", sum.ByPark, func(k string) string { return parkLabel(o.t, k) }))
}

// top lists the largest companies, with a row adding them up.
func (o outputBriefPDF) top() {
	sum, d, t := o.b.Summary, o.doc, o.t
	rows := sum.Top(TopCount)
	if len(rows) == 0 {
		return
	}
	d.paragraph(t.T("brief.output.top"), headingStyle)
	top := data.Sum(rows)
	out, added := top.Output, top.AddedValue
	d.paragraph(t.T("brief.output.top_lead", map[string]any{"N": len(rows), "Output": out.Wan(),
		"Share": SharePct(out, sum.Output)}), bodyStyle)
	tb := table{cols: []column{
		{header: t.T("brief.col.rank"), width: 10, right: true},
		{header: t.T("brief.col.company"), width: 46},
		{header: t.T("brief.col.field"), width: 26},
		{header: t.T("brief.col.park"), width: 28},
		{header: t.T("brief.col.output"), width: 23, right: true},
		{header: t.T("brief.col.added_value"), width: 23, right: true},
	}, totals: map[int]bool{len(rows): true}}
	for i, r := range rows {
		tb.rows = append(tb.rows, []string{strconv.Itoa(i + 1), r.Name, fieldLabel(t, r.Field), parkLabel(t, r.Park),
			r.Output.Wan(), r.AddedValue.Wan()})
	}
	tb.rows = append(tb.rows, []string{"", t.T("brief.total"), "", "", out.Wan(), added.Wan()})
	d.table(tb)
}

// trend draws the output and added value of the last years as a bar chart, with its heading and caption
// kept on the page the chart starts.
func (o outputBriefPDF) trend() {
	years, d, t := o.b.Years, o.doc, o.t
	if len(years) == 0 {
		return
	}
	args := map[string]any{"From": years[0].Year, "To": years[len(years)-1].Year}
	c := barChart{caption: t.T("brief.output.chart_caption", args), series: []barSeries{
		{name: t.T("brief.chart.output"), color: chartColors[0]},
		{name: t.T("brief.chart.added_value"), color: chartColors[1]},
	}}
	for _, y := range years {
		c.categories = append(c.categories, strconv.Itoa(y.Year))
		c.series[0].values = append(c.series[0].values, float64(y.Output)/1e8)
		c.series[0].labels = append(c.series[0].labels, y.Output.Yi())
		c.series[1].values = append(c.series[1].values, float64(y.AddedValue)/1e8)
		c.series[1].labels = append(c.series[1].labels, y.AddedValue.Yi())
	}
	lead := t.T("brief.output.trend_lead", args)
	leadLines := len(breakLines("\u3000\u3000"+lead, textWidth, d.measure(RoleBody, bodyPt)))
	d.fitPlot(&c, float64(1+leadLines)*linePitch)
	d.ensure(float64(1+leadLines)*linePitch + d.chartHeight(c))
	d.paragraph(t.T("brief.output.trend"), headingStyle)
	d.paragraph(lead, bodyStyle)
	d.barChart(c)
}
