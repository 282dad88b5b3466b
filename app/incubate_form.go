package app

import (
	"context"
	"fmt"
	"strings"
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

// incCompanyPicker is an entry with a drop-down for a registered company: typing searches the companies by
// name (one page of them, so it stays quick with many companies) and offers them; only a registered name is
// accepted. An optional picker accepts an empty text as "no company".
type incCompanyPicker struct {
	store    incCompanyStore
	entry    *widget.SelectEntry
	ids      map[string]int64 // option label → company id, for the last search
	optional bool
}

const incCompanyChoices = 30

func newIncCompanyPicker(st incCompanyStore, id int64, name string, optional bool, onChanged func(string)) *incCompanyPicker {
	p := &incCompanyPicker{store: st, ids: map[string]int64{}, optional: optional}
	p.entry = widget.NewSelectEntry(nil)
	p.entry.PlaceHolder = T("iapp.company_hint")
	if id != 0 {
		p.ids[name] = id
		p.entry.SetText(name)
	}
	p.entry.Validator = p.validate
	p.entry.OnChanged = func(text string) {
		p.search(text)
		if onChanged != nil {
			onChanged(text)
		}
	}
	p.search(name)
	return p
}

// search offers the companies whose name contains text; a name two companies share shows their codes.
func (p *incCompanyPicker) search(text string) {
	list, err := p.store.Companies(bg(), data.CompanyFilter{Query: strings.TrimSpace(text), Sort: data.SortByName, Limit: incCompanyChoices})
	if err != nil {
		fyne.LogError("searching companies", err)
		return
	}
	seen := map[string]int{}
	for _, c := range list {
		seen[c.Name]++
	}
	ids := map[string]int64{}
	opts := make([]string, 0, len(list))
	for _, c := range list {
		label := c.Name
		if seen[c.Name] > 1 {
			label = c.Name + " · " + c.USCC
		}
		ids[label] = c.ID
		opts = append(opts, label)
	}
	if id, ok := p.ids[p.entry.Text]; ok && ids[p.entry.Text] == 0 {
		ids[p.entry.Text] = id // keep the company being edited even when the search misses it
	}
	p.ids = ids
	p.entry.SetOptions(opts)
}

// id is the chosen company, or 0 when the text names none.
func (p *incCompanyPicker) id() int64 { return p.ids[strings.TrimSpace(p.entry.Text)] }

// name is the chosen company's name, without the code a shared name shows.
func (p *incCompanyPicker) name() string {
	name, _, _ := strings.Cut(strings.TrimSpace(p.entry.Text), " · ")
	return name
}

func (p *incCompanyPicker) validate(text string) error {
	if p.optional && strings.TrimSpace(text) == "" {
		return nil
	}
	if p.id() == 0 {
		return fieldError{T("err.company.unknown")}
	}
	return nil
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
