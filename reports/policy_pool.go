package reports

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// PolicyPool is the 高企培育库: the companies that could be recognised as high-tech enterprises in a year or
// that miss it narrowly, closest first, for the bureau to help along. It prints as a list in the brief layout
// (red header, title, the list, the 版记) and as a workbook. It is not a kind of brief the register numbers: it
// is a working list, printed as often as the records change, so its header carries the draft mark of Settings
// unless the caller gives a number.
type PolicyPool struct {
	BriefHeader
	Year    int
	Checked int                // how many companies were checked (0: the list does not say)
	Checks  []data.PolicyCheck // the pool's 高企 checks with their Lines (InPolicyPool), ranked by RankPolicyPool
}

// InPolicyPool reports whether a check puts its company in the 培育库: a 高企 check that is met (符合), that the
// experts' points could decide (可能), or that misses only narrowly (接近). Call it inside
// data.Store.PolicyChecks' callback, so that a district's checks are not all kept to pick a few.
func InPolicyPool(pc *data.PolicyCheck) bool {
	if pc.Policy != data.PolicyGaoqi {
		return false
	}
	switch pc.Verdict {
	case data.VerdictMeets, data.VerdictPossible, data.VerdictNear:
		return true
	}
	return false
}

// RankPolicyPool orders checks closest to recognition first: by verdict (符合, 可能, 接近, then the rest), then
// by how many rules are not yet met, then by the score's minimum and maximum (higher first), then by name
// and USCC, so that the order never depends on the order the checks came in.
func RankPolicyPool(checks []data.PolicyCheck) {
	slices.SortStableFunc(checks, func(a, b data.PolicyCheck) int {
		return cmp.Or(cmp.Compare(poolRank(a.Verdict), poolRank(b.Verdict)), cmp.Compare(unmet(a), unmet(b)),
			-cmp.Compare(scoreOf(a).Min, scoreOf(b).Min), -cmp.Compare(scoreOf(a).Max, scoreOf(b).Max),
			strings.Compare(a.Name, b.Name), strings.Compare(a.USCC, b.USCC))
	})
}

func poolRank(v data.Verdict) int {
	switch v {
	case data.VerdictMeets:
		return 0
	case data.VerdictPossible:
		return 1
	case data.VerdictNear:
		return 2
	case data.VerdictMissing:
		return 3
	}
	return 4
}

// unmet counts the rules a check does not meet (a score the experts decide counts as met).
func unmet(pc data.PolicyCheck) int {
	n := 0
	for _, l := range pc.Lines {
		if l.Verdict != data.VerdictMeets && l.Verdict != data.VerdictPossible {
			n++
		}
	}
	return n
}

func scoreOf(pc data.PolicyCheck) data.ScoreRange {
	for _, l := range pc.Lines {
		if l.Score != nil {
			return *l.Score
		}
	}
	return data.ScoreRange{}
}

// unmetText names the rules a check does not meet, each with the company's ratio where it has one:
// 研究开发费用占比 4.61%（接近）.
func unmetText(t *assets.Translator, pc data.PolicyCheck) string {
	var parts []string
	for _, l := range pc.Lines {
		if l.Verdict == data.VerdictMeets || l.Verdict == data.VerdictPossible {
			continue
		}
		ratio := l.Ratio
		if l.Score != nil {
			ratio = lineRatio(t, l)
		}
		parts = append(parts, strings.TrimSpace(t.T("policy_letter.unmet", map[string]any{"Rule": t.T("policy_letter.rule." + l.Rule),
			"Ratio": ratio, "Verdict": t.T("policy.verdict." + string(l.Verdict))})))
	}
	return strings.Join(parts, t.T("policy_letter.figure_sep"))
}

// poolCounts counts the pool's companies by verdict.
func (p *PolicyPool) poolCounts() map[string]any {
	n := map[data.Verdict]int{}
	for _, pc := range p.Checks {
		n[pc.Verdict]++
	}
	return map[string]any{"Year": p.Year, "N": len(p.Checks), "Checked": p.Checked, "Meets": n[data.VerdictMeets],
		"Possible": n[data.VerdictPossible], "Near": n[data.VerdictNear]}
}

