package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// companySearch is what a company picker asks of the database.
type companySearch interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
}

// companyPickerChoices is how many companies one search offers: a page, so it stays quick with many companies.
const companyPickerChoices = 30

// pickerDropRows is how many matches the dropped list shows before it scrolls.
const pickerDropRows = 8

// pickOption is one record a picker offers: the text the list shows and the record's id.
type pickOption struct {
	label string
	id    int64
}

// recordPicker is an entry for a registered record (a company, an institution) that finds it as it is typed:
// each change searches, and the matches drop down under the entry, to be chosen with the mouse or with ↓ and
// Enter while typing goes on. Only a registered record's text is accepted; an optional picker takes an empty
// text as none.
type recordPicker struct {
	env       *env
	entry     *pickerEntry
	find      func(text string) ([]pickOption, error)
	ids       map[string]int64 // option label → record id, for the last search
	options   []string         // what the list offers now
	optional  bool
	choose    string // translation key of the message when the text names no record
	onChanged func(string)
	drop      *pickerDrop
	quiet     bool // the picker sets the text itself: nothing to drop
}

func newRecordPicker(e *env, find func(string) ([]pickOption, error), id int64, label string, optional bool,
	choose string, onChanged func(string)) *recordPicker {
	p := &recordPicker{env: e, find: find, ids: map[string]int64{}, optional: optional, choose: choose, onChanged: onChanged}
	p.entry = newPickerEntry()
	if id != 0 {
		p.ids[label] = id
		p.entry.SetText(label)
	}
	p.entry.Validator = p.validate
	p.entry.OnChanged = p.onTextChanged
	p.drop = newPickerDrop(p)
	p.search(label)
	return p
}

// onTextChanged searches again and drops the matches while the text is typed, not once a match is chosen.
func (p *recordPicker) onTextChanged(text string) {
	p.search(text)
	if p.onChanged != nil {
		p.onChanged(text)
	}
	if p.quiet || strings.TrimSpace(text) == "" || len(p.options) == 0 || p.id() != 0 && len(p.options) == 1 {
		p.drop.hide()
		return
	}
	p.drop.show()
}

// search offers the records the text finds.
func (p *recordPicker) search(text string) {
	found, err := p.find(strings.TrimSpace(text))
	if err != nil {
		fyne.LogError("searching for a picker", err)
		return
	}
	ids := make(map[string]int64, len(found))
	opts := make([]string, 0, len(found))
	for _, o := range found {
		ids[o.label] = o.id
		opts = append(opts, o.label)
	}
	if text := strings.TrimSpace(p.entry.Text); p.ids[text] != 0 && ids[text] == 0 {
		ids[text] = p.ids[text] // keep the record being edited even when the search misses it
	}
	p.ids, p.options = ids, opts
	p.entry.SetOptions(opts)
	p.drop.refresh()
}

// pick takes one of the options as the picker's text.
func (p *recordPicker) pick(label string) {
	p.drop.hide()
	p.quiet = true
	p.entry.SetText(label)
	p.quiet = false
}

// id is the chosen record, or 0 when the text names none.
func (p *recordPicker) id() int64 { return p.ids[strings.TrimSpace(p.entry.Text)] }

func (p *recordPicker) validate(text string) error {
	if p.optional && strings.TrimSpace(text) == "" {
		return nil
	}
	if p.id() == 0 {
		return p.env.fieldErr(p.choose)
	}
	return nil
}

// companyPicker is the picker of a registered company, used by every form that links to one: it searches the
// companies by name or credit code.
type companyPicker struct {
	*recordPicker
	store companySearch
}

func newCompanyPicker(e *env, st companySearch, id int64, name string, optional bool, onChanged func(string)) *companyPicker {
	p := &companyPicker{store: st}
	p.recordPicker = newRecordPicker(e, p.find, id, name, optional, "err.company.choose", onChanged)
	p.entry.PlaceHolder = p.env.T("company.picker.hint")
	return p
}

// find offers the companies whose name or code holds text; a name two companies share shows their codes.
func (p *companyPicker) find(text string) ([]pickOption, error) {
	list, err := p.store.Companies(bg(), data.CompanyFilter{Query: text, Sort: data.SortByName, Limit: companyPickerChoices})
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for _, c := range list {
		seen[c.Name]++
	}
	out := make([]pickOption, 0, len(list))
	for _, c := range list {
		label := c.Name
		if seen[c.Name] > 1 {
			label = c.Name + " · " + c.USCC
		}
		out = append(out, pickOption{label, c.ID})
	}
	return out, nil
}

