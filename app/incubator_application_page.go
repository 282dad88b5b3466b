package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// iappPage shows one incubator application: its details, its whole history, and a button for each step its
// status allows next.
type iappPage struct {
	screen *incubatorScreen
	app    data.IncubatorApplication

	title     *widget.Label
	details   *widget.Form
	backBtn   *widget.Button
	editBtn   *widget.Button
	deleteBtn *widget.Button
	flow      *workflowPanel
}

func newIAppPage(s *incubatorScreen, a data.IncubatorApplication) *iappPage {
	return &iappPage{screen: s, app: a}
}

func (p *iappPage) build() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.backBtn = &widget.Button{Text: T("incubate.back"), Icon: theme.NavigateBackIcon(), OnTapped: p.screen.closePage}
	p.editBtn = &widget.Button{Text: T("iapp.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: p.onEdit}
	p.deleteBtn = &widget.Button{Text: T("action.delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: p.onDelete}
	p.details = widget.NewForm()
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
	top := container.NewBorder(nil, nil, p.backBtn, container.NewHBox(p.editBtn, p.deleteBtn), p.title)
	body := container.NewHSplit(container.NewVScroll(widget.NewCard(T("incubate.details"), "", p.details)), flow)
	body.Offset = 0.36
	return container.NewBorder(top, nil, nil, nil, body)
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
	p.details.Items = nil
	for _, r := range rows {
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapWord
		p.details.Append(r[0], v)
	}
	p.details.Refresh()
}

func (p *iappPage) onEdit() { p.screen.onEditApplication(p.app) }

func (p *iappPage) onDelete() { p.screen.confirmDeleteApplication(p.app, p.screen.closePage) }
