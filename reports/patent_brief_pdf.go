package reports

import (
	"io"
	"strconv"

	"scitech/assets"
	"scitech/data"
)

// WritePatentBriefPDF writes the patent brief as a GB/T 9704 简报: red header, title, the year's figures in
// words against the year before, tables by kind, by year and of the companies with the most valid patents,
// and the distribution lines. Nothing is written when a character has no font (the error is a
// *MissingCharsError).
func WritePatentBriefPDF(w io.Writer, b PatentBrief) error {
	return writeText(w, &b)
}

func (b *PatentBrief) year() int { return b.Stats.Year }

// textParts are the brief's tables and charts, by the refs its text places them with.
func (b *PatentBrief) textParts(t *assets.Translator) map[string]textPart {
	p := patentBriefPDF{t: t, b: *b}
	byKind, byYear, top := p.byKind(), p.byYear(), p.top()
	return map[string]textPart{"by_kind": {table: &byKind}, "by_year": {table: &byYear}, "top": {table: &top}}
}

func (b *PatentBrief) editedText() **BriefText { return &b.edited }

func (b *PatentBrief) parts() []string { return []string{"by_kind", "by_year", "top"} }

// madeText is the patent brief's text: the overview in words, and a heading over each table.
func (b *PatentBrief) madeText(t *assets.Translator) BriefText {
	p := patentBriefPDF{t: t, b: *b}
	bt := newText(t, b.Stats.Year, "brief.patents.title", "brief.kinds.subtitle")
	bt.add(BlockHeading, t.T("brief.patents.h.overview"))
	bt.add(BlockParagraph, p.overview())
	bt.add(BlockHeading, t.T("brief.patents.h.by_kind"))
	bt.add(BlockTable, "by_kind")
	bt.add(BlockHeading, t.T("brief17.patents.h.by_year", map[string]any{"N": countWord(t, len(p.shownYears())),
		"Count": len(p.shownYears())}))
	bt.add(BlockTable, "by_year")
	bt.add(BlockHeading, t.T("brief.patents.h.top", map[string]any{"N": TopCount}))
	if len(b.Top) == 0 {
		bt.add(BlockParagraph, t.T("brief.patents.top.none", map[string]any{"Year": b.Stats.Year}))
	} else {
		bt.add(BlockTable, "top")
	}
	return bt.BriefText
}

// shownYears are the years of the table by year: those of ByYear from the first with any patent figure, so
// that a district whose records start two years ago shows two years and says 近两年, not five.
func (p patentBriefPDF) shownYears() []data.Stats {
	for i, st := range p.b.ByYear {
		if st.PatentApplications > 0 || st.PatentGrants > 0 || st.PatentsValid > 0 {
			return p.b.ByYear[i:]
		}
	}
	return p.b.ByYear[len(p.b.ByYear)-1:]
}

// headedTable sets a heading and its table. A short table (up to half a page) that does not fit in what is
// left of this page starts on the next rather than leaving a row or two at the foot of this one; a longer one
// starts here, with room for a few rows, and runs on, repeating its header — moving it whole would leave most
// of a page empty. A note, when not "", is set under the table and kept with its last row.
func headedTable(d *briefDoc, heading string, st paragraphStyle, tb table, note string) {
	h := linePitch + tableHeight(d, tb)
	if h <= textHeight/2 {
		d.ensure(h)
	} else {
		d.ensure(min(h, linePitch+tableStartMM))
	}
	d.paragraph(heading, st)
	if note != "" {
		d.tableWithNote(tb, note, noteStyle)
		return
	}
	d.table(tb)
}

// tableStartMM is the room a long table needs at the foot of a page to start there: its header and a few rows.
const tableStartMM = 45.0

// tableHeight is the height of a table set on one page: its header row and every row.
func tableHeight(d *briefDoc, tb table) float64 {
	cells := make([][]string, len(tb.cols))
	for j, c := range tb.cols {
		cells[j] = d.cellLines(c.header, c.width, RoleHeading)
	}
	h := d.rowHeight(cells)
	for i, row := range tb.rows {
		for j, c := range tb.cols {
			cells[j] = d.cellLines(row[j], c.width, cellRole(c, tb.totals[i]))
		}
		h += d.rowHeight(cells)
	}
	return h
}

