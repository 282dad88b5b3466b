package app

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// recordForm is the frame the record forms share: fields that check themselves as they are typed, Save
// disabled while one is wrong with a quiet line saying which, and the reasons of a refused save listed under
// the form and marked on the fields they name. A form embeds it, adds its fields and gives it save.
type recordForm struct {
	env     *env // the form's words and clock; the forms that embed recordForm use it too
	win     fyne.Window
	form    *widget.Form
	problem *widget.Label
	saveBtn *widget.Button
	cancel  *widget.Button
	dialog  dialog.Dialog
	checks  []formCheck              // each field's check, run without marking untouched fields red
	entries map[string]*widget.Entry // data field name → entry, to mark what a refused save names
	save    func() error             // writes the record; nil closes the form
	saved   func()                   // after a successful save
	first   fyne.Focusable
	width   float32
	edited  func()   // optional: runs on every change before the checks (to update computed fields)
	shown   []string // what the fields held when the form opened (fieldValues), to tell unsaved typing
}

// formCheck is the check of one field; w is its widget (to name the field in the quiet line), or nil.
type formCheck struct {
	w  fyne.CanvasObject
	fn func() error
}

func newRecordForm(e *env, win fyne.Window, save func() error, saved func()) *recordForm {
	f := &recordForm{env: e, win: win, save: save, saved: saved, entries: map[string]*widget.Entry{}, form: widget.NewForm(), width: 640}
	f.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.problem.ExtendBaseWidget(f.problem)
	f.saveBtn = &widget.Button{Text: f.env.T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancel = &widget.Button{Text: f.env.T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.onCancel}
	return f
}

// entry makes a text entry for a data field; validator may be nil.
func (f *recordForm) entry(field, text, placeholder string, validator fyne.StringValidator) *escapeEntry {
	e := newEscapeEntry(f.win) // Escape with the cursor in the field cancels the form, as 取消 does
	e.Text, e.PlaceHolder, e.Validator, e.OnChanged = text, placeholder, validator, f.onChanged
	f.entries[field] = &e.Entry
	if validator != nil {
		f.check(e, func() error { return e.Validator(e.Text) })
	}
	return e
}

// add appends a row to the form, with a hint under the widget.
func (f *recordForm) add(label string, w fyne.CanvasObject, hint string) {
	item := widget.NewFormItem(label, w)
	item.HintText = hint
	f.form.AppendItem(item)
	if fw, ok := w.(fyne.Focusable); ok && f.first == nil {
		f.first = fw
	}
}

// check adds a check that is not an entry's validator, such as a drop-down that must be chosen.
func (f *recordForm) check(w fyne.CanvasObject, fn func() error) {
	f.checks = append(f.checks, formCheck{w, fn})
}

// firstProblem is nil when every field passes its check; otherwise the first problem, naming its field.
func (f *recordForm) firstProblem() error {
	for _, c := range f.checks {
		if err := c.fn(); err != nil {
			if label := f.labelOf(c.w); label != "" {
				return f.env.fieldErr("err.with_field", map[string]any{"Field": label, "Message": err.Error()})
			}
			return err
		}
	}
	return nil
}

func (f *recordForm) labelOf(w fyne.CanvasObject) string {
	for _, item := range f.form.Items {
		if w != nil && item.Widget == w {
			return item.Text
		}
	}
	return ""
}

// onChanged enables Save exactly when every field passes; while one does not, a quiet line under the form
// says which, so a disabled Save is never a riddle.
func (f *recordForm) onChanged(string) {
	if f.edited != nil {
		f.edited()
	}
	if err := f.firstProblem(); err != nil {
		f.saveBtn.Disable()
		f.problem.Importance = widget.LowImportance
		f.problem.SetText(err.Error())
		return
	}
	f.problem.SetText("")
	f.saveBtn.Enable()
}

// show opens the form in a dialog sized to its rows (within the window) and focuses its first field.
func (f *recordForm) show(title string) {
	f.onChanged("")
	buttons := container.NewHBox(layoutSpacer(), f.cancel, f.saveBtn)
	content := container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, container.NewVScroll(f.form))
	f.dialog = dialog.NewCustomWithoutButtons(title, content, f.win)
	h := 170 + float32(len(f.form.Items))*58
	if max := f.win.Canvas().Size().Height - 40; max > 300 && h > max {
		h = max
	}
	f.dialog.Resize(fyne.NewSize(f.width, h))
	f.dialog.Show()
	formShown(f) // Ctrl+S saves the form on top (shortcuts.go)
	if f.first != nil {
		f.win.Canvas().Focus(f.first)
	}
	f.shown = f.fieldValues()
}