// name is the chosen company's name, without the code a shared name shows.
func (p *companyPicker) name() string {
	name, _, _ := strings.Cut(strings.TrimSpace(p.entry.Text), " · ")
	return name
}

// pickerDrop is the list of matches a picker drops under its entry while the user types. It lies in a pop-up,
// and a pop-up takes the keyboard: what is typed goes on to the entry (runes, Backspace, arrows along the text,
// paste), except ↑ and ↓, which move in the list, Enter, which takes the match, and Escape, which closes the list.
type pickerDrop struct {
	widget.BaseWidget
	picker *recordPicker
	list   *widget.List
	popUp  *widget.PopUp
	active widget.ListItemID // the match ↓ and ↑ moved to; -1 for none
	moving bool              // the list's selection follows the keys, not a tap
}

func newPickerDrop(p *recordPicker) *pickerDrop {
	d := &pickerDrop{picker: p, active: -1}
	d.list = &widget.List{
		Length:     func() int { return len(d.picker.options) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: d.updateItem,
		OnSelected: d.onSelected,
	}
	d.list.ExtendBaseWidget(d.list)
	d.ExtendBaseWidget(d)
	return d
}

func (d *pickerDrop) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(d.list) }

func (d *pickerDrop) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < len(d.picker.options) {
		o.(*widget.Label).SetText(d.picker.options[i])
	}
}

func (d *pickerDrop) onSelected(i widget.ListItemID) {
	if d.moving || i < 0 || i >= len(d.picker.options) {
		return
	}
	d.picker.pick(d.picker.options[i])
}

// visible tells whether the list is dropped now.
func (d *pickerDrop) visible() bool { return d.popUp != nil && d.popUp.Visible() }

// show drops the list under the entry, sized to its matches, and takes the keyboard so that ↓ reaches it.
func (d *pickerDrop) show() {
	entry := d.picker.entry
	c := fyne.CurrentApp().Driver().CanvasForObject(entry)
	if c == nil {
		return // the entry is not on screen
	}
	if !d.visible() {
		d.popUp = widget.NewPopUp(d, c)
		d.popUp.ShowAtPosition(fyne.CurrentApp().Driver().AbsolutePositionForObject(entry).AddXY(0, entry.Size().Height))
	}
	d.refresh()
	c.Focus(d)
}

// refresh lays the list out again for the matches of the latest search.
func (d *pickerDrop) refresh() {
	d.active = -1
	d.moving = true
	d.list.UnselectAll()
	d.moving = false
	d.list.Refresh()
	if !d.visible() {
		return
	}
	rows := min(len(d.picker.options), pickerDropRows)
	row := (&widget.Label{Text: "X"}).MinSize().Height + d.list.Theme().Size(theme.SizeNameSeparatorThickness)
	d.popUp.Resize(fyne.NewSize(d.picker.entry.Size().Width, float32(rows)*row))
}

// hide closes the list, the entry keeping the keyboard.
func (d *pickerDrop) hide() {
	if !d.visible() {
		return
	}
	d.popUp.Hide()
	if c := fyne.CurrentApp().Driver().CanvasForObject(d.picker.entry); c != nil {
		c.Focus(d.picker.entry)
	}
}

// FocusGained is part of fyne.Focusable; the entry shows where typing goes.
func (d *pickerDrop) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (d *pickerDrop) FocusLost() {}

// TypedRune passes what is typed on to the entry.
func (d *pickerDrop) TypedRune(r rune) { d.picker.entry.TypedRune(r) }

// TypedShortcut passes a shortcut (paste, select all) on to the entry.
func (d *pickerDrop) TypedShortcut(s fyne.Shortcut) { d.picker.entry.TypedShortcut(s) }

// TypedKey moves in the list, takes a match or closes the list; any other key edits the entry.
func (d *pickerDrop) TypedKey(e *fyne.KeyEvent) {
	n := len(d.picker.options)
	switch e.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if n == 0 {
			return
		}
		if e.Name == fyne.KeyDown {
			d.active = min(d.active+1, n-1)
		} else {
			d.active = max(d.active-1, 0)
		}
		d.moving = true
		d.list.Select(d.active)
		d.moving = false
	case fyne.KeyReturn, fyne.KeyEnter:
		switch {
		case d.active >= 0 && d.active < n:
			d.picker.pick(d.picker.options[d.active])
		case n == 1:
			d.picker.pick(d.picker.options[0])
		default:
			d.hide()
		}
	case fyne.KeyEscape:
		d.hide()
	case fyne.KeyTab:
		d.hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(d.picker.entry); c != nil {
			c.FocusNext()
		}
	default:
		d.picker.entry.TypedKey(e)
	}
}
