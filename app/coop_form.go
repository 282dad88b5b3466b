package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// coopPartyStore is what the cooperation and base forms ask of the database to choose the two parties, and the
// programmes cooperations are recorded under.
type coopPartyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
	Institutions(ctx context.Context, f data.InstitutionFilter) ([]data.Institution, error)
	Institution(ctx context.Context, id int64) (data.Institution, error)
	CooperationProgrammes(ctx context.Context) ([]string, error)
}

// institutionPicker is the picker of a registered institution: typing searches them by name or city.
type institutionPicker struct {
	*recordPicker
	store coopPartyStore
}

func newInstitutionPicker(e *env, st coopPartyStore, id int64, onChanged func(string)) *institutionPicker {
	p := &institutionPicker{store: st}
	name := ""
	if id != 0 {
		in, err := st.Institution(bg(), id)
		if err != nil {
			fyne.LogError("reading an institution", err)
		}
		name = in.Name
	}
	p.recordPicker = newRecordPicker(e, p.find, id, name, false, "err.coop.choose_institution", onChanged)
	p.entry.PlaceHolder = p.env.T("coop.institution.picker_hint")
	return p
}

// find offers the institutions whose name or city holds text, by name.
func (p *institutionPicker) find(text string) ([]pickOption, error) {
	list, err := p.store.Institutions(bg(), data.InstitutionFilter{Query: text, Sort: data.InstSortName, Limit: companyPickerChoices})
	if err != nil {
		return nil, err
	}
	out := make([]pickOption, len(list))
	for i, in := range list {
		out[i] = pickOption{in.Name, in.ID}
	}
	return out, nil
}

// coopRequiredDate checks a date that must be given.
func (e *env) coopRequiredDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return e.fieldErr("err.required")
	}
	_, err := data.ParseDate(s)
	return e.validation(err)
}

// coopOptionalDate checks a date that may be left empty.
func (e *env) coopOptionalDate(s string) error {
	_, err := data.ParseDate(s)
	return e.validation(err)
}

// coopParseDate reads a date an entry's validator has accepted.
func coopParseDate(s string) (t time.Time) {
	t, _ = data.ParseDate(s)
	return t
}

// coopYearField checks a four-digit year within the range records may speak of.
func (e *env) coopYearField(s string) error {
	s = strings.TrimSpace(s)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return e.fieldErr("err.year.number")
	}
	return e.validation(data.ValidateYear(y))
}
