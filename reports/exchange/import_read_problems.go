package exchange

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// Marking a copy of the workbook means excelize loads each marked sheet whole: a sheet of a million rows
// (300 MB of XML) took 150 s and 6.5 GB. Past maxMarkedSheetBytes of marked sheets, the problems workbook is a
// list instead — one row per problem with its sheet, cell, value and reason — written as a stream in
// kilobytes, whatever the size of the workbook it is about.

// maxMarkedSheetBytes bounds the XML of the sheets a marked copy loads (excelize holds some twenty times that);
// a variable, so that a test can make it small.
var maxMarkedSheetBytes uint64 = 8 << 20

// markedSheetBytes is the size of the sheets the issues would mark.
func markedSheetBytes(plan workbookPlan, issues []data.ImportIssue) uint64 {
	marked := map[string]bool{}
	for _, is := range issues {
		marked[is.Sheet] = true
	}
	var n uint64
	for _, ps := range plan.sheets {
		if marked[ps.name] && ps.part != nil {
			n += ps.part.UncompressedSize64
		}
	}
	return n
}

// writeProblemList writes the problems of the workbook at srcPath as a list: a title naming the file, a header,
// and a row per problem in the order given.
func writeProblemList(srcPath string, issues []data.ImportIssue, w io.Writer, lang string) error {
	tr := assets.NewTranslator(lang)
	f := excelize.NewFile()
	defer closeQuietly(f)
	sheet := tr.T("import.problems.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 3, 80); err != nil {
		return err
	}
	rows := [][]any{{excelize.Cell{StyleID: bold, Value: tr.T("import.problems.title", map[string]any{"File": fileBase(srcPath)})}}, {},
		{excelize.Cell{StyleID: bold, Value: tr.T("import.problems.col_sheet")}, excelize.Cell{StyleID: bold, Value: tr.T("import.problems.col_cell")},
			excelize.Cell{StyleID: bold, Value: tr.T("import.problems.col_problem")}, excelize.Cell{StyleID: bold, Value: tr.T("import.problems.col_value")}}}
	for _, is := range issues {
		rows = append(rows, []any{listText(is.Sheet), is.Cell, listText(issueText(is.Err, tr)), listText(is.Value)})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write the problems of %s: %w", fileBase(srcPath), err)
	}
	return nil
}

// listText is a text as the list can hold it: without the characters XML cannot carry (a cell's value comes as
// typed, control characters and all, and excelize wrote them as U+FFFD) and cut short as every problem is, as
// it is built (data.ShownValue): one limit for what a problem keeps and what the list shows.
func listText(s string) string {
	s, _ = data.StripHidden(s)
	return data.ShownValue(s)
}
