package app

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// policyStore is what the 政策服务 section asks of the database: the list of verdicts paged by SQL, and the
// checks of every company or of one (the check-up, the 培育库).
type policyStore interface {
	PreparePolicyList(ctx context.Context, p data.Policy, year int) error
	PolicyList(ctx context.Context, f data.PolicyListFilter) ([]data.PolicyListRow, error)
	CountPolicyList(ctx context.Context, f data.PolicyListFilter) (int, error)
	PolicyChecks(ctx context.Context, p data.Policy, year int, uscc string, each func(*data.PolicyCheck) error) error
	PolicyCheckOf(ctx context.Context, p data.Policy, year int, uscc string) (data.PolicyCheck, error)
	OutputYears(ctx context.Context) ([]int, error)
}

// policySummary is a row of the list: a company's verdict, score range, the rules it does not meet and the
// fields it lacks, not the rule lines (the check-up reads those again for the one company opened).
type policySummary = data.PolicyListRow

// policyVerdicts are the verdicts in the order the filter offers them and the list sorts them: best first.
var policyVerdicts = data.ListedVerdicts

func verdictOrder(v data.Verdict) int {
	for i, w := range policyVerdicts {
		if w == v {
			return i
		}
	}
	return len(policyVerdicts)
}

// Sort keys of the policy list.
const (
	policySortName    = data.PolicySortName
	policySortUSCC    = data.PolicySortUSCC
	policySortVerdict = data.PolicySortVerdict
	policySortScore   = data.PolicySortScore
)

// policyScreen is the 政策服务 section: for a chosen policy and year, every company's verdict, searchable,
// filterable by verdict, sortable and exported; a row opens the company's 政策体检.
//
// The list pages from SQL like every list: the store keeps each company's verdict in a table and searches,
// filters, sorts and pages it (data.PolicyList). Checking every company takes seconds in a city (the first time
// for a policy and year, or after an import), so the section has the store do it off the main goroutine before
// the list counts its rows; a few records changed since are checked again as the list reads.
type policyScreen struct {
	env   *env
	store policyStore
	win   fyne.Window

	view    *listOrPage
	policy  *widget.Select
	year    *widget.Select
	years   []int
	status  *widget.Label
	list    *recordList[policySummary]
	checkup *policyCheckup // the check-up shown now, if any

	mu       sync.Mutex // what the list shows is read by the export's goroutine too
	ready    bool       // the store has checked shownFor's policy and year: the list may count and page
	shownFor data.PolicyListFilter
	loadSeq  int // the latest load asked for; an older one's result is dropped
	cancel   context.CancelFunc

	poolPDFBtn  *widget.Button
	poolXLSXBtn *widget.Button
	written     string // the 培育库 written last, for tests
	// verdictFilter is the verdict the list opens filtered by ("" = all): the dashboard's radar opens it so.
	verdictFilter data.Verdict
}

func newPolicyScreen(e *env, st policyStore, win fyne.Window) *policyScreen {
	return &policyScreen{env: e, store: st, win: win}
}

func (s *policyScreen) build() fyne.CanvasObject {
	s.policy = &widget.Select{Options: []string{s.env.T("policyui.gaoqi"), s.env.T("policyui.kexiao")}}
	s.policy.ExtendBaseWidget(s.policy)
	s.policy.SetSelectedIndex(0)
	s.policy.OnChanged = s.onChoice
	s.year = &widget.Select{}
	s.year.ExtendBaseWidget(s.year)
	s.loadYears()
	s.year.OnChanged = s.onChoice
	s.status = &widget.Label{Importance: widget.LowImportance}
	s.list = newRecordList(recordListConfig[policySummary]{
		Env:         s.env,
		Win:         s.win,
		Columns:     s.columns(),
		Count:       s.count,
		Page:        s.page,
		Filters:     []listFilter{s.verdictFilterOptions()},
		Placeholder: s.env.T("policyui.search"),
		DefaultSort: policySortVerdict,
		OnOpen:      s.onOpen,
		ExportName:  s.env.T("policyui.export"),
	})
	list := s.list.build()
	if s.verdictFilter != "" {
		s.selectVerdict(s.verdictFilter)
		s.verdictFilter = "" // once: the section opened from the sidebar later shows every company
	}
	choice := container.NewHBox(widget.NewLabel(s.env.T("policyui.policy")), fitSelect(s.policy),
		widget.NewLabel(s.env.T("policyui.year")), s.year, s.status)
	top := container.NewBorder(nil, nil, choice, s.poolButtons())
	s.view = newListOrPage(container.NewBorder(top, nil, nil, nil, list), s.load)
	s.load()
	return s.view.stack
}

