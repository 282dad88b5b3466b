package exchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// The fill-in template a company gets: one sheet per data.ExchangeSheets kind, titled "export.kind."+Kind, with a
// header row of the "col."+Key labels, the bureau's records below it and empty rows ready for typing. The header
// row is locked (the sheet is protected without a password, so the company can still unprotect it in an
// emergency); every other cell is unlocked, so rows can be typed, inserted, deleted, sorted and filtered.

// TemplateVersion is the version of the template's layout, written to the _meta sheet.
const TemplateVersion = "1"

// Sheets of the template the company does not see.
const (
	TemplateListsSheet = "_lists" // the choices of drop-down lists too long to be written inline
)

// TemplateRows is the last row down to which formats, drop-down lists and input messages reach in a template
// whose records fit well above it.
const TemplateRows = 500

// templateDateMin and templateDateMax bound the dates a template accepts: nothing the bureau records happened
// before the People's Republic, nor is planned beyond data.MaxYear.
var (
	templateDateMin = time.Date(1949, 10, 1, 0, 0, 0, 0, time.UTC)
	templateDateMax = time.Date(data.MaxYear, 12, 31, 0, 0, 0, 0, time.UTC)
)

// templateWriter builds one template workbook.
type templateWriter struct {
	f      *excelize.File
	tr     *assets.Translator
	d      data.TemplateData
	styles templateStyles
	lists  [][]string // the lists of the _lists sheet, a column each, written last
}

type templateStyles struct {
	header, headerOptional, headerInfo int
	headerRow                          int            // the rest of the header row: locked, plain
	cell                               map[string]int // by Ex… type: unlocked, with the type's number format
	info                               map[string]int // the same for Info cells, in grey
}

// WriteTemplate writes a fill-in template in the language lang ("zh" or "en"): blank when d.Company is nil,
// otherwise filled with d.Rows.
func WriteTemplate(w io.Writer, d data.TemplateData, lang string) error {
	t := &templateWriter{f: excelize.NewFile(), tr: assets.NewTranslator(lang), d: d}
	defer t.f.Close()
	if err := t.newStyles(); err != nil {
		return err
	}
	for i, sheet := range data.ExchangeSheets {
		if err := t.writeSheet(i, sheet); err != nil {
			return fmt.Errorf("%s: %w", sheet.Kind, err)
		}
	}
	if err := t.writeLists(); err != nil {
		return err
	}
	if err := t.writeMeta(); err != nil {
		return err
	}
	t.f.SetActiveSheet(0)
	_, err := t.f.WriteTo(w)
	return err
}

// TemplateSheetName is the title of a kind's sheet in a language's template.
func TemplateSheetName(tr *assets.Translator, kind string) string {
	return SheetName(tr.T("export.kind." + kind))
}

func (t *templateWriter) newStyles() error {
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = t.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1}}
	align := &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}
	t.styles.header = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: align, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BDD7EE"}}})
	t.styles.headerOptional = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: align, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	t.styles.headerInfo = style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "7F7F7F"}, Alignment: align,
		Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}})
	t.styles.headerRow = style(&excelize.Style{Protection: &excelize.Protection{Locked: true}})
	unlocked := &excelize.Protection{Locked: false}
	formats := map[string]string{data.ExText: "@", data.ExUSCC: "@", data.ExAppNo: "@", data.ExCode: "@",
		data.ExBool: "@", data.ExDate: "yyyy-mm-dd", data.ExWan: "#,##0.00##", data.ExSignedWan: "#,##0.00##", data.ExInt: "0", data.ExYear: "0"}
	t.styles.cell, t.styles.info = map[string]int{}, map[string]int{}
	for typ, numFmt := range formats {
		t.styles.cell[typ] = style(&excelize.Style{CustomNumFmt: &numFmt, Protection: unlocked})
		t.styles.info[typ] = style(&excelize.Style{CustomNumFmt: &numFmt, Protection: unlocked,
			Font: &excelize.Font{Color: "7F7F7F"}})
	}
	return err
}

