package exchange

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// A logical cell (TRUE or FALSE in Excel, 1 or 0 in the file) read into a field that is not yes or no is a
// problem naming the cell, whichever reader reads the sheet: before, TRUE in 产值 was imported as 1 万元 and
// TRUE in 从业人员 as one person, without a word. In a yes/no field it still reads as 是 or 否.

// logicalWorkbook is a companies and an outputs sheet written by excelize, with TRUE and FALSE (SetCellBool)
// in a text, a date, a code, a year, an amount and a count field, in yes/no fields and in a name shown only.
func logicalWorkbook(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "企业"))
	_, err := f.NewSheet("年度产值")
	require.NoError(t, err)
	companies := [][]any{
		{"统一社会信用代码", "名称", "高新技术领域", "成立日期", "规模以上企业", "入库年份"},
		{"91210200MA0QCJ5X4T", nil, "电子信息", "2015-06-01", "是", 2020},
		{"91210200MA0QCJ6X2R", "大连化新", "电子信息", nil, nil, 2020},
		{"91210200MA0QCJ7X0P", "大连好企", "电子信息", "2016-01-01", nil, 2021},
		{"91210200MA0QCJ8X9Q", "大连又一", nil, "2017-01-01", "否", nil},
	}
	outputs := [][]any{outputHeaders,
		{"91210200MA0QCJ5X4T", "大连海宝", 2024, nil, 2, 3, 4, 5, 6},
		{"91210200MA0QCJ6X2R", "大连化新", 2024, 1, 2, 3, 4, nil, nil},
		{"91210200MA0QCJ7X0P", nil, 2024, 1, 2, 3, 4, 5, 6},
	}
	for sheet, rows := range map[string][][]any{"企业": companies, "年度产值": outputs} {
		for r, row := range rows {
			ref, _ := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, f.SetSheetRow(sheet, ref, &row))
		}
	}
	for cell, v := range map[string]bool{"B2": true, "D3": true, "E3": true, "E4": false, "C5": true, "F5": true} {
		require.NoError(t, f.SetCellBool("企业", cell, v))
	}
	for cell, v := range map[string]bool{"D2": true, "H3": true, "I3": false, "B4": true} {
		require.NoError(t, f.SetCellBool("年度产值", cell, v))
	}
	p := filepath.Join(dir, "logical.xlsx")
	require.NoError(t, f.SaveAs(p))
	return p
}

// sheetParts reads the worksheet parts of a workbook.
func sheetParts(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	parts := map[string]string{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		parts[f.Name] = string(b)
	}
	require.Len(t, parts, 2)
	return parts
}

// byBothReaders is the workbook as written (the scanner reads its sheets) and a copy whose sheets hold a
// comment (the scanner leaves them to excelize and the whole-sheet check): each is checked to go the way
// it is meant to.
func byBothReaders(t *testing.T, path string) map[string]string {
	t.Helper()
	parts := sheetParts(t, path)
	for name, xml := range parts {
		parts[name] = strings.Replace(xml, "</sheetData>", "<!-- left to excelize --></sheetData>", 1)
	}
	whole := rewriteZip(t, path, strings.TrimSuffix(path, ".xlsx")+"-whole.xlsx", parts)
	for p, scanned := range map[string]bool{path: true, whole: false} {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		_, byScanner, ok := bothRows(t, b)
		require.True(t, ok)
		for _, sheet := range []string{"企业", "年度产值"} {
			assert.Equal(t, scanned, byScanner[sheet] != nil, "%s, sheet %s read by the scanner", filepath.Base(p), sheet)
		}
	}
	return map[string]string{"scanner": path, "excelize": whole}
}

// issueKeys is each problem's cell with its key and the value it names, in the order they come.
func issueKeys(t *testing.T, issues []data.ImportIssue) []string {
	t.Helper()
	var out []string
	for _, is := range issues {
		var de *data.Error
		require.True(t, errors.As(is.Err, &de))
		out = append(out, is.Sheet+"!"+is.Cell+" "+de.Key+" "+is.Value)
		if strings.HasPrefix(de.Key, "err.import.logical_") {
			assert.Equal(t, is.Cell, de.Args["Cell"])
			for _, lang := range assets.Languages {
				text := assets.NewTranslator(lang).T(de.Key, de.Args)
				assert.Contains(t, text, is.Cell, lang)
				assert.Contains(t, text, is.Value, lang)
				assert.NotContains(t, text, "<no value>", lang)
			}
		}
	}
	return out
}

// rowsOf maps each row read to its sheet and number.
func rowsOf(read WorkbookRead) map[string]data.ImportRow {
	out := map[string]data.ImportRow{}
	for _, r := range read.Rows {
		out[r.Sheet+"!"+strconv.Itoa(r.Row)] = r
	}
	return out
}

