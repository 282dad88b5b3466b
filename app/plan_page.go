package app

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// planPage shows one plan project application: its details, its whole history, and a button for each step its
// status allows next.
type planPage struct {
	screen *planScreen
	plan   data.PlanApplication

	title     *widget.Label
	details   *widget.Form
	backBtn   *widget.Button
	editBtn   *widget.Button
	deleteBtn *widget.Button
	flow      *workflowPanel
}

func newPlanPage(s *planScreen, p data.PlanApplication) *planPage {
	return &planPage{screen: s, plan: p}
}

func (p *planPage) build() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.backBtn = &widget.Button{Text: T("incubate.back"), Icon: theme.NavigateBackIcon(), OnTapped: p.screen.closePage}
	p.editBtn = &widget.Button{Text: T("plan.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: p.onEdit}
	p.deleteBtn = &widget.Button{Text: T("action.delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: p.onDelete}
	p.details = widget.NewForm()
	p.flow = newWorkflowPanel(p.screen.win, workflowSource{
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
	top := container.NewBorder(nil, nil, p.backBtn, container.NewHBox(p.editBtn, p.deleteBtn), p.title)
	body := container.NewHSplit(container.NewVScroll(widget.NewCard(T("incubate.details"), "", p.details)), flow)
	body.Offset = 0.36
	return container.NewBorder(top, nil, nil, nil, body)
}

// refresh reads the application again after it was edited or moved.
func (p *planPage) refresh() {
	pl, err := p.screen.store.PlanApplication(bg(), p.plan.ID)
	if err != nil {
		showError(p.screen.win, err)
		return
	}
	p.plan = pl
	p.show()
	p.flow.reload()
}

func (p *planPage) show() {
	pl := p.plan
	p.title.SetText(pl.Title)
	rows := [][2]string{
		{T("plan.status"), statusSince("plan.status.", pl.Status, pl.StatusDate)},
		{T("plan.company"), pl.CompanyName},
		{T("plan.level"), T("plan.level." + pl.Level)},
		{T("plan.plan"), pl.Plan},
		{T("plan.title"), pl.Title},
		{T("plan.year"), strconv.Itoa(pl.Year)},
		{T("plan.requested"), pl.Requested.Wan()},
		{T("plan.granted"), grantedText(pl)},
	}
	p.details.Items = nil
	for _, r := range rows {
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapWord
		p.details.Append(r[0], v)
	}
	p.details.Refresh()
}

func (p *planPage) onEdit() { p.screen.onEdit(p.plan) }

func (p *planPage) onDelete() { p.screen.confirmDelete(p.plan, p.screen.closePage) }
