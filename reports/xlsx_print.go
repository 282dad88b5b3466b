package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
)

// titleRows is how many rows stand above the table of a brief's sheet: the title (brief, year, sheet) and the
// line naming the issuing unit, the brief and its issue (or 草稿), the date and the unit of the amounts, so that
// a printed page says what it is.
const titleRows = 2

// headerRow is the row of a brief sheet's column headers; the first record is on the row below it.
const headerRow = titleRows + 1

// firstRow is the row of a brief sheet's first record.
const firstRow = headerRow + 1

// The page a brief's sheet prints on: A4 with margins in inches (excelize's unit). Printable widths are in
// pixels at 96 dpi, the unit column widths turn into, so that a sheet is set portrait when its table fits across.
const (
	a4Paper          = 9
	sideMarginIn     = 0.5
	portraitWidthPx  = (8.27 - 2*sideMarginIn) * 96
	landscapeWidthPx = (11.69 - 2*sideMarginIn) * 96
	defaultColPx     = 64 // a column of the default width, 8.43 characters

	// minPortraitScale is how far a sheet may be scaled down to print portrait: a list a little wider than
	// the page reads better at 11 pt × 0.8 on fewer, taller pages than at full size turned landscape.
	minPortraitScale = 0.8
	defaultRowPx     = 20 // a row of the default height, 15 points
)

// heading is what every sheet of a brief's workbook prints above and around its table: the title row, the
// caption row and the page header and footer. It is set once per workbook by setHeading.
type heading struct {
	t       *assets.Translator
	title   string // the brief's title with its year
	caption string // issuing unit, the brief's name and issue (or draft), date
	issue   string // the brief's name and 第X期, or 草稿
	wan     string // the unit line of a sheet whose amounts are all in 万元
}

// setHeading gives the workbook the brief's title, year and header, for the title rows of every sheet.
func (x *workbook) setHeading(t *assets.Translator, h BriefHeader, year int, titleKey string) {
	title := t.T(titleKey, map[string]any{"Year": year})
	if !strings.Contains(title, strconv.Itoa(year)) {
		// The year the PDF gives under a title without one, on the same line here.
		title = t.T("brief.xlsx.year", map[string]any{"Title": title, "Year": year})
	}
	// The name of the brief (科技工作简报) with its issue, as the red header of the PDF gives them.
	issue := t.T("brief.xlsx.issue", map[string]any{"Brief": h.Settings.BriefName, "Issue": xlsxIssue(t, h)})
	x.head = heading{t: t, title: title, issue: issue, wan: t.T("brief.xlsx.unit_wan"),
		caption: t.T("brief.xlsx.caption", map[string]any{"Unit": h.Settings.IssuingUnit, "Issue": issue,
			"Date": formatDate(t, h.Date)})}
}

// xlsxIssue is the issue of the brief as its workbook names it: 草稿 for a draft (IssueNo 0: only 签发 numbers
// a brief), so that a printed sheet is never taken for an issued one; 第X期 for an issued brief, and which
// issue it corrects for a correction.
func xlsxIssue(t *assets.Translator, h BriefHeader) string { return sheetIssueLabel(t, h.Settings) }

// sheetTitle is the text of a sheet's title row: the brief's title and the sheet's name, in full where the
// name was cut to the 31 characters a sheet's name may have.
func (x *workbook) sheetTitle(sheet string) string {
	if full, ok := x.fullNames[sheet]; ok {
		sheet = full
	}
	return x.head.t.T("brief.xlsx.title", map[string]any{"Title": x.head.title, "Sheet": sheet})
}

// extent is how far a sheet's content reaches, for its print area, and how wide the text of each column of a
// sheet written cell by cell is, for its column widths.
type extent struct {
	cols, rows int
	text       []float64 // the widest text of each column, in characters
	streamed   bool      // written by a stream writer: its widths were final when it was started
}

// reach widens the recorded extent of a sheet to take in column cols and row rows.
func (x *workbook) reach(sheet string, cols, rows int) {
	e := x.extents[sheet]
	e.cols, e.rows = max(e.cols, cols), max(e.rows, rows)
	x.extents[sheet] = e
}

