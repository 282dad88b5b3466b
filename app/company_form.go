package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// companyForm edits a copy of a company. Each field checks itself as it is typed; Save stays disabled while
// any field is wrong, and the store checks the whole record again when it saves.
type companyForm struct {
	store   companyStore
	win     fyne.Window
	company data.Company
	parks   []data.Park
	onSaved func(data.Company)

	uscc        *widget.Entry
	name        *widget.Entry
	legalRep    *widget.Entry
	field       *widget.Select
	park        *widget.Select
	address     *widget.Entry
	contact     *widget.Entry
	phone       *widget.Entry
	founded     *widget.Entry
	aboveScale  *widget.Check
	certNo      *widget.Entry
	certIssued  *widget.Entry
	certExpires *widget.Label
	techSMENo   *widget.Entry
	techSMEYear *widget.Entry
	form        *widget.Form
	problem     *widget.Label
	saveBtn     *widget.Button
	cancelBtn   *widget.Button
	dialog      dialog.Dialog
}

func newCompanyForm(st companyStore, win fyne.Window, c data.Company, onSaved func(data.Company)) *companyForm {
	f := &companyForm{store: st, win: win, company: c, onSaved: onSaved}
	parks, err := st.Parks(bg())
	if err != nil {
		fyne.LogError("reading parks", err)
	}
	f.parks = parks
	f.build()
	return f
}

func (f *companyForm) entry(text, placeholder string, validator fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, PlaceHolder: placeholder, Validator: validator, OnChanged: f.onChanged}
	e.ExtendBaseWidget(e)
	return e
}

func (f *companyForm) build() {
	c := f.company
	f.uscc = f.entry(c.USCC, "91210212MA0XXXXXXX", validateUSCCField)
	f.name = f.entry(c.Name, "", func(s string) error { return validationText(data.ValidateName(s)) })
	f.legalRep = f.entry(c.LegalRep, "", nil)
	f.field = &widget.Select{Options: fieldOptions(), OnChanged: f.onChanged, PlaceHolder: T("form.required")}
	f.field.ExtendBaseWidget(f.field)
	if c.Field != "" {
		f.field.SetSelected(fieldLabel(c.Field))
	}
	f.park = &widget.Select{Options: f.parkOptions(), OnChanged: f.onChanged}
	f.park.ExtendBaseWidget(f.park)
	f.park.SetSelected(f.parkLabel(c.ParkID))
	f.address = f.entry(c.Address, "", nil)
	f.contact = f.entry(c.Contact, "", nil)
	f.phone = f.entry(c.Phone, "0411-86000000", func(s string) error { return validationText(data.ValidatePhone(s)) })
	f.founded = f.entry(data.FormatDate(c.Founded), T("company.date_hint"), validatePastDateField)
	f.aboveScale = &widget.Check{Text: T("company.above_scale"), Checked: c.AboveScale}
	f.aboveScale.ExtendBaseWidget(f.aboveScale)
	f.certNo = f.entry(c.CertNo, "GR202521200000", nil)
	f.certIssued = f.entry(data.FormatDate(c.CertIssued), T("company.date_hint"), validatePastDateField)
	f.certExpires = widget.NewLabel("")
	f.techSMENo = f.entry(c.TechSMENo, "", nil)
	f.techSMEYear = f.entry(yearText(c.TechSMEYear), "2025", validateTechSMEYearField)

	f.form = widget.NewForm(
		widget.NewFormItem(T("company.uscc"), f.uscc),
		widget.NewFormItem(T("company.name"), f.name),
		widget.NewFormItem(T("company.field"), f.field),
		widget.NewFormItem(T("company.park"), f.park),
		widget.NewFormItem(T("company.legal_rep"), f.legalRep),
		widget.NewFormItem(T("company.address"), f.address),
		widget.NewFormItem(T("company.contact"), f.contact),
		widget.NewFormItem(T("company.phone"), f.phone),
		widget.NewFormItem(T("company.founded"), f.founded),
		widget.NewFormItem("", f.aboveScale),
		widget.NewFormItem(T("company.cert_no"), f.certNo),
		widget.NewFormItem(T("company.cert_issued"), f.certIssued),
		widget.NewFormItem(T("company.cert_expires"), f.certExpires),
		widget.NewFormItem(T("company.techsme_no"), f.techSMENo),
		widget.NewFormItem(T("company.techsme_year"), f.techSMEYear),
	)
	f.form.Items[0].HintText = T("form.required")
	f.form.Items[1].HintText = T("form.required")
	f.form.Items[12].HintText = T("company.cert_expires.auto")
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.saveBtn = &widget.Button{Text: T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancelBtn = &widget.Button{Text: T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.close}
	f.onChanged("")
}

// content is the form with its buttons, as the dialog shows it.
func (f *companyForm) content() fyne.CanvasObject {
	buttons := container.NewHBox(layoutSpacer(), f.cancelBtn, f.saveBtn)
	return container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, container.NewVScroll(f.form))
}

