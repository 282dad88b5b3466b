package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// companyForm edits a copy of a company. Each field checks itself as it is typed; Save stays disabled while
// any field is wrong, and the store checks the whole record again when it saves.
type companyForm struct {
	*recordForm
	store   companyStore
	company data.Company
	parks   []data.Park
	onSaved func(data.Company)

	uscc        *escapeEntry
	usccMark    *widget.Icon // red inside the field while the code typed is another company's
	name        *escapeEntry
	legalRep    *escapeEntry
	field       *widget.Select
	park        *widget.Select
	address     *escapeEntry
	contact     *escapeEntry
	phone       *escapeEntry
	founded     *escapeEntry
	aboveScale  *widget.Check
	certNo      *escapeEntry
	certIssued  *escapeEntry
	certExpires *widget.Label
	techSMENo   *escapeEntry
	techSMEYear *escapeEntry
}

func newCompanyForm(e *env, st companyStore, win fyne.Window, c data.Company, onSaved func(data.Company)) *companyForm {
	f := &companyForm{store: st, company: c, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.afterSave)
	f.width = 760
	parks, err := st.Parks(bg())
	if err != nil {
		fyne.LogError("reading parks", err)
	}
	f.parks = parks
	f.build()
	return f
}

func (f *companyForm) build() {
	c := f.company
	f.uscc = f.entry("uscc", c.USCC, "91210212MA0XXXXXXX", f.validateUSCCField)
	f.usccMark = &widget.Icon{Resource: theme.NewErrorThemedResource(theme.ErrorIcon())}
	f.usccMark.Hide()
	f.uscc.ActionItem = f.usccMark
	f.name = f.entry("name", c.Name, "", func(s string) error { return f.env.validation(data.ValidateName(s)) })
	f.legalRep = f.entry("legal_rep", c.LegalRep, "", nil)
	f.field = &widget.Select{Options: f.fieldOptions(), OnChanged: f.onChanged, PlaceHolder: f.env.T("form.required")}
	f.field.ExtendBaseWidget(f.field)
	if c.Field != "" {
		f.field.SetSelected(f.env.techField(c.Field))
	}
	f.check(f.field, func() error {
		if f.field.SelectedIndex() < 0 {
			return f.env.fieldErr("err.required")
		}
		return nil
	})
	f.park = &widget.Select{Options: f.parkOptions(), OnChanged: f.onChanged}
	f.park.ExtendBaseWidget(f.park)
	f.park.SetSelected(f.parkLabel(c.ParkID))
	f.address = f.entry("address", c.Address, "", nil)
	f.contact = f.entry("contact", c.Contact, "", nil)
	f.phone = f.entry("phone", c.Phone, "0411-86000000", func(s string) error { return f.env.validation(data.ValidatePhone(s)) })
	f.founded = f.entry("founded", data.FormatDate(c.Founded), f.env.T("company.date_hint"), f.env.validatePastDateField)
	f.aboveScale = &widget.Check{Text: f.env.T("company.above_scale"), Checked: c.AboveScale}
	f.aboveScale.ExtendBaseWidget(f.aboveScale)
	f.certNo = f.entry("cert_no", c.CertNo, "GR202521200000", nil)
	f.certIssued = f.entry("cert_issued", data.FormatDate(c.CertIssued), f.env.T("company.date_hint"), f.env.validatePastDateField)
	f.certExpires = widget.NewLabel("")
	f.techSMENo = f.entry("techsme_no", c.TechSMENo, "", nil)
	f.techSMEYear = f.entry("techsme_year", yearText(c.TechSMEYear), "2025", f.validateTechSMEYearField)

	f.add(f.env.T("company.uscc"), f.uscc, f.env.T("form.required"))
	f.add(f.env.T("company.name"), f.name, f.env.T("form.required"))
	f.add(f.env.T("company.field"), f.field, "")
	f.add(f.env.T("company.park"), f.park, "")
	f.add(f.env.T("company.legal_rep"), f.legalRep, "")
	f.add(f.env.T("company.address"), f.address, "")
	f.add(f.env.T("company.contact"), f.contact, "")
	f.add(f.env.T("company.phone"), f.phone, "")
	f.add(f.env.T("company.founded"), f.founded, "")
	f.add("", f.aboveScale, "")
	f.add(f.env.T("company.cert_no"), f.certNo, "")
	f.add(f.env.T("company.cert_issued"), f.certIssued, "")
	f.add(f.env.T("company.cert_expires"), f.certExpires, f.env.T("company.cert_expires.auto"))
	f.add(f.env.T("company.techsme_no"), f.techSMENo, "")
	f.add(f.env.T("company.techsme_year"), f.techSMEYear, "")
	f.edited = f.onEdited
	f.onChanged("")
}

