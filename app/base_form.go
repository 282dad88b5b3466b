package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// baseForm edits a copy of a cooperation base: name, company (searched by name), institution, establishment.
type baseForm struct {
	*recordForm
	store baseStore
	base  data.CoopBase

	name        *widget.Entry
	company     *companyPicker
	institution *institutionChooser
	established *widget.Entry
}

func newBaseForm(st baseStore, win fyne.Window, b data.CoopBase, onSaved func()) *baseForm {
	f := &baseForm{store: st, base: b}
	f.recordForm = newRecordForm(win, f.save, onSaved)
	f.name = f.entry("base_name", b.Name, "", func(s string) error { return validationText(data.ValidateName(s)) })
	f.company = newCompanyPicker(st, b.CompanyID, b.CompanyName, false, f.onChanged)
	f.entries["company"] = &f.company.entry.Entry
	f.check(f.company.entry, func() error { return f.company.validate("") })
	f.institution = newInstitutionChooser(st, b.InstitutionID, f.onChanged)
	f.check(f.institution.sel, f.institution.check)
	f.established = f.entry("established", data.FormatDate(b.Established), T("coop.date_hint"), validateEstablished)
	f.add(T("base.name"), f.name, T("form.required"))
	f.add(T("base.company"), f.company.entry, T("coop.company.hint"))
	f.add(T("base.institution"), f.institution.sel, "")
	f.add(T("base.established"), f.established, T("form.required"))
	return f
}

// validateEstablished wants a date, not in the future.
func validateEstablished(s string) error {
	if err := coopRequiredDate(s); err != nil {
		return err
	}
	return validatePastDateField(s)
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
