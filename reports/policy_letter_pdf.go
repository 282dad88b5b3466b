package reports

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"scitech/assets"
	"scitech/data"
)

// WritePolicyLetterPDF writes a company's 政策体检 as a letter in the layout of the bureau's papers (GB/T 9704's
// 信函格式): the bureau's name in red over a red double rule, the title, the company as addressee, what was
// checked and against which texts, for each policy its verdict and a table of its rules (clause, threshold, the
// company's figures, ratio or score, verdict and why), a closing, and the bureau and date as signature. It fits
// one A4 page for both policies: its tables are set a size smaller than a brief's, and smaller again
// (letterSizes) when a company's figures and reasons wrap onto more lines than that page holds — a letter of
// two pages whose second holds only the signature is what a clerk would retype. Nothing is written when a
// character has no font (the error wraps a *MissingCharsError, as for the briefs).
func WritePolicyLetterPDF(w io.Writer, l PolicyLetter) error {
	if err := l.refuse(); err != nil {
		return err
	}
	_, year := l.company()
	t, err := l.prepare(year, true)
	if err != nil {
		return err
	}
	var d *briefDoc
	for _, pt := range letterSizes {
		if d = l.layout(t, pt); d.pdf.PageNo() == 1 {
			break
		}
	}
	return d.finish(w)
}

// layout sets the whole letter with its tables at pt.
func (l *PolicyLetter) layout(t *assets.Translator, pt float64) *briefDoc {
	name, year := l.company()
	title := t.T("policy_letter.title", map[string]any{"Year": year})
	d := newBriefDoc(l.Fonts, title, l.Date)
	d.pdf.SetAuthor(l.Settings.IssuingUnit, true)
	d.spread = t.Lang == "zh"
	d.letterHead(l.Settings.IssuingUnit)
	// GB/T 9704 7.3.2 leaves a line between the title and the addressee; the letter has one page for the whole
	// check-up and goes without it.
	d.paragraph(title, letterTitleStyle)
	d.paragraph(t.T("policy_letter.addressee", map[string]any{"Company": name}), addresseeStyle)
	d.paragraph(t.T("policy_letter.opening", map[string]any{"Year": year, "Policies": policyNames(t, l.Checks)}), bodyStyle)
	for i, pc := range l.Checks {
		d.paragraph(t.T("policy_letter.part", map[string]any{"N": i + 1, "Zh": chineseNumber(i + 1),
			"Policy": policyName(t, pc.Policy), "Verdict": t.T("policy.verdict." + string(pc.Verdict)),
			"Score": checkScore(t, pc)}), letterHeading(t))
		tb := letterTable(t, pc)
		tb.pt = pt
		d.table(tb)
	}
	d.paragraph(t.T("policy_letter.closing", map[string]any{"Sources": listNames(t, letterSources(t, l.Checks))}), bodyStyle)
	d.signature(l.Settings.IssuingUnit, formatDate(t, l.Date))
	return d
}

// letterHeading is the style of a policy's heading: a Chinese paper indents its headings two characters, as
// its paragraphs; English sets them flush left, which keeps "1. High-tech enterprise: does not meet (score 6-98
// points)" on one line.
func letterHeading(t *assets.Translator) paragraphStyle {
	st := headingStyle
	st.indent = t.Lang == "zh"
	return st
}

// letterSizes are the sizes a letter's tables are tried at, until the letter fits its page: 小五 (9 pt), two
// sizes under a brief's 小四, so that both policies' rules (14 lines) and the letter around them fit one page;
// then a half point less at a time, down to 六号 (7.5 pt), still read without a glass on paper. A letter that
// does not fit even then is printed at the smallest, on two pages.
var letterSizes = []float64{9, 8.5, 8, 7.5}

var (
	addresseeStyle = paragraphStyle{role: RoleBody, size: bodyPt, pitch: linePitch, align: "L"}
	// letterTitleStyle sets the title on the body's grid, a line of it, where a brief's title takes more room:
	// the letter has one page for the company's whole check-up.
	letterTitleStyle = paragraphStyle{role: RoleTitle, size: titlePt, pitch: linePitch, align: "C"}
)

