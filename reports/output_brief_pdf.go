package reports

import (
	"io"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// WriteOutputBriefPDF writes the high-tech product output brief as a GB/T 9704 简报: red header, title, the
// year's figures in words, tables by field, by park and of the ten largest companies, the chart of the last
// years, and the distribution lines. Nothing is written when a character has no font (the error is a
// *MissingCharsError).
func WriteOutputBriefPDF(w io.Writer, b OutputBrief) error {
	return writeText(w, &b)
}

func (b *OutputBrief) year() int { return b.Summary.Year }

// textParts are the brief's tables and charts, by the refs its text places them with.
func (b *OutputBrief) textParts(t *assets.Translator) map[string]textPart {
	o := outputBriefPDF{t: t, b: *b}
	byField := o.groupTable("brief.col.field", b.Summary.ByField, func(k string) string { return fieldLabel(t, k) })
	byPark := o.groupTable("brief.col.park", b.Summary.ByPark, func(k string) string { return parkLabel(t, k) })
	top, chart := o.topTable(), o.chart()
	return map[string]textPart{"by_field": {table: &byField}, "by_park": {table: &byPark}, "top": {table: &top},
		"trend": {chart: &chart}}
}

func (b *OutputBrief) editedText() **BriefText { return &b.edited }

func (b *OutputBrief) parts() []string { return []string{"by_field", "by_park", "top", "trend"} }

// madeText is the output brief's text: the year in words, each table under its heading and lead sentence,
// the chart of the last years when there are two or more, and the note on units.
func (b *OutputBrief) madeText(t *assets.Translator) BriefText {
	o := outputBriefPDF{t: t, b: *b}
	sum := b.Summary
	bt := newText(t, sum.Year, "brief.output.title", "")
	bt.add(BlockParagraph, o.lead())
	bt.add(BlockHeading, t.T("brief.output.by_field"))
	if g, ok := largestGroup(sum.ByField); ok {
		bt.add(BlockParagraph, t.T("brief17.output.field_lead", map[string]any{"Field": fieldLabel(t, g.Key),
			"Output": o.amount(g.Output), "Share": SharePct(g.Output, sum.Output)}))
	}
	bt.add(BlockTable, "by_field")
	bt.add(BlockHeading, t.T("brief.output.by_park"))
	if in := sum.InParks(); in.Companies > 0 {
		bt.add(BlockParagraph, t.T("brief17.output.park_lead", map[string]any{"Companies": in.Companies,
			"Output": o.amount(in.Output), "Share": SharePct(in.Output, sum.Output)}))
	}
	bt.add(BlockTable, "by_park")
	if rows := sum.Top(TopCount); len(rows) > 0 {
		bt.add(BlockHeading, t.T("brief.output.top"))
		out := data.Sum(rows).Output
		bt.add(BlockParagraph, t.T("brief17.output.top_lead", map[string]any{"N": len(rows), "Output": o.amount(out),
			"Share": SharePct(out, sum.Output)}))
		bt.add(BlockTable, "top")
	}
	bt.add(BlockNote, t.T("brief.note"))
	if len(b.Years) >= 2 {
		args := map[string]any{"From": b.Years[0].Year, "To": b.Years[len(b.Years)-1].Year,
			"N": countWord(t, len(b.Years)), "Count": len(b.Years)}
		bt.add(BlockHeading, t.T("brief17.output.trend", args))
		bt.add(BlockParagraph, t.T("brief.output.trend_lead", args))
		bt.add(BlockChart, "trend")
	}
	return bt.BriefText
}

// amount is an amount in the brief's prose: 万元 in Chinese, as the tables give it, and billion yuan in
// English, as the published article writes it.
func (o outputBriefPDF) amount(y data.Yuan) string {
	if o.t.Lang == "zh" {
		return y.Wan()
	}
	return y.Billion()
}

// outputBriefPDF sets the sections of the output brief.
type outputBriefPDF struct {
	t *assets.Translator
	b OutputBrief
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
	output, added := st.Output.Yi(), st.AddedValue.Yi()
	if o.t.Lang != "zh" {
		output, added = st.Output.Billion(), st.AddedValue.Billion()
	}
	return sentences(o.t, o.t.T("brief17.output.lead", map[string]any{"Year": st.Year,
		"Companies": st.ReportingCompanies, "Output": output, "Added": added}),
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

// changePhrase says how a figure changed: 增长9.1%, 下降3.0%, 持平, or that there is no base. English keeps the
// percent sign on its figure ("grew by 9.1%"), so that a line never starts with it.
func changePhrase(t *assets.Translator, g data.Growth) string {
	switch {
	case !g.Valid:
		return t.T("brief.change.none")
	case g.Tenths > 0:
		return t.T("brief17.change.up", map[string]any{"Pct": g.String()})
	case g.Tenths < 0:
		return t.T("brief17.change.down", map[string]any{"Pct": data.Growth{Tenths: -g.Tenths, Valid: true}.String()})
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

// topTable lists the largest companies, with a row adding them up.
func (o outputBriefPDF) topTable() table {
	sum, t := o.b.Summary, o.t
	rows := sum.Top(TopCount)
	top := data.Sum(rows)
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
	tb.rows = append(tb.rows, []string{"", t.T("brief.total"), "", "", top.Output.Wan(), top.AddedValue.Wan()})
	return tb
}

// chart is the output and added value of the last years as a bar chart.
func (o outputBriefPDF) chart() barChart {
	years, t := o.b.Years, o.t
	if len(years) == 0 {
		return barChart{}
	}
	args := map[string]any{"From": years[0].Year, "To": years[len(years)-1].Year}
	// English says billion yuan, as its prose does; Chinese 亿元.
	unit, label := 1e8, data.Yuan.Yi
	if t.Lang != "zh" {
		unit, label = 1e9, data.Yuan.Billion
	}
	c := barChart{caption: t.T("brief17.output.chart_caption", args), series: []barSeries{
		{name: t.T("brief.chart.output"), color: chartColors[0]},
		{name: t.T("brief.chart.added_value"), color: chartColors[1]},
	}}
	for _, y := range years {
		c.categories = append(c.categories, strconv.Itoa(y.Year))
		c.series[0].values = append(c.series[0].values, float64(y.Output)/unit)
		c.series[0].labels = append(c.series[0].labels, label(y.Output))
		c.series[1].values = append(c.series[1].values, float64(y.AddedValue)/unit)
		c.series[1].labels = append(c.series[1].labels, label(y.AddedValue))
	}
	return c
}
