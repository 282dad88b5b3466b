package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// patentForm edits a copy of a patent. The application number is checked as it is typed and the kind it
// gives is shown beside it; the dates check themselves against each other and the legal status. Save stays
// disabled while a field is wrong, and the store checks the whole record again when it saves.
type patentForm struct {
	store   patentStore
	win     fyne.Window
	patent  data.Patent
	onSaved func(data.Patent)

	company    *companyPicker
	appNo      *widget.Entry
	kind       *widget.Label // what the number says: kind, PCT, year
	title      *widget.Entry
	filed      *widget.Entry
	granted    *widget.Entry
	status     *widget.Select
	statusDate *widget.Entry
	term       *widget.Label // last day of the term and whether the patent is valid today
	form       *widget.Form
	problem    *widget.Label
	saveBtn    *widget.Button
	cancelBtn  *widget.Button
	dialog     dialog.Dialog
}

func newPatentForm(st patentStore, win fyne.Window, p data.Patent, onSaved func(data.Patent)) *patentForm {
	f := &patentForm{store: st, win: win, patent: p, onSaved: onSaved}
	f.build()
	return f
}

func (f *patentForm) entry(text, placeholder string, validator fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, PlaceHolder: placeholder, Validator: validator, OnChanged: f.onChanged}
	e.ExtendBaseWidget(e)
	return e
}

func (f *patentForm) build() {
	p := f.patent
	f.company = newCompanyPicker(f.store, p.CompanyID, p.CompanyName, false, f.onChanged)
	f.appNo = f.entry(p.AppNo, "201710601862.3", validatePatentAppNoField)
	f.kind = widget.NewLabel("")
	f.title = f.entry(p.Title, "", patentRequiredField)
	f.filed = f.entry(data.FormatDate(p.Filed), T("patent.date_hint"), f.validateFiled)
	f.granted = f.entry(data.FormatDate(p.Granted), T("patent.date_hint"), f.validateGranted)
	f.status = &widget.Select{Options: patentStatusOptions()}
	f.status.ExtendBaseWidget(f.status)
	for i, st := range data.PatentStatuses {
		if st == p.LegalStatus {
			f.status.SetSelectedIndex(i)
		}
	}
	f.status.OnChanged = f.onStatusChanged
	f.statusDate = f.entry(data.FormatDate(p.StatusDate), T("patent.date_hint"), f.validateStatusDate)
	f.term = widget.NewLabel("")

	f.form = widget.NewForm(
		widget.NewFormItem(T("patent.company"), f.company.entry),
		widget.NewFormItem(T("patent.app_no"), f.appNo),
		widget.NewFormItem(T("patent.kind"), f.kind),
		widget.NewFormItem(T("patent.title"), f.title),
		widget.NewFormItem(T("patent.filed"), f.filed),
		widget.NewFormItem(T("patent.legal_status"), f.status),
		widget.NewFormItem(T("patent.granted"), f.granted),
		widget.NewFormItem(T("patent.status_date"), f.statusDate),
		widget.NewFormItem(T("patent.term_ends"), f.term),
	)
	f.form.Items[0].HintText = T("form.required")
	f.form.Items[1].HintText = T("patent.form.app_no_hint")
	f.form.Items[2].HintText = T("patent.form.kind_auto")
	f.form.Items[3].HintText = T("form.required")
	f.form.Items[4].HintText = T("form.required")
	f.form.Items[6].HintText = T("patent.form.granted_hint")
	f.form.Items[7].HintText = T("patent.form.status_date_hint")
	f.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.problem.ExtendBaseWidget(f.problem)
	f.saveBtn = &widget.Button{Text: T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancelBtn = &widget.Button{Text: T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.close}
	f.onChanged("")
}

func (f *patentForm) content() fyne.CanvasObject {
	buttons := container.NewHBox(layoutSpacer(), f.cancelBtn, f.saveBtn)
	return container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, container.NewVScroll(f.form))
}

func (f *patentForm) show(title string) {
	f.dialog = dialog.NewCustomWithoutButtons(title, f.content(), f.win)
	f.dialog.Resize(fyne.NewSize(720, 640))
	f.dialog.Show()
	f.win.Canvas().Focus(f.company.entry)
}

