package app

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// homeStore is what the first screen asks of the database.
type homeStore interface {
	CountCompanies(ctx context.Context, f data.CompanyFilter) (int, error)
	Stats(ctx context.Context, year int) (data.Stats, error)
	OutputYears(ctx context.Context) ([]int, error)
	OutputByPark(ctx context.Context, year int) ([]data.OutputGroup, error)
	OutputByYear(ctx context.Context, last, n int) ([]data.YearOutput, error)
	Attention(ctx context.Context, today time.Time, limit int) (items []data.AttentionItem, total int, err error)
	FigureRecords(ctx context.Context, name string, year, limit int) (data.Table, error)
	LoadSample(ctx context.Context) error
	recordReader
	policyRadarStore
}

// dashFigure is one figure of the dashboard: its DESIGN.md name, its unit, and how to read it from Stats.
type dashFigure struct {
	name  string
	unit  string // translation key
	count func(st data.Stats) int
}

var dashCounts = []dashFigure{
	{"hightech_enterprises", "unit.companies", func(st data.Stats) int { return st.HighTechEnterprises }},
	{"coop_companies", "unit.companies", func(st data.Stats) int { return st.CoopCompanies }},
	{"coop_institutions", "unit.institutions", func(st data.Stats) int { return st.CoopInstitutions }},
	{"coop_bases", "unit.items", func(st data.Stats) int { return st.CoopBases }},
	{"coop_outcomes", "unit.items", func(st data.Stats) int { return st.CoopOutcomes }},
	{"teams_introduced", "unit.teams", func(st data.Stats) int { return st.TeamsIntroduced }},
	{"incubator_signed", "unit.companies", func(st data.Stats) int { return st.IncubatorSigned }},
	{"plan_applicants", "unit.companies", func(st data.Stats) int { return st.PlanApplicants }},
	{"patent_applications", "unit.patents", func(st data.Stats) int { return st.PatentApplications }},
	{"patent_grants", "unit.patents", func(st data.Stats) int { return st.PatentGrants }},
	{"patents_valid", "unit.patents", func(st data.Stats) int { return st.PatentsValid }},
}

// dashYears is how many years the output chart shows.
const dashYears = 5

// homeScreen is the first screen: a welcome with the sample-data button while the database is empty, and
// once it holds companies the dashboard: the year's figures against the year before, the output charts and
// what needs attention. Every figure opens the records behind it.
type homeScreen struct {
	env      *env
	store    homeStore
	win      fyne.Window
	onLoaded func()
	open     func(data.RecordRef) // shows a record's page in its section; nil leaves items and rows inert
	// openCandidates shows the 政策服务 list of the 高企 candidates, which the radar's last line opens.
	openCandidates func()
	radar          *radarCard

	view        *fyne.Container
	loadBtn     *widget.Button
	year        *widget.Select
	money       *fyne.Container
	counts      *fyne.Container
	charts      *fyne.Container
	attention   *fyne.Container
	values      map[string]*canvas.Text // each figure's value, by figure name
	changes     map[string]*widget.Label
	details     map[string]*widget.Button
	records     dialog.Dialog
	loading     *widget.ProgressBarInfinite // shown while a year's figures are read
	loadSeq     int                         // the latest year load asked for; an older one is dropped
	shown       data.Table                  // the records the dialog shows
	recordsNote *widget.Label               // the note over a partial list of records; nil when the list is whole
	figure      *figureRecords              // the records dialog open last
	attended    []*widget.Hyperlink         // the items that need attention, each opening its record
}

func newHomeScreen(e *env, st homeStore, win fyne.Window, onLoaded func()) *homeScreen {
	return &homeScreen{env: e, store: st, win: win, onLoaded: onLoaded}
}

func (h *homeScreen) build() fyne.CanvasObject {
	h.view = container.NewStack()
	h.refresh()
	return h.view
}

func (h *homeScreen) refresh() {
	n, err := h.store.CountCompanies(bg(), data.CompanyFilter{})
	if err != nil {
		h.env.showError(h.win, err)
	}
	if n == 0 {
		h.view.Objects = []fyne.CanvasObject{h.buildEmpty()}
	} else {
		h.view.Objects = []fyne.CanvasObject{h.buildDashboard()}
	}
	h.view.Refresh()
}