// measure records the width of a text cell of a sheet's column col (from 1).
func (x *workbook) measure(sheet string, col int, v any) {
	s, ok := v.(string)
	if !ok {
		return
	}
	e := x.extents[sheet]
	for len(e.text) < col {
		e.text = append(e.text, 0)
	}
	e.text[col-1] = max(e.text[col-1], columnWidth(s))
	x.extents[sheet] = e
}

// widthRows is how many of a streamed sheet's rows its column widths are measured on.
const widthRows = 200

// maxColumnWidth is the widest a column grows to fit its text; longer text is cut at print, as on screen.
const maxColumnWidth = 60

// columnWidth is the width in characters a column needs to show s: CJK characters count a little over double
// and the rest a little over one, as exchange.ColumnWidths measures, with a margin.
func columnWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2.1
		} else {
			w += 1.1
		}
	}
	return min(w+2, maxColumnWidth)
}

// fitColumns widens each column of a sheet written cell by cell to its widest text (the titles excepted, which
// wrap), then sets the page's orientation for the widths it ends with, a chart beside the table included.
func (x *workbook) fitColumns(sheet string, e extent) error {
	px := 0.0
	for c := 1; c <= e.cols; c++ {
		name, err := excelize.ColumnNumberToName(c)
		if err != nil {
			return err
		}
		w, err := x.f.GetColWidth(sheet, name)
		if err != nil {
			return err
		}
		if c <= len(e.text) && e.text[c-1] > w {
			w = e.text[c-1]
			if err := x.f.SetColWidth(sheet, name, name, w); err != nil {
				return err
			}
		}
		px += widthPx([]float64{w})
	}
	return x.orient(sheet, px)
}

// titleCell is one cell of the title rows, merged from one cell to another.
type titleCell struct {
	from, to string
	value    string
	style    int
}

// titleCells are the two rows above a sheet's table and their heights in points: the title merged across the
// table; the caption across it too, or, when the sheet has a unit line, across the columns left of the last few
// that the unit line needs (it is right-aligned, and a merged caption beside it would cut it off).
func (x *workbook) titleCells(sheet string, widths []float64, unit string) (cells []titleCell, heights [2]float64) {
	n := len(widths)
	last, _ := excelize.ColumnNumberToName(n)
	title := x.sheetTitle(sheet)
	cells = append(cells, titleCell{"A1", last + "1", title, x.titleStyle})
	heights[0] = rowHeight(title, sumWidths(widths), 14)
	split := n // the caption takes columns 1..split; the unit line split+1..n
	if unit != "" {
		for split > 1 && sumWidths(widths[split:]) < cellTextWidth(unit)+2 {
			split--
		}
	}
	to, _ := excelize.ColumnNumberToName(split)
	cells = append(cells, titleCell{"A2", to + "2", x.head.caption, x.captionStyle})
	if split < n {
		from, _ := excelize.ColumnNumberToName(split + 1)
		cells = append(cells, titleCell{from + "2", last + "2", unit, x.unitStyle})
	}
	heights[1] = rowHeight(x.head.caption, sumWidths(widths[:split]), 11)
	return cells, heights
}

// rowHeight is the height in points of a row whose text of font size pt wraps within width characters: one
// line, or as many as the text needs, since a spreadsheet does not grow a merged row to its text.
func rowHeight(s string, width, pt float64) float64 {
	lines := math.Ceil(cellTextWidth(s) * pt / 11 / max(width, 1))
	return max(lines, 1)*pt*1.45 + 4
}

// cellTextWidth is the width of s in characters of the default font, CJK characters counting double.
func cellTextWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func sumWidths(v []float64) float64 {
	s := 0.0
	for _, f := range v {
		s += f
	}
	return s
}

// writeTitleRows writes the title rows of a sheet written cell by cell.
func (x *workbook) writeTitleRows(sheet string, widths []float64, unit string) error {
	cells, heights := x.titleCells(sheet, widths, unit)
	for _, c := range cells {
		if err := x.f.SetCellValue(sheet, c.from, c.value); err != nil {
			return err
		}
		if err := x.f.SetCellStyle(sheet, c.from, c.to, c.style); err != nil {
			return err
		}
		if c.from != c.to {
			if err := x.f.MergeCell(sheet, c.from, c.to); err != nil {
				return err
			}
		}
	}
	for i, h := range heights {
		if err := x.f.SetRowHeight(sheet, i+1, h); err != nil {
			return err
		}
	}
	return nil
}

