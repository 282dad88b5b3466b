package app

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// policyStore is what the 政策服务 section asks of the database: the checks of every company, or of one.
type policyStore interface {
	PolicyChecks(ctx context.Context, p data.Policy, year int, uscc string, each func(*data.PolicyCheck) error) error
	PolicyCheckOf(ctx context.Context, p data.Policy, year int, uscc string) (data.PolicyCheck, error)
	OutputYears(ctx context.Context) ([]int, error)
}

// policySummary is what the list keeps of one company's check: its verdict, score range, the rules it does not
// meet and the fields it lacks, not the rule lines (the check-up reads those again for the one company opened),
// so that the 100,000 companies of a city stay in tens of megabytes (43 MB measured, BenchmarkPolicyList100k).
type policySummary struct {
	USCC     string
	Name     string
	Verdict  data.Verdict
	Scored   bool // the policy's score was reached (the company has one)
	Direct   bool // recognised directly (科小: a 高企 certificate, an award…), whatever the score
	ScoreMin int
	ScoreMax int
	Short    []string // IDs of the rules not met (接近 or 不符合)
	Missing  []string // fields the records lack
}

func summarize(pc *data.PolicyCheck) policySummary {
	s := policySummary{USCC: pc.USCC, Name: pc.Name, Verdict: pc.Verdict, Missing: pc.Missing}
	for _, l := range pc.Lines {
		if l.Score != nil {
			s.Scored, s.ScoreMin, s.ScoreMax = true, l.Score.Min, l.Score.Max
		}
		if strings.HasPrefix(l.Reason, "direct_") {
			s.Direct = true
		}
		if l.Verdict == data.VerdictNear || l.Verdict == data.VerdictFails {
			s.Short = append(s.Short, l.Rule)
		}
	}
	return s
}

// interner keeps one copy of each field name and list of them: every company's check spells its own
// ("annual_output.2023"), and 100,000 companies lacking the same fields need not hold 100,000 copies.
type interner map[string][]string

func (in interner) summary(s policySummary) policySummary {
	s.Missing, s.Short = in.list(s.Missing), in.list(s.Short)
	return s
}

func (in interner) list(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	key := strings.Join(l, "\x00")
	if kept, ok := in[key]; ok {
		return kept
	}
	kept := slices.Clone(l)
	in[key] = kept
	return kept
}

// policyVerdicts are the verdicts in the order the filter offers them and the list sorts them: best first.
var policyVerdicts = []data.Verdict{data.VerdictMeets, data.VerdictPossible, data.VerdictNear, data.VerdictMissing,
	data.VerdictFails}

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
	policySortName    = "name"
	policySortUSCC    = "uscc"
	policySortVerdict = "verdict"
	policySortScore   = "score"
)

// policyScreen is the 政策服务 section: for a chosen policy and year, every company's verdict, searchable,
// filterable by verdict, sortable and exported; a row opens the company's 政策体检.
//
// The list is not paged by SQL as the other lists are: a verdict is not a column but what CheckPolicy makes of
// a company's rows, so neither a filter by verdict nor a sort by score can be put in a query. The checks run
// once per policy and year, off the main goroutine, in one query (Store.PolicyChecks, about 3 s for 100,000
// companies); the list then filters and sorts the summaries in memory.
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

	mu      sync.Mutex      // all and shown are read by the export's goroutine too
	all     []policySummary // every company's summary for the chosen policy and year
	shown   []int32         // the indexes in all of those the search and filter keep, in the chosen order
	shownQ  listQuery       // the query shown was made for
	loadSeq int             // the latest load asked for; an older one's result is dropped
	cancel  context.CancelFunc

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
	s.view = newListOrPage(container.NewBorder(top, nil, nil, nil, list), s.list.reload)
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