func TestReadWorkbookRefusesLogicalCellsOutsideYesNoFields(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, p := range byBothReaders(t, logicalWorkbook(t, dir)) {
		t.Run(name, func(t *testing.T) {
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			require.NoError(t, err)
			assert.Equal(t, []string{
				"企业!B2 err.import.logical_text TRUE",
				"企业!D3 err.import.logical_date TRUE",
				"企业!C5 err.import.logical_text TRUE",   // "1", no field of technology: said as what it is
				"企业!F5 err.import.logical_number TRUE", // "1", no year: likewise
				"年度产值!D2 err.import.logical_number TRUE",
				"年度产值!H3 err.import.logical_number TRUE",
				"年度产值!I3 err.import.logical_number FALSE",
			}, issueKeys(t, read.Issues), "the name shown beside an output (B4) and the yes/no cells are no problem")
			rows := rowsOf(read)
			for cell, field := range map[string]string{"企业!2": "name", "企业!3": "founded", "企业!5": "techsme_year",
				"年度产值!2": "output", "年度产值!3": "employees"} {
				row := rows[cell]
				_, ok := row.Value(field)
				assert.False(t, ok, "%s %s is not read", cell, field)
			}
			row := rows["年度产值!3"]
			_, ok := row.Value("rd_staff")
			assert.False(t, ok, "FALSE is no 0 people")
			assert.Equal(t, "1", rowValue(rows["企业!3"], "above_scale"), "TRUE in a yes/no field is 是")
			assert.Equal(t, "0", rowValue(rows["企业!4"], "above_scale"), "FALSE in a yes/no field is 否")
			assert.Equal(t, "0", rowValue(rows["企业!5"], "above_scale"))
			assert.Equal(t, "10000", rowValue(rows["年度产值!3"], "output"), "a number beside them is read")
			assert.Equal(t, "10000", rowValue(rows["年度产值!4"], "output"))
			assert.Empty(t, read.Warnings)
		})
	}
}

// The same cells written by hand: a logical formula, a value Excel does not write, cells without a
// reference, and a logical formula in a yes/no field, read with the formula's warning.
func TestReadWorkbookRefusesHandWrittenLogicalCells(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	companies := sheetXML(inlineRow("1", "统一社会信用代码", "名称", "高新技术领域", "成立日期", "规模以上企业") +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>91210200MA0QCJ5X4T</t></is></c><c t="b"><v>0</v></c>` +
		`<c t="inlineStr"><is><t>电子信息</t></is></c><c r="D2"><v>42156</v></c><c r="E2" t="b"><f>1=1</f><v>1</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>91210200MA0QCJ6X2R</t></is></c><c r="B3" t="inlineStr"><is><t>大连化新</t></is></c>` +
		`<c r="C3" t="inlineStr"><is><t>电子信息</t></is></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="b"><v>0</v></c></row>`)
	outputs := sheetXML(inlineRow("1", "统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）", "从业人员") +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>91210200MA0QCJ5X4T</t></is></c><c r="B2" t="b"><v>1</v></c>` +
		`<c r="C2"><v>2024</v></c><c r="D2" t="b"><f>A2&lt;&gt;""</f><v>1</v></c><c r="E2" t="b"><v> 7 </v></c><c r="F2" t="b"><v>1</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>91210200MA0QCJ6X2R</t></is></c><c r="C3" t="b"><v>1</v></c>` +
		`<c r="D3"><v>3</v></c><c r="E3"><v>4</v></c><c r="F3" t="b"/></row>`)
	p := rewriteZip(t, logicalWorkbook(t, dir), filepath.Join(dir, "hand.xlsx"),
		map[string]string{"xl/worksheets/sheet1.xml": companies, "xl/worksheets/sheet2.xml": outputs})
	for name, p := range byBothReaders(t, p) {
		t.Run(name, func(t *testing.T) {
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			require.NoError(t, err)
			assert.Equal(t, []string{
				"企业!B2 err.import.logical_text FALSE",
				"企业!D3 err.import.logical_date TRUE",
				"年度产值!D2 err.import.logical_number TRUE", // a formula's TRUE: the problem, not the formula's warning
				"年度产值!E2 err.import.logical_number 7",
				"年度产值!F2 err.import.logical_number TRUE",
				"年度产值!C3 err.import.logical_number TRUE",
			}, issueKeys(t, read.Issues), "a logical cell with no value (F3) is an empty cell")
			require.Len(t, read.Warnings, 1)
			assert.Equal(t, "E2", read.Warnings[0].Cell, "a logical formula in a yes/no field is read with the formula's warning")
			rows := rowsOf(read)
			assert.Equal(t, "1", rowValue(rows["企业!2"], "above_scale"))
			assert.Equal(t, "2015-06-01", rowValue(rows["企业!2"], "founded"))
			assert.Equal(t, "0", rowValue(rows["企业!3"], "above_scale"))
			row := rows["年度产值!3"]
			v, ok := row.Value("employees")
			assert.True(t, ok)
			assert.Empty(t, v)
			assert.Equal(t, "30000", rowValue(rows["年度产值!3"], "output"))
		})
	}
}

// The defect as found: a district's outputs with TRUE in one 产值 cell went in as 1 万元 with exit 0. The
// plan names the cell and the store refuses the plan.
func TestImportRefusesTrueInAnAmount(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "outputs.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "年度产值"))
	companies, err := s.Companies(ctx, data.CompanyFilter{})
	require.NoError(t, err)
	require.NotEmpty(t, companies)
	for r, row := range [][]any{outputHeaders[:8], {companies[0].USCC, companies[0].Name, 2024, 5, 2, 3, 4, 9}} {
		ref, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow("年度产值", ref, &row))
	}
	require.NoError(t, f.SetCellBool("年度产值", "D2", true))
	require.NoError(t, f.SetCellBool("年度产值", "H2", true))
	require.NoError(t, f.SaveAs(p))

	fi, err := PlanFile(ctx, s, p, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"年度产值!D2 err.import.logical_number TRUE", "年度产值!H2 err.import.logical_number TRUE"},
		issueKeys(t, fi.Plan.Issues))
	_, err = s.ApplyImport(ctx, fi.Plan, fi.Meta)
	var de *data.Error
	require.True(t, errors.As(err, &de), "the plan is refused: %v", err)
	assert.Equal(t, data.Invalid, de.Code)
}
