package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// incubatorForm edits a copy of an incubator.
type incubatorForm struct {
	*recordForm
	store     incubatorStore
	incubator data.Incubator

	name    *escapeEntry
	level   *codeSelect
	address *escapeEntry
	area    *escapeEntry
}

func newIncubatorForm(e *env, st incubatorStore, win fyne.Window, in data.Incubator, saved func()) *incubatorForm {
	f := &incubatorForm{store: st, incubator: in}
	f.recordForm = newRecordForm(e, win, f.save, saved)
	f.name = f.entry("incubator_name", in.Name, f.env.T("form.required"), func(s string) error { return f.env.validation(data.ValidateName(s)) })
	f.level = f.codeSelect(data.IncubatorLevels, "incubator.level.", in.Level, requiredCode)
	f.address = f.entry("incubator_address", in.Address, "", nil)
	area := ""
	if in.ID != 0 || in.AreaM2 != 0 {
		area = strconv.Itoa(in.AreaM2)
	}
	f.area = f.entry("area_m2", area, "0", f.validateAreaField)
	f.add(f.env.T("incubator.name"), f.name, f.env.T("form.required"))
	f.add(f.env.T("incubator.level"), f.level.Select, f.env.T("form.required"))
	f.add(f.env.T("incubator.address"), f.address, "")
	f.add(f.env.T("incubator.area"), f.area, f.env.T("incubator.area_hint"))
	return f
}

func (f *incubatorForm) validateAreaField(s string) error {
	if _, err := data.ParseCount(s); err != nil {
		return f.env.fieldErr("err.incubate.area")
	}
	return nil
}

func (f *incubatorForm) record() data.Incubator {
	in := f.incubator
	in.Name = f.name.Text
	in.Level = f.level.code()
	in.Address = f.address.Text
	in.AreaM2, _ = data.ParseCount(f.area.Text)
	return in
}

func (f *incubatorForm) save() error {
	in := f.record()
	var err error
	if in.ID == 0 {
		err = f.store.CreateIncubator(bg(), &in)
	} else {
		err = f.store.UpdateIncubator(bg(), &in)
	}
	if err == nil {
		f.incubator = in
	}
	return err
}

// iappForm edits a copy of an incubator application; its status moves only on the application's page.
type iappForm struct {
	*recordForm
	store   incubatorStore
	app     data.IncubatorApplication
	incs    []data.IncubatorRow
	onSaved func(data.IncubatorApplication)

	incubator *widget.Select
	kind      *codeSelect
	applicant *escapeEntry
	company   *companyPicker
	leader    *escapeEntry
	field     *codeSelect
	summary   *escapeEntry
	submitted *escapeEntry
	picked    string // the company name last copied into the applicant
}

func newIAppForm(e *env, st incubatorStore, win fyne.Window, incs []data.IncubatorRow, a data.IncubatorApplication,
	onSaved func(data.IncubatorApplication)) *iappForm {
	f := &iappForm{store: st, app: a, incs: incs, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.saved)
	f.width = 700
	names := make([]string, len(incs))
	f.incubator = &widget.Select{PlaceHolder: f.env.T("form.required"), OnChanged: f.onChanged}
	f.incubator.ExtendBaseWidget(f.incubator)
	for i, in := range incs {
		names[i] = in.Name
	}
	f.incubator.SetOptions(names)
	for i, in := range incs {
		if in.ID == a.IncubatorID {
			f.incubator.SetSelectedIndex(i)
		}
	}
	f.check(nil, func() error {
		if f.incubator.SelectedIndex() < 0 {
			return f.env.fieldErr("err.required")
		}
		return nil
	})
	f.kind = f.codeSelect(data.ApplicantKinds, "iapp.kind.", a.ApplicantKind, requiredCode)
	f.applicant = f.entry("applicant", a.Applicant, f.env.T("iapp.applicant_hint"), func(s string) error { return f.env.validation(data.ValidateName(s)) })
	f.company = newCompanyPicker(e, st, a.CompanyID, a.CompanyName, true, f.onCompanyChanged)
	f.company.entry.PlaceHolder = f.env.T("iapp.company_hint")
	f.entries["company"] = &f.company.entry.Entry
	f.check(nil, func() error { return f.company.validate(f.company.entry.Text) })
	f.picked = a.CompanyName
	f.leader = f.entry("leader", a.Leader, "", nil)
	f.field = f.codeSelect(data.HighTechFields, "field.", a.Field, orNoCode(f.env.T("iapp.field.none")))
	f.summary = f.entry("summary", a.Summary, "", nil)
	f.summary.MultiLine, f.summary.Wrapping = true, fyne.TextWrapWord
	f.summary.SetMinRowsVisible(3)
	f.submitted = f.entry("submitted", data.FormatDate(a.Submitted), f.env.T("company.date_hint"), f.env.incDateField(true))

	f.add(f.env.T("iapp.incubator"), f.incubator, f.env.T("form.required"))
	f.add(f.env.T("iapp.applicant_kind"), f.kind.Select, f.env.T("form.required"))
	f.add(f.env.T("iapp.company"), f.company.entry, f.env.T("form.optional"))
	f.add(f.env.T("iapp.applicant"), f.applicant, f.env.T("form.required"))
	f.add(f.env.T("iapp.leader"), f.leader, "")
	f.add(f.env.T("iapp.field"), f.field.Select, "")
	f.add(f.env.T("iapp.summary"), f.summary, "")
	f.add(f.env.T("iapp.submitted"), f.submitted, f.env.T("form.required"))
	f.first = f.applicant
	return f
}

// onCompanyChanged copies a chosen company's name into the applicant, unless the clerk typed another name.
func (f *iappForm) onCompanyChanged(string) {
	if f.company.id() != 0 {
		name := f.company.name()
		if t := strings.TrimSpace(f.applicant.Text); t == "" || t == f.picked {
			f.applicant.SetText(name)
		}
		f.picked = name
		if f.kind.code() == "" {
			f.kind.set("company")
		}
	}
	f.onChanged("")
}

func (f *iappForm) record() data.IncubatorApplication {
	a := f.app
	if i := f.incubator.SelectedIndex(); i >= 0 {
		a.IncubatorID = f.incs[i].ID
	}
	a.ApplicantKind = f.kind.code()
	a.Applicant = f.applicant.Text
	a.CompanyID = f.company.id()
	a.Leader = f.leader.Text
	a.Field = f.field.code()
	a.Summary = f.summary.Text
	a.Submitted, _ = data.ParseDate(f.submitted.Text)
	return a
}

func (f *iappForm) save() error {
	a := f.record()
	var err error
	if a.ID == 0 {
		err = f.store.CreateIncubatorApplication(bg(), &a)
	} else {
		err = f.store.UpdateIncubatorApplication(bg(), &a)
	}
	if err == nil {
		f.app = a
	}
	return err
}

func (f *iappForm) saved() {
	if f.onSaved != nil {
		f.onSaved(f.app)
	}
}
