package exchange

import (
	"io"
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
func WriteTable(w io.Writer, t Table) error {
	rows := t.Rows
	t.Rows = nil
	return WriteTableRows(w, t, func() ([]string, bool, error) {
		if len(rows) == 0 {
			return nil, false, nil
		}
		row := rows[0]
		rows = rows[1:]
		return row, true, nil
	})
}

// WriteTableRows writes a table whose rows come one at a time from next (ok false after the last), after those
// in t.Rows, so that the rows need never all be in memory and can be read while the workbook is written (the
// export of 100,000 companies reads them from the database on one core while the sheet is written and
// compressed on the other). excelize writes the workbook around the rows; the rows themselves are written as
// the sheet's XML by a rowWriter, the same bytes excelize's StreamWriter would write for them, as the zip
// is written (next is called from within f.WriteTo).
func WriteTableRows(w io.Writer, t Table, next func() (row []string, ok bool, err error)) (err error) {
	// The first rows give the columns their widths, which the stream writer needs before any row.
	for len(t.Rows) < widthRows {
		row, ok, err := next()
		if err != nil {
			return err
		}
		if !ok {
			next = func() ([]string, bool, error) { return nil, false, nil }
			break
		}
		t.Rows = append(t.Rows, row)
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := SheetName(t.Sheet)
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
	for i, width := range ColumnWidths(t) {
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
	if err := sw.Flush(); err != nil {
		return err
	}
	// The rows go into the sheet as excelize writes it to the zip, after the header row.
	rows := t.Rows
	zipStraightTo(f, w, streamedSheetPart, func(out io.Writer) error {
		rw := newRowWriter(out, 2, t.Numeric)
		for _, row := range rows {
			if err := rw.write(row); err != nil {
				return err
			}
		}
		for {
			row, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if err := rw.write(row); err != nil {
				return err
			}
		}
		return rw.flush()
	})
	_, err = f.WriteTo(w)
	return err
}

// widthRows is how many rows ColumnWidths measures.
const widthRows = 200

// ColumnWidths sizes each column to its longest text of the first rows (CJK characters count double).
func ColumnWidths(t Table) []float64 {
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
	for r := 0; r < len(t.Rows) && r < widthRows; r++ {
		for i, v := range t.Rows[r] {
			if i < len(widths) {
				measure(i, v)
			}
		}
	}
	return widths
}

// SheetName makes a valid sheet name: at most 31 characters, none of : \ / ? * [ ].
func SheetName(s string) string {
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

// PrintOnA4 sets a sheet to print on A4 landscape, one page wide, with the header row repeated on every page
// and the pages numbered at the foot ("2 / 5", the same in either language), so a clerk who prints the workbook
// gets whole tables in order rather than columns spread over several sheets of paper.
func PrintOnA4(f *excelize.File, sheet string) error {
	a4, landscape, wide, tall, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$1:$1"})
}