// streamTitleRows writes the title rows of a sheet through its stream writer.
func (x *workbook) streamTitleRows(sw *excelize.StreamWriter, sheet string, widths []float64, unit string) error {
	cells, heights := x.titleCells(sheet, widths, unit)
	rows := [2][]any{}
	for _, c := range cells {
		col, row, err := excelize.CellNameToCoordinates(c.from)
		if err != nil {
			return err
		}
		for len(rows[row-1]) < col {
			rows[row-1] = append(rows[row-1], nil)
		}
		rows[row-1][col-1] = excelize.Cell{StyleID: c.style, Value: c.value}
		if c.from != c.to {
			if err := sw.MergeCell(c.from, c.to); err != nil {
				return err
			}
		}
	}
	for i, r := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(i+1), r, excelize.RowOpts{Height: heights[i]}); err != nil {
			return err
		}
	}
	return nil
}

// widenTitle merges a sheet's title row across cols columns, for a sheet whose content (a chart) reaches beyond
// its table. The caption row stays over the table, whose unit it gives.
func (x *workbook) widenTitle(sheet string, widths []float64, cols int) error {
	last, _ := excelize.ColumnNumberToName(len(widths))
	wide, _ := excelize.ColumnNumberToName(cols)
	if err := x.f.UnmergeCell(sheet, "A1", last+"1"); err != nil {
		return err
	}
	return x.f.MergeCell(sheet, "A1", wide+"1")
}

// printSetup sets a brief's sheet to print on A4: portrait when its columns fit across, else landscape, and
// scaled to one page wide in either case; centred; the header row repeated on every page; the brief's title and
// issue at the head of each page and the page number at its foot.
func (x *workbook) printSetup(sheet string, widthPx float64) error {
	f := x.f
	if err := x.orient(sheet, widthPx); err != nil {
		return err
	}
	side, top, edge, centre := sideMarginIn, 0.75, 0.3, true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top,
		Bottom: &top, Header: &edge, Footer: &edge, Horizontally: &centre}); err != nil {
		return err
	}
	t := x.head.t
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&9 " + pageText(x.head.title) + "&R&9 " + pageText(x.head.issue),
		OddFooter: "&C&9 " + pageText(t.T("brief.xlsx.page", map[string]any{"Page": "\x00P", "Pages": "\x00N"})),
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), headerRow, headerRow)})
}

// orient sets a sheet on A4, portrait when content widthPx wide fits across at no less than minPortraitScale,
// else landscape, scaled to one page wide and as many pages tall as it needs.
func (x *workbook) orient(sheet string, widthPx float64) error {
	a4, orientation, wide, tall, fit := a4Paper, "portrait", 1, 0, true
	if widthPx*minPortraitScale > portraitWidthPx {
		orientation = "landscape"
	}
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// pageText escapes text for a page header or footer, where & starts a code; "\x00P" and "\x00N" become the
// codes of the page number and the number of pages. Each part starts after "&9 ": the space ends the font
// size, which would otherwise run on into a title that starts with its year.
func pageText(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	return strings.NewReplacer("\x00P", "&P", "\x00N", "&N").Replace(s)
}

// quoteSheet is a sheet's name as a formula or defined name refers to it.
func quoteSheet(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// widthPx is the printed width in pixels of columns of the given widths in characters, as a spreadsheet
// rounds them (7 pixels a character and 5 of padding, with the default font).
func widthPx(widths []float64) float64 {
	px := 0.0
	for _, w := range widths {
		px += math.Trunc(w*7 + 5 + 0.5)
	}
	return px
}

// finishSheets fits the columns of each sheet written cell by cell to their text, and gives every sheet a print
// area of exactly its content: the title rows, the table and any chart.
func (x *workbook) finishSheets() error {
	for _, sheet := range x.f.GetSheetList() {
		e, ok := x.extents[sheet]
		if !ok {
			continue
		}
		if !e.streamed {
			if err := x.fitColumns(sheet, e); err != nil {
				return err
			}
		}
		last, err := excelize.ColumnNumberToName(e.cols)
		if err != nil {
			return err
		}
		if err := x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sheet,
			RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", quoteSheet(sheet), last, e.rows)}); err != nil {
			return err
		}
	}
	return nil
}
