package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// checkupPolicies are the policies a check-up shows, one tab each.
var checkupPolicies = []data.Policy{data.PolicyGaoqi, data.PolicyKexiao}

// policyCheckup is a company's 政策体检 for a year: for each policy its verdict and every rule as one line
// (clause, threshold, the company's figures, the ratio, verdict and reason), the lines exported like a list.
type policyCheckup struct {
	env    *env
	store  policyStore
	win    fyne.Window
	uscc   string
	year   int
	onBack func()
	// backKey names where 返回 goes: the 政策服务 list (policyui.back) or the company's page.
	backKey string

	checks  []data.PolicyCheck // one per checkupPolicies, once read
	title   *widget.Label
	tabs    *container.AppTabs
	lists   []*recordList[data.PolicyLine]
	body    *fyne.Container
	pdfBtn  *widget.Button
	xlsxBtn *widget.Button
	written string // the letter written last, for tests
}

func newPolicyCheckup(e *env, st policyStore, win fyne.Window, uscc string, year int) *policyCheckup {
	return &policyCheckup{env: e, store: st, win: win, uscc: uscc, year: year}
}

func (c *policyCheckup) build() fyne.CanvasObject {
	back := &widget.Button{Text: c.env.T(cmp.Or(c.backKey, "policyui.back")), Icon: theme.NavigateBackIcon(), OnTapped: c.onBack}
	c.title = &widget.Label{Text: c.uscc, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	c.body = container.NewStack(widget.NewLabel(c.env.T("policyui.checking")))
	bar := container.NewBorder(nil, nil, back, container.NewHBox(c.letterButtons()...), c.title)
	c.read() // after the buttons are made: it enables them
	return container.NewBorder(bar, nil, nil, nil, c.body)
}

// read checks the company for each policy off the main goroutine (the query reads its three years of rows).
func (c *policyCheckup) read() {
	checks := make([]data.PolicyCheck, len(checkupPolicies))
	var err error
	inBackground(func() {
		for i, p := range checkupPolicies {
			if checks[i], err = c.store.PolicyCheckOf(bg(), p, c.year, c.uscc); err != nil {
				return
			}
		}
	}, func() {
		if err != nil {
			c.env.showError(c.win, err)
			return
		}
		c.show(checks)
	})
}

func (c *policyCheckup) show(checks []data.PolicyCheck) {
	c.checks = checks
	c.title.SetText(c.env.T("policyui.checkup_title", map[string]any{"Name": checks[0].Name, "USCC": checks[0].USCC,
		"Year": c.year}))
	c.tabs = container.NewAppTabs()
	c.lists = nil
	for _, pc := range checks {
		l := c.linesList(pc)
		c.lists = append(c.lists, l)
		head := &widget.Label{Text: c.summary(pc), Wrapping: fyne.TextWrapWord}
		c.tabs.Append(container.NewTabItem(c.env.T("policyui."+string(pc.Policy))+"  "+
			c.env.T("policy.verdict."+string(pc.Verdict)), container.NewBorder(head, nil, nil, nil, l.build())))
	}
	c.body.Objects = []fyne.CanvasObject{c.tabs}
	c.body.Refresh()
	c.pdfBtn.Enable()
	c.xlsxBtn.Enable()
}

// summary says the verdict, the score and what is missing, and which rules decided it (source and version).
func (c *policyCheckup) summary(pc data.PolicyCheck) string {
	text := c.env.T("policyui.summary", map[string]any{"Verdict": c.env.T("policy.verdict." + string(pc.Verdict))})
	for _, l := range pc.Lines {
		if l.Score != nil {
			text += c.env.T("policyui.summary_score", map[string]any{"Score": rangeText(l.Score.Min, l.Score.Max)})
		}
	}
	if len(pc.Missing) > 0 {
		text += c.env.T("policy.missing_prefix") + c.env.policyFields(pc.Missing)
	}
	if rs, err := data.RuleSetFor(pc.Policy, pc.Year); err == nil {
		text += "\n" + c.env.T("policyui.source", map[string]any{"Source": rs.Source, "Version": rs.Version})
	}
	return text
}

func (c *policyCheckup) linesList(pc data.PolicyCheck) *recordList[data.PolicyLine] {
	lines := pc.Lines
	return newRecordList(recordListConfig[data.PolicyLine]{
		Env:     c.env,
		Win:     c.win,
		Columns: c.lineColumns(),
		Count:   func(listQuery) (int, error) { return len(lines), nil },
		Page: func(q listQuery) ([]data.PolicyLine, error) {
			if q.Limit == 0 {
				return lines, nil
			}
			from := min(q.Offset, len(lines))
			return lines[from:min(from+q.Limit, len(lines))], nil
		},
		ExportName: c.env.T("policyui.checkup_export", map[string]any{"Name": pc.Name, "Year": pc.Year,
			"Policy": c.env.T("policyui." + string(pc.Policy))}),
	})
}

func (c *policyCheckup) lineColumns() []listColumn[data.PolicyLine] {
	return []listColumn[data.PolicyLine]{
		{Key: "policyui.col.rule", Width: 120, Text: func(l data.PolicyLine) string { return c.env.T("policyui.rule." + l.Rule) }},
		{Key: "policyui.col.clause", Width: 220, Flex: true, Text: func(l data.PolicyLine) string { return l.Clause }},
		{Key: "policyui.col.threshold", Width: 200, Flex: true, Text: c.threshold},
		{Key: "policyui.col.figures", Width: 200, Flex: true, Text: c.figures},
		{Key: "policyui.col.ratio", Width: 70, Right: true, Text: func(l data.PolicyLine) string { return l.Ratio }},
		{Key: "policyui.col.verdict", Width: 70, Text: func(l data.PolicyLine) string { return c.env.T("policy.verdict." + string(l.Verdict)) },
			Importance: func(l data.PolicyLine) widget.Importance { return verdictImportance(policySummary{Verdict: l.Verdict}) }},
		{Key: "policyui.col.reason", Width: 160, Flex: true, Text: c.reason},
	}
}

// threshold is the rule's threshold as its text gives it; in English the translated threshold, since the rule
// set keeps the Chinese text of the measures.
func (c *policyCheckup) threshold(l data.PolicyLine) string {
	if key := "policyui.threshold." + l.Rule; c.env.tr.Has(key) && c.env.tr.Lang != "zh" {
		return c.env.T(key)
	}
	return l.Threshold
}

// figures are the company's figures the rule read, amounts in 万元, or the score's items with their points.
func (c *policyCheckup) figures(l data.PolicyLine) string {
	var parts []string
	for _, f := range l.Figures {
		name := c.env.policyFields([]string{f.Field})
		if f.Year != 0 {
			name = c.env.T("policy.year_of", map[string]any{"Year": f.Year, "Field": name})
			if slices.Contains(l.Declared, f.Year) {
				// The year has no output row: the figure is what the company declared in an application.
				name += c.env.T("policyui.declared_mark")
			}
		}
		parts = append(parts, c.env.T("policyui.figure", map[string]any{"Name": name, "Value": c.env.policyValue(f)}))
	}
	if l.Score != nil {
		for _, it := range l.Score.Items {
			name := it.Item
			if key := "policy.score." + it.Item; c.env.tr.Has(key) {
				name = c.env.T(key)
			}
			if it.Expert {
				name += c.env.T("policyui.expert") // 0 to its maximum: the experts rate it
			}
			parts = append(parts, c.env.T("policyui.figure", map[string]any{"Name": name, "Value": rangeText(it.Min, it.Max)}))
		}
		parts = append(parts, c.env.T("policyui.score_total", map[string]any{"Score": rangeText(l.Score.Min, l.Score.Max)}))
	}
	return strings.Join(parts, c.env.T("policy.list_sep"))
}

func (c *policyCheckup) reason(l data.PolicyLine) string {
	lacks := ""
	if len(l.Missing) > 0 {
		lacks = c.env.T("policyui.lacks", map[string]any{"Fields": c.env.policyFields(l.Missing)})
	}
	switch {
	case l.Reason == "" || (l.Reason == "missing" && lacks != ""): // 缺少数据 says no more than 缺：…
		return lacks
	case lacks == "":
		return c.env.T("policy.reason." + l.Reason)
	}
	return c.env.T("policy.reason."+l.Reason) + c.env.T("policy.list_sep") + lacks
}

func rangeText(lo, hi int) string {
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// policyValue is a figure as the window shows it: an amount (in yuan in the records) in 万元 with its unit, a
// count as it is.
func (e *env) policyValue(f data.PolicyFigure) string {
	if f.Unit == "yuan" {
		return e.T("policy.wan", map[string]any{"Wan": data.Yuan(f.Value).Wan()})
	}
	return fmt.Sprint(f.Value)
}

// policyFields names the fields a check reads or lacks in the window's language; "annual_output.2024" is the
// output row of a year.
func (e *env) policyFields(fields []string) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		key, year := f, ""
		if j := strings.LastIndexByte(f, '.'); j > 0 && len(f)-j == 5 && f[j+1] >= '0' && f[j+1] <= '9' {
			key, year = f[:j], f[j+1:]
		}
		names[i] = key
		if e.tr.Has("policy.field." + key) {
			names[i] = e.T("policy.field." + key)
		}
		if year != "" {
			names[i] = e.T("policy.year_of", map[string]any{"Year": year, "Field": names[i]})
		}
	}
	return strings.Join(names, e.T("policy.list_sep"))
}
