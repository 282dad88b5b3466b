package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// incCompanyStore is what the incubator and plan forms ask of the database to choose a company.
type incCompanyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
}

// incDateField checks a date typed in a form: required unless optional, a date, not in the future.
func (e *env) incDateField(required bool) fyne.StringValidator {
	return func(s string) error {
		t, err := data.ParseDate(s)
		if err != nil {
			return e.validation(err)
		}
		if t.IsZero() && required {
			return e.fieldErr("err.required")
		}
		return e.validation(data.ValidatePastDate(t))
	}
}

// stepErrorText is errorText for a refused step, with the statuses named in the user's language.
func (e *env) stepErrorText(err error, statusPrefix string) string {
	list := asErrors(err)
	if len(list) == 0 {
		return e.errorText(err)
	}
	out := make(data.Errors, len(list))
	for i, refused := range list {
		c := *refused
		if c.Key == "err.incubate.step" {
			c.Args = map[string]any{}
			for k, v := range refused.Args {
				c.Args[k] = e.T(statusPrefix + fmt.Sprint(v))
			}
		}
		out[i] = &c
	}
	return e.errorText(out)
}
