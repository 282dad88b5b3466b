package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// workflowSource is how a workflow panel reaches one record: its status, the steps it may take, its history
// and the move itself. The incubator application and plan pages each fill one in.
type workflowSource struct {
	statusPrefix string // translation key prefix of the statuses ("iapp.status.")
	status       func() (string, time.Time)
	next         func(from string) []string
	history      func() ([]data.StatusChange, error)
	move         func(to string, day time.Time, note string) error
	moved        func() // after a step: the page reads the record again and shows it, this panel included
}

// incHistoryColumns are the columns of a history table.
var incHistoryColumns = []struct {
	key   string
	width float32
}{
	{"incubate.col.day", 100}, {"incubate.col.from", 110}, {"incubate.col.to", 110},
	{"incubate.col.note", 220}, {"incubate.col.operator", 90},
}

// workflowPanel shows a record's history and one button per step it may take next; a step asks for its date
// and a note before it is taken.
type workflowPanel struct {
	env   *env
	win   fyne.Window
	src   workflowSource
	steps []data.StatusChange

	stepBtns map[string]*widget.Button // target status → its button; only the allowed steps
	buttons  *fyne.Container
	closed   *widget.Label
	table    *widget.Table
	stepDlg  *stepDialog
}

func newWorkflowPanel(e *env, win fyne.Window, src workflowSource) *workflowPanel {
	return &workflowPanel{env: e, win: win, src: src}
}

func (p *workflowPanel) build() fyne.CanvasObject {
	p.buttons = container.NewHBox()
	p.closed = &widget.Label{Text: p.env.T("incubate.closed"), Importance: widget.LowImportance}
	p.table = &widget.Table{
		Length:     func() (int, int) { return len(p.steps), len(incHistoryColumns) },
		CreateCell: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateCell: p.updateCell,
		CreateHeader: func() fyne.CanvasObject {
			return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		},
		UpdateHeader:  p.updateHeader,
		ShowHeaderRow: true,
	}
	p.table.ExtendBaseWidget(p.table)
	for i, c := range incHistoryColumns {
		p.table.SetColumnWidth(i, c.width)
	}
	p.reload()
	next := widget.NewCard(p.env.T("incubate.next"), "", container.NewVBox(p.buttons, p.closed))
	return container.NewBorder(next, nil, nil, nil, widget.NewCard(p.env.T("incubate.history"), "", p.table))
}

// reload reads the history again and offers the steps the current status allows.
func (p *workflowPanel) reload() {
	steps, err := p.src.history()
	if err != nil {
		p.env.showError(p.win, err)
	}
	p.steps = steps
	p.table.Refresh()
	status, _ := p.src.status()
	p.stepBtns = map[string]*widget.Button{}
	p.buttons.RemoveAll()
	for _, to := range p.src.next(status) {
		to := to
		b := &widget.Button{Text: p.env.T("incubate.step", map[string]any{"To": p.label(to)}), OnTapped: func() { p.onStep(to) }}
		if to == data.IAppWithdrawn || to == data.IAppRejected || to == data.PlanRejected || to == data.PlanTerminated ||
			to == data.IAppExited {
			b.Importance = widget.DangerImportance
		} else {
			b.Importance = widget.HighImportance
		}
		p.stepBtns[to] = b
		p.buttons.Add(b)
	}
	if len(p.stepBtns) == 0 {
		p.closed.Show()
	} else {
		p.closed.Hide()
	}
}

func (p *workflowPanel) label(status string) string {
	if status == "" {
		return "—"
	}
	return p.env.T(p.src.statusPrefix + status)
}

func (p *workflowPanel) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(p.steps) {
		l.SetText("")
		return
	}
	l.SetText(p.cellText(id.Row, id.Col))
}

// cellText is the text of a history cell.
func (p *workflowPanel) cellText(row, col int) string {
	s := p.steps[row]
	switch col {
	case 0:
		return data.FormatDate(s.Day)
	case 1:
		return p.label(s.From)
	case 2:
		return p.label(s.To)
	case 3:
		return s.Note
	default:
		return s.Operator
	}
}

func (p *workflowPanel) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Col < 0 {
		l.SetText("")
		return
	}
	l.SetText(p.env.T(incHistoryColumns[id.Col].key))
}

