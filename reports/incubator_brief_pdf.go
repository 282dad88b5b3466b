package reports

import (
	"io"
	"strconv"

	"scitech/assets"
	"scitech/data"
)

// WriteIncubatorBriefPDF writes the incubator brief as a GB/T 9704 简报: red header, title, the incubators, the
// teams introduced and the companies signed and graduated in words, the applications by status, and the
// distribution lines. Nothing is written when a character has no font (the error is a *MissingCharsError).
func WriteIncubatorBriefPDF(w io.Writer, b IncubatorBrief) error {
	return writeText(w, &b)
}

func (b *IncubatorBrief) year() int { return b.Stats.Year }

// textParts are the brief's tables and charts, by the refs its text places them with.
func (b *IncubatorBrief) textParts(t *assets.Translator) map[string]textPart {
	p := incubatorBriefPDF{t: t, b: *b}
	inc, st := p.incubators(), p.statuses()
	return map[string]textPart{"incubators": {table: &inc}, "statuses": {table: &st}}
}

func (b *IncubatorBrief) editedText() **BriefText { return &b.edited }

func (b *IncubatorBrief) parts() []string { return []string{"incubators", "statuses"} }

// madeText is the incubator brief's text: the incubators and their table, the teams and companies in words,
// and the applications by status.
func (b *IncubatorBrief) madeText(t *assets.Translator) BriefText {
	p := incubatorBriefPDF{t: t, b: *b}
	bt := newText(t, b.Stats.Year, "brief.incubators.title", "brief.kinds.subtitle")
	bt.add(BlockHeading, t.T("brief.incubators.h.incubators"))
	bt.add(BlockParagraph, t.T("brief.incubators.lead", map[string]any{"Year": b.Stats.Year, "N": len(b.Incubators),
		"Area": b.TotalArea()}))
	bt.add(BlockTable, "incubators")
	bt.add(BlockHeading, t.T("brief.incubators.h.signed"))
	bt.add(BlockParagraph, p.signed())
	bt.add(BlockHeading, t.T("brief.incubators.h.status"))
	bt.add(BlockTable, "statuses")
	return bt.BriefText
}

type incubatorBriefPDF struct {
	t *assets.Translator
	b IncubatorBrief
}

// signed: the teams introduced and where, the companies signed and graduated.
func (p incubatorBriefPDF) signed() string {
	st, t := p.b.Stats, p.t
	args := map[string]any{"Year": st.Year, "Teams": st.TeamsIntroduced, "Signed": st.IncubatorSigned,
		"Graduated": p.b.Status(data.IAppGraduated).AtEnd, "GradYear": p.b.Status(data.IAppGraduated).Entered}
	teams := t.T("brief.incubators.teams.none", args)
	if st.TeamsIntroduced > 0 {
		names := p.b.TeamsInto[:min(PartnersNamed, len(p.b.TeamsInto))]
		args["Incubators"] = listNames(t, names)
		teams = t.T("brief.incubators.teams", args)
	}
	return sentences(t, teams, t.T(noneKey("brief.incubators.signed", st.IncubatorSigned), args))
}

func (p incubatorBriefPDF) incubators() table {
	tb := table{cols: []column{
		{header: p.t.T("brief.col.rank"), width: 14, right: true},
		{header: p.t.T("brief.incubators.col.name"), width: 56},
		{header: p.t.T("brief.incubators.col.level"), width: 28},
		{header: p.t.T("brief.incubators.col.area"), width: 30, right: true},
		{header: p.t.T("brief.incubators.col.apps"), width: 28, right: true},
	}, totals: map[int]bool{}}
	apps := 0
	for i, in := range p.b.Incubators {
		tb.rows = append(tb.rows, []string{strconv.Itoa(i + 1), in.Name, p.t.T("incubator.level." + in.Level),
			strconv.Itoa(in.AreaM2), strconv.Itoa(in.Applications)})
		apps += in.Applications
	}
	tb.totals[len(tb.rows)] = true
	tb.rows = append(tb.rows, []string{"", p.t.T("brief.total"), "", strconv.Itoa(p.b.TotalArea()), strconv.Itoa(apps)})
	return tb
}

func (p incubatorBriefPDF) statuses() table {
	tb := table{cols: []column{
		{header: p.t.T("brief.incubators.col.status"), width: 52},
		{header: p.t.T("brief.incubators.col.at_end"), width: 52, right: true},
		{header: p.t.T("brief.incubators.col.entered"), width: 52, right: true},
	}}
	for _, r := range p.b.ByStatus {
		tb.rows = append(tb.rows, []string{p.t.T("iapp.status." + r.Status), strconv.Itoa(r.AtEnd),
			strconv.Itoa(r.Entered)})
	}
	return tb
}