// letterHead sets the head of GB/T 9704's 信函格式 (10.1) on the first page: the bureau's name in red, centred,
// over a red double rule (thick over thin), and a red double rule (thin over thick) 20 mm from the foot of the
// page, both rules 170 mm long. The head stands in the top margin, higher than the standard's 30 mm, so that the
// text keeps the full grid and the check-up fits one page; the first page carries no number (10.1 again).
func (d *briefDoc) letterHead(unit string) {
	size := 26.0
	for size > 16 && d.width(unit, RoleTitle, size) > textWidth {
		size -= 2
	}
	d.pdf.SetTextColor(red[0], red[1], red[2])
	d.centred(marginTop-12, unit, RoleTitle, size)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFillColor(red[0], red[1], red[2])
	x := (pageWidth - letterRuleMM) / 2
	d.rect(x, marginTop-6, letterRuleMM, redRuleMM, "F")
	d.rect(x, marginTop-6+redRuleMM+0.6, letterRuleMM, blackRuleMM, "F")
	foot := 297.0 - 20
	d.rect(x, foot-redRuleMM-0.6-blackRuleMM, letterRuleMM, blackRuleMM, "F")
	d.rect(x, foot-redRuleMM, letterRuleMM, redRuleMM, "F")
	d.pdf.SetFillColor(0, 0, 0)
	d.unnumbered[1] = true
	d.y = marginTop
}

// letterRuleMM is the length of a letter's red rules (GB/T 9704 10.1).
const letterRuleMM = 170.0

// signature sets the sender and the date at the right, under the text, the date under the name and both
// ending four characters from the right edge of the text area, as GB/T 9704 7.3.5 places a signature.
func (d *briefDoc) signature(unit, date string) {
	d.blankLine()
	d.ensure(2 * linePitch)
	right := marginLeft + textWidth - 4*bodyPt*mmPerPt
	uw, dw := d.width(unit, RoleBody, bodyPt), d.width(date, RoleBody, bodyPt)
	centre := right - max(uw, dw)/2
	d.text(centre-uw/2, baseline(d.y, linePitch, bodyPt), unit, RoleBody, bodyPt)
	d.y += linePitch
	d.text(centre-dw/2, baseline(d.y, linePitch, bodyPt), date, RoleBody, bodyPt)
	d.y += linePitch
}

// letterTable is one policy's rules as a table of the letter, in narrow columns: the article the clauses share
// heads the clause column (第十一条) and each row gives the rest (第（五）项); the condition by its short name; the
// company's own bar; its figures (amounts of several years as their sums, from which the ratio is computed),
// and why a rule failed or what the records lack; the ratio or score; the verdict.
func letterTable(t *assets.Translator, pc data.PolicyCheck) table {
	rows := policyRows(t, pc, true)
	clauses := make([]string, len(rows))
	for i, r := range rows {
		clauses[i] = r.clause
	}
	head, article := t.T("policy_letter.col.clause"), ""
	if t.Lang == "zh" {
		if article = sharedArticle(clauses); article != "" {
			head = article
		}
	}
	// English words are longer than the Chinese: its conditions and verdicts take width from the figures.
	w := [5]float64{20, 36, 69, 15, 16}
	if t.Lang != "zh" {
		w = [5]float64{19, 40, 58, 15, 24}
	}
	tb := table{pt: letterSizes[0], cols: []column{
		{header: head, width: w[0]},
		{header: t.T("policy_letter.col.rule"), width: w[1]},
		{header: t.T("policy_letter.col.figures"), width: w[2]},
		{header: t.T("policy_letter.col.ratio"), width: w[3], right: true},
		{header: t.T("policy_letter.col.verdict"), width: w[4]},
	}}
	for i, r := range rows {
		l := pc.Lines[i]
		figures := r.figures
		if r.note != "" && letterNotes(l) {
			figures = strings.Join(slices.DeleteFunc([]string{figures, r.note}, func(s string) bool { return s == "" }),
				t.T("policy_letter.figure_sep"))
		}
		rule := t.T("policy_letter.rule_limit", map[string]any{"Rule": t.T("policy_letter.rule." + l.Rule), "Limit": ruleLimit(t, pc, l)})
		tb.rows = append(tb.rows, []string{strings.TrimPrefix(r.clause, article), rule, sentenceCase(figures), r.ratio,
			sentenceCase(r.verdict)})
	}
	if pc.Policy == data.PolicyGaoqi && pc.Certificate != nil {
		// The certificate the company holds (第十二条: valid three years) closes the 高企 table: a company whose
		// certificate runs out by the end of the next year applies again that year, and the rows above are
		// the figures it applies with. A row, not a sentence: the page has no line to spare.
		args := certificateArgs(t, pc)
		verdict := "policy18_letter.cert.valid"
		if args["Due"] == true {
			verdict = "policy18_letter.cert.due"
		}
		tb.rows = append(tb.rows, []string{t.T("policy18_letter.cert.clause"), t.T("policy18_letter.cert.rule"),
			t.T("policy18_letter.cert.figures", args), "", t.T(verdict, args)})
	}
	return tb
}