func (p *workflowPanel) onStep(to string) {
	from, since := p.src.status()
	p.stepDlg = newStepDialog(p, from, to, since)
	p.stepDlg.show()
}

// stepDialog asks for the date of a step (today by default) and an optional note, then takes the step.
type stepDialog struct {
	env      *env
	panel    *workflowPanel
	from, to string
	since    time.Time

	day     *escapeEntry
	note    *escapeEntry
	problem *widget.Label
	saveBtn *widget.Button
	cancel  *widget.Button
	dialog  dialog.Dialog
}

func newStepDialog(p *workflowPanel, from, to string, since time.Time) *stepDialog {
	d := &stepDialog{env: p.env, panel: p, from: from, to: to, since: since}
	d.day = newEscapeEntry(p.win)
	d.day.Text, d.day.Validator, d.day.OnChanged = data.FormatDate(d.env.today()), d.validateDay, d.onChanged
	d.note = newEscapeEntry(p.win)
	d.note.MultiLine, d.note.Wrapping, d.note.PlaceHolder = true, fyne.TextWrapWord, d.env.T("incubate.step.note_hint")
	d.note.SetMinRowsVisible(3)
	d.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.problem.ExtendBaseWidget(d.problem)
	d.saveBtn = &widget.Button{Text: d.env.T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: d.onSave}
	d.cancel = &widget.Button{Text: d.env.T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: d.close}
	return d
}

func (d *stepDialog) validateDay(s string) error {
	t, err := data.ParseDate(s)
	if err != nil {
		return d.env.validation(err)
	}
	if t.IsZero() {
		return d.env.fieldErr("err.required")
	}
	if err := data.ValidatePastDate(t); err != nil {
		return d.env.validation(err)
	}
	if t.Before(d.since) {
		return d.env.fieldErr("err.incubate.step_date", map[string]any{"Value": data.FormatDate(t), "Since": data.FormatDate(d.since)})
	}
	return nil
}

func (d *stepDialog) onChanged(string) {
	if d.day.Validator(d.day.Text) != nil {
		d.saveBtn.Disable()
		return
	}
	d.saveBtn.Enable()
}

func (d *stepDialog) show() {
	form := widget.NewForm(widget.NewFormItem(d.env.T("incubate.step.day"), d.day), widget.NewFormItem(d.env.T("incubate.step.note"), d.note))
	form.Items[0].HintText = d.env.T("incubate.step.since", map[string]any{"Since": data.FormatDate(d.since)})
	buttons := container.NewHBox(layoutSpacer(), d.cancel, d.saveBtn)
	title := d.env.T("incubate.step.title", map[string]any{"From": d.panel.label(d.from), "To": d.panel.label(d.to)})
	d.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewVBox(d.problem, buttons), nil, nil, form), d.panel.win)
	d.dialog.Resize(fyne.NewSize(520, 340))
	d.onChanged("")
	d.dialog.Show()
	d.panel.win.Canvas().Focus(d.day)
}

func (d *stepDialog) close() {
	if d.dialog != nil {
		d.dialog.Hide()
	}
}

func (d *stepDialog) onSave() {
	if err := d.day.Validator(d.day.Text); err != nil {
		d.problem.SetText(d.env.T("form.fix_errors"))
		return
	}
	day, _ := data.ParseDate(d.day.Text)
	if err := d.panel.src.move(d.to, day, d.note.Text); err != nil {
		if data.ErrorCode(err) == data.Internal {
			d.env.showError(d.panel.win, err)
			return
		}
		d.problem.SetText(d.env.stepErrorText(err, d.panel.src.statusPrefix))
		return
	}
	d.close()
	// The page shows the record as stored: its details, its history and these buttons all read again from
	// the one record the page holds, so none of them can speak of the status before the step.
	if d.panel.src.moved != nil {
		d.panel.src.moved()
		return
	}
	d.panel.reload()
}

// statusSince names a status and the day it began.
func (e *env) statusSince(prefix, status string, since time.Time) string {
	return e.T("incubate.status_since", map[string]any{"Status": e.T(prefix + status), "Date": data.FormatDate(since)})
}
