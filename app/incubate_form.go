package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// incCompanyStore is what the incubator and plan forms ask of the database to choose a company.
type incCompanyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
}

// codeSelect is a drop-down over codes shown by their translations (prefix + code). With a none label, the first
// choice is no code; without one, a choice is required.
func (f *recordForm) codeSelect(codes []string, prefix, current string, none string) *incCodeSelect {
	s := &incCodeSelect{codes: codes, none: none}
	labels := []string{}
	if none != "" {
		labels = append(labels, none)
	}
	for _, c := range codes {
		labels = append(labels, T(prefix+c))
	}
	s.Select = &widget.Select{Options: labels, PlaceHolder: T("form.required"), OnChanged: f.onChanged}
	s.Select.ExtendBaseWidget(s.Select)
	s.set(current)
	if none == "" {
		f.check(nil, func() error {
			if s.SelectedIndex() < 0 {
				return fieldError{T("err.required")}
			}
			return nil
		})
	}
	return s
}

// incCodeSelect is a drop-down over codes; code() is the chosen one, or "".
type incCodeSelect struct {
	*widget.Select
	codes []string
	none  string
}

func (s *incCodeSelect) offset() int {
	if s.none != "" {
		return 1
	}
	return 0
}

func (s *incCodeSelect) code() string {
	i := s.SelectedIndex() - s.offset()
	if i >= 0 && i < len(s.codes) {
		return s.codes[i]
	}
	return ""
}

func (s *incCodeSelect) set(code string) {
	for i, c := range s.codes {
		if c == code {
			s.SetSelectedIndex(i + s.offset())
			return
		}
	}
	if s.none != "" {
		s.SetSelectedIndex(0)
	}
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
