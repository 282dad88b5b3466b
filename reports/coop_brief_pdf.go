package reports

import (
	"io"
	"strconv"

	"scitech/assets"
)

// WriteCoopBriefPDF writes the cooperation brief as a GB/T 9704 简报: red header, title, the year's
// cooperation in words, tables of the institutions, the bases and the projects and new products, and the
// distribution lines. Nothing is written when a character has no font (the error is a *MissingCharsError).
func WriteCoopBriefPDF(w io.Writer, b CoopBrief) error {
	return writeText(w, &b)
}

func (b *CoopBrief) year() int { return b.Stats.Year }

// textParts are the brief's tables and charts, by the refs its text places them with.
func (b *CoopBrief) textParts(t *assets.Translator) map[string]textPart {
	p := coopBriefPDF{t: t, b: *b}
	inst, bases, outcomes := p.institutions(), p.bases(), p.outcomes()
	return map[string]textPart{"institutions": {table: &inst}, "bases": {table: &bases},
		"outcomes": {table: &outcomes}}
}

func (b *CoopBrief) editedText() **BriefText { return &b.edited }

func (b *CoopBrief) parts() []string { return []string{"institutions", "bases", "outcomes"} }

// madeText is the cooperation brief's text: the overview in words, and a heading over each table; a table
// without rows is left out with its heading.
func (b *CoopBrief) madeText(t *assets.Translator) BriefText {
	p := coopBriefPDF{t: t, b: *b}
	bt := newText(t, b.Stats.Year, "brief.coop.title", "brief.kinds.subtitle")
	bt.add(BlockHeading, t.T("brief.coop.h.overview"))
	bt.add(BlockParagraph, p.overview())
	if len(b.ByInstitution) > 0 {
		bt.add(BlockHeading, t.T("brief.coop.h.institutions"))
		bt.add(BlockTable, "institutions")
	}
	if len(b.Bases().Rows) > 0 {
		bt.add(BlockHeading, t.T("brief.coop.h.bases"))
		bt.add(BlockTable, "bases")
	}
	bt.add(BlockHeading, t.T("brief.coop.h.outcomes"))
	bt.add(BlockTable, "outcomes")
	return bt.BriefText
}

type coopBriefPDF struct {
	t *assets.Translator
	b CoopBrief
}

func (p coopBriefPDF) outcome(kind string) CoopOutcomeRow {
	for _, r := range p.b.Outcomes {
		if r.Kind == kind {
			return r
		}
	}
	return CoopOutcomeRow{Kind: kind}
}

// overview: the programme, the companies, institutions and cooperations, the bases and the outcomes.
func (p coopBriefPDF) overview() string {
	st, t := p.b.Stats, p.t
	inYear := 0
	for _, r := range p.b.Outcomes {
		inYear += r.InYear
	}
	args := map[string]any{"Year": st.Year, "Companies": st.CoopCompanies, "Institutions": st.CoopInstitutions,
		"Coops": p.b.Cooperations, "Bases": st.CoopBases, "Outcomes": st.CoopOutcomes, "InYear": inYear,
		"Projects": p.outcome("project").Cumulative, "Products": p.outcome("product").Cumulative}
	s := t.T("brief.coop.none", args)
	if st.CoopCompanies > 0 {
		s = t.T("brief.coop.active", args)
		if len(p.b.Programmes) > 0 {
			args["Programme"] = p.b.Programmes[0].Name
			s = t.T("brief.coop.programme", args)
		}
	}
	return sentences(t, s, t.T("brief.coop.results", args))
}

func (p coopBriefPDF) institutions() table {
	tb := table{cols: []column{
		{header: p.t.T("brief.col.rank"), width: 14, right: true},
		{header: p.t.T("brief.coop.col.institution"), width: 82},
		{header: p.t.T("brief.coop.col.companies"), width: 30, right: true},
		{header: p.t.T("brief.coop.col.coops"), width: 30, right: true},
	}, totals: map[int]bool{}}
	for i, in := range p.b.ByInstitution {
		tb.rows = append(tb.rows, []string{strconv.Itoa(i + 1), in.Name, strconv.Itoa(in.Companies),
			strconv.Itoa(in.Cooperations)})
	}
	tb.totals[len(tb.rows)] = true
	tb.rows = append(tb.rows, []string{"", p.t.T("brief.total"), strconv.Itoa(p.b.Stats.CoopCompanies),
		strconv.Itoa(p.b.Cooperations)})
	return tb
}

// bases lists the bases from the records behind coop_bases (name, company, institution, established).
func (p coopBriefPDF) bases() table {
	tb := table{cols: []column{
		{header: p.t.T("brief.col.rank"), width: 12, right: true},
		{header: p.t.T("brief.coop.col.base"), width: 44},
		{header: p.t.T("brief.col.company"), width: 42},
		{header: p.t.T("brief.coop.col.institution"), width: 30},
		{header: p.t.T("brief.coop.col.established"), width: 28},
	}}
	for i, r := range p.b.Bases().Rows {
		tb.rows = append(tb.rows, append([]string{strconv.Itoa(i + 1)}, r...))
	}
	return tb
}

func (p coopBriefPDF) outcomes() table {
	tb := table{cols: []column{
		{header: p.t.T("brief.coop.col.kind"), width: 52},
		{header: p.t.T("brief.coop.col.in_year"), width: 52, right: true},
		{header: p.t.T("brief.coop.col.cumulative"), width: 52, right: true},
	}, totals: map[int]bool{}}
	inYear := 0
	for _, r := range p.b.Outcomes {
		tb.rows = append(tb.rows, []string{p.t.T("outcome.kind." + r.Kind), strconv.Itoa(r.InYear),
			strconv.Itoa(r.Cumulative)})
		inYear += r.InYear
	}
	tb.totals[len(tb.rows)] = true
	tb.rows = append(tb.rows, []string{p.t.T("brief.total"), strconv.Itoa(inYear), strconv.Itoa(p.b.Stats.CoopOutcomes)})
	return tb
}