func (h *homeScreen) buildEmpty() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(h.env.T("home.empty.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	if named, ok := h.store.(interface{ Name() string }); ok && storeOnServer(h.store) {
		// The office's shared database: 36 invented companies must not reach it by one curious click.
		text := widget.NewLabelWithStyle(h.env.T("home.empty.server_text", map[string]any{"Server": named.Name()}),
			fyne.TextAlignCenter, fyne.TextStyle{})
		text.Wrapping = fyne.TextWrapWord
		return container.NewCenter(container.NewVBox(title, text))
	}
	text := widget.NewLabelWithStyle(h.env.T("home.empty.text"), fyne.TextAlignCenter, fyne.TextStyle{})
	text.Wrapping = fyne.TextWrapWord
	h.loadBtn = &widget.Button{Text: h.env.T("home.load_sample"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: h.onLoadSample}
	return container.NewCenter(container.NewVBox(title, text, container.NewCenter(h.loadBtn)))
}

func (h *homeScreen) onLoadSample() {
	h.loadBtn.Disable()
	if err := h.store.LoadSample(bg()); err != nil {
		h.loadBtn.Enable()
		h.env.showError(h.win, err)
		return
	}
	h.refresh()
	if h.onLoaded != nil {
		h.onLoaded()
	}
}

func (h *homeScreen) buildDashboard() fyne.CanvasObject {
	h.money = container.NewGridWithColumns(2)
	h.counts = container.NewGridWithColumns(4)
	h.charts = container.NewGridWithColumns(2)
	h.attention = container.NewVBox()
	opts, selected := h.yearOptions()
	h.year = &widget.Select{Options: opts, OnChanged: h.onYearChanged}
	h.year.ExtendBaseWidget(h.year)
	title := widget.NewLabelWithStyle(h.env.T("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	bar := container.NewBorder(nil, nil, title, container.NewHBox(widget.NewLabel(h.env.T("home.year")), h.year))
	attention := widget.NewCard(h.env.T("home.attention"), h.env.T("home.attention.hint"), h.attention)
	h.loading = widget.NewProgressBarInfinite()
	h.loading.Hide()
	h.radar = newRadarCard(h.env, h.store, h.win)
	h.radar.open, h.radar.openCandidates = h.open, h.openCandidates
	body := container.NewVBox(h.loading, h.money, h.counts, h.charts, h.radar.build(), attention)
	h.year.SetSelected(selected)
	// The candidates are of the year the dashboard opens on; a year chosen later changes the figures only, since
	// checking every company is the slowest thing the dashboard could do.
	if y, err := strconv.Atoi(selected); err == nil {
		h.radar.load(y)
	}
	return container.NewBorder(container.NewPadded(bar), nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// reading is closed once the dashboard's 高企 radar has been read; nil when the dashboard reads no radar (an
// empty database, or the home screen not built).
func (h *homeScreen) reading() <-chan struct{} {
	if h.radar == nil || h.radar.read == nil {
		return nil
	}
	return h.radar.read
}

// yearOptions offers the years from this one back to the earliest with output; the newest with output first chosen.
func (h *homeScreen) yearOptions() (opts []string, selected string) {
	years, err := h.store.OutputYears(bg())
	if err != nil {
		h.env.showError(h.win, err)
	}
	now := h.env.today().Year()
	first, chosen := now-dashYears, now-1
	if len(years) > 0 {
		chosen = years[0]
		first = min(first, years[len(years)-1])
	}
	for y := max(now, chosen); y >= first; y-- {
		opts = append(opts, strconv.Itoa(y))
	}
	return opts, strconv.Itoa(chosen)
}

func (h *homeScreen) selectedYear() int {
	y, _ := strconv.Atoi(h.year.Selected)
	return y
}

// dashYear is what the dashboard shows for a year, read off the main goroutine: at 100,000 companies the
// figures of two years, the charts and the attention list take about half a second.
type dashYear struct {
	year      int
	st, prev  data.Stats
	years     []data.YearOutput
	parks     []data.OutputGroup
	attention []data.AttentionItem
	more      int // what needs attention beyond the items listed
	err       error
}

func (h *homeScreen) loadYear(y int) (d dashYear) {
	ctx := bg()
	d.year = y
	if d.st, d.err = h.store.Stats(ctx, y); d.err != nil {
		return d
	}
	if d.prev, d.err = h.store.Stats(ctx, y-1); d.err != nil {
		return d
	}
	if d.years, d.err = h.store.OutputByYear(ctx, y, dashYears); d.err != nil {
		return d
	}
	if d.parks, d.err = h.store.OutputByPark(ctx, y); d.err != nil {
		return d
	}
	var total int
	d.attention, total, d.err = h.store.Attention(ctx, h.env.today(), attentionShown)
	d.more = total - len(d.attention)
	return d
}

// onYearChanged reads the chosen year's figures in the background, with a progress bar over the figures,
// and shows them when they come, unless another year has been chosen meanwhile.
func (h *homeScreen) onYearChanged(string) {
	y := h.selectedYear()
	h.loadSeq++
	seq := h.loadSeq
	h.loading.Show()
	var d dashYear
	inBackground(func() { d = h.loadYear(y) }, func() {
		if seq != h.loadSeq {
			return
		}
		h.loading.Hide()
		if d.err != nil {
			h.env.showError(h.win, d.err)
			return
		}
		h.showYear(d)
	})
}

func (h *homeScreen) showYear(d dashYear) {
	y, st, prev := d.year, d.st, d.prev
	h.values, h.changes, h.details = map[string]*canvas.Text{}, map[string]*widget.Label{}, map[string]*widget.Button{}
	h.money.Objects = []fyne.CanvasObject{
		h.figureCard("output_yuan", st.Output.Yi(), h.env.T("unit.yi"), h.moneyChange(y, prev.Output, st.OutputGrowth)),
		h.figureCard("added_value_yuan", st.AddedValue.Yi(), h.env.T("unit.yi"), h.moneyChange(y, prev.AddedValue, st.AddedValueGrowth)),
	}
	h.counts.Objects = nil
	for _, f := range dashCounts {
		cur, was := f.count(st), f.count(prev)
		h.counts.Add(h.figureCard(f.name, strconv.Itoa(cur), h.env.T(f.unit), h.countChange(y, was, cur)))
	}
	h.money.Refresh()
	h.counts.Refresh()
	h.showCharts(y, d.years, d.parks)
	h.showAttention(d.attention, d.more)
}

// moneyChange says the previous year's amount is compared with, and the growth.
func (h *homeScreen) moneyChange(year int, prev data.Yuan, g data.Growth) string {
	if prev == 0 {
		return h.env.T("home.vs_prev.none", map[string]any{"Prev": year - 1})
	}
	growth := g.String() + "%"
	if g.Tenths > 0 {
		growth = "+" + growth
	}
	return h.env.T("home.vs_prev", map[string]any{"Prev": year - 1, "Value": prev.Yi(), "Growth": growth})
}

// countChange says the previous year's count and the difference.
func (h *homeScreen) countChange(year, prev, cur int) string {
	diff := strconv.Itoa(cur - prev)
	if cur > prev {
		diff = "+" + diff
	}
	return h.env.T("home.vs_prev.count", map[string]any{"Prev": year - 1, "Value": prev, "Diff": diff})
}

// figureCard shows one figure large, with its unit, the comparison with the year before and a button that
// opens the records behind it.
func (h *homeScreen) figureCard(name, value, unit, change string) fyne.CanvasObject {
	big := canvas.NewText(value, theme.Color(theme.ColorNamePrimary))
	big.TextSize = 34
	big.TextStyle = fyne.TextStyle{Bold: true}
	details := &widget.Button{Text: h.env.T("home.details"), Icon: theme.ListIcon(), Importance: widget.LowImportance,
		OnTapped: func() { h.showRecords(name) }}
	line := container.NewBorder(nil, nil, container.NewHBox(big, container.NewVBox(layoutSpacer(), widget.NewLabel(unit))),
		container.NewVBox(layoutSpacer(), details))
	changeLabel := widget.NewLabel(change)
	changeLabel.Truncation = fyne.TextTruncateEllipsis
	h.values[name], h.changes[name], h.details[name] = big, changeLabel, details
	return widget.NewCard("", h.env.T("figure."+name), container.NewVBox(line, h.changes[name]))
}

func lowLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// recordsShown is how many records behind a figure the dashboard's dialog holds: a district's figures stand
// on hundreds of records; a city's valid patents are hundreds of thousands, which belong in the Patents list.
// A variable so that a test can show the note of a partial list on the sample set.
var recordsShown = 1000

// showRecords opens the records behind a figure in a dialog; a row opens its record.
func (h *homeScreen) showRecords(name string) {
	y := h.selectedYear()
	t, err := h.store.FigureRecords(bg(), name, y, recordsShown)
	if err != nil {
		h.env.showError(h.win, err)
		return
	}
	h.shown = t
	figure := h.env.T("figure." + name)
	h.figure = newFigureRecords(h.env, h.win, t, h.env.T("home.records.file", map[string]any{"Figure": figure, "Year": y}), h.open)
	h.figure.show(h.env.T("home.records", map[string]any{"Figure": figure, "Year": y, "N": t.Total}))
	h.records, h.recordsNote = h.figure.dialog, h.figure.partial
}

// showCharts draws the output of the last years and the output of each park in the year.
func (h *homeScreen) showCharts(y int, years []data.YearOutput, parks []data.OutputGroup) {
	var byYear, byPark []bar
	for _, yo := range years {
		byYear = append(byYear, bar{label: strconv.Itoa(yo.Year), value: yo.Output.Yi(), amount: int64(yo.Output)})
	}
	for _, g := range parks {
		label := g.Key
		if label == "" {
			label = h.env.T("park.none")
		}
		byPark = append(byPark, bar{label: label, value: g.Output.Yi(), amount: int64(g.Output)})
	}
	h.charts.Objects = []fyne.CanvasObject{
		widget.NewCard("", h.yearsChartTitle(y, len(years)), newBarChart(byYear)),
		widget.NewCard("", h.env.T("home.chart.parks", map[string]any{"Year": y}), newBarChart(byPark)),
	}
	h.charts.Refresh()
}

// yearsChartTitle names the years the output chart shows (of the dashYears it may): "近 2 年" for the two a
// district has output for, not 近 5 年 over two bars; a single year by its number.
func (h *homeScreen) yearsChartTitle(y, shown int) string {
	if shown <= 1 {
		return h.env.T("home.chart.year", map[string]any{"Year": y})
	}
	return h.env.T("home.chart.years", map[string]any{"N": shown})
}

// attentionStatusPrefix names where each waiting kind's status labels are translated.
var attentionStatusPrefix = map[string]string{"application_waiting": "iapp.status.", "plan_waiting": "plan.status."}

// showAttention lists what needs attention as of today, whatever year is chosen.
func (h *homeScreen) showAttention(items []data.AttentionItem, more int) {
	// The objects are set at once: adding thousands one by one lays the box out again each time.
	objects := make([]fyne.CanvasObject, 0, len(items)+1)
	if len(items) == 0 {
		objects = append(objects, lowLabel(h.env.T("home.attention.none")))
	}
	h.attended = h.attended[:0]
	for _, it := range items {
		text := h.env.T("attention."+it.Kind, map[string]any{"What": it.What, "Day": data.FormatDate(it.Day),
			"Status": h.env.T(attentionStatusPrefix[it.Kind] + it.Status), "Days": int(h.env.today().Sub(it.Day).Hours() / 24)})
		link := &widget.Hyperlink{Text: text, Truncation: fyne.TextTruncateEllipsis, OnTapped: h.opener(it.Ref)}
		link.ExtendBaseWidget(link)
		h.attended = append(h.attended, link)
		objects = append(objects, link)
	}
	if more > 0 {
		objects = append(objects, lowLabel(h.env.T("home.attention.more", map[string]any{"N": more})))
	}
	h.attention.Objects = objects
	h.attention.Refresh()
}

// opener opens a record from the dashboard.
func (h *homeScreen) opener(ref data.RecordRef) func() {
	return func() {
		if h.open != nil && ref.ID != 0 {
			h.open(ref)
		}
	}
}

// attentionShown is how many items the dashboard lists of what needs attention; a city-sized database can have
// tens of thousands, which no one reads on a dashboard (the lists of each section show them all).
const attentionShown = 30
