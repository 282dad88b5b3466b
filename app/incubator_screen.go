package app

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"scitech/data"
)

// incubatorStore is what the incubator section asks of the database.
type incubatorStore interface {
	incCompanyStore
	Incubators(ctx context.Context, f data.IncubatorFilter) ([]data.IncubatorRow, error)
	CountIncubators(ctx context.Context, f data.IncubatorFilter) (int, error)
	CreateIncubator(ctx context.Context, i *data.Incubator) error
	UpdateIncubator(ctx context.Context, i *data.Incubator) error
	DeleteIncubator(ctx context.Context, id int64) error
	IncubatorLinks(ctx context.Context, id int64) (data.Links, error)
	IncubatorApplications(ctx context.Context, f data.IncubatorApplicationFilter) ([]data.IncubatorApplication, error)
	CountIncubatorApplications(ctx context.Context, f data.IncubatorApplicationFilter) (int, error)
	IncubatorApplicationYears(ctx context.Context) ([]int, error)
	IncubatorApplication(ctx context.Context, id int64) (data.IncubatorApplication, error)
	CreateIncubatorApplication(ctx context.Context, a *data.IncubatorApplication) error
	UpdateIncubatorApplication(ctx context.Context, a *data.IncubatorApplication) error
	DeleteIncubatorApplication(ctx context.Context, id int64) error
	MoveIncubatorApplication(ctx context.Context, id int64, to string, day time.Time, note string) error
	IncubatorApplicationHistory(ctx context.Context, id int64) ([]data.StatusChange, error)
}

// incubatorScreen is the section 孵化器与入孵: a tab of applications (a list, or one application's page in its
// place) and a tab of incubators.
type incubatorScreen struct {
	env   *env
	store incubatorStore
	win   fyne.Window
	incs  []data.IncubatorRow // every incubator, for the filter and the form; they are a handful

	tabs       *container.AppTabs
	appsView   *listOrPage // the application list, or an application's page in its place
	apps       *recordList[data.IncubatorApplication]
	incubators *recordList[data.IncubatorRow]
	page       *iappPage
	appForm    *iappForm
	incForm    *incubatorForm
}

func newIncubatorScreen(e *env, st incubatorStore, win fyne.Window) *incubatorScreen {
	return &incubatorScreen{env: e, store: st, win: win}
}

func (s *incubatorScreen) build() fyne.CanvasObject {
	s.loadIncubators()
	s.apps = s.newApplicationList()
	s.appsView = newListOrPage(s.apps.build(), s.apps.reload)
	s.incubators = s.newIncubatorList()
	s.tabs = container.NewAppTabs(
		container.NewTabItem(s.env.T("incubate.tab.applications"), s.appsView.stack),
		container.NewTabItem(s.env.T("incubate.tab.incubators"), s.incubators.build()),
	)
	return s.tabs
}

func (s *incubatorScreen) loadIncubators() {
	incs, err := s.store.Incubators(bg(), data.IncubatorFilter{Sort: data.IncubatorSortName})
	if err != nil {
		s.env.showError(s.win, err)
	}
	s.incs = incs
}

// Application list.

func iappColumns(e *env) []listColumn[data.IncubatorApplication] {
	return []listColumn[data.IncubatorApplication]{
		{Key: "iapp.applicant", Width: 230, Flex: true, Sort: data.IAppSortApplicant, Text: func(a data.IncubatorApplication) string { return a.Applicant }},
		{Key: "iapp.applicant_kind", Width: 90, Sort: data.IAppSortKind, Also: e.codeLabels(data.ApplicantKinds, "iapp.kind."), Text: func(a data.IncubatorApplication) string { return e.T("iapp.kind." + a.ApplicantKind) }},
		{Key: "iapp.incubator", Width: 170, Flex: true, Sort: data.IAppSortIncubator, Text: func(a data.IncubatorApplication) string { return a.IncubatorName }},
		{Key: "iapp.leader", Width: 80, Text: func(a data.IncubatorApplication) string { return a.Leader }},
		{Key: "iapp.submitted", Width: 100, Sort: data.IAppSortSubmitted, Text: func(a data.IncubatorApplication) string { return data.FormatDate(a.Submitted) }},
		{Key: "iapp.status", Width: 90, Sort: data.IAppSortStatus, Also: e.codeLabels(data.IncubatorWorkflow.Statuses, "iapp.status."), Text: func(a data.IncubatorApplication) string { return e.T("iapp.status." + a.Status) }},
		{Key: "iapp.status_date", Width: 100, Sort: data.IAppSortStatusDate, Text: func(a data.IncubatorApplication) string { return data.FormatDate(a.StatusDate) }},
	}
}