// load checks every company for the chosen policy and year off the main goroutine, then shows the summaries.
// A load started later (another policy or year chosen meanwhile) cancels this one.
func (s *policyScreen) load() {
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.loadSeq++
	seq := s.loadSeq
	p, y := s.chosen()
	s.status.SetText(s.env.T("policyui.checking"))
	var rows []policySummary
	var err error
	inBackground(func() {
		words := interner{}
		err = s.store.PolicyChecks(ctx, p, y, "", func(pc *data.PolicyCheck) error {
			rows = append(rows, words.summary(summarize(pc)))
			return ctx.Err()
		})
		rows = slices.Clone(rows) // held without the spare room append left
	}, func() {
		if seq != s.loadSeq {
			return
		}
		if err != nil {
			s.env.showError(s.win, err)
		}
		s.setRows(rows)
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
const candidatesFilter data.Verdict = "candidates"

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

// setRows puts a load's summaries in place of the last.
func (s *policyScreen) setRows(rows []policySummary) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all, s.shown = rows, nil
}

// rowsFor narrows and orders the summaries for a query, as indexes into all (four bytes a row, not a copy of
// each summary), reusing the last result while only the page changes.
func (s *policyScreen) rowsFor(q listQuery) []int32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := q
	key.Offset, key.Limit = 0, 0
	if s.shown != nil && sameQuery(key, s.shownQ) {
		return s.shown
	}
	text := strings.ToLower(strings.TrimSpace(q.Text))
	want := data.Verdict(q.Filters["verdict"])
	rows := make([]int32, 0, len(s.all))
	for i, r := range s.all {
		if want != "" && !keepVerdict(want, r.Verdict) {
			continue
		}
		if text != "" && !strings.Contains(strings.ToLower(r.Name), text) && !strings.Contains(strings.ToLower(r.USCC), text) {
			continue
		}
		rows = append(rows, int32(i))
	}
	all := s.all
	sort.SliceStable(rows, func(i, j int) bool {
		if q.Desc {
			return policyLess(all[rows[j]], all[rows[i]], q.Sort)
		}
		return policyLess(all[rows[i]], all[rows[j]], q.Sort)
	})
	s.shown, s.shownQ = rows, key
	return rows
}

// policyLess orders two summaries by a sort key; ties keep the company order of the check (stable sort).
func policyLess(a, b policySummary, key string) bool {
	switch key {
	case policySortName:
		return a.Name < b.Name
	case policySortUSCC:
		return a.USCC < b.USCC
	case policySortScore:
		if a.ScoreMin != b.ScoreMin {
			return a.ScoreMin < b.ScoreMin
		}
		return a.ScoreMax < b.ScoreMax
	}
	if va, vb := verdictOrder(a.Verdict), verdictOrder(b.Verdict); va != vb {
		return va < vb
	}
	return a.ScoreMax > b.ScoreMax // within a verdict, the closest candidates first
}

func sameQuery(a, b listQuery) bool {
	if a.Text != b.Text || a.Sort != b.Sort || a.Desc != b.Desc || len(a.Filters) != len(b.Filters) {
		return false
	}
	for k, v := range a.Filters {
		if b.Filters[k] != v {
			return false
		}
	}
	return true
}

func (s *policyScreen) count(q listQuery) (int, error) {
	s.mu.Lock()
	s.shown = nil // reload asks for the count first: the summaries or the query may have changed
	s.mu.Unlock()
	return len(s.rowsFor(q)), nil
}

// page is the summaries of a page of the list (every row for an export, Limit 0).
func (s *policyScreen) page(q listQuery) ([]policySummary, error) {
	idx := s.rowsFor(q)
	if q.Limit != 0 {
		from := min(q.Offset, len(idx))
		idx = idx[from:min(from+q.Limit, len(idx))]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := make([]policySummary, len(idx))
	for i, k := range idx {
		rows[i] = s.all[k]
	}
	return rows, nil
}

func (s *policyScreen) onOpen(r policySummary) {
	_, y := s.chosen()
	s.checkup = newPolicyCheckup(s.env, s.store, s.win, r.USCC, y)
	s.checkup.onBack = s.view.showList
	s.view.showPage(s.checkup.build())
}