type patentBriefPDF struct {
	t *assets.Translator
	b PatentBrief
}

// overview says the year's three figures, each with its change against the year before.
func (p patentBriefPDF) overview() string {
	st, t := p.b.Stats, p.t
	prev, ok := p.b.Prev()
	args := map[string]any{"Year": st.Year, "Apps": st.PatentApplications, "Grants": st.PatentGrants,
		"Valid": st.PatentsValid}
	if !ok || (prev.PatentApplications == 0 && prev.PatentGrants == 0 && prev.PatentsValid == 0) {
		return sentences(t, t.T("brief.patents.overview", args),
			t.T("brief.patents.no_prev", map[string]any{"Prev": st.Year - 1}))
	}
	args["AppsChange"] = countChange(t, st.PatentApplications, prev.PatentApplications)
	args["GrantsChange"] = countChange(t, st.PatentGrants, prev.PatentGrants)
	args["ValidChange"] = countChange(t, st.PatentsValid, prev.PatentsValid)
	return t.T("brief.patents.overview.change", args)
}

// countChange says how a count changed against the year before: 比上年增加5件（增长8.6%）, 与上年持平.
func countChange(t *assets.Translator, cur, prev int) string {
	diff := cur - prev
	g := data.CountGrowth(cur, prev)
	switch {
	case diff > 0 && g.Valid:
		return t.T("brief.patents.more.pct", map[string]any{"N": diff, "Pct": g.String()})
	case diff > 0:
		return t.T("brief.patents.more", map[string]any{"N": diff})
	case diff < 0:
		return t.T("brief.patents.fewer.pct", map[string]any{"N": -diff,
			"Pct": data.Growth{Tenths: -g.Tenths, Valid: true}.String()})
	}
	return t.T("brief.patents.flat")
}

// figureColumns are the three figure columns of the tables by kind and by year.
func (p patentBriefPDF) figureColumns(first string) []column {
	return []column{
		{header: p.t.T(first), width: 42},
		{header: p.t.T("brief.patents.col.apps"), width: 38, right: true},
		{header: p.t.T("brief.patents.col.grants"), width: 38, right: true},
		{header: p.t.T("brief.patents.col.valid"), width: 38, right: true},
	}
}

// byKind lists the kinds with a 合计 row of the year's figures.
func (p patentBriefPDF) byKind() table {
	st := p.b.Stats
	tb := table{cols: p.figureColumns("brief.patents.col.kind"), totals: map[int]bool{}}
	for _, r := range p.b.ByKind {
		tb.rows = append(tb.rows, []string{p.t.T("patent.kind." + r.Kind), strconv.Itoa(r.Applications),
			strconv.Itoa(r.Grants), strconv.Itoa(r.Valid)})
	}
	tb.totals[len(tb.rows)] = true
	tb.rows = append(tb.rows, []string{p.t.T("brief.total"), strconv.Itoa(st.PatentApplications),
		strconv.Itoa(st.PatentGrants), strconv.Itoa(st.PatentsValid)})
	return tb
}

func (p patentBriefPDF) byYear() table {
	tb := table{cols: p.figureColumns("brief.patents.col.year")}
	for _, st := range p.shownYears() {
		tb.rows = append(tb.rows, []string{p.t.T("brief.patents.year", map[string]any{"Year": st.Year}),
			strconv.Itoa(st.PatentApplications), strconv.Itoa(st.PatentGrants), strconv.Itoa(st.PatentsValid)})
	}
	return tb
}

func (p patentBriefPDF) top() table {
	tb := table{cols: []column{
		{header: p.t.T("brief.col.rank"), width: 16, right: true},
		{header: p.t.T("brief.col.company"), width: 100},
		{header: p.t.T("brief.patents.col.valid"), width: 40, right: true},
	}}
	for i, c := range p.b.Top {
		tb.rows = append(tb.rows, []string{strconv.Itoa(i + 1), c.Name, strconv.Itoa(c.Count)})
	}
	return tb
}
