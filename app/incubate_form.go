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
func incDateField(required bool) fyne.StringValidator {
	return func(s string) error {
		t, err := data.ParseDate(s)
		if err != nil {
			return validationText(err)
		}
		if t.IsZero() && required {
			return fieldError{T("err.required")}
		}
		return validationText(data.ValidatePastDate(t))
	}
}

// stepErrorText is ErrorText for a refused step, with the statuses named in the user's language.
func stepErrorText(err error, statusPrefix string) string {
	list := asErrors(err)
	if len(list) == 0 {
		return ErrorText(err)
	}
	out := make(data.Errors, len(list))
	for i, e := range list {
		c := *e
		if c.Key == "err.incubate.step" {
			c.Args = map[string]any{}
			for k, v := range e.Args {
				c.Args[k] = T(statusPrefix + fmt.Sprint(v))
			}
		}
		out[i] = &c
	}
	return ErrorText(out)
}
