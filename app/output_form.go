package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"scitech/data"
)

// outputForm edits a copy of one annual output row. Amounts are typed in 万元 and kept as whole yuan; a change
// of more than ±50 % against the previous year is asked about before it is saved.
type outputForm struct {
	*recordForm
	store   outputStore
	output  data.AnnualOutput
	onSaved func()

	year       *escapeEntry
	outputVal  *escapeEntry
	addedValue *escapeEntry
	revenue    *escapeEntry
	rdExpense  *escapeEntry
	employees  *escapeEntry
	rdStaff    *escapeEntry
	warning    dialog.Dialog // the ±50 % question, while it is open
}

func newOutputForm(e *env, st outputStore, win fyne.Window, o data.AnnualOutput, onSaved func()) *outputForm {
	f := &outputForm{store: st, output: o, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, onSaved)
	f.width = 560
	f.build()
	return f
}

func (f *outputForm) build() {
	o := f.output
	amount := func(y data.Yuan) string {
		if y == 0 && o.ID == 0 {
			return ""
		}
		return y.WanInput()
	}
	f.year = f.entry("year", yearText(o.Year), "", f.env.validateYearField)
	f.outputVal = f.entry("output", amount(o.Output), "", f.env.validateWanField(true))
	f.addedValue = f.entry("added_value", amount(o.AddedValue), "", f.env.validateWanField(true))
	f.revenue = f.entry("revenue", amount(o.Revenue), "", f.env.validateWanField(false))
	f.rdExpense = f.entry("rd_expense", amount(o.RDExpense), "", f.env.validateWanField(false))
	f.employees = f.entry("employees", countText(o.Employees, o.ID), "", f.validateCountField)
	f.rdStaff = f.entry("rd_staff", countText(o.RDStaff, o.ID), "", f.validateCountField)
	f.add(f.env.T("output.year"), f.year, "")
	f.add(f.env.T("output.output"), f.outputVal, f.env.T("output.amount_hint"))
	f.add(f.env.T("output.added_value"), f.addedValue, "")
	f.add(f.env.T("output.revenue"), f.revenue, "")
	f.add(f.env.T("output.rd_expense"), f.rdExpense, "")
	f.add(f.env.T("output.employees"), f.employees, "")
	f.add(f.env.T("output.rd_staff"), f.rdStaff, "")
	f.first = f.outputVal
	f.saveBtn.OnTapped = f.onSaveAsked
	f.onChanged("")
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

// onSaveAsked checks the row first; a change of more than ±50 % against the previous year is asked about,
// and only a confirmed row is saved.
func (f *outputForm) onSaveAsked() {
	o := f.record()
	if f.firstProblem() == nil {
		if err := o.Validate(); err != nil {
			f.showProblems(err)
			return
		}
		warnings, err := f.store.OutputChangeWarnings(bg(), o)
		if err != nil {
			f.env.showError(f.win, err)
			return
		}
		if len(warnings) > 0 {
			f.warning = f.env.confirm(f.win, f.env.T("output.warning.title"), f.warningText(warnings), f.onSave)
			return
		}
	}
	f.onSave()
}

func (f *outputForm) warningText(ws []data.ChangeWarning) string {
	var lines []string
	for _, w := range ws {
		lines = append(lines, f.env.T("output.warning.text", map[string]any{
			"Field": f.env.fieldLabel(w.Field), "PrevYear": w.PreviousYear, "Prev": w.Previous.Wan(), "Cur": w.Current.Wan()}))
	}
	return strings.Join(lines, "\n")
}

func (f *outputForm) save() error {
	o := f.record()
	var err error
	if o.ID == 0 {
		err = f.store.CreateOutput(bg(), &o)
	} else {
		err = f.store.UpdateOutput(bg(), &o)
	}
	if err == nil {
		f.output = o
	}
	return err
}

func parseWanOrZero(s string) data.Yuan {
	y, err := data.ParseWan(s)
	if err != nil {
		return 0
	}
	return y
}

// validateWanField wants an amount in 万元; an optional one may be left empty.
func (e *env) validateWanField(required bool) fyne.StringValidator {
	return func(s string) error {
		if !required && strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := data.ParseWan(s)
		return e.validation(err)
	}
}

func (f *outputForm) validateCountField(s string) error {
	_, err := data.ParseCount(s)
	return f.env.validation(err)
}

// validateYearField wants a four-digit year in the years the records cover.
func (e *env) validateYearField(s string) error {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return e.fieldErr("err.year.number")
	}
	return e.validation(data.ValidateYear(y))
}

func countText(n int, id int64) string {
	if n == 0 && id == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
