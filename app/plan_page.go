package app

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// planPage shows one plan project application: its details, its whole history, and a button for each step its
// status allows next.
type planPage struct {
	screen *planScreen
	plan   data.PlanApplication

	*recordPage
	flow *workflowPanel
}

func newPlanPage(s *planScreen, p data.PlanApplication) *planPage {
	return &planPage{screen: s, plan: p}
}

func (p *planPage) build() fyne.CanvasObject {
	p.recordPage = newRecordPage(p.screen.env, "incubate.back", "plan.edit", "action.delete", p.screen.closePage, p.onEdit, p.onDelete)
	p.showHistory(p.screen.store, "plan_application", p.plan.ID)
	p.flow = newWorkflowPanel(p.env, p.screen.win, workflowSource{
		statusPrefix: "plan.status.",
		status:       func() (string, time.Time) { return p.plan.Status, p.plan.StatusDate },
		next:         data.NextPlanStatuses,
		history:      func() ([]data.StatusChange, error) { return p.screen.store.PlanApplicationHistory(bg(), p.plan.ID) },
		move: func(to string, day time.Time, note string) error {
			return p.screen.store.MovePlanApplication(bg(), p.plan.ID, to, day, note)
		},
		moved: p.refresh,
	})
	flow := p.flow.build()
	p.show()
	return p.layout("incubate.details", flow, 0.36)
}

// refresh reads the application again after it was edited or moved.
func (p *planPage) refresh() {
	reread(p.env, p.screen.win, p.screen.store.PlanApplication, p.plan.ID, p.setPlan)
}

// setPlan shows an application as stored and its steps.
func (p *planPage) setPlan(pl data.PlanApplication) {
	p.plan = pl
	p.show()
	p.flow.reload()
}

func (p *planPage) show() {
	pl := p.plan
	p.title.SetText(pl.Title)
	rows := [][2]string{
		{p.env.T("plan.status"), p.env.statusSince("plan.status.", pl.Status, pl.StatusDate)},
		{p.env.T("plan.company"), pl.CompanyName},
		{p.env.T("plan.level"), p.env.T("plan.level." + pl.Level)},
		{p.env.T("plan.plan"), pl.Plan},
		{p.env.T("plan.title"), pl.Title},
		{p.env.T("plan.year"), strconv.Itoa(pl.Year)},
		{p.env.T("plan.requested"), pl.Requested.Wan()},
		{p.env.T("plan.granted"), grantedText(pl)},
	}
	p.setDetails(rows)
}

func (p *planPage) onEdit() { p.screen.onEdit(p.plan) }

func (p *planPage) onDelete() { p.screen.confirmDelete(p.plan, p.screen.closePage) }
