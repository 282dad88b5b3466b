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
	// The figures the policy rules read (issue 18), each optional: empty is "not recorded", which the
	// check-up reports as missing data rather than taking for 0.
	policyYuan  map[string]*escapeEntry // total_income, hightech_income, … in 万元
	policyCount map[string]*escapeEntry // st_staff, conversions
	warning     dialog.Dialog           // the ±50 % question, while it is open
}

// outputPolicyYuan and outputPolicyCount are the policy figures of the form, in the order it shows them.
var (
	outputPolicyYuan  = []string{"total_income", "hightech_income", "rd_domestic", "total_costs", "net_assets", "total_assets"}
	outputPolicyCount = []string{"st_staff", "conversions"}
)

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
	f.buildPolicyFigures()
	f.first = f.outputVal
	f.saveBtn.OnTapped = f.onSaveAsked
	f.onChanged("")
}

func (f *outputForm) buildPolicyFigures() {
	o := f.output
	yuans := policyYuanOf(&o)
	f.policyYuan = map[string]*escapeEntry{}
	for i, field := range outputPolicyYuan {
		text := ""
		if y := *yuans[i]; y != nil {
			text = y.WanInput()
		}
		validator := f.env.validateWanField(false)
		if field == "net_assets" {
			validator = f.env.validateSignedWanField
		}
		f.policyYuan[field] = f.entry(field, text, "", validator)
		f.add(f.env.T("output."+field), f.policyYuan[field], "")
	}
	counts := policyCountOf(&o)
	f.policyCount = map[string]*escapeEntry{}
	for i, field := range outputPolicyCount {
		text := ""
		if n := *counts[i]; n != nil {
			text = strconv.Itoa(*n)
		}
		f.policyCount[field] = f.entry(field, text, "", f.validateOptCountField)
		f.add(f.env.T("output."+field), f.policyCount[field], "")
	}
}

func policyYuanOf(o *data.AnnualOutput) []**data.Yuan {
	return []**data.Yuan{&o.TotalIncome, &o.HighTechIncome, &o.RDDomestic, &o.TotalCosts, &o.NetAssets, &o.TotalAssets}
}

func policyCountOf(o *data.AnnualOutput) []**int {
	return []**int{&o.STStaff, &o.Conversions}
}

// recordPolicyFigures reads the policy figures into o: an empty entry is not recorded (nil).
func (f *outputForm) recordPolicyFigures(o *data.AnnualOutput) {
	for i, dst := range policyYuanOf(o) {
		*dst = nil
		if y, ok := parseSignedWan(f.policyYuan[outputPolicyYuan[i]].Text); ok {
			*dst = &y
		}
	}
	for i, dst := range policyCountOf(o) {
		*dst = nil
		if text := strings.TrimSpace(f.policyCount[outputPolicyCount[i]].Text); text != "" {
			if n, err := data.ParseCount(text); err == nil {
				*dst = &n
			}
		}
	}
}

// parseSignedWan reads an amount in 万元 that may be negative (net assets); ok is false for an empty or a
// wrong text.
func parseSignedWan(s string) (data.Yuan, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	neg := strings.HasPrefix(s, "-")
	y, err := data.ParseWan(strings.TrimPrefix(s, "-"))
	if err != nil {
		return 0, false
	}
	if neg {
		y = -y
	}
	return y, true
}

// validateSignedWanField is validateWanField for an optional amount that may be negative.
func (e *env) validateSignedWanField(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	_, err := data.ParseWan(strings.TrimPrefix(s, "-"))
	return e.validation(err)
}

func (f *outputForm) validateOptCountField(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return f.validateCountField(s)
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
	f.recordPolicyFigures(&o)
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
