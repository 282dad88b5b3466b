package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// companySearch is what a company picker asks of the database.
type companySearch interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
}

// companyPickerChoices is how many companies one search offers: a page, so it stays quick with many companies.
const companyPickerChoices = 30

// companyPicker is an entry with a drop-down for a registered company, used by every form that links to one:
// typing searches the companies by name or credit code and offers them; only a registered name is accepted.
// An optional picker accepts an empty text as "no company".
type companyPicker struct {
	env      *env
	store    companySearch
	entry    *widget.SelectEntry
	ids      map[string]int64 // option label → company id, for the last search
	options  []string         // what the drop-down offers now
	optional bool
}

func newCompanyPicker(e *env, st companySearch, id int64, name string, optional bool, onChanged func(string)) *companyPicker {
	p := &companyPicker{env: e, store: st, ids: map[string]int64{}, optional: optional}
	p.entry = widget.NewSelectEntry(nil)
	p.entry.PlaceHolder = p.env.T("company.picker.hint")
	if id != 0 {
		p.ids[name] = id
		p.entry.SetText(name)
	}
	p.entry.Validator = p.validate
	p.entry.OnChanged = func(text string) {
		p.search(text)
		if onChanged != nil {
			onChanged(text)
		}
	}
	p.search(name)
	return p
}

// search offers the companies whose name or code holds text; a name two companies share shows their codes.
func (p *companyPicker) search(text string) {
	list, err := p.store.Companies(bg(), data.CompanyFilter{Query: strings.TrimSpace(text), Sort: data.SortByName, Limit: companyPickerChoices})
	if err != nil {
		fyne.LogError("searching companies", err)
		return
	}
	seen := map[string]int{}
	for _, c := range list {
		seen[c.Name]++
	}
	ids := map[string]int64{}
	opts := make([]string, 0, len(list))
	for _, c := range list {
		label := c.Name
		if seen[c.Name] > 1 {
			label = c.Name + " · " + c.USCC
		}
		ids[label] = c.ID
		opts = append(opts, label)
	}
	if text := strings.TrimSpace(p.entry.Text); p.ids[text] != 0 && ids[text] == 0 {
		ids[text] = p.ids[text] // keep the company being edited even when the search misses it
	}
	p.ids, p.options = ids, opts
	p.entry.SetOptions(opts)
}

// id is the chosen company, or 0 when the text names none.
func (p *companyPicker) id() int64 { return p.ids[strings.TrimSpace(p.entry.Text)] }

// name is the chosen company's name, without the code a shared name shows.
func (p *companyPicker) name() string {
	name, _, _ := strings.Cut(strings.TrimSpace(p.entry.Text), " · ")
	return name
}

func (p *companyPicker) validate(text string) error {
	if p.optional && strings.TrimSpace(text) == "" {
		return nil
	}
	if p.id() == 0 {
		return p.env.fieldErr("err.company.choose")
	}
	return nil
}