// fitSelect holds a select as wide as its longest option: in a row a select is only as wide as its placeholder,
// which cut "High-tech enterprise" to "High-tech …".
func fitSelect(sel *widget.Select) fyne.CanvasObject {
	w := float32(0)
	for _, o := range sel.Options {
		w = max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	size := sel.MinSize()
	size.Width = max(size.Width, w+theme.IconInlineSize()+4*theme.InnerPadding())
	return container.NewGridWrap(size, sel)
}

// loadYears offers the years that have output rows, newest first (the newest chosen), or last year when none has.
func (s *policyScreen) loadYears() {
	years, err := s.store.OutputYears(bg())
	if err != nil {
		s.env.showError(s.win, err)
	}
	if len(years) == 0 {
		years = []int{s.env.today().Year() - 1}
	}
	s.years = years
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	s.year.Options = opts
	s.year.SetSelectedIndex(0)
}

func (s *policyScreen) chosen() (data.Policy, int) {
	p := data.PolicyGaoqi
	if s.policy.SelectedIndex() == 1 {
		p = data.PolicyKexiao
	}
	y := s.years[0]
	if i := s.year.SelectedIndex(); i >= 0 {
		y = s.years[i]
	}
	return p, y
}

func (s *policyScreen) onChoice(string) {
	if s.list != nil {
		s.load()
	}
}

// load has the store check every company for the chosen policy and year off the main goroutine (nothing to do
// when no record changed since the last time), then shows the list. A load started later (another policy or
// year chosen meanwhile) makes this one's result be dropped.
func (s *policyScreen) load() {
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.loadSeq++
	seq := s.loadSeq
	p, y := s.chosen()
	s.setReady(false, p, y)
	s.status.SetText(s.env.T("policyui.checking"))
	s.list.reload()
	var err error
	inBackground(func() {
		err = s.store.PreparePolicyList(ctx, p, y)
	}, func() {
		if seq != s.loadSeq {
			return
		}
		if err != nil {
			s.env.showError(s.win, err)
		}
		s.setReady(err == nil, p, y)
		s.status.SetText(s.env.T("policyui.rules_version", map[string]any{"Version": s.version(p, y)}))
		s.list.reload()
	})
}

// version names the rule set the checks used, so a printed list can be reproduced.
func (s *policyScreen) version(p data.Policy, y int) string {
	rs, err := data.RuleSetFor(p, y)
	if err != nil {
		return ""
	}
	return rs.Version
}

func (s *policyScreen) verdictFilterOptions() listFilter {
	opts := []filterOption{{s.env.T("list.all"), ""}}
	for _, v := range policyVerdicts {
		opts = append(opts, filterOption{s.env.T("policy.verdict." + string(v)), string(v)})
	}
	opts = append(opts, filterOption{s.env.T("policyui.candidates"), string(candidatesFilter)})
	return listFilter{Key: "verdict", Label: s.env.T("policyui.col.verdict"), Options: opts}
}

// candidatesFilter is the filter's value keeping the 高企培育库's verdicts: those that meet the rules, that the
// experts' points decide, and the near misses.
const candidatesFilter = data.VerdictCandidates

func keepVerdict(want, v data.Verdict) bool {
	if want == candidatesFilter {
		return v == data.VerdictMeets || v == data.VerdictPossible || v == data.VerdictNear
	}
	return v == want
}

// selectVerdict narrows the list to one verdict, as if chosen in the filter.
func (s *policyScreen) selectVerdict(v data.Verdict) {
	if sel := s.list.filters["verdict"]; sel != nil {
		sel.SetSelectedIndex(verdictOrder(v) + 1) // candidatesFilter is last, after every verdict
	}
}

func (s *policyScreen) columns() []listColumn[policySummary] {
	verdicts := make([]string, len(policyVerdicts))
	for i, v := range policyVerdicts {
		verdicts[i] = s.env.T("policy.verdict." + string(v))
	}
	return []listColumn[policySummary]{
		{Key: "policyui.col.name", Width: 240, Sort: policySortName, Flex: true, Text: func(r policySummary) string { return r.Name }},
		{Key: "policyui.col.uscc", Width: 180, Sort: policySortUSCC, Text: func(r policySummary) string { return r.USCC }},
		{Key: "policyui.col.verdict", Width: 80, Sort: policySortVerdict, Also: verdicts, Importance: verdictImportance,
			Text: func(r policySummary) string { return s.env.T("policy.verdict." + string(r.Verdict)) }},
		{Key: "policyui.col.score", Width: 80, Sort: policySortScore, Right: true, Also: []string{s.env.T("policyui.direct")},
			Text: func(r policySummary) string {
				if r.Direct {
					return s.env.T("policyui.direct")
				}
				return scoreText(r)
			}},
		{Key: "policyui.col.short", Width: 200, Flex: true, Text: func(r policySummary) string { return s.ruleNames(r.Short) }},
		{Key: "policyui.col.missing", Width: 240, Flex: true, Text: func(r policySummary) string { return s.env.policyFields(r.Missing) }},
	}
}

// verdictImportance colours a verdict as the bureau reads it: met green, near a warning, failed red.
func verdictImportance(r policySummary) widget.Importance {
	switch r.Verdict {
	case data.VerdictMeets:
		return widget.SuccessImportance
	case data.VerdictNear, data.VerdictPossible:
		return widget.WarningImportance
	case data.VerdictFails:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// scoreText is the score's range ("42–90"), one figure when the records decide it all, "" when not scored.
func scoreText(r policySummary) string {
	switch {
	case !r.Scored:
		return ""
	case r.ScoreMin == r.ScoreMax:
		return strconv.Itoa(r.ScoreMin)
	}
	return strconv.Itoa(r.ScoreMin) + "–" + strconv.Itoa(r.ScoreMax)
}

func (s *policyScreen) ruleNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = s.env.T("policyui.rule." + id)
	}
	return strings.Join(names, s.env.T("policy.list_sep"))
}

func (s *policyScreen) setReady(ready bool, p data.Policy, y int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ready, s.shownFor = ready, data.PolicyListFilter{Policy: p, Year: y}
}

// filter is the store's filter for a query of the list, for the policy and year shown; ok is false while the
// store is still checking the companies.
func (s *policyScreen) filter(q listQuery) (f data.PolicyListFilter, ok bool) {
	s.mu.Lock()
	f, ok = s.shownFor, s.ready
	s.mu.Unlock()
	f.Query, f.Verdict, f.Sort, f.Desc = q.Text, data.Verdict(q.Filters["verdict"]), q.Sort, q.Desc
	f.Offset, f.Limit = q.Offset, q.Limit
	return f, ok
}

// count is the number of rows the query selects; none while the store is still checking the companies.
func (s *policyScreen) count(q listQuery) (int, error) {
	f, ok := s.filter(q)
	if !ok {
		return 0, nil
	}
	return s.store.CountPolicyList(bg(), f)
}

// page is a page of the list (every row for an export, Limit 0).
func (s *policyScreen) page(q listQuery) ([]policySummary, error) {
	f, ok := s.filter(q)
	if !ok {
		return nil, nil
	}
	return s.store.PolicyList(bg(), f)
}

func (s *policyScreen) onOpen(r policySummary) {
	_, y := s.chosen()
	s.checkup = newPolicyCheckup(s.env, s.store, s.win, r.USCC, y)
	s.checkup.onBack = s.view.showList
	s.view.showPage(s.checkup.build())
}
