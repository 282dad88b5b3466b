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
	p.recordPage = newRecordPage("incubate.back", "iapp.edit", "action.delete", p.screen.closePage, p.onEdit, p.onDelete)
	p.showHistory(p.screen.store, "incubator_application", p.app.ID)
	p.flow = newWorkflowPanel(p.screen.win, workflowSource{
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
	a, err := p.screen.store.IncubatorApplication(bg(), p.app.ID)
	if err != nil {
		showError(p.screen.win, err)
		return
	}
	p.app = a
	p.show()
	p.flow.reload()
}

func (p *iappPage) show() {
	a := p.app
	p.title.SetText(T("iapp.title", map[string]any{"Applicant": a.Applicant}))
	company := a.CompanyName
	if company == "" {
		company = T("iapp.company.none")
	}
	field := T("iapp.field.none")
	if a.Field != "" {
		field = T("field." + a.Field)
	}
	rows := [][2]string{
		{T("iapp.status"), statusSince("iapp.status.", a.Status, a.StatusDate)},
		{T("iapp.incubator"), a.IncubatorName},
		{T("iapp.applicant_kind"), T("iapp.kind." + a.ApplicantKind)},
		{T("iapp.applicant"), a.Applicant},
		{T("iapp.company"), company},
		{T("iapp.leader"), a.Leader},
		{T("iapp.field"), field},
		{T("iapp.submitted"), data.FormatDate(a.Submitted)},
		{T("iapp.summary"), a.Summary},
	}
	p.setDetails(rows)
}

func (p *iappPage) onEdit() { p.screen.onEditApplication(p.app) }

func (p *iappPage) onDelete() { p.screen.confirmDeleteApplication(p.app, p.screen.closePage) }
