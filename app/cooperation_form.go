package app

import (
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	institution *institutionPicker
	programme   *programmeChoice
	started     *escapeEntry
	ended       *escapeEntry
}

func newCooperationForm(e *env, st cooperationStore, win fyne.Window, c data.Cooperation, onSaved func(data.Cooperation)) *cooperationForm {
	f := &cooperationForm{store: st, coop: c, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, f.afterSave)
	f.company = newCompanyPicker(e, st, c.CompanyID, c.CompanyName, false, f.onChanged)
	f.entries["company"] = &f.company.entry.Entry
	f.check(f.company.entry, func() error { return f.company.validate("") })
	f.institution = newInstitutionPicker(e, st, c.InstitutionID, f.onChanged)
	f.check(f.institution.entry, func() error { return f.institution.validate("") })
	f.programme = newProgrammeChoice(e, st, win, c.Programme, f.onChanged)
	f.started = f.entry("started", data.FormatDate(c.Started), f.env.T("coop.date_hint"), f.env.coopRequiredDate)
	f.started.OnChanged = f.onStartedChanged
	f.ended = f.entry("ended", data.FormatDate(c.Ended), f.env.T("coop.date_hint"), f.validateEnded)

	f.add(f.env.T("coop.company"), f.company.entry, f.env.T("coop.company.hint"))
	f.add(f.env.T("coop.institution"), f.institution.entry, "")
	f.add(f.env.T("coop.programme"), f.programme.sel, f.env.T("coop.programme.choice_hint"))
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
	c.Programme = f.programme.value()
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

// programmeChoice is the choice of the programme (所属行动或计划) a cooperation runs under: none, one of those
// already recorded, or a new one added through its last choice. A programme is a category of the cooperation
// brief; typed afresh each time, one slip ("万名院士助创 行动") would count as a programme of its own.
type programmeChoice struct {
	env       *env
	win       fyne.Window
	sel       *widget.Select
	known     []string
	chosen    string // the programme the select stands for; "" for none
	onChanged func(string)

	addEntry *escapeEntry // the new programme's name while 新增 asks for it
	adding   dialog.Dialog
}

func newProgrammeChoice(e *env, st coopPartyStore, win fyne.Window, current string, onChanged func(string)) *programmeChoice {
	c := &programmeChoice{env: e, win: win, chosen: current, onChanged: onChanged}
	known, err := st.CooperationProgrammes(bg())
	if err != nil {
		fyne.LogError("reading the programmes", err)
	}
	if current != "" && !slices.Contains(known, current) {
		known = append(known, current)
	}
	c.known = known
	c.sel = &widget.Select{OnChanged: c.onSelected}
	c.sel.ExtendBaseWidget(c.sel)
	c.setOptions()
	return c
}

// setOptions offers none, the known programmes and 新增…, the chosen one selected.
func (c *programmeChoice) setOptions() {
	c.sel.Options = append(append([]string{c.env.T("coop.programme.none")}, c.known...), c.env.T("coop.programme.add"))
	onChanged := c.sel.OnChanged
	c.sel.OnChanged = nil // showing the choice is no change of it
	if c.chosen == "" {
		c.sel.SetSelectedIndex(0)
	} else {
		c.sel.SetSelected(c.chosen)
	}
	c.sel.OnChanged = onChanged
}

// value is the chosen programme, "" for none.
func (c *programmeChoice) value() string { return c.chosen }

func (c *programmeChoice) onSelected(string) {
	i := c.sel.SelectedIndex()
	switch {
	case i == len(c.sel.Options)-1:
		c.askNew()
		return
	case i <= 0:
		c.chosen = ""
	default:
		c.chosen = c.known[i-1]
	}
	if c.onChanged != nil {
		c.onChanged(c.chosen)
	}
}

// askNew asks for the name of a programme not yet recorded.
func (c *programmeChoice) askNew() {
	c.addEntry = newEscapeEntry(c.win)
	c.addEntry.PlaceHolder = c.env.T("coop.programme.hint")
	c.addEntry.OnSubmitted = func(string) { c.adding.Hide(); c.onNewAnswer(true) }
	c.adding = dialog.NewCustomConfirm(c.env.T("coop.programme.add.title"), c.env.T("action.confirm"), c.env.T("action.cancel"),
		container.NewVBox(c.addEntry), c.onNewAnswer, c.win)
	c.adding.Resize(fyne.NewSize(480, 160))
	c.adding.Show()
	c.win.Canvas().Focus(c.addEntry)
}

// onNewAnswer takes the programme typed, or one already recorded that differs from it only in spaces or in
// full- and half-width forms; cancelled or empty, the choice stays what it was.
func (c *programmeChoice) onNewAnswer(ok bool) {
	name := strings.Join(strings.Fields(c.addEntry.Text), " ")
	if ok && name != "" {
		c.chosen = name
		if i := slices.IndexFunc(c.known, func(k string) bool { return sameProgramme(k, name) }); i >= 0 {
			c.chosen = c.known[i]
		} else {
			c.known = append(c.known, name)
		}
	}
	c.setOptions()
	if c.onChanged != nil {
		c.onChanged(c.chosen)
	}
}

// sameProgramme tells whether two names are one programme written twice: equal but for spaces, case and the
// full-width forms of letters, digits and punctuation.
func sameProgramme(a, b string) bool {
	fold := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case unicode.IsSpace(r):
				return -1
			case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
				r -= 0xFEE0
			}
			return unicode.ToLower(r)
		}, s)
	}
	return fold(a) == fold(b)
}