// WritePolicyPoolPDF writes the 培育库 as a list in the brief layout: the red header, the title, what the list
// holds and how it was drawn, a table of the companies (rank, name, verdict, innovation score, the rules not
// yet met), and the 版记. Nothing is written when a character has no font.
func WritePolicyPoolPDF(w io.Writer, p PolicyPool) error {
	t, err := p.prepare(p.Year, true)
	if err != nil {
		return err
	}
	title := t.T("policy_letter.pool.title", map[string]any{"Year": p.Year})
	d := newBriefDoc(p.Fonts, title, p.Date)
	d.pdf.SetAuthor(p.Settings.IssuingUnit, true)
	d.spread = t.Lang == "zh"
	d.redHeader(t, p.BriefHeader)
	d.paragraph(title, titleStyle)
	d.blankLine()
	args := p.poolCounts()
	lead := "policy_letter.pool.lead"
	if p.Checked == 0 {
		lead = "policy_letter.pool.lead_uncounted"
	}
	if len(p.Checks) == 0 {
		lead = "policy_letter.pool.none"
	}
	d.paragraph(t.T(lead, args), bodyStyle)
	if len(p.Checks) > 0 {
		d.tableWithNote(poolTable(t, p.Checks), t.T("policy_letter.pool.note"), noteStyle)
	}
	d.distribution(t, p.Distribution)
	return d.finish(w)
}

func poolTable(t *assets.Translator, checks []data.PolicyCheck) table {
	tb := table{cols: []column{
		{header: t.T("brief.col.rank"), width: 12, right: true},
		{header: t.T("policy_letter.pool.col.company"), width: 42},
		{header: t.T("policy_letter.col.verdict"), width: 22},
		{header: t.T("policy_letter.pool.col.score"), width: 22, right: true},
		{header: t.T("policy_letter.pool.col.unmet"), width: 58},
	}}
	for i, pc := range checks {
		tb.rows = append(tb.rows, []string{strconv.Itoa(i + 1), pc.Name, sentenceCase(t.T("policy.verdict." + string(pc.Verdict))),
			scoreText(t, pc), sentenceCase(unmetText(t, pc))})
	}
	return tb
}

// scoreText is a check's score as a cell gives it (42–90), or "".
func scoreText(t *assets.Translator, pc data.PolicyCheck) string {
	for _, l := range pc.Lines {
		if l.Score != nil {
			return lineRatio(t, l)
		}
	}
	return ""
}

// WritePolicyPoolXLSX writes the 培育库 as a workbook of one sheet, a company a row: rank, USCC, name, verdict,
// the score's minimum and maximum, the rules not yet met and the fields the records lack, titled and set to
// print on A4 like the briefs' sheets.
func WritePolicyPoolXLSX(w io.Writer, p PolicyPool) error {
	return p.writeXLSX(w, p.Year, "policy_letter.pool.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, p.BriefHeader, p.Year, "policy_letter.pool.title")
		return []func() error{func() error {
			name := t.T("policy_letter.pool.sheet")
			headers := []string{t.T("brief.col.rank"), t.T("policy_letter.pool.col.uscc"), t.T("policy_letter.pool.col.company"),
				t.T("policy_letter.col.verdict"), t.T("policy_letter.pool.col.score_min"), t.T("policy_letter.pool.col.score_max"),
				t.T("policy_letter.pool.col.unmet"), t.T("policy_letter.pool.col.missing")}
			if err := x.sheet(name, headers, []float64{6, 22, 30, 8, 10, 10, 40, 30}); err != nil {
				return err
			}
			for i, pc := range p.Checks {
				s := scoreOf(pc)
				if err := x.row(name, firstRow+i, x.n(i+1), x.str(pc.USCC), x.str(pc.Name),
					x.str(sentenceCase(t.T("policy.verdict."+string(pc.Verdict)))), x.n(s.Min), x.n(s.Max),
					x.str(sentenceCase(unmetText(t, pc))), x.str(sentenceCase(PolicyFieldNames(t, pc.Missing)))); err != nil {
					return err
				}
			}
			return nil
		}}
	})
}
