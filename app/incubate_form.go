package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// incCompanyStore is what the incubator and plan forms ask of the database to choose a company.
type incCompanyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
}

// incForm is the frame the incubator, application and plan forms share: fields that check themselves as they
// are typed, Save disabled while one is wrong, and the reasons of a refused save listed under the form and
// marked on the fields they name.
type incForm struct {
	win     fyne.Window
	form    *widget.Form
	problem *widget.Label
	saveBtn *widget.Button
	cancel  *widget.Button
	dialog  dialog.Dialog
	checks  []func() error           // each field's check, run without marking untouched fields red
	entries map[string]*widget.Entry // data field name → entry, to mark what a refused save names
	save    func() error             // writes the record; nil closes the form
	saved   func()                   // after a successful save
	first   fyne.Focusable
	width   float32
}

func newIncForm(win fyne.Window, save func() error, saved func()) *incForm {
	f := &incForm{win: win, save: save, saved: saved, entries: map[string]*widget.Entry{}, form: widget.NewForm(), width: 640}
	f.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.problem.ExtendBaseWidget(f.problem)
	f.saveBtn = &widget.Button{Text: T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancel = &widget.Button{Text: T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.close}
	return f
}

// entry makes a text entry for a data field; validator may be nil.
func (f *incForm) entry(field, text, placeholder string, validator fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, PlaceHolder: placeholder, Validator: validator, OnChanged: f.onChanged}
	e.ExtendBaseWidget(e)
	f.entries[field] = e
	if validator != nil {
		f.checks = append(f.checks, func() error { return e.Validator(e.Text) })
	}
	return e
}

// add appends a row to the form, with a hint under the widget.
func (f *incForm) add(label string, w fyne.CanvasObject, hint string) {
	item := widget.NewFormItem(label, w)
	item.HintText = hint
	f.form.AppendItem(item)
	if fw, ok := w.(fyne.Focusable); ok && f.first == nil {
		f.first = fw
	}
}

// check adds a check that is not an entry's validator, such as a drop-down that must be chosen.
func (f *incForm) check(fn func() error) { f.checks = append(f.checks, fn) }

// firstProblem is nil when every field passes its check.
func (f *incForm) firstProblem() error {
	for _, c := range f.checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

// onChanged enables Save exactly when every field passes.
func (f *incForm) onChanged(string) {
	if f.firstProblem() != nil {
		f.saveBtn.Disable()
		return
	}
	f.problem.SetText("")
	f.saveBtn.Enable()
}

func (f *incForm) show(title string) {
	f.onChanged("")
	buttons := container.NewHBox(layoutSpacer(), f.cancel, f.saveBtn)
	content := container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, container.NewVScroll(f.form))
	f.dialog = dialog.NewCustomWithoutButtons(title, content, f.win)
	h := 150 + float32(len(f.form.Items))*56
	if max := f.win.Canvas().Size().Height - 40; max > 300 && h > max {
		h = max
	}
	f.dialog.Resize(fyne.NewSize(f.width, h))
	f.dialog.Show()
	if f.first != nil {
		f.win.Canvas().Focus(f.first)
	}
}

func (f *incForm) close() {
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

func (f *incForm) onSave() {
	if f.firstProblem() != nil {
		f.problem.SetText(T("form.fix_errors"))
		return
	}
	if err := f.save(); err != nil {
		f.showProblems(err)
		return
	}
	f.close()
	if f.saved != nil {
		f.saved()
	}
}

// showProblems lists every reason of a refused save under the form and marks the entries they name.
func (f *incForm) showProblems(err error) {
	if data.ErrorCode(err) == data.Internal {
		showError(f.win, err)
		return
	}
	f.problem.SetText(ErrorText(err))
	for _, e := range asErrors(err) {
		if entry, ok := f.entries[e.Field]; ok {
			entry.AlwaysShowValidationError = true
			entry.SetValidationError(validationText(e))
		}
	}
}

// codeSelect is a drop-down over codes shown by their translations (prefix + code). With a none label, the first
// choice is no code; without one, a choice is required.
func (f *incForm) codeSelect(codes []string, prefix, current string, none string) *incCodeSelect {
	s := &incCodeSelect{codes: codes, none: none}
	labels := []string{}
	if none != "" {
		labels = append(labels, none)
	}
	for _, c := range codes {
		labels = append(labels, T(prefix+c))
	}
	s.Select = &widget.Select{Options: labels, PlaceHolder: T("form.required"), OnChanged: f.onChanged}
	s.Select.ExtendBaseWidget(s.Select)
	s.set(current)
	if none == "" {
		f.check(func() error {
			if s.SelectedIndex() < 0 {
				return fieldError{T("err.required")}
			}
			return nil
		})
	}
	return s
}

// incCodeSelect is a drop-down over codes; code() is the chosen one, or "".
type incCodeSelect struct {
	*widget.Select
	codes []string
	none  string
}

func (s *incCodeSelect) offset() int {
	if s.none != "" {
		return 1
	}
	return 0
}

func (s *incCodeSelect) code() string {
	i := s.SelectedIndex() - s.offset()
	if i >= 0 && i < len(s.codes) {
		return s.codes[i]
	}
	return ""
}

func (s *incCodeSelect) set(code string) {
	for i, c := range s.codes {
		if c == code {
			s.SetSelectedIndex(i + s.offset())
			return
		}
	}
	if s.none != "" {
		s.SetSelectedIndex(0)
	}
}

// incDateField checks a date typed in a form: required unless optional, a date, not in the future.
func incDateField(required bool) fyne.StringValidator {
	return func(s string) error {
		t, err := data.ParseDate(s)
		if err != nil {
			return validationText(err)
		}
		if t.IsZero() && required {
			return fieldError{T("err.required")}
		}
		return validationText(data.ValidatePastDate(t))
	}
}

// stepErrorText is ErrorText for a refused step, with the statuses named in the user's language.
func stepErrorText(err error, statusPrefix string) string {
	list := asErrors(err)
	if len(list) == 0 {
		return ErrorText(err)
	}
	out := make(data.Errors, len(list))
	for i, e := range list {
		c := *e
		if c.Key == "err.incubate.step" {
			c.Args = map[string]any{}
			for k, v := range e.Args {
				c.Args[k] = T(statusPrefix + fmt.Sprint(v))
			}
		}
		out[i] = &c
	}
	return ErrorText(out)
}

// incDateText formats a date for a list or a page; the zero date is a dash.
func incDateText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return data.FormatDate(t)
}
