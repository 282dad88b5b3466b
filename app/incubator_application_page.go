package app

import (
	"time"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// iappPage shows one incubator application: its details, its whole history, and a button for each step its
// status allows next.
type iappPage struct {
	screen *incubatorScreen
	app    data.IncubatorApplication

	*recordPage
	flow *workflowPanel
}

func newIAppPage(s *incubatorScreen, a data.IncubatorApplication) *iappPage {
	return &iappPage{screen: s, app: a}
}

func (p *iappPage) build() fyne.CanvasObject {
	p.recordPage = newRecordPage(p.screen.env, "incubate.back", "iapp.edit", "action.delete", p.screen.closePage, p.onEdit, p.onDelete)
	p.showHistory(p.screen.store, "incubator_application", p.app.ID)
	p.flow = newWorkflowPanel(p.env, p.screen.win, workflowSource{
		statusPrefix: "iapp.status.",
		status:       func() (string, time.Time) { return p.app.Status, p.app.StatusDate },
		next:         data.NextIncubatorStatuses,
		history:      func() ([]data.StatusChange, error) { return p.screen.store.IncubatorApplicationHistory(bg(), p.app.ID) },
		move: func(to string, day time.Time, note string) error {
			return p.screen.store.MoveIncubatorApplication(bg(), p.app.ID, to, day, note)
		},
		moved: p.refresh,
	})
	flow := p.flow.build()
	p.show()
	return p.layout("incubate.details", flow, 0.36)
}

// refresh reads the application again after it was edited or moved.
func (p *iappPage) refresh() {
	reread(p.env, p.screen.win, p.screen.store.IncubatorApplication, p.app.ID, p.setApplication)
}

// setApplication shows an application as stored and its steps.
func (p *iappPage) setApplication(a data.IncubatorApplication) {
	p.app = a
	p.show()
	p.flow.reload()
}

func (p *iappPage) show() {
	a := p.app
	p.title.SetText(p.env.T("iapp.title", map[string]any{"Applicant": a.Applicant}))
	company := a.CompanyName
	if company == "" {
		company = p.env.T("iapp.company.none")
	}
	field := p.env.T("iapp.field.none")
	if a.Field != "" {
		field = p.env.T("field." + a.Field)
	}
	rows := [][2]string{
		{p.env.T("iapp.status"), p.env.statusSince("iapp.status.", a.Status, a.StatusDate)},
		{p.env.T("iapp.incubator"), a.IncubatorName},
		{p.env.T("iapp.applicant_kind"), p.env.T("iapp.kind." + a.ApplicantKind)},
		{p.env.T("iapp.applicant"), a.Applicant},
		{p.env.T("iapp.company"), company},
		{p.env.T("iapp.leader"), a.Leader},
		{p.env.T("iapp.field"), field},
		{p.env.T("iapp.submitted"), data.FormatDate(a.Submitted)},
		{p.env.T("iapp.summary"), a.Summary},
	}
	p.setDetails(rows)
}

func (p *iappPage) onEdit() { p.screen.onEditApplication(p.app) }

func (p *iappPage) onDelete() { p.screen.confirmDeleteApplication(p.app, p.screen.closePage) }
