package app

import (
	"errors"
	"strings"

	"scitech/data"
)

// The words an import preview is written in, shared by the Excel 交换 screen and `scitech import`.

// ImportSummaryText is a file's counts: what it creates, changes and leaves, and its problems — or, for a file
// with too many problems to be compared with the database, how many at least.
func ImportSummaryText(p data.ImportPlan) string {
	if p.Unplanned {
		return T("apply.summary_unplanned", map[string]any{"Issues": p.IssueCount()})
	}
	return T("apply.summary", map[string]any{"New": len(p.New), "Changed": len(p.Changed),
		"Unchanged": p.Unchanged, "Issues": p.IssueCount()})
}

// ImportMoreIssuesText says how many problems are not listed (at least how many, for a file not compared with
// the database).
func ImportMoreIssuesText(p data.ImportPlan) string {
	key := "apply.more_issues"
	if p.Unplanned {
		key = "apply.more_issues_least"
	}
	return T(key, map[string]any{"N": p.MoreIssues, "Max": data.MaxImportIssues})
}

// ImportChangeText is one record an import creates or changes: its kind, key, name and where it was read.
func ImportChangeText(c data.ImportChange) string {
	where := T("apply.at_row", map[string]any{"Sheet": c.Sheet, "Row": c.Row})
	return T("export.kind."+c.Kind) + "  " + c.Key + "  " + c.Label + "  (" + where + ")"
}

// ImportFieldChangeText is one changed field: its column, the old value and the new.
func ImportFieldChangeText(f data.FieldChange) string {
	return ImportColumnLabel(f.Field) + ": " + importValueText(f, f.Old) + " → " + importValueText(f, f.New)
}

// ImportIssueText is one problem: where it is, the column, the value as typed, and the reason.
func ImportIssueText(is data.ImportIssue) string {
	var b strings.Builder
	if is.Row > 0 {
		b.WriteString(T("apply.at_row", map[string]any{"Sheet": is.Sheet, "Row": is.Row}))
	} else {
		b.WriteString(T("apply.at_sheet", map[string]any{"Sheet": is.Sheet}))
	}
	if is.Cell != "" {
		b.WriteString(" " + is.Cell)
	}
	if is.Field != "" {
		b.WriteString(" " + ImportColumnLabel(is.Field))
	}
	if is.Value != "" {
		b.WriteString(" “" + is.Value + "”")
	}
	b.WriteString(": " + reasonText(is.Err))
	return b.String()
}

// reasonText is an issue's reason without the field's name, which the line names already.
func reasonText(err error) string {
	var e *data.Error
	if errors.As(err, &e) && e.Code != data.Internal {
		c := *e
		c.Field = ""
		return ErrorText(&c)
	}
	return ErrorText(err)
}

// ImportColumnLabel is the header a field has in a template and an export.
func ImportColumnLabel(field string) string {
	if tr.Has("col." + field) {
		return T("col." + field)
	}
	return FieldLabel(field)
}

// importValueText shows a value of a field change: a code as its label, nothing as a dash.
func importValueText(f data.FieldChange, v string) string {
	switch {
	case v == "":
		return "—"
	case f.Codes != "":
		return T(f.Codes + v)
	}
	return v
}
