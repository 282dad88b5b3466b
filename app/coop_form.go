package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// coopPartyStore is what the cooperation and base forms ask of the database to choose the two parties.
type coopPartyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
	Institutions(ctx context.Context, f data.InstitutionFilter) ([]data.Institution, error)
}

// coopForm is the frame the institution, cooperation, base and outcome forms share: fields that check
// themselves as they are typed, Save disabled while one is wrong, and the reasons of a refused save listed
// under the form and marked on their fields.
type coopForm struct {
	win     fyne.Window
	form    *widget.Form
	problem *widget.Label
	saveBtn *widget.Button
	cancel  *widget.Button
	dialog  dialog.Dialog
	checks  []coopCheck              // each field's check, run without marking untouched fields
	entries map[string]*widget.Entry // data field name → entry, to mark what a refused save names
	save    func() error             // writes the record; nil error closes the form
	saved   func()                   // called after a successful save
	first   fyne.Focusable
}

func newCoopForm(win fyne.Window, save func() error, saved func()) *coopForm {
	f := &coopForm{win: win, save: save, saved: saved, entries: map[string]*widget.Entry{}, form: widget.NewForm()}
	f.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.problem.ExtendBaseWidget(f.problem)
	f.saveBtn = &widget.Button{Text: T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancel = &widget.Button{Text: T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.close}
	return f
}

// entry makes a text entry for a data field; validator may be nil.
func (f *coopForm) entry(field, text, placeholder string, validator fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, PlaceHolder: placeholder, Validator: validator, OnChanged: f.onChanged}
	e.ExtendBaseWidget(e)
	f.entries[field] = e
	if validator != nil {
		f.check(e, func() error { return e.Validator(e.Text) })
	}
	return e
}

// add appends a row to the form; hint is shown under the widget.
func (f *coopForm) add(label string, w fyne.CanvasObject, hint string) {
	item := widget.NewFormItem(label, w)
	item.HintText = hint
	f.form.AppendItem(item)
	if f.first == nil {
		if fw, ok := w.(fyne.Focusable); ok {
			f.first = fw
		}
	}
}

// coopCheck is the check of one field's widget.
type coopCheck struct {
	w  fyne.CanvasObject
	fn func() error
}

// check adds a check that is not an entry's validator (a drop-down that must be chosen).
func (f *coopForm) check(w fyne.CanvasObject, fn func() error) {
	f.checks = append(f.checks, coopCheck{w, fn})
}

// firstProblem is nil when every field passes its check; otherwise the first problem, naming its field.
func (f *coopForm) firstProblem() error {
	for _, c := range f.checks {
		if err := c.fn(); err != nil {
			return fieldError{T("err.with_field", map[string]any{"Field": f.labelOf(c.w), "Message": err.Error()})}
		}
	}
	return nil
}

func (f *coopForm) labelOf(w fyne.CanvasObject) string {
	for _, item := range f.form.Items {
		if item.Widget == w {
			return item.Text
		}
	}
	return ""
}

// onChanged enables Save exactly when every field passes; while one does not, a quiet line under the form
// says which, so a disabled Save is never a riddle.
func (f *coopForm) onChanged(string) {
	if err := f.firstProblem(); err != nil {
		f.saveBtn.Disable()
		f.problem.Importance = widget.LowImportance
		f.problem.SetText(err.Error())
		return
	}
	f.problem.SetText("")
	f.saveBtn.Enable()
}

func (f *coopForm) show(title string) {
	f.onChanged("")
	buttons := container.NewHBox(layoutSpacer(), f.cancel, f.saveBtn)
	content := container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, container.NewVScroll(f.form))
	f.dialog = dialog.NewCustomWithoutButtons(title, content, f.win)
	f.dialog.Resize(fyne.NewSize(640, 220+float32(len(f.form.Items))*62))
	f.dialog.Show()
	if f.first != nil {
		f.win.Canvas().Focus(f.first)
	}
}

func (f *coopForm) close() {
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

func (f *coopForm) onSave() {
	if err := f.firstProblem(); err != nil {
		f.problem.Importance = widget.DangerImportance
		f.problem.SetText(err.Error())
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
func (f *coopForm) showProblems(err error) {
	if data.ErrorCode(err) == data.Internal {
		showError(f.win, err)
		return
	}
	f.problem.Importance = widget.DangerImportance
	f.problem.SetText(ErrorText(err))
	for _, e := range asErrors(err) {
		if entry, ok := f.entries[e.Field]; ok {
			entry.AlwaysShowValidationError = true
			entry.SetValidationError(validationText(e))
		}
	}
}

// codeSelect is a drop-down over codes shown by their translations (prefix + code).
func (f *coopForm) codeSelect(codes []string, prefix, current string) *widget.Select {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = T(prefix + c)
	}
	s := &widget.Select{Options: labels, PlaceHolder: T("coop.institution.placeholder"), OnChanged: f.onChanged}
	s.ExtendBaseWidget(s)
	for i, c := range codes {
		if c == current {
			s.SetSelectedIndex(i)
		}
	}
	f.check(s, func() error {
		if s.SelectedIndex() < 0 {
			return fieldError{T("err.coop.choose_kind")}
		}
		return nil
	})
	return s
}

// coopSelectedCode is the code chosen in a codeSelect, or "".
func coopSelectedCode(s *widget.Select, codes []string) string {
	if i := s.SelectedIndex(); i >= 0 && i < len(codes) {
		return codes[i]
	}
	return ""
}

// institutionChooser is a drop-down over every institution, by name (they are a few dozen at most).
type institutionChooser struct {
	list []data.Institution
	sel  *widget.Select
}

func newInstitutionChooser(st coopPartyStore, id int64, onChanged func(string)) *institutionChooser {
	c := &institutionChooser{}
	var err error
	if c.list, err = st.Institutions(bg(), data.InstitutionFilter{Sort: data.InstSortName}); err != nil {
		fyne.LogError("reading institutions", err)
	}
	names := make([]string, len(c.list))
	for i, in := range c.list {
		names[i] = in.Name
	}
	c.sel = &widget.Select{Options: names, PlaceHolder: T("coop.institution.placeholder")}
	c.sel.ExtendBaseWidget(c.sel)
	for i, in := range c.list {
		if in.ID == id {
			c.sel.SetSelectedIndex(i)
		}
	}
	c.sel.OnChanged = onChanged
	return c
}

// id is the chosen institution, or 0.
func (c *institutionChooser) id() int64 {
	if i := c.sel.SelectedIndex(); i >= 0 && i < len(c.list) {
		return c.list[i].ID
	}
	return 0
}

func (c *institutionChooser) check() error {
	if c.id() == 0 {
		return fieldError{T("err.coop.choose_institution")}
	}
	return nil
}

// coopRequiredDate checks a date that must be given.
func coopRequiredDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return fieldError{T("err.required")}
	}
	_, err := data.ParseDate(s)
	return validationText(err)
}

// coopOptionalDate checks a date that may be left empty.
func coopOptionalDate(s string) error {
	_, err := data.ParseDate(s)
	return validationText(err)
}

// coopParseDate reads a date an entry's validator has accepted.
func coopParseDate(s string) (t time.Time) {
	t, _ = data.ParseDate(s)
	return t
}

// coopYearField checks a four-digit year within the range records may speak of.
func coopYearField(s string) error {
	s = strings.TrimSpace(s)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return fieldError{T("err.year.number")}
	}
	return validationText(data.ValidateYear(y))
}
