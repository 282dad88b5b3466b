package app

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// planStore is what the plan project section asks of the database.
type planStore interface {
	incCompanyStore
	PlanApplications(ctx context.Context, f data.PlanApplicationFilter) ([]data.PlanApplication, error)
	CountPlanApplications(ctx context.Context, f data.PlanApplicationFilter) (int, error)
	PlanApplicationYears(ctx context.Context) ([]int, error)
	PlanApplication(ctx context.Context, id int64) (data.PlanApplication, error)
	CreatePlanApplication(ctx context.Context, p *data.PlanApplication) error
	UpdatePlanApplication(ctx context.Context, p *data.PlanApplication) error
	DeletePlanApplication(ctx context.Context, id int64) error
	MovePlanApplication(ctx context.Context, id int64, to string, day time.Time, note string) error
	PlanApplicationHistory(ctx context.Context, id int64) ([]data.StatusChange, error)
}

// planScreen is the section 科技计划项目: the list of plan project applications, or one application's page in
// its place.
type planScreen struct {
	env   *env
	store planStore
	win   fyne.Window

	view *listOrPage
	list *recordList[data.PlanApplication]
	page *planPage
	form *planForm
}

func newPlanScreen(e *env, st planStore, win fyne.Window) *planScreen {
	return &planScreen{env: e, store: st, win: win}
}

func planColumns(e *env) []listColumn[data.PlanApplication] {
	return []listColumn[data.PlanApplication]{
		{Key: "plan.year", Width: 56, Sort: data.PlanSortYear, Text: func(p data.PlanApplication) string { return strconv.Itoa(p.Year) }},
		{Key: "plan.level", Width: 60, Sort: data.PlanSortLevel, Also: e.codeLabels(data.PlanLevels, "plan.level."), Text: func(p data.PlanApplication) string { return e.T("plan.level." + p.Level) }},
		{Key: "plan.title", Width: 220, Flex: true, Sort: data.PlanSortTitle, Text: func(p data.PlanApplication) string { return p.Title }},
		{Key: "plan.company", Width: 200, Flex: true, Sort: data.PlanSortCompany, Text: func(p data.PlanApplication) string { return p.CompanyName }},
		{Key: "plan.status", Width: 80, Sort: data.PlanSortStatus, Also: e.codeLabels(data.PlanWorkflow.Statuses, "plan.status."), Text: func(p data.PlanApplication) string { return e.T("plan.status." + p.Status) }},
		{Key: "plan.status_date", Width: 100, Sort: data.PlanSortStatusDate, Text: func(p data.PlanApplication) string { return data.FormatDate(p.StatusDate) }},
		{Key: "plan.col.requested", Width: 100, Sort: data.PlanSortRequested, Right: true, Text: func(p data.PlanApplication) string { return p.Requested.Wan() }},
		{Key: "plan.col.granted", Width: 100, Sort: data.PlanSortGranted, Right: true, Text: grantedText},
		{Key: "plan.plan", Width: 160, Text: func(p data.PlanApplication) string { return p.Plan }},
	}
}

// grantedText is the granted funds in 万元, or a dash before the application is approved.
func grantedText(p data.PlanApplication) string {
	if p.Granted == 0 && !data.PlanFunded(p.Status) {
		return "—"
	}
	return p.Granted.Wan()
}

func (s *planScreen) build() fyne.CanvasObject {
	years, err := s.store.PlanApplicationYears(bg())
	if err != nil {
		fyne.LogError("reading plan years", err)
	}
	s.list = newRecordList(recordListConfig[data.PlanApplication]{
		Env:     s.env,
		Win:     s.win,
		Columns: planColumns(s.env),
		Count:   func(q listQuery) (int, error) { return s.store.CountPlanApplications(bg(), planFilter(q)) },
		Page: func(q listQuery) ([]data.PlanApplication, error) {
			return s.store.PlanApplications(bg(), planFilter(q))
		},
		Filters: []listFilter{
			{Key: "status", Label: s.env.T("plan.status"), Options: s.env.codeOptions(data.PlanWorkflow.Statuses, "plan.status.")},
			{Key: "level", Label: s.env.T("plan.level"), Options: s.env.codeOptions(data.PlanLevels, "plan.level.")},
			{Key: "year", Label: s.env.T("plan.year"), Options: s.env.incYearOptions(years)},
		},
		Placeholder: s.env.T("plan.search"),
		DefaultSort: data.PlanSortYear,
		DefaultDesc: true,
		AddText:     s.env.T("plan.add"),
		OnAdd:       s.onAdd,
		OnOpen:      s.openPage,
		OnEdit:      s.onEdit,
		OnDelete:    s.onDelete,
		ExportName:  s.env.T("plan.export"),
	})
	s.view = newListOrPage(s.list.build(), s.list.reload)
	return s.view.stack
}

// planFilter turns what the list asks for into the store's filter.
func planFilter(q listQuery) data.PlanApplicationFilter {
	year, _ := strconv.Atoi(q.Filters["year"])
	return data.PlanApplicationFilter{Query: q.Text, Status: q.Filters["status"], Level: q.Filters["level"], Year: year,
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (s *planScreen) onAdd() {
	p := data.PlanApplication{Level: data.PlanLevels[0], Year: s.env.today().Year(), StatusDate: s.env.today()}
	s.form = newPlanForm(s.env, s.store, s.win, p, s.onSaved)
	s.form.show(s.env.T("plan.add"))
}

func (s *planScreen) onEdit(p data.PlanApplication) {
	s.form = newPlanForm(s.env, s.store, s.win, p, s.onSaved)
	s.form.show(s.env.T("plan.edit"))
}

func (s *planScreen) onSaved(p data.PlanApplication) {
	s.list.reload()
	if s.page != nil && s.page.plan.ID == p.ID {
		s.page.refresh()
	}
}

func (s *planScreen) onDelete(p data.PlanApplication) { s.confirmDelete(p, nil) }

func (s *planScreen) confirmDelete(p data.PlanApplication, after func()) {
	s.env.confirmDelete(s.win, p.Title, nil, func() error { return s.store.DeletePlanApplication(bg(), p.ID) }, func() {
		s.list.reload()
		if after != nil {
			after()
		}
	})
}

// openPage shows an application's page in place of the list.
func (s *planScreen) openPage(p data.PlanApplication) {
	s.page = newPlanPage(s, p)
	s.view.showPage(s.page.build())
}

// closePage goes back to the list, as it was.
func (s *planScreen) closePage() {
	s.page = nil
	s.view.showList()
}