func (f *companyForm) show(title string) {
	f.dialog = dialog.NewCustomWithoutButtons(title, f.content(), f.win)
	f.dialog.Resize(fyne.NewSize(760, 700))
	f.dialog.Show()
	f.win.Canvas().Focus(f.uscc)
}

func (f *companyForm) close() {
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

// onChanged recomputes the certificate expiry and whether Save may be pressed, after any keystroke.
func (f *companyForm) onChanged(string) {
	if f.saveBtn == nil {
		return
	}
	f.certExpires.SetText(f.expiresText())
	if err := f.firstProblem(); err != nil {
		f.saveBtn.Disable()
		return
	}
	f.problem.SetText("")
	f.saveBtn.Enable()
}

func (f *companyForm) expiresText() string {
	issued, err := data.ParseDate(f.certIssued.Text)
	if err != nil || issued.IsZero() {
		return "—"
	}
	return certText(data.Company{CertNo: "-", CertIssued: issued})
}

// firstProblem runs every field's check without marking untouched fields red; nil means the record may be saved.
func (f *companyForm) firstProblem() error {
	for _, e := range []*widget.Entry{f.uscc, f.name, f.phone, f.founded, f.certIssued, f.techSMEYear} {
		if err := e.Validator(e.Text); err != nil {
			return err
		}
	}
	if f.field.SelectedIndex() < 0 {
		return fieldError{T("err.required")}
	}
	return nil
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

func (f *companyForm) onSave() {
	if err := f.firstProblem(); err != nil {
		f.problem.SetText(T("form.fix_errors"))
		return
	}
	c := f.record()
	var err error
	if c.ID == 0 {
		err = f.store.CreateCompany(bg(), &c)
	} else {
		err = f.store.UpdateCompany(bg(), &c)
	}
	if err != nil {
		f.showProblems(err)
		return
	}
	f.company = c
	f.close()
	if f.onSaved != nil {
		f.onSaved(c)
	}
}

// showProblems marks the fields a refused save names and lists every reason under the form.
func (f *companyForm) showProblems(err error) {
	if data.ErrorCode(err) == data.Internal {
		showError(f.win, err)
		return
	}
	f.problem.SetText(ErrorText(err))
	entries := map[string]*widget.Entry{"uscc": f.uscc, "name": f.name, "phone": f.phone, "founded": f.founded,
		"cert_no": f.certNo, "cert_issued": f.certIssued, "techsme_year": f.techSMEYear, "legal_rep": f.legalRep,
		"address": f.address, "contact": f.contact, "techsme_no": f.techSMENo}
	for _, e := range asErrors(err) {
		if entry, ok := entries[e.Field]; ok {
			entry.AlwaysShowValidationError = true
			entry.SetValidationError(validationText(e))
		}
	}
}

func (f *companyForm) parkOptions() []string {
	opts := []string{T("company.park.none")}
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
	return T("company.park.none")
}

func fieldOptions() []string {
	opts := make([]string, len(data.HighTechFields))
	for i, code := range data.HighTechFields {
		opts[i] = fieldLabel(code)
	}
	return opts
}

func validateUSCCField(s string) error {
	_, err := data.ValidateUSCC(s)
	return validationText(err)
}

func validatePastDateField(s string) error {
	t, err := data.ParseDate(s)
	if err != nil {
		return validationText(err)
	}
	return validationText(data.ValidatePastDate(t))
}

func validateTechSMEYearField(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return fieldError{T("err.year.number")}
	}
	return validationText(data.ValidateTechSMEYear(y))
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
