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

// outputForm edits a copy of one annual output row. Amounts are typed in 万元 and kept as whole yuan.
type outputForm struct {
	store   outputStore
	win     fyne.Window
	output  data.AnnualOutput
	onSaved func()

	year       *widget.Entry
	outputVal  *widget.Entry
	addedValue *widget.Entry
	revenue    *widget.Entry
	rdExpense  *widget.Entry
	employees  *widget.Entry
	rdStaff    *widget.Entry
	form       *widget.Form
	problem    *widget.Label
	saveBtn    *widget.Button
	cancelBtn  *widget.Button
	dialog     dialog.Dialog
	warning    dialog.Dialog // the ±50 % question, while it is open
}

func newOutputForm(st outputStore, win fyne.Window, o data.AnnualOutput, onSaved func()) *outputForm {
	f := &outputForm{store: st, win: win, output: o, onSaved: onSaved}
	f.build()
	return f
}

func (f *outputForm) entry(text string, validator fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, Validator: validator, OnChanged: f.onChanged}
	e.ExtendBaseWidget(e)
	return e
}

func (f *outputForm) build() {
	o := f.output
	amount := func(y data.Yuan, required bool) string {
		if y == 0 && o.ID == 0 {
			return ""
		}
		return y.WanInput()
	}
	f.year = f.entry(yearText(o.Year), validateYearField)
	f.outputVal = f.entry(amount(o.Output, true), validateWanField(true))
	f.addedValue = f.entry(amount(o.AddedValue, true), validateWanField(true))
	f.revenue = f.entry(amount(o.Revenue, false), validateWanField(false))
	f.rdExpense = f.entry(amount(o.RDExpense, false), validateWanField(false))
	f.employees = f.entry(countText(o.Employees, o.ID), validateCountField)
	f.rdStaff = f.entry(countText(o.RDStaff, o.ID), validateCountField)
	f.form = widget.NewForm(
		widget.NewFormItem(T("output.year"), f.year),
		widget.NewFormItem(T("output.output"), f.outputVal),
		widget.NewFormItem(T("output.added_value"), f.addedValue),
		widget.NewFormItem(T("output.revenue"), f.revenue),
		widget.NewFormItem(T("output.rd_expense"), f.rdExpense),
		widget.NewFormItem(T("output.employees"), f.employees),
		widget.NewFormItem(T("output.rd_staff"), f.rdStaff),
	)
	f.form.Items[1].HintText = T("output.amount_hint")
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.saveBtn = &widget.Button{Text: T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancelBtn = &widget.Button{Text: T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.close}
	f.onChanged("")
}

func (f *outputForm) show(title string) {
	buttons := container.NewHBox(layoutSpacer(), f.cancelBtn, f.saveBtn)
	content := container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, f.form)
	f.dialog = dialog.NewCustomWithoutButtons(title, content, f.win)
	f.dialog.Resize(fyne.NewSize(560, 520))
	f.dialog.Show()
	f.win.Canvas().Focus(f.outputVal)
}

func (f *outputForm) close() {
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

func (f *outputForm) onChanged(string) {
	if f.saveBtn == nil {
		return
	}
	if f.firstProblem() != nil {
		f.saveBtn.Disable()
		return
	}
	f.problem.SetText("")
	f.saveBtn.Enable()
}

func (f *outputForm) firstProblem() error {
	for _, e := range []*widget.Entry{f.year, f.outputVal, f.addedValue, f.revenue, f.rdExpense, f.employees, f.rdStaff} {
		if err := e.Validator(e.Text); err != nil {
			return err
		}
	}
	return nil
}

func (f *outputForm) record() data.AnnualOutput {
	o := f.output
	o.Year, _ = strconv.Atoi(strings.TrimSpace(f.year.Text))
	o.Output = parseWanOrZero(f.outputVal.Text)
	o.AddedValue = parseWanOrZero(f.addedValue.Text)
	o.Revenue = parseWanOrZero(f.revenue.Text)
	o.RDExpense = parseWanOrZero(f.rdExpense.Text)
	o.Employees, _ = data.ParseCount(f.employees.Text)
	o.RDStaff, _ = data.ParseCount(f.rdStaff.Text)
	return o
}

// onSave checks the row; a change of more than ±50 % against the previous year is asked about before saving.
func (f *outputForm) onSave() {
	if f.firstProblem() != nil {
		f.problem.SetText(T("form.fix_errors"))
		return
	}
	o := f.record()
	if err := o.Validate(); err != nil {
		f.problem.SetText(ErrorText(err))
		return
	}
	warnings, err := f.store.OutputChangeWarnings(bg(), o)
	if err != nil {
		showError(f.win, err)
		return
	}
	if len(warnings) == 0 {
		f.save(o)
		return
	}
	f.warning = confirm(f.win, T("output.warning.title"), warningText(warnings), func() { f.save(o) })
}

func warningText(ws []data.ChangeWarning) string {
	var lines []string
	for _, w := range ws {
		lines = append(lines, T("output.warning.text", map[string]any{
			"Field": FieldLabel(w.Field), "PrevYear": w.PreviousYear, "Prev": w.Previous.Wan(), "Cur": w.Current.Wan()}))
	}
	return strings.Join(lines, "\n")
}

func (f *outputForm) save(o data.AnnualOutput) {
	var err error
	if o.ID == 0 {
		err = f.store.CreateOutput(bg(), &o)
	} else {
		err = f.store.UpdateOutput(bg(), &o)
	}
	if err != nil {
		if data.ErrorCode(err) == data.Internal {
			showError(f.win, err)
		} else {
			f.problem.SetText(ErrorText(err))
		}
		return
	}
	f.output = o
	f.close()
	if f.onSaved != nil {
		f.onSaved()
	}
}

func parseWanOrZero(s string) data.Yuan {
	y, err := data.ParseWan(s)
	if err != nil {
		return 0
	}
	return y
}

func validateWanField(required bool) fyne.StringValidator {
	return func(s string) error {
		if !required && strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := data.ParseWan(s)
		return validationText(err)
	}
}

func validateCountField(s string) error {
	_, err := data.ParseCount(s)
	return validationText(err)
}

func validateYearField(s string) error {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fieldError{T("err.year.number")}
	}
	return validationText(data.ValidateYear(y))
}

func countText(n int, id int64) string {
	if n == 0 && id == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
