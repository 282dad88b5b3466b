package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// coopPartyStore is what the cooperation and base forms ask of the database to choose the two parties.
type coopPartyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
	Institutions(ctx context.Context, f data.InstitutionFilter) ([]data.Institution, error)
}

// institutionChooser is a drop-down over every institution, by name (they are a few dozen at most).
type institutionChooser struct {
	env  *env
	list []data.Institution
	sel  *widget.Select
}

func newInstitutionChooser(e *env, st coopPartyStore, id int64, onChanged func(string)) *institutionChooser {
	c := &institutionChooser{env: e}
	var err error
	if c.list, err = st.Institutions(bg(), data.InstitutionFilter{Sort: data.InstSortName}); err != nil {
		fyne.LogError("reading institutions", err)
	}
	names := make([]string, len(c.list))
	for i, in := range c.list {
		names[i] = in.Name
	}
	c.sel = &widget.Select{Options: names, PlaceHolder: c.env.T("coop.institution.placeholder")}
	c.sel.ExtendBaseWidget(c.sel)
	for i, in := range c.list {
		if in.ID == id {
			c.sel.SetSelectedIndex(i)
		}
	}
	c.sel.OnChanged = onChanged
	return c
}

// id is the chosen institution, or 0.
func (c *institutionChooser) id() int64 {
	if i := c.sel.SelectedIndex(); i >= 0 && i < len(c.list) {
		return c.list[i].ID
	}
	return 0
}

func (c *institutionChooser) check() error {
	if c.id() == 0 {
		return c.env.fieldErr("err.coop.choose_institution")
	}
	return nil
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