func (s *incubatorScreen) newApplicationList() *recordList[data.IncubatorApplication] {
	return newRecordList(recordListConfig[data.IncubatorApplication]{
		Env:     s.env,
		Win:     s.win,
		Columns: iappColumns(s.env),
		Count:   func(q listQuery) (int, error) { return s.store.CountIncubatorApplications(bg(), iappFilter(q)) },
		Page: func(q listQuery) ([]data.IncubatorApplication, error) {
			return s.store.IncubatorApplications(bg(), iappFilter(q))
		},
		Filters:     s.applicationFilters(),
		Placeholder: s.env.T("iapp.search"),
		DefaultSort: data.IAppSortSubmitted,
		DefaultDesc: true,
		AddText:     s.env.T("iapp.add"),
		OnAdd:       s.onAddApplication,
		OnOpen:      s.openApplication,
		OnEdit:      s.onEditApplication,
		OnDelete:    s.onDeleteApplication,
		ExportName:  s.env.T("iapp.export"),
	})
}

// iappFilter turns what the list asks for into the store's filter.
func iappFilter(q listQuery) data.IncubatorApplicationFilter {
	incID, _ := strconv.ParseInt(q.Filters["incubator"], 10, 64)
	year, _ := strconv.Atoi(q.Filters["year"])
	return data.IncubatorApplicationFilter{Query: q.Text, Status: q.Filters["status"], IncubatorID: incID,
		ApplicantKind: q.Filters["kind"], Year: year, Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (s *incubatorScreen) applicationFilters() []listFilter {
	incs := []filterOption{{s.env.T("list.all"), ""}}
	for _, in := range s.incs {
		incs = append(incs, filterOption{in.Name, strconv.FormatInt(in.ID, 10)})
	}
	years, err := s.store.IncubatorApplicationYears(bg())
	if err != nil {
		fyne.LogError("reading application years", err)
	}
	return []listFilter{
		{Key: "status", Label: s.env.T("iapp.status"), Options: s.env.codeOptions(data.IncubatorWorkflow.Statuses, "iapp.status.")},
		{Key: "incubator", Label: s.env.T("iapp.incubator"), Options: incs},
		{Key: "kind", Label: s.env.T("iapp.applicant_kind"), Options: s.env.codeOptions(data.ApplicantKinds, "iapp.kind.")},
		{Key: "year", Label: s.env.T("iapp.year"), Options: s.env.incYearOptions(years)},
	}
}

// codeOptions offers "all" and each code by its translation.
func (e *env) codeOptions(codes []string, prefix string) []filterOption {
	opts := []filterOption{{e.T("list.all"), ""}}
	for _, c := range codes {
		opts = append(opts, filterOption{e.T(prefix + c), c})
	}
	return opts
}

// codeLabels are the translations (prefix + code) of codes: the texts a column of codes may show.
func (e *env) codeLabels(codes []string, prefix string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = e.T(prefix + c)
	}
	return out
}

// incYearOptions offers the years that have records, and at least the last five, newest first.
func (e *env) incYearOptions(years []int) []filterOption {
	to := e.today().Year()
	from := to - 4
	for _, y := range years {
		if y < from {
			from = y
		}
		if y > to {
			to = y
		}
	}
	return e.yearOptions(from, to)
}

func (s *incubatorScreen) onAddApplication() {
	if len(s.incs) == 0 {
		s.env.inform(s.win, s.env.T("iapp.add"), s.env.T("iapp.no_incubator"))
		return
	}
	a := data.IncubatorApplication{Submitted: s.env.today()}
	if len(s.incs) == 1 {
		a.IncubatorID = s.incs[0].ID
	}
	s.appForm = newIAppForm(s.env, s.store, s.win, s.incs, a, s.onApplicationSaved)
	s.appForm.show(s.env.T("iapp.add"))
}

func (s *incubatorScreen) onEditApplication(a data.IncubatorApplication) {
	s.appForm = newIAppForm(s.env, s.store, s.win, s.incs, a, s.onApplicationSaved)
	s.appForm.show(s.env.T("iapp.edit"))
}

func (s *incubatorScreen) onApplicationSaved(a data.IncubatorApplication) {
	s.apps.reload()
	s.incubators.reload()
	if s.page != nil && s.page.app.ID == a.ID {
		s.page.refresh()
	}
}

func (s *incubatorScreen) onDeleteApplication(a data.IncubatorApplication) {
	s.confirmDeleteApplication(a, nil)
}

func (s *incubatorScreen) confirmDeleteApplication(a data.IncubatorApplication, after func()) {
	name := s.env.T("iapp.delete.what", map[string]any{"Applicant": a.Applicant})
	s.env.confirmDelete(s.win, name, nil, func() error { return s.store.DeleteIncubatorApplication(bg(), a.ID) }, func() {
		s.apps.reload()
		s.incubators.reload()
		if after != nil {
			after()
		}
	})
}

// openApplication shows an application's page in place of the list.
func (s *incubatorScreen) openApplication(a data.IncubatorApplication) {
	s.page = newIAppPage(s, a)
	s.appsView.showPage(s.page.build())
}

// closePage goes back from an application's page to the list, as it was.
func (s *incubatorScreen) closePage() {
	s.page = nil
	s.appsView.showList()
}

// Incubator list.

func incubatorColumns(e *env) []listColumn[data.IncubatorRow] {
	return []listColumn[data.IncubatorRow]{
		{Key: "incubator.name", Width: 240, Flex: true, Sort: data.IncubatorSortName, Text: func(i data.IncubatorRow) string { return i.Name }},
		{Key: "incubator.level", Width: 90, Sort: data.IncubatorSortLevel, Also: e.codeLabels(data.IncubatorLevels, "incubator.level."), Text: func(i data.IncubatorRow) string { return e.T("incubator.level." + i.Level) }},
		{Key: "incubator.address", Width: 300, Flex: true, Text: func(i data.IncubatorRow) string { return i.Address }},
		{Key: "incubator.area", Width: 110, Sort: data.IncubatorSortArea, Right: true, Text: func(i data.IncubatorRow) string { return strconv.Itoa(i.AreaM2) }},
		{Key: "incubator.applications", Width: 100, Right: true, Text: func(i data.IncubatorRow) string { return strconv.Itoa(i.Applications) }},
	}
}

func (s *incubatorScreen) newIncubatorList() *recordList[data.IncubatorRow] {
	return newRecordList(recordListConfig[data.IncubatorRow]{
		Env:         s.env,
		Win:         s.win,
		Columns:     incubatorColumns(s.env),
		Count:       func(q listQuery) (int, error) { return s.store.CountIncubators(bg(), incubatorFilter(q)) },
		Page:        func(q listQuery) ([]data.IncubatorRow, error) { return s.store.Incubators(bg(), incubatorFilter(q)) },
		Filters:     []listFilter{{Key: "level", Label: s.env.T("incubator.level"), Options: s.env.codeOptions(data.IncubatorLevels, "incubator.level.")}},
		Placeholder: s.env.T("incubator.search"),
		DefaultSort: data.IncubatorSortName,
		AddText:     s.env.T("incubator.add"),
		OnAdd:       s.onAddIncubator,
		OnOpen:      s.showApplicationsOf,
		OnEdit:      s.onEditIncubator,
		OnDelete:    s.onDeleteIncubator,
		ExportName:  s.env.T("incubator.export"),
	})
}

func incubatorFilter(q listQuery) data.IncubatorFilter {
	return data.IncubatorFilter{Query: q.Text, Level: q.Filters["level"], Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

// showApplicationsOf is the incubator list's Open: the applications tab, filtered to that incubator.
func (s *incubatorScreen) showApplicationsOf(in data.IncubatorRow) {
	if s.page != nil {
		s.closePage()
	}
	s.tabs.SelectIndex(0)
	sel := s.apps.filters["incubator"]
	for i, in2 := range s.incs {
		if in2.ID == in.ID {
			sel.SetSelectedIndex(i + 1)
		}
	}
}

func (s *incubatorScreen) onAddIncubator() {
	s.incForm = newIncubatorForm(s.env, s.store, s.win, data.Incubator{}, s.onIncubatorsChanged)
	s.incForm.show(s.env.T("incubator.add"))
}

func (s *incubatorScreen) onEditIncubator(in data.IncubatorRow) {
	s.incForm = newIncubatorForm(s.env, s.store, s.win, in.Incubator, s.onIncubatorsChanged)
	s.incForm.show(s.env.T("incubator.edit"))
}

func (s *incubatorScreen) onDeleteIncubator(in data.IncubatorRow) {
	links, err := s.store.IncubatorLinks(bg(), in.ID)
	if err != nil {
		s.env.showError(s.win, err)
		return
	}
	s.env.confirmDelete(s.win, in.Name, links, func() error { return s.store.DeleteIncubator(bg(), in.ID) }, s.onIncubatorsChanged)
}

// onIncubatorsChanged reads the incubators again and rebuilds the application list, whose filter and form
// offer them.
func (s *incubatorScreen) onIncubatorsChanged() {
	s.loadIncubators()
	s.incubators.reload()
	s.apps = s.newApplicationList()
	s.appsView.setList(s.apps.build(), s.apps.reload)
}
