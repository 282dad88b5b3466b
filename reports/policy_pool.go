package reports

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// poolDeclaredMark follows the name of a company whose check reads figures it declared in an application for
// a year the bureau has no output row of (data.DeclaredFigures): the note under the table says so, since such a
// verdict rests on the company's word until the statistics of that year are in.
const poolDeclaredMark = "*"

// declaredYears are the years of a check's figures that came from declared rows, each once, in order.
func declaredYears(pc data.PolicyCheck) []int {
	var years []int
	for _, l := range pc.Lines {
		for _, y := range l.Declared {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	slices.Sort(years)
	return years
}

// poolRenewMark follows the name of a company whose 高企 certificate runs out by the end of the year after the
// year checked: it must be recognised again, the bureau's first concern in the pool.
const poolRenewMark = "△"

// renewing tells whether the check's company holds a certificate that runs out by the end of the next year.
func renewing(pc data.PolicyCheck) bool {
	c := pc.Certificate
	return c != nil && len(c.Expires) >= 4 && c.Expires[:4] <= strconv.Itoa(pc.Year+1)
}

func (p *PolicyPool) anyDeclared() bool {
	for _, pc := range p.Checks {
		if len(declaredYears(pc)) > 0 {
			return true
		}
	}
	return false
}

// certField is the number (or, number false, the expiry date) of the certificate the check's company holds, or "".
func certField(pc data.PolicyCheck, number bool) string {
	switch {
	case pc.Certificate == nil:
		return ""
	case number:
		return pc.Certificate.Number
	}
	return pc.Certificate.Expires
}

// yearList writes years as a list: 2023、2024.
func yearList(t *assets.Translator, years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, t.T("policy_letter.value_sep"))
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
		note := t.T("policy_letter.pool.note")
		if p.anyDeclared() {
			note += t.T("policy18_letter.pool.declared_note", map[string]any{"Mark": poolDeclaredMark})
		}
		if slices.ContainsFunc(p.Checks, renewing) {
			note += t.T("policy18_letter.pool.renew_note", map[string]any{"Mark": poolRenewMark, "Year": p.Year + 1})
		}
		d.tableWithNote(poolTable(d, t, p.Checks), note, noteStyle)
	}
	d.distribution(t, p.Distribution)
	return d.finish(w)
}

// poolPt is the size of the 培育库's table: 五号 (10.5 pt), a size under a brief's tables, so that a company's
// full name (大连旅顺检测认证技术服务有限公司, sixteen characters) stands on one line beside the rules it has
// yet to meet; at 小四 it broke inside the name (大连中科催化新能源 / 有限公司).
const poolPt = 10.5

// poolTable is the pool as a table whose rank, name, verdict and score columns are as wide as their widest
// cell (a name between poolNameMin and poolNameMax millimetres), the rules not yet met taking the rest of the
// text width: in English "Near miss" and "39-88 points" broke in columns made for 接近 and 39–88分.
func poolTable(d *briefDoc, t *assets.Translator, checks []data.PolicyCheck) table {
	rows := make([][]string, len(checks))
	for i, pc := range checks {
		name := pc.Name
		if len(declaredYears(pc)) > 0 {
			name += poolDeclaredMark
		}
		if renewing(pc) {
			name += poolRenewMark
		}
		rows[i] = []string{strconv.Itoa(i + 1), name, sentenceCase(t.T("policy.verdict." + string(pc.Verdict))),
			scoreText(t, pc), sentenceCase(unmetText(t, pc))}
	}
	cols := []column{
		{header: t.T("brief.col.rank"), right: true},
		{header: t.T("policy_letter.pool.col.company")},
		{header: t.T("policy_letter.col.verdict")},
		{header: t.T("policy_letter.pool.col.score"), right: true},
		{header: t.T("policy_letter.pool.col.unmet")},
	}
	pad := 2*cellPadX + 0.5
	fit := func(col int, least float64) float64 {
		// A column is as wide as two characters of a Chinese header (序号, 结论; a longer one takes two
		// lines) and as the words of an English one (Score, never Scor/e).
		w := max(least, d.width("序号", RoleHeading, poolPt)+pad)
		for _, word := range strings.Fields(cols[col].header) {
			if len(word) == utf8.RuneCountInString(word) {
				w = max(w, d.width(word, RoleHeading, poolPt)+pad)
			}
		}
		for _, r := range rows {
			w = max(w, d.width(r[col], RoleBody, poolPt)+pad)
		}
		return w
	}
	cols[0].width, cols[2].width, cols[3].width = fit(0, 0), fit(2, 0), fit(3, 0)
	cols[1].width = min(fit(1, poolNameMin), poolNameMax)
	cols[4].width = textWidth - cols[0].width - cols[1].width - cols[2].width - cols[3].width
	return table{pt: poolPt, rows: rows, cols: cols}
}

// The name column's bounds: wide enough for its header and a short name, and never so wide that the rules not
// met (研究开发费用占比 4.61%（接近）) are squeezed into a column a few characters wide.
const (
	poolNameMin = 36.0
	poolNameMax = 72.0
)

// scoreText is a check's score as the pool's cell gives it (42–90分; in English 42-90, its column headed
// Score: "42-90 points" broke in two), or "".
func scoreText(t *assets.Translator, pc data.PolicyCheck) string {
	for _, l := range pc.Lines {
		switch {
		case l.Score == nil:
		case l.Score.Min == l.Score.Max:
			return t.T("policy18_letter.pool.points", map[string]any{"N": l.Score.Min})
		default:
			return t.T("policy18_letter.pool.points_range", map[string]any{"Min": l.Score.Min, "Max": l.Score.Max})
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
				t.T("policy_letter.pool.col.unmet"), t.T("policy_letter.pool.col.missing"), t.T("policy18_letter.pool.col.declared"),
				t.T("policy18_letter.pool.col.cert"), t.T("policy18_letter.pool.col.cert_expires")}
			if err := x.sheet(name, headers, []float64{6, 22, 30, 8, 10, 10, 40, 30, 12, 18, 12}); err != nil {
				return err
			}
			for i, pc := range p.Checks {
				s := scoreOf(pc)
				if err := x.row(name, firstRow+i, x.n(i+1), x.str(pc.USCC), x.str(pc.Name),
					x.str(sentenceCase(t.T("policy.verdict."+string(pc.Verdict)))), x.n(s.Min), x.n(s.Max),
					x.str(sentenceCase(unmetText(t, pc))), x.str(sentenceCase(PolicyFieldNames(t, pc.Missing))),
					x.str(yearList(t, declaredYears(pc))), x.str(certField(pc, true)), x.str(certField(pc, false))); err != nil {
					return err
				}
			}
			return nil
		}}
	})
}
