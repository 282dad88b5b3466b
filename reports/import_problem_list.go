package reports

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// The problems workbook of a large file. A marked copy (WriteErrorWorkbook) has excelize hold every cell of the
// file to restyle a few of them: for a sheet of a million rows that took 5 GB and twelve minutes. A file of more
// than MarkedCopyMaxRows rows gets a list instead — sheet, row, cell, column, value and reason of each problem
// kept, then how many more there are — written as a stream, whatever the file's size.

// MarkedCopyMaxRows is the most rows a file may have for its problems workbook to be a marked copy of it.
const MarkedCopyMaxRows = 20000

// WriteProblemsWorkbook writes the problems workbook of a file to send back: a copy with the cells of its first
// data.MaxImportIssues problems marked (and a note of how many more), or for a file of more than
// MarkedCopyMaxRows rows a list of them.
func WriteProblemsWorkbook(fi FileImport, w io.Writer, lang string) error {
	if fi.Read.RowsRead > MarkedCopyMaxRows {
		return WriteProblemList(fi.Read.File, fi.Read.RowsRead, fi.Plan, w, lang)
	}
	return WriteErrorWorkbook(fi.Read.File, MarkedIssues(fi.Plan), w, lang)
}

// WriteProblemList writes a workbook of one sheet listing the problems of a plan of the file at path (which had
// rows rows): a line saying why it is a list, a header, one row a problem, and when more were found than kept,
// a last line counting them. It does not read the file.
func WriteProblemList(path string, rows int, plan data.ImportPlan, w io.Writer, lang string) (err error) {
	issues, more := plan.Issues, plan.MoreIssues
	tr := assets.NewTranslator(lang)
	f := excelize.NewFile()
	defer closeQuietly(f)
	sheet := tr.T("problems.sheet")
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	line := 1
	add := func(cells ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, line)
		line++
		return sw.SetRow(cell, cells)
	}
	introKey, moreKey := "problems.intro", "apply.more_issues"
	if plan.Unplanned {
		introKey, moreKey = "problems.intro_least", "apply.more_issues_least"
	}
	intro := tr.T(introKey, map[string]any{"File": fileBase(path), "Rows": rows, "N": len(issues) + more, "Max": MarkedCopyMaxRows})
	if err := add(intro); err != nil {
		return err
	}
	head := []any{tr.T("problems.col.sheet"), tr.T("problems.col.row"), tr.T("problems.col.cell"),
		tr.T("problems.col.column"), tr.T("problems.col.value"), tr.T("problems.col.reason")}
	if err := add(head...); err != nil {
		return err
	}
	for _, is := range issues {
		if err := add(listText(is.Sheet), rowOrEmpty(is.Row), is.Cell, columnLabel(tr, is.Field), listText(is.Value),
			listText(issueText(is.Err, tr))); err != nil {
			return err
		}
	}
	if more > 0 {
		if err := add(tr.T(moreKey, map[string]any{"N": more, "Max": len(issues)})); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write the problems of %s: %w", fileBase(path), err)
	}
	return nil
}

// listMaxRunes is the most of a value the list shows: enough to find the cell, far under a cell's 32,767.
const listMaxRunes = 1000

// listText is a text as the list can hold it: without the characters XML cannot carry (a cell's value is
// written as typed, control characters and all) and cut short after listMaxRunes.
func listText(s string) string {
	s, _ = data.StripHidden(s)
	if utf8.RuneCountInString(s) > listMaxRunes {
		s = string([]rune(s)[:listMaxRunes]) + "…"
	}
	return s
}

func rowOrEmpty(row int) any {
	if row <= 0 {
		return ""
	}
	return row
}

// columnLabel is a field's header as the template and the export write it.
func columnLabel(tr *assets.Translator, field string) string {
	switch {
	case field == "":
		return ""
	case tr.Has("col." + field):
		return tr.T("col." + field)
	case tr.Has("field." + field):
		return tr.T("field." + field)
	}
	return field
}
