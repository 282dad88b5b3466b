package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// parkProjectForm edits a copy of a park project: the area is typed in 亩 and the investment in 万元, each
// checked as it is typed. Save stays disabled while a field is wrong; the store checks the record again.
type parkProjectForm struct {
	store   parkStore
	win     fyne.Window
	parks   []data.ParkSummary
	project data.ParkProject
	onSaved func()

	park        *widget.Select
	title       *widget.Entry
	lead        *widget.Entry
	status      *widget.Select
	area        *widget.Entry
	investment  *widget.Entry
	description *widget.Entry
	form        *widget.Form
	problem     *widget.Label
	saveBtn     *widget.Button
	cancelBtn   *widget.Button
	dialog      dialog.Dialog
}

func newParkProjectForm(st parkStore, win fyne.Window, parks []data.ParkSummary, p data.ParkProject, onSaved func()) *parkProjectForm {
	f := &parkProjectForm{store: st, win: win, parks: parks, project: p, onSaved: onSaved}
	f.build()
	return f
}

func (f *parkProjectForm) entry(text, placeholder string, validator fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, PlaceHolder: placeholder, Validator: validator, OnChanged: f.onChanged}
	e.ExtendBaseWidget(e)
	return e
}

func (f *parkProjectForm) build() {
	p := f.project
	names := make([]string, len(f.parks))
	for i, pk := range f.parks {
		names[i] = pk.Name
	}
	f.park = &widget.Select{Options: names, PlaceHolder: T("project.park.placeholder")}
	f.park.ExtendBaseWidget(f.park)
	for i, pk := range f.parks {
		if pk.ID == p.ParkID {
			f.park.SetSelectedIndex(i)
		}
	}
	f.park.OnChanged = f.onChanged
	f.title = f.entry(p.Title, "", patentRequiredField)
	f.lead = f.entry(p.Lead, T("project.lead.placeholder"), nil)
	f.status = &widget.Select{Options: projectStatusOptions(), PlaceHolder: T("project.status.placeholder")}
	f.status.ExtendBaseWidget(f.status)
	for i, st := range data.ProjectStatuses {
		if st == p.Status {
			f.status.SetSelectedIndex(i)
		}
	}
	f.status.OnChanged = f.onChanged
	f.area = f.entry(areaInput(p.Area), "3000", validateMuField)
	f.investment = f.entry(investmentInput(p.Investment), "1200", validateInvestmentField)
	f.description = &widget.Entry{Text: p.Description, MultiLine: true, Wrapping: fyne.TextWrapWord, OnChanged: f.onChanged}
	f.description.ExtendBaseWidget(f.description)
	f.description.SetMinRowsVisible(4)

	f.form = widget.NewForm(
		widget.NewFormItem(T("project.park"), f.park),
		widget.NewFormItem(T("project.title"), f.title),
		widget.NewFormItem(T("project.lead"), f.lead),
		widget.NewFormItem(T("project.status"), f.status),
		widget.NewFormItem(T("project.area"), f.area),
		widget.NewFormItem(T("project.investment"), f.investment),
		widget.NewFormItem(T("project.description"), f.description),
	)
	f.form.Items[0].HintText = T("form.required")
	f.form.Items[1].HintText = T("form.required")
	f.form.Items[4].HintText = T("project.area.hint")
	f.form.Items[5].HintText = T("project.investment.hint")
	f.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.problem.ExtendBaseWidget(f.problem)
	f.saveBtn = &widget.Button{Text: T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancelBtn = &widget.Button{Text: T("form.cancel"), Icon: theme.CancelIcon(), OnTapped: f.close}
	f.onChanged("")
}

func (f *parkProjectForm) content() fyne.CanvasObject {
	buttons := container.NewHBox(layoutSpacer(), f.cancelBtn, f.saveBtn)
	return container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil, container.NewVScroll(f.form))
}

func (f *parkProjectForm) show(title string) {
	f.dialog = dialog.NewCustomWithoutButtons(title, f.content(), f.win)
	f.dialog.Resize(fyne.NewSize(680, 560))
	f.dialog.Show()
	f.win.Canvas().Focus(f.title)
}

func (f *parkProjectForm) close() {
	if f.dialog != nil {
		f.dialog.Hide()
	}
}

func (f *parkProjectForm) onChanged(string) {
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

// firstProblem runs every field's check without marking untouched fields red; nil means Save may be pressed.
func (f *parkProjectForm) firstProblem() error {
	if f.park.SelectedIndex() < 0 || f.status.SelectedIndex() < 0 {
		return fieldError{T("err.required")}
	}
	for _, e := range []*widget.Entry{f.title, f.area, f.investment} {
		if err := e.Validator(e.Text); err != nil {
			return err
		}
	}
	return nil
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

func (f *parkProjectForm) onSave() {
	if err := f.firstProblem(); err != nil {
		f.problem.SetText(T("form.fix_errors"))
		return
	}
	p := f.record()
	var err error
	if p.ID == 0 {
		err = f.store.CreateParkProject(bg(), &p)
	} else {
		err = f.store.UpdateParkProject(bg(), &p)
	}
	if err != nil {
		f.showProblems(err)
		return
	}
	f.project = p
	f.close()
	if f.onSaved != nil {
		f.onSaved()
	}
}

func (f *parkProjectForm) showProblems(err error) {
	if data.ErrorCode(err) == data.Internal {
		showError(f.win, err)
		return
	}
	f.problem.SetText(ErrorText(err))
	entries := map[string]*widget.Entry{"title": f.title, "lead": f.lead, "area": f.area, "investment": f.investment,
		"description": f.description}
	for _, e := range asErrors(err) {
		if entry, ok := entries[e.Field]; ok {
			entry.AlwaysShowValidationError = true
			entry.SetValidationError(validationText(e))
		}
	}
}

func projectStatusOptions() []string {
	opts := make([]string, len(data.ProjectStatuses))
	for i, st := range data.ProjectStatuses {
		opts[i] = T("project.status." + st)
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

func validateMuField(s string) error {
	_, err := data.ParseMu(s)
	return validationText(err)
}

func validateInvestmentField(s string) error {
	_, err := parseInvestment(s)
	return validationText(err)
}