// onCancel closes the form, asking first when a field holds something else than when the form opened: a
// slip of the mouse must not throw away a record typed in. Typing a field back to what it was is no change.
func (f *recordForm) onCancel() {
	if slices.Equal(f.fieldValues(), f.shown) {
		f.close()
		return
	}
	d := dialog.NewCustomConfirm(f.env.T("form.discard.title"), f.env.T("form.discard.yes"), f.env.T("form.discard.no"),
		newDialogText(f.env.T("form.discard.message"), f.win), f.onDiscardAnswer, f.win)
	d.SetConfirmImportance(widget.DangerImportance) // it throws work away: red, as 删除 is
	d.Show()
}

func (f *recordForm) onDiscardAnswer(discard bool) {
	if discard {
		f.close()
	}
}

// fieldValues is what each field of the form holds, in the form's order.
func (f *recordForm) fieldValues() []string {
	var out []string
	for _, item := range f.form.Items {
		out = appendValues(out, item.Widget)
	}
	return out
}

// appendValues appends what o holds, looking into containers; a widget that holds nothing a user types or
// chooses adds nothing.
func appendValues(out []string, o fyne.CanvasObject) []string {
	switch w := o.(type) {
	case *widget.SelectEntry:
		return append(out, w.Text)
	case *escapeEntry: // the forms' own fields (dialog_keys.go)
		return append(out, w.Text)
	case *pickerEntry: // a company or institution picker
		return append(out, w.Text)
	case *widget.Entry:
		return append(out, w.Text)
	case *widget.Select:
		return append(out, w.Selected)
	case *widget.Check:
		return append(out, strconv.FormatBool(w.Checked))
	case *widget.RadioGroup:
		return append(out, w.Selected)
	case *fyne.Container:
		for _, c := range w.Objects {
			out = appendValues(out, c)
		}
	}
	return out
}

func (f *recordForm) close() {
	formClosed(f)
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

func (f *recordForm) onSave() {
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
func (f *recordForm) showProblems(err error) {
	if data.ErrorCode(err) == data.Internal {
		f.env.showError(f.win, err)
		return
	}
	f.problem.Importance = widget.DangerImportance
	f.problem.SetText(f.env.errorText(err))
	for _, e := range asErrors(err) {
		if entry, ok := f.entries[e.Field]; ok {
			entry.AlwaysShowValidationError = true
			entry.SetValidationError(f.env.validation(e))
		}
	}
}

// codeSelect is a drop-down over codes shown by their translations (prefix + code); code() is the chosen one,
// or "". The form shows its Select: a codeSelect itself in a form would get a renderer of its own, one the
// Select's changes never refresh (it showed as bare text, without its frame and arrow).
type codeSelect struct {
	*widget.Select
	codes []string
	none  string // label of a first choice meaning no code; "" when there is none
}

// codeAsk is how a code drop-down asks for a choice while none is made: the placeholder it shows and the
// problem the form reports (translation keys; no problem, no check), naming the field or not. With a none
// label, "no code" is the first choice instead.
type codeAsk struct {
	placeholder, problem string
	named                bool
	none                 string
}

var (
	// chooseKind asks as the cooperation forms do: 请选择, then "类别：请选择类别".
	chooseKind = codeAsk{placeholder: "coop.institution.placeholder", problem: "err.coop.choose_kind", named: true}
	// requiredCode asks as the incubation and plan forms do: 必填, then "必须填写".
	requiredCode = codeAsk{placeholder: "form.required", problem: "err.required"}
)

// orNoCode offers no code, labelled none (translated), as the first choice.
func orNoCode(none string) codeAsk { return codeAsk{placeholder: "form.required", none: none} }

// codeSelect makes a drop-down over codes, current chosen, asking as ask says.
func (f *recordForm) codeSelect(codes []string, prefix, current string, ask codeAsk) *codeSelect {
	s := &codeSelect{codes: codes, none: ask.none}
	labels := make([]string, 0, len(codes)+1)
	if ask.none != "" {
		labels = append(labels, ask.none)
	}
	for _, c := range codes {
		labels = append(labels, f.env.T(prefix+c))
	}
	s.Select = &widget.Select{Options: labels, PlaceHolder: f.env.T(ask.placeholder), OnChanged: f.onChanged}
	s.Select.ExtendBaseWidget(s.Select)
	s.set(current)
	if ask.problem != "" {
		var field fyne.CanvasObject // nil: the problem does not name the field
		if ask.named {
			field = s.Select
		}
		f.check(field, func() error {
			if s.SelectedIndex() < 0 {
				return f.env.fieldErr(ask.problem)
			}
			return nil
		})
	}
	return s
}

func (s *codeSelect) offset() int {
	if s.none != "" {
		return 1
	}
	return 0
}

func (s *codeSelect) code() string {
	i := s.SelectedIndex() - s.offset()
	if i >= 0 && i < len(s.codes) {
		return s.codes[i]
	}
	return ""
}

// set chooses a code; an unknown one leaves the drop-down empty, or on "no code" where it offers one.
func (s *codeSelect) set(code string) {
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
