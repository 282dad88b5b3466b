package usertext

import (
	"errors"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// The words an import preview is written in, shared by the Excel 交换 screen and `scitech import`.

// ImportSummary is a file's counts: what it creates, changes and leaves, and its problems — or, for a file with
// too many problems to be compared with the database, how many at least.
func ImportSummary(tr *assets.Translator, p data.ImportPlan) string {
	if p.Unplanned {
		return tr.T("apply.summary_unplanned", map[string]any{"Issues": p.IssueCount()})
	}
	return tr.T("apply.summary", map[string]any{"New": len(p.New), "Changed": len(p.Changed),
		"Unchanged": p.Unchanged, "Issues": p.IssueCount()})
}

// ImportMoreIssues says how many problems are not listed (at least how many, for a file not compared with the
// database).
func ImportMoreIssues(tr *assets.Translator, p data.ImportPlan) string {
	key := "apply.more_issues"
	if p.Unplanned {
		key = "apply.more_issues_least"
	}
	return tr.T(key, map[string]any{"N": p.MoreIssues, "Max": data.MaxImportIssues})
}

// ImportChange is one record an import creates or changes: its kind, key, name and where it was read.
func ImportChange(tr *assets.Translator, c data.ImportChange) string {
	where := tr.T("apply.at_row", map[string]any{"Sheet": c.Sheet, "Row": c.Row})
	return tr.T("export.kind."+c.Kind) + "  " + c.Key + "  " + c.Label + "  (" + where + ")"
}

// ImportFieldChange is one changed field: its column, the old value and the new.
func ImportFieldChange(tr *assets.Translator, f data.FieldChange) string {
	return ImportColumn(tr, f.Field) + ": " + importValue(tr, f, f.Old) + " → " + importValue(tr, f, f.New)
}

// ImportIssue is one problem: where it is, the column, the value as typed, and the reason.
func ImportIssue(tr *assets.Translator, is data.ImportIssue) string {
	var b strings.Builder
	if is.Row > 0 {
		b.WriteString(tr.T("apply.at_row", map[string]any{"Sheet": is.Sheet, "Row": is.Row}))
	} else {
		b.WriteString(tr.T("apply.at_sheet", map[string]any{"Sheet": is.Sheet}))
	}
	if is.Cell != "" {
		b.WriteString(" " + is.Cell)
	}
	if is.Field != "" {
		b.WriteString(" " + ImportColumn(tr, is.Field))
	}
	if is.Value != "" {
		b.WriteString(" " + tr.T("import.issue.value", map[string]any{"Value": is.Value})) // “…” in Chinese, "…" in English
	}
	b.WriteString(": " + reason(tr, is.Err))
	return b.String()
}

// reason is an issue's reason without the field's name, which the line names already.
func reason(tr *assets.Translator, err error) string {
	var e *data.Error
	if errors.As(err, &e) && e.Code != data.Internal {
		c := *e
		c.Field = ""
		return Error(tr, &c)
	}
	return Error(tr, err)
}

// ImportColumn is the header a field has in a template and an export.
func ImportColumn(tr *assets.Translator, field string) string {
	if tr.Has("col." + field) {
		return tr.T("col." + field)
	}
	return FieldLabel(tr, field)
}

// importValue shows a value of a field change: a code as its label, nothing as a dash.
func importValue(tr *assets.Translator, f data.FieldChange, v string) string {
	switch {
	case v == "":
		return "—"
	case f.Codes != "":
		return tr.T(f.Codes + v)
	}
	return v
}
