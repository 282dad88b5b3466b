package app

import (
	"strconv"
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
	appNo      *escapeEntry
	kind       *widget.Label // what the number says: kind, PCT, year
	title      *escapeEntry
	filed      *escapeEntry
	granted    *escapeEntry
	status     *widget.Select
	statusDate *escapeEntry
	term       *widget.Label // last day of the term and whether the patent is valid today
	usedIn     *escapeEntry  // the recognition a utility model or design was counted in; an invention never is
}

func newPatentForm(e *env, st patentStore, win fyne.Window, p data.Patent, onSaved func(data.Patent)) *patentForm {
	f := &patentForm{store: st, patent: p, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.afterSave)
	f.width = 720
	f.build()
	return f
}

func (f *patentForm) build() {
	p := f.patent
	f.company = newCompanyPicker(f.env, f.store, p.CompanyID, p.CompanyName, false, f.onChanged)
	f.check(f.company.entry, func() error { return f.company.validate("") })
	f.appNo = f.entry("app_no", p.AppNo, "201710601862.3", f.validatePatentAppNoField)
	f.kind = widget.NewLabel("")
	f.title = f.entry("title", p.Title, "", f.env.requiredField)
	f.filed = f.entry("filed", data.FormatDate(p.Filed), f.env.T("patent.date_hint"), f.validateFiled)
	f.granted = f.entry("granted", data.FormatDate(p.Granted), f.env.T("patent.date_hint"), f.validateGranted)
	f.status = &widget.Select{Options: f.patentStatusOptions()}
	f.status.ExtendBaseWidget(f.status)
	for i, st := range data.PatentStatuses {
		if st == p.LegalStatus {
			f.status.SetSelectedIndex(i)
		}
	}
	f.status.OnChanged = f.onStatusChanged
	f.check(f.status, func() error {
		if f.status.SelectedIndex() < 0 {
			return f.env.fieldErr("err.required")
		}
		return nil
	})
	f.statusDate = f.entry("status_date", data.FormatDate(p.StatusDate), f.env.T("patent.date_hint"), f.validateStatusDate)
	f.term = widget.NewLabel("")
	f.usedIn = f.entry("used_in", yearText(p.UsedIn), "", f.validateUsedIn)

	f.add(f.env.T("patent.company"), f.company.entry, f.env.T("form.required"))
	f.add(f.env.T("patent.app_no"), f.appNo, f.env.T("patent.form.app_no_hint"))
	f.add(f.env.T("patent.kind"), f.kind, f.env.T("patent.form.kind_auto"))
	f.add(f.env.T("patent.title"), f.title, f.env.T("form.required"))
	f.add(f.env.T("patent.filed"), f.filed, f.env.T("form.required"))
	f.add(f.env.T("patent.legal_status"), f.status, "")
	f.add(f.env.T("patent.granted"), f.granted, f.env.T("patent.form.granted_hint"))
	f.add(f.env.T("patent.status_date"), f.statusDate, f.env.T("patent.form.status_date_hint"))
	f.add(f.env.T("patent.term_ends"), f.term, "")
	f.add(f.env.T("companyip.used_in_label"), f.usedIn, f.env.T("patentui.used_in_hint"))
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
	f.followKind()
	if f.filed.Text != "" {
		_ = f.filed.Validate()
	}
	for _, e := range []*escapeEntry{f.granted, f.statusDate} {
		// an empty date the legal status asks for is marked at once, since the user never typed in it
		e.AlwaysShowValidationError = e.Validator(e.Text) != nil && e.Text == ""
		_ = e.Validate()
		e.Refresh()
	}
}

// followKind offers the used-in mark only for a utility model or a design (class II): an invention patent is
// class I and counts in every recognition, so a number read as an invention's clears and disables the mark.
func (f *patentForm) followKind() {
	if f.usedIn == nil {
		return // still building
	}
	no, err := data.ValidatePatentAppNo(f.appNo.Text)
	if err == nil && no.Kind == "invention" {
		if f.usedIn.Text != "" {
			f.usedIn.SetText("") // runs onChanged, and onEdited, again
		}
		f.usedIn.Disable()
		return
	}
	f.usedIn.Enable()
	if f.usedIn.Text != "" {
		_ = f.usedIn.Validate() // the grant date decides the earliest year
	}
}

// validateUsedIn wants an empty field or a year the patent could have counted in (data.Patent.Validate).
func (f *patentForm) validateUsedIn(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if _, err := strconv.Atoi(s); err != nil {
		return f.env.fieldErr("err.year.number")
	}
	if f.status == nil || f.statusDate == nil {
		return nil // still building
	}
	p := f.record()
	p.Normalize()
	return f.env.fieldProblem(p.Validate(), "used_in")
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
	return f.env.T(key, map[string]any{"Kind": f.env.patentKindLabel(no.Kind), "Year": no.Year})
}

func (f *patentForm) termText() string {
	p := f.record()
	p.Normalize()
	if p.Kind == "" || p.Filed.IsZero() {
		return "—"
	}
	state := f.env.T("patent.valid")
	if ok, why := p.ValidOn(f.env.today()); !ok {
		state = f.env.T("patent.why." + why)
	}
	return f.env.T("patent.form.term_text", map[string]any{"Date": data.FormatDate(p.TermEnds()), "Years": p.TermYears()}) +
		"　" + f.env.T("patent.form.validity_today", map[string]any{"State": state})
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
	p.UsedIn = 0
	if f.usedIn != nil {
		p.UsedIn, _ = strconv.Atoi(strings.TrimSpace(f.usedIn.Text))
	}
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
		return f.env.fieldErr("err.required")
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
		return f.env.validation(err)
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
		return f.env.validation(e)
	}
	return nil
}

func (f *patentForm) patentStatusOptions() []string {
	opts := make([]string, len(data.PatentStatuses))
	for i, st := range data.PatentStatuses {
		opts[i] = f.env.T("patent.status." + st)
	}
	return opts
}

func (f *patentForm) validatePatentAppNoField(s string) error {
	_, err := data.ValidatePatentAppNo(s)
	return f.env.validation(err)
}

// requiredField wants some text.
func (e *env) requiredField(s string) error {
	if strings.TrimSpace(s) == "" {
		return e.fieldErr("err.required")
	}
	return nil
}
