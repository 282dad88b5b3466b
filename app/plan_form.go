package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// planForm edits a copy of a plan project application. Amounts are typed in 万元; granted funds can be entered
// only once the application has been approved. The status moves only on the application's page.
type planForm struct {
	*recordForm
	store   planStore
	plan    data.PlanApplication
	onSaved func(data.PlanApplication)

	company    *companyPicker
	level      *codeSelect
	planName   *escapeEntry
	title      *escapeEntry
	year       *escapeEntry
	requested  *escapeEntry
	granted    *escapeEntry
	registered *escapeEntry // the day the draft was registered; new applications only
}

func newPlanForm(e *env, st planStore, win fyne.Window, p data.PlanApplication, onSaved func(data.PlanApplication)) *planForm {
	f := &planForm{store: st, plan: p, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.saved)
	f.width = 680
	f.company = newCompanyPicker(e, st, p.CompanyID, p.CompanyName, false, f.onChanged)
	f.company.entry.PlaceHolder = f.env.T("plan.company_hint")
	f.entries["company"] = &f.company.entry.Entry
	f.check(nil, func() error { return f.company.validate(f.company.entry.Text) })
	f.level = f.codeSelect(data.PlanLevels, "plan.level.", p.Level, requiredCode)
	f.planName = f.entry("plan_name", p.Plan, f.env.T("plan.plan_hint"), f.env.requiredField)
	f.title = f.entry("plan_title", p.Title, "", f.env.requiredField)
	f.year = f.entry("year", yearText(p.Year), "2025", f.env.validateYearField)
	f.requested = f.entry("requested_funds", incWanText(p.Requested), "0", f.env.validateWanField(false))
	f.granted = f.entry("granted_funds", incWanText(p.Granted), "0", f.env.validateWanField(false))
	grantedHint := ""
	if !data.PlanFunded(p.Status) && p.Granted == 0 {
		f.granted.Disable()
		grantedHint = f.env.T("plan.granted_hint")
	}

	f.add(f.env.T("plan.company"), f.company.entry, f.env.T("form.required"))
	f.add(f.env.T("plan.level"), f.level.Select, f.env.T("form.required"))
	f.add(f.env.T("plan.plan"), f.planName, f.env.T("form.required"))
	f.add(f.env.T("plan.title"), f.title, f.env.T("form.required"))
	f.add(f.env.T("plan.year"), f.year, f.env.T("form.required"))
	f.add(f.env.T("plan.requested"), f.requested, "")
	f.add(f.env.T("plan.granted"), f.granted, grantedHint)
	if p.ID == 0 {
		f.registered = f.entry("registered", data.FormatDate(p.StatusDate), f.env.T("company.date_hint"), f.env.incDateField(true))
		f.add(f.env.T("plan.registered"), f.registered, f.env.T("plan.registered_hint"))
	}
	return f
}

// incWanText is an amount for editing in 万元; zero is left empty so the placeholder shows.
func incWanText(y data.Yuan) string {
	if y == 0 {
		return ""
	}
	return y.WanInput()
}

func (f *planForm) record() data.PlanApplication {
	p := f.plan
	p.CompanyID = f.company.id()
	p.Level = f.level.code()
	p.Plan = f.planName.Text
	p.Title = f.title.Text
	p.Year, _ = strconv.Atoi(strings.TrimSpace(f.year.Text))
	p.Requested = parseWanOrZero(f.requested.Text)
	p.Granted = parseWanOrZero(f.granted.Text)
	if f.registered != nil {
		p.StatusDate, _ = data.ParseDate(f.registered.Text)
	}
	return p
}

func (f *planForm) save() error {
	p := f.record()
	var err error
	if p.ID == 0 {
		err = f.store.CreatePlanApplication(bg(), &p)
	} else {
		err = f.store.UpdatePlanApplication(bg(), &p)
	}
	if err == nil {
		f.plan = p
	}
	return err
}

func (f *planForm) saved() {
	if f.onSaved != nil {
		f.onSaved(f.plan)
	}
}