func (t *templateWriter) writeSheet(index int, sheet data.ExchangeSheet) error {
	name := TemplateSheetName(t.tr, sheet.Kind)
	if index == 0 {
		if err := t.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := t.f.NewSheet(name); err != nil {
		return err
	}
	rows := t.d.Rows[sheet.Kind]
	if err := t.setColumns(name, sheet.Fields, rows); err != nil {
		return err
	}
	last := max(TemplateRows, len(rows)+TemplateRows/2)
	for i, field := range sheet.Fields {
		if err := t.writeColumn(name, i+1, last, sheet, field, rows); err != nil {
			return fmt.Errorf("%s: %w", field.Key, err)
		}
	}
	return t.finishSheet(name, len(sheet.Fields), last)
}

// writeColumn writes one field: its header, its validation and its values.
func (t *templateWriter) writeColumn(sheet string, col, last int, def data.ExchangeSheet, field data.ExchangeField,
	rows []map[string]string) error {
	letter, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	headerStyle := t.styles.header
	switch {
	case field.Info:
		headerStyle = t.styles.headerInfo
	case !field.Required:
		headerStyle = t.styles.headerOptional
	}
	header := t.tr.T("col." + field.Key)
	if err := t.f.SetCellStr(sheet, letter+"1", header); err != nil {
		return err
	}
	if err := t.f.SetCellStyle(sheet, letter+"1", letter+"1", headerStyle); err != nil {
		return err
	}
	if err := t.addValidation(sheet, fmt.Sprintf("%s2:%s%d", letter, letter, last), def, field); err != nil {
		return err
	}
	for r, row := range rows {
		if err := t.setCell(sheet, fmt.Sprintf("%s%d", letter, r+2), field, row[field.Key]); err != nil {
			return err
		}
	}
	return nil
}

// setCell writes a canonical value as the company would type it: a code as its label, an amount in 万元, a
// date as a date, a count or year as a number.
func (t *templateWriter) setCell(sheet, cell string, field data.ExchangeField, v string) error {
	if v == "" {
		return nil
	}
	switch field.Type {
	case data.ExWan, data.ExSignedWan:
		if yuan, err := strconv.ParseInt(v, 10, 64); err == nil {
			f, _ := strconv.ParseFloat(data.Yuan(yuan).WanInput(), 64)
			return t.f.SetCellFloat(sheet, cell, f, -1, 64)
		}
	case data.ExInt, data.ExYear:
		if n, err := strconv.Atoi(v); err == nil {
			return t.f.SetCellInt(sheet, cell, int64(n))
		}
	case data.ExDate:
		if d, err := time.Parse(data.DateLayout, v); err == nil {
			return t.f.SetCellInt(sheet, cell, int64(excelSerial(d)))
		}
	case data.ExBool:
		return t.f.SetCellStr(sheet, cell, t.boolLabel(v == "1"))
	case data.ExCode:
		return t.f.SetCellStr(sheet, cell, t.codeLabel(field, v))
	}
	return t.f.SetCellStr(sheet, cell, v)
}

// excelSerial is a day as Excel counts it: days since 1899-12-30 (which absorbs Excel's 1900 leap year bug for
// every day after February 1900).
func excelSerial(d time.Time) int {
	return int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func (t *templateWriter) boolLabel(b bool) string {
	if b {
		return t.tr.T("template.bool.yes")
	}
	return t.tr.T("template.bool.no")
}

// codeLabel is a code's label; a park is its own name.
func (t *templateWriter) codeLabel(field data.ExchangeField, code string) string {
	if field.CodeLabels == "" {
		return code
	}
	return t.tr.T(field.CodeLabels + code)
}

// choices are the drop-down values of a field with fixed values, nil for any other field.
func (t *templateWriter) choices(field data.ExchangeField) []string {
	switch {
	case field.Type == data.ExBool:
		return []string{t.boolLabel(true), t.boolLabel(false)}
	case field.Type != data.ExCode:
		return nil
	case field.Key == "park":
		return t.d.Parks
	}
	out := make([]string, len(field.Codes))
	for i, c := range field.Codes {
		out[i] = t.codeLabel(field, c)
	}
	return out
}

// setColumns gives each column its width and its cells' style (unlocked, in the field's number format), and locks
// the header row. It runs before any cell is written: excelize gives a new cell its column's style, and a column
// or row style set later would overwrite the styles of the cells already there.
func (t *templateWriter) setColumns(sheet string, fields []data.ExchangeField, rows []map[string]string) error {
	for i, field := range fields {
		letter, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		style := t.styles.cell[field.Type]
		if field.Info {
			style = t.styles.info[field.Type]
		}
		if err := t.f.SetColStyle(sheet, letter, style); err != nil {
			return err
		}
		width := t.columnWidth(t.tr.T("col."+field.Key), field, rows)
		if err := t.f.SetColWidth(sheet, letter, letter, width); err != nil {
			return err
		}
	}
	// Last, as excelize expands a column range on every later change of columns. Cells right of the sheet's columns are unlocked too: Excel refuses to delete a row holding a locked cell.
	next, err := excelize.ColumnNumberToName(len(fields) + 1)
	if err != nil {
		return err
	}
	if err := t.f.SetColStyle(sheet, next+":XFD", t.styles.cell[data.ExText]); err != nil {
		return err
	}
	return t.f.SetRowStyle(sheet, 1, 1, t.styles.headerRow)
}

// finishSheet freezes and protects the header row and adds a filter to it.
func (t *templateWriter) finishSheet(sheet string, cols, last int) error {
	lastCol, err := excelize.ColumnNumberToName(cols)
	if err != nil {
		return err
	}
	// First: excelize's AutoFilter replaces the sheet properties PrintOnA4 sets.
	if err := t.f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return err
	}
	if err := t.f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	if err := t.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := PrintOnA4(t.f, sheet); err != nil {
		return err
	}
	return t.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{AutoFilter: true, Sort: true, FormatColumns: true,
		FormatRows: true, InsertRows: true, DeleteRows: true, SelectLockedCells: true, SelectUnlockedCells: true})
}