// certificateArgs are the certificate's words for the letter (pc.Certificate must be set): number, dates in the letter's form, whether it
// expires by the end of the year after the year checked (Due) and that year.
func certificateArgs(t *assets.Translator, pc data.PolicyCheck) map[string]any {
	c := pc.Certificate
	args := map[string]any{"Number": c.Number, "Issued": c.Issued, "Expires": c.Expires, "Due": false, "Year": pc.Year + 1}
	if d, err := time.Parse(time.DateOnly, c.Issued); err == nil {
		args["Issued"] = formatDate(t, d)
	}
	if d, err := time.Parse(time.DateOnly, c.Expires); err == nil {
		args["Expires"] = formatDate(t, d)
		args["Due"] = d.Year() <= pc.Year+1
		args["Year"] = d.Year()
	}
	return args
}

// letterNotes says whether the letter's narrow table gives a line's reason beside its figures: what the records
// lack, why no ratio could be computed (a zero to divide by), and the route a direct recognition takes. Other
// reasons (below or above the bar, an incident, no IP) only repeat what the figures and verdict already say.
func letterNotes(l data.PolicyLine) bool {
	return len(l.Missing) > 0 || strings.HasPrefix(l.Reason, "zero") || strings.HasPrefix(l.Reason, "direct_")
}

// sentenceCase starts a cell with a capital, as English table cells do; the field names and verdicts it is made
// of are lower case for use inside sentences. Chinese has no case and is left as it is.
func sentenceCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// sharedArticle is the article all clauses start with (第十一条 of 第十一条第（一）项 …), or "" when they share none
// or one of them is nothing but it.
func sharedArticle(clauses []string) string {
	if len(clauses) == 0 {
		return ""
	}
	i := strings.Index(clauses[0], "条")
	if i < 0 {
		return ""
	}
	article := clauses[0][:i+len("条")]
	for _, c := range clauses {
		if !strings.HasPrefix(c, article) || c == article {
			return ""
		}
	}
	return article
}

// ruleLimit is the threshold as the letter's narrow column gives it. A rule whose bar depends on the company's
// sales (the 高企 R&D ratio) gives the company's own bar, picked as the check picks it: the last band whose From
// the latest year's sales exceed.
func ruleLimit(t *assets.Translator, pc data.PolicyCheck, l data.PolicyLine) string {
	if rs, err := data.RuleSetFor(pc.Policy, pc.Year); err == nil {
		if r := rs.Rule(l.Rule); r != nil && len(r.Bands) > 0 {
			for _, f := range l.Figures {
				if f.Field == "annual_output.revenue" && f.Year == pc.Year {
					bp := r.Bands[0].Min
					for _, b := range r.Bands[1:] {
						if f.Value > b.From {
							bp = b.Min
						}
					}
					return t.T("policy_letter.limit.rd_band", map[string]any{"Pct": basisPoints(bp)})
				}
			}
		}
	}
	return t.T("policy_letter.limit." + l.Rule)
}

// basisPoints writes basis points as a percentage: 500 is 5%, 450 is 4.5%.
func basisPoints(bp int) string {
	if bp%100 == 0 {
		return strconv.Itoa(bp/100) + "%"
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%d.%02d", bp/100, bp%100), "0"), ".") + "%"
}

// checkScore is the check's score as the part's heading adds it (高企: 创新能力评价 42–90分), or "".
func checkScore(t *assets.Translator, pc data.PolicyCheck) string {
	for _, l := range pc.Lines {
		if l.Score != nil {
			return t.T("policy_letter.score."+string(pc.Policy), map[string]any{"Score": lineRatio(t, l)})
		}
	}
	return ""
}

// policyNames names the checks' policies as a list: 高新技术企业认定和科技型中小企业评价.
func policyNames(t *assets.Translator, checks []data.PolicyCheck) string {
	names := make([]string, len(checks))
	for i, pc := range checks {
		names[i] = policyName(t, pc.Policy)
	}
	return listNames(t, names)
}

// letterSources are the titles of the texts the checks' rules come from, each once.
func letterSources(t *assets.Translator, checks []data.PolicyCheck) []string {
	var out []string
	for _, pc := range checks {
		if s := t.T("policy_letter.source." + string(pc.Policy)); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// chineseNumber writes 1–10 as the headings of a Chinese paper number their parts: 一、二、.
func chineseNumber(n int) string {
	return string([]rune("〇一二三四五六七八九十")[min(max(n, 0), 10)])
}
