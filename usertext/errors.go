// Package usertext holds the words a user reads for what the program reports: an error, the name of a field,
// the result of an import. Each function takes the translator of the user's language as a value, so the window
// (app) and the command line (cmd/scitech) say the same thing the same way, in whichever language each was
// given, with no language held in a package variable. It does not depend on Fyne.
package usertext

import (
	"errors"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// Error turns an error into a sentence for the user: a data error in the user's language, naming the field; a
// list of them one per line; anything else a short generic message (the caller logs the detail).
func Error(tr *assets.Translator, err error) string {
	err = data.Explain(err) // a bare driver error (disk full, file locked, read-only) gets its sentence too
	var list data.Errors
	if errors.As(err, &list) && len(list) > 0 {
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = Error(tr, e)
		}
		return strings.Join(lines, "\n")
	}
	var e *data.Error
	if !errors.As(err, &e) || e.Code == data.Internal {
		return tr.T("err.internal")
	}
	msg := tr.T(e.Key, e.Args)
	if e.Key == "" || !tr.Has(e.Key) {
		msg = e.Message
	}
	if e.Field == "" || e.Field == "file" {
		// "file" marks a refusal of a whole workbook (the reader's, told apart from the database's by it): its
		// message names the file itself, and no field label goes before it.
		return msg
	}
	return tr.T("err.with_field", map[string]any{"Field": FieldLabel(tr, e.Field), "Message": msg})
}

// Validation is the message of a data error without the field's name, for display under the entry that
// already shows the field's label. An error that is no translated data error reads as Error has it.
func Validation(tr *assets.Translator, err error) string {
	var e *data.Error
	if errors.As(err, &e) && e.Code != data.Internal && tr.Has(e.Key) {
		return tr.T(e.Key, e.Args)
	}
	return Error(tr, err)
}

// BackupError is the sentence for an error of a backup or a restore. Unlike Error it names what could not be
// written (the backup file, the backups folder) even when the cause is internal, since that is what the user
// can act on; the cause itself goes to the log.
func BackupError(tr *assets.Translator, err error) string {
	var e *data.Error
	if errors.As(err, &e) && e.Key != "" && e.Key != "err.internal" && tr.Has(e.Key) {
		return tr.T(e.Key, e.Args)
	}
	return Error(tr, err)
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

// FieldLabel is the label of a field as the forms show it; a field with no label is named as it is.
func FieldLabel(tr *assets.Translator, field string) string {
	if key, ok := fieldLabels[field]; ok {
		return tr.T(key)
	}
	if key := "fieldlabel." + field; tr.Has(key) {
		return tr.T(key)
	}
	return field
}
