package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// cooperationForm edits a copy of a cooperation: company (searched by name), institution, programme and dates.
type cooperationForm struct {
	*recordForm
	store   cooperationStore
	coop    data.Cooperation
	onSaved func(data.Cooperation)

	company     *companyPicker
	institution *institutionChooser
	programme   *widget.Entry
	started     *widget.Entry
	ended       *widget.Entry
}

func newCooperationForm(e *env, st cooperationStore, win fyne.Window, c data.Cooperation, onSaved func(data.Cooperation)) *cooperationForm {
	f := &cooperationForm{store: st, coop: c, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.afterSave)
	f.company = newCompanyPicker(e, st, c.CompanyID, c.CompanyName, false, f.onChanged)
	f.entries["company"] = &f.company.entry.Entry
	f.check(f.company.entry, func() error { return f.company.validate("") })
	f.institution = newInstitutionChooser(e, st, c.InstitutionID, f.onChanged)
	f.check(f.institution.sel, f.institution.check)
	f.programme = f.entry("programme", c.Programme, f.env.T("coop.programme.hint"), nil)
	f.started = f.entry("started", data.FormatDate(c.Started), f.env.T("coop.date_hint"), f.env.coopRequiredDate)
	f.started.OnChanged = f.onStartedChanged
	f.ended = f.entry("ended", data.FormatDate(c.Ended), f.env.T("coop.date_hint"), f.validateEnded)

	f.add(f.env.T("coop.company"), f.company.entry, f.env.T("coop.company.hint"))
	f.add(f.env.T("coop.institution"), f.institution.sel, "")
	f.add(f.env.T("coop.programme"), f.programme, "")
	f.add(f.env.T("coop.started"), f.started, f.env.T("form.required"))
	f.add(f.env.T("coop.ended"), f.ended, f.env.T("coop.ended.hint"))
	return f
}

// onStartedChanged checks the end again: whether it is before the start depends on both.
func (f *cooperationForm) onStartedChanged(s string) {
	if f.ended.Text != "" {
		f.ended.Validate()
	}
	f.onChanged(s)
}

// validateEnded accepts an empty end, or a date not before the start.
func (f *cooperationForm) validateEnded(s string) error {
	if err := f.env.coopOptionalDate(s); err != nil {
		return err
	}
	started, ended := coopParseDate(f.started.Text), coopParseDate(s)
	if !ended.IsZero() && !started.IsZero() && ended.Before(started) {
		return f.env.fieldErr("err.coop.ended_before", map[string]any{"Started": data.FormatDate(started)})
	}
	return nil
}

// record is the cooperation the form describes.
func (f *cooperationForm) record() data.Cooperation {
	c := f.coop
	c.CompanyID = f.company.id()
	c.InstitutionID = f.institution.id()
	c.Programme = f.programme.Text
	c.Started = coopParseDate(f.started.Text)
	c.Ended = coopParseDate(f.ended.Text)
	return c
}

func (f *cooperationForm) save() error {
	c := f.record()
	var err error
	if c.ID == 0 {
		err = f.store.CreateCooperation(bg(), &c)
	} else {
		err = f.store.UpdateCooperation(bg(), &c)
	}
	if err == nil {
		f.coop = c
	}
	return err
}

func (f *cooperationForm) afterSave() {
	if f.onSaved != nil {
		f.onSaved(f.coop)
	}
}
