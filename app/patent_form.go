package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// patentForm edits a copy of a patent. The application number is checked as it is typed and the kind it
// gives is shown beside it; the dates check themselves against each other and the legal status. Save stays
// disabled while a field is wrong, and the store checks the whole record again when it saves.
type patentForm struct {
	*recordForm
	store   patentStore
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
}

func newPatentForm(st patentStore, win fyne.Window, p data.Patent, onSaved func(data.Patent)) *patentForm {
	f := &patentForm{store: st, patent: p, onSaved: onSaved}
	f.recordForm = newRecordForm(win, f.save, f.afterSave)
	f.width = 720
	f.build()
	return f
}

func (f *patentForm) build() {
	p := f.patent
	f.company = newCompanyPicker(f.store, p.CompanyID, p.CompanyName, false, f.onChanged)
	f.check(f.company.entry, func() error { return f.company.validate("") })
	f.appNo = f.entry("app_no", p.AppNo, "201710601862.3", validatePatentAppNoField)
	f.kind = widget.NewLabel("")
	f.title = f.entry("title", p.Title, "", patentRequiredField)
	f.filed = f.entry("filed", data.FormatDate(p.Filed), T("patent.date_hint"), f.validateFiled)
	f.granted = f.entry("granted", data.FormatDate(p.Granted), T("patent.date_hint"), f.validateGranted)
	f.status = &widget.Select{Options: patentStatusOptions()}
	f.status.ExtendBaseWidget(f.status)
	for i, st := range data.PatentStatuses {
		if st == p.LegalStatus {
			f.status.SetSelectedIndex(i)
		}
	}
	f.status.OnChanged = f.onStatusChanged
	f.check(f.status, func() error {
		if f.status.SelectedIndex() < 0 {
			return fieldError{T("err.required")}
		}
		return nil
	})
	f.statusDate = f.entry("status_date", data.FormatDate(p.StatusDate), T("patent.date_hint"), f.validateStatusDate)
	f.term = widget.NewLabel("")

	f.add(T("patent.company"), f.company.entry, T("form.required"))
	f.add(T("patent.app_no"), f.appNo, T("patent.form.app_no_hint"))
	f.add(T("patent.kind"), f.kind, T("patent.form.kind_auto"))
	f.add(T("patent.title"), f.title, T("form.required"))
	f.add(T("patent.filed"), f.filed, T("form.required"))
	f.add(T("patent.legal_status"), f.status, "")
	f.add(T("patent.granted"), f.granted, T("patent.form.granted_hint"))
	f.add(T("patent.status_date"), f.statusDate, T("patent.form.status_date_hint"))
	f.add(T("patent.term_ends"), f.term, "")
	f.edited = f.onEdited
	f.onChanged("")
}

// onEdited shows what the number gives and checks again the dates that depend on other fields.
func (f *patentForm) onEdited() {
	if f.term == nil {
		return // still building
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

func (f *patentForm) save() error {
	p := f.record()
	var err error
	if p.ID == 0 {
		err = f.store.CreatePatent(bg(), &p)
	} else {
		err = f.store.UpdatePatent(bg(), &p)
	}
	if err == nil {
		f.patent = p
	}
	return err
}

func (f *patentForm) afterSave() {
	if f.onSaved != nil {
		f.onSaved(f.patent)
	}
}

// The field checks below build the record as it stands and run the data package's own rules on it, so the
// form refuses exactly what the store would.

func (f *patentForm) validateFiled(s string) error {
	if strings.TrimSpace(s) == "" {
		return fieldError{T("err.required")}
	}
	return f.checkDate(s, "filed")
}

func (f *patentForm) validateGranted(s string) error { return f.checkDate(s, "granted") }

func (f *patentForm) validateStatusDate(s string) error {
	if strings.TrimSpace(s) == "" && f.status != nil {
		if st := f.selectedStatus(); st == data.PatentPending || st == data.PatentGranted {
			return nil // Normalize takes the filing or grant date
		}
	}
	return f.checkDate(s, "status_date")
}

// checkDate parses a date field and reports what data.Patent.Validate says of that field.
func (f *patentForm) checkDate(text, field string) error {
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