// onEdited runs on every change: the computed expiry, and the mark of a code another company holds.
func (f *companyForm) onEdited() {
	f.certExpires.SetText(f.expiresText())
	f.markTakenUSCC()
}

// markTakenUSCC shows at once, while the code is still being typed, that another company holds it: a red mark
// in the field and that company's name under it. Fyne keeps a field's own error hidden while it has the focus,
// which would leave a clerk typing on, unaware, into a duplicate until a save is refused.
func (f *companyForm) markTakenUSCC() {
	hint := f.env.T("form.required")
	taken := f.takenBy(f.uscc.Text)
	if taken != nil {
		hint = taken.Error()
		f.usccMark.Show()
	} else {
		f.usccMark.Hide()
	}
	if item := f.form.Items[0]; item.HintText != hint {
		item.HintText = hint
		f.form.Refresh()
	}
}

func (f *companyForm) expiresText() string {
	issued, err := data.ParseDate(f.certIssued.Text)
	if err != nil || issued.IsZero() {
		return "—"
	}
	return f.env.certText(data.Company{CertNo: "-", CertIssued: issued})
}

// record builds the company the form describes.
func (f *companyForm) record() data.Company {
	c := f.company
	c.USCC = f.uscc.Text
	c.Name = f.name.Text
	c.LegalRep = f.legalRep.Text
	c.Field = ""
	if i := f.field.SelectedIndex(); i >= 0 {
		c.Field = data.HighTechFields[i]
	}
	c.ParkID = 0
	if i := f.park.SelectedIndex(); i > 0 {
		c.ParkID = f.parks[i-1].ID
	}
	c.Address, c.Contact, c.Phone = f.address.Text, f.contact.Text, f.phone.Text
	c.Founded, _ = data.ParseDate(f.founded.Text)
	c.AboveScale = f.aboveScale.Checked
	c.CertNo = f.certNo.Text
	c.CertIssued, _ = data.ParseDate(f.certIssued.Text)
	c.TechSMENo = f.techSMENo.Text
	c.TechSMEYear, _ = strconv.Atoi(strings.TrimSpace(f.techSMEYear.Text))
	return c
}

func (f *companyForm) save() error {
	c := f.record()
	var err error
	if c.ID == 0 {
		err = f.store.CreateCompany(bg(), &c)
	} else {
		err = f.store.UpdateCompany(bg(), &c)
	}
	if err == nil {
		f.company = c
	}
	return err
}

func (f *companyForm) afterSave() {
	if f.onSaved != nil {
		f.onSaved(f.company)
	}
}

func (f *companyForm) parkOptions() []string {
	opts := []string{f.env.T("company.park.none")}
	for _, p := range f.parks {
		opts = append(opts, p.Name)
	}
	return opts
}

func (f *companyForm) parkLabel(id int64) string {
	for _, p := range f.parks {
		if p.ID == id {
			return p.Name
		}
	}
	return f.env.T("company.park.none")
}

func (f *companyForm) fieldOptions() []string {
	opts := make([]string, len(data.HighTechFields))
	for i, code := range data.HighTechFields {
		opts[i] = f.env.techField(code)
	}
	return opts
}

// usccRegister finds the company a credit code is registered to (data.Store has it).
type usccRegister interface {
	CompanyByUSCC(ctx context.Context, uscc string) (data.Company, error)
}

// validateUSCCField checks a credit code as it is typed: its form, then whether another company holds it,
// named, so that the clerk learns of a duplicate at the field and not from a refused save. It runs on every
// change, so the mark goes as soon as the code no longer clashes.
func (f *companyForm) validateUSCCField(s string) error {
	if _, err := data.ValidateUSCC(s); err != nil {
		return f.env.validation(err)
	}
	return f.takenBy(s)
}

// takenBy names the other company a well-formed code is registered to; nil when none is (or the code is not
// well-formed, which the field's own check says).
func (f *companyForm) takenBy(s string) error {
	code, err := data.ValidateUSCC(s)
	reg, ok := f.store.(usccRegister)
	if err != nil || !ok {
		return nil
	}
	other, err := reg.CompanyByUSCC(bg(), code)
	switch {
	case data.ErrorCode(err) == data.NotFound:
		return nil
	case err != nil:
		fyne.LogError("looking up a credit code", err) // the store checks again when it saves
		return nil
	case other.ID != f.company.ID:
		return f.env.fieldErr("company.uscc.taken_by", map[string]any{"Name": other.Name})
	}
	return nil
}

// validatePastDateField wants a date, not in the future.
func (e *env) validatePastDateField(s string) error {
	t, err := data.ParseDate(s)
	if err != nil {
		return e.validation(err)
	}
	return e.validation(data.ValidatePastDate(t))
}

func (f *companyForm) validateTechSMEYearField(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return f.env.fieldErr("err.year.number")
	}
	return f.env.validation(data.ValidateTechSMEYear(y))
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
