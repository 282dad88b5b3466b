package app

import (
	"errors"

	"scitech/assets"
	"scitech/data"
)

// The window's language. Fyne's lang package chooses its language from the operating system only, with no
// way to pick another, so the app keeps its own translator over the same embedded files; the choice made in
// Settings is stored in the app's preferences.
var tr = assets.NewTranslator(assets.Languages[0])

const prefLanguage = "language"

// T translates a key, filling {{.Name}} placeholders from data.
func T(key string, data ...any) string { return tr.T(key, data...) }

// SetLanguage switches the translations ("zh" or "en"); an unknown code selects Chinese.
func SetLanguage(code string) { tr = assets.NewTranslator(code) }

// Language is the current language code.
func Language() string { return tr.Lang }

// ErrorText turns an error into a sentence for the user: a data error in the user's language, naming the field;
// anything else a short generic message (the detail goes to the log).
func ErrorText(err error) string {
	err = data.Explain(err) // a bare driver error (disk full, file locked, read-only) gets its sentence too
	var list data.Errors
	if errors.As(err, &list) && len(list) > 0 {
		text := ""
		for i, e := range list {
			if i > 0 {
				text += "\n"
			}
			text += ErrorText(e)
		}
		return text
	}
	var e *data.Error
	if !errors.As(err, &e) || e.Code == data.Internal {
		return T("err.internal")
	}
	msg := T(e.Key, e.Args)
	if e.Key == "" || !tr.Has(e.Key) {
		msg = e.Message
	}
	if e.Field == "" {
		return msg
	}
	return T("err.with_field", map[string]any{"Field": FieldLabel(e.Field), "Message": msg})
}

// fieldLabels maps the field names data errors carry to the labels the forms show.
var fieldLabels = map[string]string{
	"uscc": "company.uscc", "name": "company.name", "legal_rep": "company.legal_rep", "field": "company.field",
	"park": "company.park", "address": "company.address", "contact": "company.contact", "phone": "company.phone",
	"founded": "company.founded", "cert_no": "company.cert_no", "cert_issued": "company.cert_issued",
	"techsme_no": "company.techsme_no", "techsme_year": "company.techsme_year",
	"year": "output.year", "output": "output.output", "added_value": "output.added_value",
	"revenue": "output.revenue", "rd_expense": "output.rd_expense", "employees": "output.employees",
	"rd_staff": "output.rd_staff", "company": "company.name",
	"issuing_unit": "settings.issuing_unit", "brief_name": "settings.brief_name", "issue_no": "settings.issue_no",
}

// FieldLabel is the label of a field as the forms show it.
func FieldLabel(field string) string {
	if key, ok := fieldLabels[field]; ok {
		return T(key)
	}
	if key := "fieldlabel." + field; tr.Has(key) {
		return T(key)
	}
	return field
}

// fieldError is what an entry's validator returns: the message alone, since the form already shows the label.
type fieldError struct{ msg string }

func (e fieldError) Error() string { return e.msg }

// validationText is the message of a data error without the field name, for display under an entry.
func validationText(err error) error {
	if err == nil {
		return nil
	}
	var e *data.Error
	if errors.As(err, &e) && e.Code != data.Internal && tr.Has(e.Key) {
		return fieldError{T(e.Key, e.Args)}
	}
	return fieldError{ErrorText(err)}
}