// columnWidth fits the header, the widest value written and the widest value the type is typed as.
func (t *templateWriter) columnWidth(header string, field data.ExchangeField, rows []map[string]string) float64 {
	width := cellTextWidth(header) + 4 // room for the filter button
	typical := map[string]float64{data.ExUSCC: 22, data.ExAppNo: 18, data.ExDate: 12, data.ExWan: 14, data.ExSignedWan: 14, data.ExInt: 10,
		data.ExYear: 8, data.ExBool: 8, data.ExText: 14}
	width = max(width, typical[field.Type])
	switch field.Key {
	case "name", "title", "company", "institution", "address":
		width = max(width, 28)
	}
	for _, c := range t.choices(field) {
		width = max(width, cellTextWidth(c)+4)
	}
	for _, row := range rows {
		width = max(width, cellTextWidth(row[field.Key])+2)
	}
	return min(width, 50)
}

// cellTextWidth is a text's width in Excel's character units: CJK characters count double.
func cellTextWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2.1
		} else {
			w += 1.1
		}
	}
	return w
}

// writeMeta writes the hidden sheet the reader recognises the template by.
func (t *templateWriter) writeMeta() error {
	if _, err := t.f.NewSheet(MetaSheet); err != nil {
		return err
	}
	uscc, name, year := "", "", ""
	if c := t.d.Company; c != nil {
		uscc, name = c.USCC, c.Name
	}
	if t.d.Year != 0 {
		year = strconv.Itoa(t.d.Year)
	}
	rows := [][2]string{{"template_version", TemplateVersion}, {"company_uscc", uscc}, {"company_name", name},
		{"year", year}, {"lang", t.tr.Lang}, {"written", data.FormatDate(data.Today())},
		{"note", t.tr.T("template.meta.note")}}
	for i, kv := range rows {
		if err := t.f.SetSheetRow(MetaSheet, fmt.Sprintf("A%d", i+1), &[]any{kv[0], kv[1]}); err != nil {
			return err
		}
	}
	if err := t.f.SetColWidth(MetaSheet, "A", "A", 18); err != nil {
		return err
	}
	return t.f.SetSheetVisible(MetaSheet, false)
}

// listSource is where a drop-down list takes its choices from: inline when they fit Excel's 255 characters and
// hold no comma or quote, otherwise a column of the hidden _lists sheet, which writeLists writes once every
// sheet of the template is: after them, so that the company's sheets stay together, in order.
func (t *templateWriter) listSource(choices []string) (inline []string, ref string, err error) {
	joined := strings.Join(choices, ",")
	if len([]rune(joined)) <= 250 && !strings.ContainsAny(strings.Join(choices, ""), `,"`) {
		return choices, "", nil
	}
	t.lists = append(t.lists, choices)
	col, err := excelize.ColumnNumberToName(len(t.lists))
	if err != nil {
		return nil, "", err
	}
	return nil, fmt.Sprintf("'%s'!$%s$1:$%s$%d", TemplateListsSheet, col, col, len(choices)), nil
}

// writeLists writes the hidden _lists sheet of the lists listSource put there, if any.
func (t *templateWriter) writeLists() error {
	if len(t.lists) == 0 {
		return nil
	}
	if _, err := t.f.NewSheet(TemplateListsSheet); err != nil {
		return err
	}
	if err := t.f.SetSheetVisible(TemplateListsSheet, false); err != nil {
		return err
	}
	for i, choices := range t.lists {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		for j, c := range choices {
			if err := t.f.SetCellStr(TemplateListsSheet, fmt.Sprintf("%s%d", col, j+1), c); err != nil {
				return err
			}
		}
	}
	return nil
}