func (f *patentForm) close() {
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

// onChanged shows what the number gives, checks again the dates that depend on other fields, and allows
// Save only when every field is right.
func (f *patentForm) onChanged(string) {
	if f.saveBtn == nil {
		return
	}
	f.kind.SetText(f.kindText())
	f.term.SetText(f.termText())
	if f.filed.Text != "" {
		_ = f.filed.Validate()
	}
	for _, e := range []*widget.Entry{f.granted, f.statusDate} {
		// an empty date the legal status asks for is marked at once, since the user never typed in it
		e.AlwaysShowValidationError = e.Validator(e.Text) != nil && e.Text == ""
		_ = e.Validate()
		e.Refresh()
	}
	if f.firstProblem() != nil {
		f.saveBtn.Disable()
		return
	}
	f.problem.SetText("")
	f.saveBtn.Enable()
}

// onStatusChanged empties the status date: the date of the old status is not that of the new one.
func (f *patentForm) onStatusChanged(string) {
	f.statusDate.SetText("")
	f.onChanged("")
}

func (f *patentForm) kindText() string {
	no, err := data.ValidatePatentAppNo(f.appNo.Text)
	if err != nil {
		return "—"
	}
	key := "patent.form.kind_text"
	if no.PCT {
		key = "patent.form.kind_text.pct"
	}
	return T(key, map[string]any{"Kind": patentKindLabel(no.Kind), "Year": no.Year})
}

func (f *patentForm) termText() string {
	p := f.record()
	p.Normalize()
	if p.Kind == "" || p.Filed.IsZero() {
		return "—"
	}
	state := T("patent.valid")
	if ok, why := p.ValidOn(today()); !ok {
		state = T("patent.why." + why)
	}
	return T("patent.form.term_text", map[string]any{"Date": data.FormatDate(p.TermEnds()), "Years": p.TermYears()}) +
		"　" + T("patent.form.validity_today", map[string]any{"State": state})
}

// firstProblem runs every field's check without marking untouched fields red; nil means Save may be pressed.
func (f *patentForm) firstProblem() error {
	if err := f.company.validate(""); err != nil {
		return err
	}
	for _, e := range []*widget.Entry{f.appNo, f.title, f.filed, f.granted, f.statusDate} {
		if err := e.Validator(e.Text); err != nil {
			return err
		}
	}
	if f.status.SelectedIndex() < 0 {
		return fieldError{T("err.required")}
	}
	return nil
}

// record builds the patent the form describes.
func (f *patentForm) record() data.Patent {
	p := f.patent
	p.CompanyID = f.company.id()
	p.AppNo = f.appNo.Text
	p.Title = f.title.Text
	p.Filed, _ = data.ParseDate(f.filed.Text)
	p.Granted, _ = data.ParseDate(f.granted.Text)
	p.LegalStatus = f.selectedStatus()
	p.StatusDate, _ = data.ParseDate(f.statusDate.Text)
	return p
}

func (f *patentForm) selectedStatus() string {
	if i := f.status.SelectedIndex(); i >= 0 {
		return data.PatentStatuses[i]
	}
	return ""
}

func (f *patentForm) onSave() {
	if err := f.firstProblem(); err != nil {
		f.problem.SetText(T("form.fix_errors"))
		return
	}
	p := f.record()
	var err error
	if p.ID == 0 {
		err = f.store.CreatePatent(bg(), &p)
	} else {
		err = f.store.UpdatePatent(bg(), &p)
	}
	if err != nil {
		f.showProblems(err)
		return
	}
	f.patent = p
	f.close()
	if f.onSaved != nil {
		f.onSaved(p)
	}
}

// showProblems marks the fields a refused save names and lists every reason under the form.
func (f *patentForm) showProblems(err error) {
	if data.ErrorCode(err) == data.Internal {
		showError(f.win, err)
		return
	}
	f.problem.SetText(ErrorText(err))
	entries := map[string]*widget.Entry{"app_no": f.appNo, "title": f.title, "filed": f.filed, "granted": f.granted,
		"status_date": f.statusDate}
	for _, e := range asErrors(err) {
		if entry, ok := entries[e.Field]; ok {
			entry.AlwaysShowValidationError = true
			entry.SetValidationError(validationText(e))
		}
	}
}

// The field checks below build the record as it stands and run the data package's own rules on it, so the
// form refuses exactly what the store would.

func (f *patentForm) validateFiled(s string) error {
	if strings.TrimSpace(s) == "" {
		return fieldError{T("err.required")}
	}
	return f.check(s, "filed")
}

func (f *patentForm) validateGranted(s string) error { return f.check(s, "granted") }

func (f *patentForm) validateStatusDate(s string) error {
	if strings.TrimSpace(s) == "" && f.status != nil {
		if st := f.selectedStatus(); st == data.PatentPending || st == data.PatentGranted {
			return nil // Normalize takes the filing or grant date
		}
	}
	return f.check(s, "status_date")
}

// check parses a date field and reports what data.Patent.Validate says of that field.
func (f *patentForm) check(text, field string) error {
	if _, err := data.ParseDate(text); err != nil {
		return validationText(err)
	}
	if f.status == nil || f.statusDate == nil {
		return nil // still building
	}
	p := f.record()
	p.Normalize()
	var errs data.Errors
	if list, ok := p.Validate().(data.Errors); ok {
		errs = list
	}
	if e := errs.For(field); e != nil {
		return validationText(e)
	}
	return nil
}

func patentStatusOptions() []string {
	opts := make([]string, len(data.PatentStatuses))
	for i, st := range data.PatentStatuses {
		opts[i] = T("patent.status." + st)
	}
	return opts
}

func validatePatentAppNoField(s string) error {
	_, err := data.ValidatePatentAppNo(s)
	return validationText(err)
}

func patentRequiredField(s string) error {
	if strings.TrimSpace(s) == "" {
		return fieldError{T("err.required")}
	}
	return nil
}
