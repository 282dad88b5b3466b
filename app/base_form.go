package app

import (
	"fyne.io/fyne/v2"

	"scitech/data"
)

// baseForm edits a copy of a cooperation base: name, company (searched by name), institution, establishment.
type baseForm struct {
	*recordForm
	store baseStore
	base  data.CoopBase

	name        *escapeEntry
	company     *companyPicker
	institution *institutionPicker
	established *escapeEntry
}

func newBaseForm(e *env, st baseStore, win fyne.Window, b data.CoopBase, onSaved func()) *baseForm {
	f := &baseForm{store: st, base: b}
	f.recordForm = newRecordForm(e, win, f.save, onSaved)
	f.name = f.entry("base_name", b.Name, "", func(s string) error { return f.env.validation(data.ValidateName(s)) })
	f.company = newCompanyPicker(e, st, b.CompanyID, b.CompanyName, false, f.onChanged)
	f.entries["company"] = &f.company.entry.Entry
	f.check(f.company.entry, func() error { return f.company.validate("") })
	f.institution = newInstitutionPicker(e, st, b.InstitutionID, f.onChanged)
	f.check(f.institution.entry, func() error { return f.institution.validate("") })
	f.established = f.entry("established", data.FormatDate(b.Established), f.env.T("coop.date_hint"), f.validateEstablished)
	f.add(f.env.T("base.name"), f.name, f.env.T("form.required"))
	f.add(f.env.T("base.company"), f.company.entry, f.env.T("coop.company.hint"))
	f.add(f.env.T("base.institution"), f.institution.entry, "")
	f.add(f.env.T("base.established"), f.established, f.env.T("form.required"))
	return f
}

// validateEstablished wants a date, not in the future.
func (f *baseForm) validateEstablished(s string) error {
	if err := f.env.coopRequiredDate(s); err != nil {
		return err
	}
	return f.env.validatePastDateField(s)
}

func (f *baseForm) save() error {
	b := f.base
	b.Name = f.name.Text
	b.CompanyID = f.company.id()
	b.InstitutionID = f.institution.id()
	b.Established = coopParseDate(f.established.Text)
	if b.ID == 0 {
		return f.store.CreateCoopBase(bg(), &b)
	}
	return f.store.UpdateCoopBase(bg(), &b)
}
