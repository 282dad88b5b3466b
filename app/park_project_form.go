package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// parkProjectForm edits a copy of a park project: the area is typed in 亩 and the investment in 万元, each
// checked as it is typed. Save stays disabled while a field is wrong; the store checks the record again.
type parkProjectForm struct {
	*recordForm
	store   parkStore
	parks   []data.ParkSummary
	project data.ParkProject
	onSaved func()

	park        *widget.Select
	title       *escapeEntry
	lead        *escapeEntry
	status      *widget.Select
	area        *escapeEntry
	investment  *escapeEntry
	description *escapeEntry
}

func newParkProjectForm(e *env, st parkStore, win fyne.Window, parks []data.ParkSummary, p data.ParkProject, onSaved func()) *parkProjectForm {
	f := &parkProjectForm{store: st, parks: parks, project: p, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, onSaved)
	f.width = 680
	f.build()
	return f
}

// chosen is the check of a drop-down that must be chosen.
func (f *parkProjectForm) chosen(s *widget.Select) func() error {
	return func() error {
		if s.SelectedIndex() < 0 {
			return f.env.fieldErr("err.required")
		}
		return nil
	}
}

func (f *parkProjectForm) build() {
	p := f.project
	names := make([]string, len(f.parks))
	for i, pk := range f.parks {
		names[i] = pk.Name
	}
	f.park = &widget.Select{Options: names, PlaceHolder: f.env.T("project.park.placeholder")}
	f.park.ExtendBaseWidget(f.park)
	for i, pk := range f.parks {
		if pk.ID == p.ParkID {
			f.park.SetSelectedIndex(i)
		}
	}
	f.park.OnChanged = f.onChanged
	f.check(f.park, f.chosen(f.park))
	f.title = f.entry("title", p.Title, "", f.env.requiredField)
	f.lead = f.entry("lead", p.Lead, f.env.T("project.lead.placeholder"), nil)
	f.status = &widget.Select{Options: f.projectStatusOptions(), PlaceHolder: f.env.T("project.status.placeholder")}
	f.status.ExtendBaseWidget(f.status)
	for i, st := range data.ProjectStatuses {
		if st == p.Status {
			f.status.SetSelectedIndex(i)
		}
	}
	f.status.OnChanged = f.onChanged
	f.check(f.status, f.chosen(f.status))
	f.area = f.entry("area", areaInput(p.Area), "3000", f.validateMuField)
	f.investment = f.entry("investment", investmentInput(p.Investment), "1200", f.validateInvestmentField)
	f.description = newEscapeEntry(f.win)
	f.description.Text, f.description.MultiLine, f.description.Wrapping = p.Description, true, fyne.TextWrapWord
	f.description.OnChanged = f.onChanged
	f.description.SetMinRowsVisible(4)
	f.entries["description"] = &f.description.Entry

	f.add(f.env.T("project.park"), f.park, f.env.T("form.required"))
	f.add(f.env.T("project.title"), f.title, f.env.T("form.required"))
	f.add(f.env.T("project.lead"), f.lead, "")
	f.add(f.env.T("project.status"), f.status, "")
	f.add(f.env.T("project.area"), f.area, f.env.T("project.area.hint"))
	f.add(f.env.T("project.investment"), f.investment, f.env.T("project.investment.hint"))
	f.add(f.env.T("project.description"), f.description, "")
	f.first = f.title
	f.onChanged("")
}

// record builds the project the form describes.
func (f *parkProjectForm) record() data.ParkProject {
	p := f.project
	if i := f.park.SelectedIndex(); i >= 0 {
		p.ParkID = f.parks[i].ID
	}
	if i := f.status.SelectedIndex(); i >= 0 {
		p.Status = data.ProjectStatuses[i]
	}
	p.Title, p.Lead, p.Description = f.title.Text, f.lead.Text, f.description.Text
	p.Area, _ = data.ParseMu(f.area.Text)
	p.Investment, _ = parseInvestment(f.investment.Text)
	return p
}

func (f *parkProjectForm) save() error {
	p := f.record()
	var err error
	if p.ID == 0 {
		err = f.store.CreateParkProject(bg(), &p)
	} else {
		err = f.store.UpdateParkProject(bg(), &p)
	}
	if err == nil {
		f.project = p
	}
	return err
}

func (f *parkProjectForm) projectStatusOptions() []string {
	opts := make([]string, len(data.ProjectStatuses))
	for i, st := range data.ProjectStatuses {
		opts[i] = f.env.T("project.status." + st)
	}
	return opts
}

// areaInput shows an area for editing; no area is an empty field.
func areaInput(m data.Mu) string {
	if m == 0 {
		return ""
	}
	return m.Input()
}

func investmentInput(y data.Yuan) string {
	if y == 0 {
		return ""
	}
	return y.WanInput()
}

// parseInvestment reads 万元; an empty field is no investment.
func parseInvestment(s string) (data.Yuan, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	return data.ParseWan(s)
}

func (f *parkProjectForm) validateMuField(s string) error {
	_, err := data.ParseMu(s)
	return f.env.validation(err)
}

func (f *parkProjectForm) validateInvestmentField(s string) error {
	_, err := parseInvestment(s)
	return f.env.validation(err)
}
