package app

import (
	"fyne.io/fyne/v2"

	"scitech/data"
)

// institutionForm edits a copy of an institution.
type institutionForm struct {
	*recordForm
	store   institutionStore
	inst    data.Institution
	onSaved func(data.Institution)

	name *escapeEntry
	kind *codeSelect
	city *escapeEntry
}

func newInstitutionForm(e *env, st institutionStore, win fyne.Window, in data.Institution, onSaved func(data.Institution)) *institutionForm {
	f := &institutionForm{store: st, inst: in, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.afterSave)
	f.name = f.entry("inst_name", in.Name, "大连理工大学", func(s string) error { return f.env.validation(data.ValidateName(s)) })
	f.kind = f.codeSelect(data.InstitutionKinds, "inst.kind.", in.Kind, chooseKind)
	f.city = f.entry("inst_city", in.City, "大连", nil)
	f.add(f.env.T("inst.name"), f.name, f.env.T("form.required"))
	f.add(f.env.T("inst.kind"), f.kind.Select, "")
	f.add(f.env.T("inst.city"), f.city, "")
	return f
}

// record is the institution the form describes.
func (f *institutionForm) record() data.Institution {
	in := f.inst
	in.Name = f.name.Text
	in.Kind = f.kind.code()
	in.City = f.city.Text
	return in
}

func (f *institutionForm) save() error {
	in := f.record()
	var err error
	if in.ID == 0 {
		err = f.store.CreateInstitution(bg(), &in)
	} else {
		err = f.store.UpdateInstitution(bg(), &in)
	}
	if err == nil {
		f.inst = in
	}
	return err
}

func (f *institutionForm) afterSave() {
	if f.onSaved != nil {
		f.onSaved(f.inst)
	}
}
