package reports

import (
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Table is a list as the window shows it, to be written to a workbook: one header row, then the rows.
type Table struct {
	Sheet   string
	Headers []string
	Numeric []bool // columns whose cells are numbers ("12.50"), written as numbers so sums work in Excel
	Rows    [][]string
}

// WriteTable writes a table as a one-sheet workbook with a bold, frozen header row. It streams the rows, so a
// list of a hundred thousand rows does not build a hundred thousand cells in memory first.
func WriteTable(w io.Writer, t Table) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Sheet)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, width := range columnWidths(t) {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	cells := make([]any, len(t.Headers))
	for i, h := range t.Headers {
		cells[i] = excelize.Cell{StyleID: header, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for r, row := range t.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
			if i < len(t.Numeric) && t.Numeric[i] {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					cells[i] = n
				}
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return fmt.Errorf("row %d: %w", r+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// columnWidths sizes each column to its longest text of the first rows (CJK characters count double).
func columnWidths(t Table) []float64 {
	widths := make([]float64, len(t.Headers))
	measure := func(i int, s string) {
		w := 0.0
		for _, r := range s {
			if r >= 0x2E80 {
				w += 2.1
			} else {
				w += 1.1
			}
		}
		if w+2 > widths[i] {
			widths[i] = min(w+2, 60)
		}
	}
	for i, h := range t.Headers {
		measure(i, h)
	}
	for r := 0; r < len(t.Rows) && r < 200; r++ {
		for i, v := range t.Rows[r] {
			if i < len(widths) {
				measure(i, v)
			}
		}
	}
	return widths
}

// sheetName makes a valid sheet name: at most 31 characters, none of : \ / ? * [ ].
func sheetName(s string) string {
	out := make([]rune, 0, 31)
	for _, r := range s {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		out = append(out, r)
		if len(out) == 31 {
			break
		}
	}
	if len(out) == 0 || !utf8.ValidString(string(out)) {
		return "Sheet1"
	}
	return string(out)
}
