package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// outcomeForm edits a copy of a cooperation outcome: kind, title and year.
type outcomeForm struct {
	*recordForm
	store   outcomeStore
	outcome data.CoopOutcome
	onSaved func()

	kind  *codeSelect
	title *escapeEntry
	year  *escapeEntry
}

func newOutcomeForm(e *env, st outcomeStore, win fyne.Window, o data.CoopOutcome, onSaved func()) *outcomeForm {
	f := &outcomeForm{store: st, outcome: o, onSaved: onSaved}
	f.recordForm = newRecordForm(e, win, f.save, onSaved)
	f.kind = f.codeSelect(data.OutcomeKinds, "outcome.kind.", o.Kind, chooseKind)
	f.title = f.entry("outcome_title", o.Title, "", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return f.env.fieldErr("err.required")
		}
		return nil
	})
	f.year = f.entry("year", yearText(o.Year), "2025", f.env.coopYearField)
	f.add(f.env.T("outcome.kind"), f.kind.Select, "")
	f.add(f.env.T("outcome.title"), f.title, f.env.T("form.required"))
	f.add(f.env.T("outcome.year"), f.year, f.env.T("form.required"))
	f.first = f.title
	return f
}

func (f *outcomeForm) save() error {
	o := f.outcome
	o.Kind = f.kind.code()
	o.Title = f.title.Text
	o.Year, _ = strconv.Atoi(strings.TrimSpace(f.year.Text))
	if o.ID == 0 {
		return f.store.CreateCoopOutcome(bg(), &o)
	}
	return f.store.UpdateCoopOutcome(bg(), &o)
}
