package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// testSheet is a sheet a test writes: its name and rows of cells (strings, numbers, bools).
type testSheet struct {
	name string
	rows [][]any
}

// writeWorkbook writes sheets with excelize into dir/name and returns the path.
func writeWorkbook(t testing.TB, dir, name string, sheets ...testSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", s.name))
		} else {
			_, err := f.NewSheet(s.name)
			require.NoError(t, err)
		}
		for r, row := range s.rows {
			ref, _ := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, f.SetSheetRow(s.name, ref, &row))
		}
	}
	p := filepath.Join(dir, name)
	require.NoError(t, f.SaveAs(p))
	return p
}

// rewriteZip copies the zip at src to dst, replacing the named parts.
func rewriteZip(t testing.TB, src, dst string, parts map[string]string) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	require.NoError(t, err)
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		if text, ok := parts[f.Name]; ok {
			_, err = io.WriteString(w, text)
			require.NoError(t, err)
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		_, err = io.Copy(w, rc)
		require.NoError(t, err)
		rc.Close()
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(dst, buf.Bytes(), 0o644))
	return dst
}

// sheetXML is a worksheet whose sheetData is given as written.
func sheetXML(sheetData string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData +
		`</sheetData></worksheet>`
}

func inlineRow(r string, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%s">`, r)
	for i, c := range cells {
		col, _ := excelize.ColumnNumberToName(i + 1)
		fmt.Fprintf(&b, `<c r="%s%s" t="inlineStr"><is><t>%s</t></is></c>`, col, r, c)
	}
	b.WriteString(`</row>`)
	return b.String()
}

var outputHeaders = []any{"统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）", "营业收入（万元）",
	"研发费用（万元）", "从业人员", "研发人员"}

// goodOutputs writes a small outputs workbook of the export's shape.
func goodOutputs(t testing.TB, dir string) string {
	return writeWorkbook(t, dir, "outputs.xlsx", testSheet{"年度产值", [][]any{outputHeaders,
		{"91210200MA0QCJ5X4T", "大连海宝渔业有限公司", 2024, 45272.9, 3954.7, "50,000", "1234.5678", 120, 30},
		{"91210200MA0QCJ6X2R", "大连化新材料科技有限公司", "２０２４", "33954.7万元", "452729000元", "", "", "１２０", ""},
	}})
}

// badFiles builds every file a reader must refuse as a whole, with the key it is refused with.
func badFiles(t testing.TB, dir string) map[string]struct {
	path string
	key  string
} {
	good := goodOutputs(t, dir)
	goodBytes, err := os.ReadFile(good)
	require.NoError(t, err)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	ole := append(append([]byte{}, magicOLE...), bytes.Repeat([]byte{0}, 1024)...)
	encrypted := append(append(append([]byte{}, ole...), utf16le("EncryptionInfo")...), utf16le("EncryptedPackage")...)
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c><c r="B1" t="inlineStr"><is><t>年度</t></is></c></row>`
	type bad = struct {
		path string
		key  string
	}
	return map[string]bad{
		"xls":          {write("old.xlsx", append(ole, []byte("Workbook")...)), "err.import.xls"},
		"encrypted":    {write("locked.xlsx", encrypted), "err.import.encrypted"},
		"csv renamed":  {write("list.xlsx", []byte("统一社会信用代码,名称,年度\n91210200MA0QCJ5X4T,大连海宝,2024\n")), "err.import.text"},
		"pdf":          {write("scan.xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")), "err.import.pdf"},
		"empty":        {write("empty.xlsx", nil), "err.import.empty"},
		"binary":       {write("noise.xlsx", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}), "err.import.not_xlsx"},
		"truncated":    {write("cut.xlsx", goodBytes[:len(goodBytes)/2]), "err.import.corrupt"},
		"zip no xlsx":  {write("archive.xlsx", zipOf(t, map[string][]byte{"readme.txt": []byte("hello")})), "err.import.not_workbook"},
		"zip bomb":     {write("bomb.xlsx", zipBomb(t)), "err.import.zip_bomb"},
		"row 2^31-1":   {rewriteZip(t, good, filepath.Join(dir, "row-max.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(header + inlineRow("2147483647", "x", "2024"))}), "err.import.rows_max"},
		"row -1":       {rewriteZip(t, good, filepath.Join(dir, "row-neg.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(header + inlineRow("-1", "x", "2024"))}), "err.import.row_number"},
		"rows reorder": {rewriteZip(t, good, filepath.Join(dir, "row-back.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(header + inlineRow("5", "x", "2024") + inlineRow("3", "y", "2024"))}), "err.import.row_number"},
		// The last row Excel has, then one more without a number: row 1,048,577.
		"rows > max": {rewriteZip(t, good, filepath.Join(dir, "row-over.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(header + inlineRow("1048576", "x", "2024") + `<row><c t="inlineStr"><is><t>y</t></is></c></row>`)}), "err.import.rows_max"},
	}
}

func zipOf(t testing.TB, parts map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, b := range parts {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// zipBomb is a small zip (tens of kilobytes) whose worksheet inflates to 64 MB.
func zipBomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, _ = w.Write([]byte("<x/>"))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 64 {
		_, err = w.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 200<<10)
	return buf.Bytes()
}

func TestReadWorkbookRefusesBadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, bad := range badFiles(t, dir) {
		t.Run(name, func(t *testing.T) {
			_, err := ReadWorkbook(context.Background(), bad.path, ReadOptions{})
			assertFileError(t, err, bad.key, bad.path)
		})
	}
	t.Run("over the cap", func(t *testing.T) {
		p := goodOutputs(t, t.TempDir())
		_, err := ReadWorkbook(context.Background(), p, ReadOptions{MaxBytes: 1024})
		assertFileError(t, err, "err.import.too_large", p)
		read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
		require.NoError(t, err, "the default cap is 50 MB")
		assert.Len(t, read.Rows, 2)
	})
	t.Run("missing", func(t *testing.T) {
		p := filepath.Join(dir, "gone.xlsx")
		_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
		assertFileError(t, err, "err.import.read", p)
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		p := goodOutputs(t, t.TempDir())
		read, err := ReadWorkbook(ctx, p, ReadOptions{})
		assertFileError(t, err, "err.import.cancelled", p)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Empty(t, read.Rows)
	})
}

// assertFileError checks a refusal of the whole file: its key, and the file named in the message in both
// languages.
func assertFileError(t *testing.T, err error, key, path string) {
	t.Helper()
	var de *data.Error
	require.True(t, errors.As(err, &de), "want a *data.Error, got %v", err)
	assert.Equal(t, data.Invalid, de.Code)
	assert.Equal(t, "file", de.Field)
	assert.Equal(t, key, de.Key, de.Message)
	name := filepath.Base(path)
	assert.Equal(t, name, de.Args["File"])
	assert.Contains(t, de.Error(), name)
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		require.True(t, tr.Has(key), "%s has no %s text", lang, key)
		text := tr.T(key, de.Args)
		assert.Contains(t, text, name, lang)
		assert.NotContains(t, text, "<no value>", lang)
	}
}

func TestReadWorkbookReadsOutputs(t *testing.T) {
	t.Parallel()
	p := goodOutputs(t, t.TempDir())
	var progress []int
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{Progress: func(n int) { progress = append(progress, n) }})
	require.NoError(t, err)
	assert.Empty(t, read.Issues)
	assert.Empty(t, read.Ignored)
	assert.Len(t, read.Checksum, 64)
	assert.Equal(t, 3, read.RowsRead)
	assert.Equal(t, []int{3}, progress, "progress is reported at the end")
	require.Len(t, read.Rows, 2)
	r := read.Rows[0]
	assert.Equal(t, "outputs", r.Kind)
	assert.Equal(t, "年度产值", r.Sheet)
	assert.Equal(t, 2, r.Row)
	assert.Equal(t, map[string]string{"uscc": "91210200MA0QCJ5X4T", "name": "大连海宝渔业有限公司", "year": "2024",
		"output": "452729000", "added_value": "39547000", "revenue": "500000000", "rd_expense": "12345678",
		"employees": "120", "rd_staff": "30"}, r.Map())
	assert.Equal(t, "D2", r.Cell("output"))
	r = read.Rows[1]
	assert.Equal(t, map[string]string{"uscc": "91210200MA0QCJ6X2R", "name": "大连化新材料科技有限公司", "year": "2024",
		"output": "339547000", "added_value": "452729000", "revenue": "", "rd_expense": "", "employees": "120",
		"rd_staff": ""}, r.Map(), "an empty cell is present and empty")
}

// sheetIssueKeys runs the reader and returns the keys of its issues.
func readIssues(t *testing.T, p string) (WorkbookRead, []string) {
	t.Helper()
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	var keys []string
	for _, is := range read.Issues {
		var de *data.Error
		require.True(t, errors.As(is.Err, &de))
		keys = append(keys, de.Key)
		if is.Row == 0 {
			assert.Contains(t, de.Error(), filepath.Base(p), "a sheet's problem names the file")
			assert.Contains(t, assets.NewTranslator("zh").T(de.Key, de.Args), filepath.Base(p))
		}
	}
	return read, keys
}

func TestReadWorkbookRefusesBadSheets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	row := []any{"91210200MA0QCJ5X4T", "大连海宝", 2024, 100, 10}
	hdr := outputHeaders[:5]
	t.Run("no header row", func(t *testing.T) {
		p := writeWorkbook(t, dir, "nohead.xlsx", testSheet{"年度产值", [][]any{row, row}})
		read, keys := readIssues(t, p)
		assert.Equal(t, []string{"err.import.no_header"}, keys)
		assert.Empty(t, read.Rows)
	})
	t.Run("two header rows", func(t *testing.T) {
		p := writeWorkbook(t, dir, "twohead.xlsx", testSheet{"年度产值", [][]any{hdr, hdr, row}})
		read, keys := readIssues(t, p)
		assert.Equal(t, []string{"err.import.two_headers"}, keys)
		assert.Empty(t, read.Rows)
		assert.Equal(t, 2, read.Issues[0].Err.(*data.Error).Args["Second"])
	})
	t.Run("second header further down", func(t *testing.T) {
		rows := [][]any{{"2024年度产值表"}, hdr}
		for range 20 {
			rows = append(rows, row)
		}
		rows = append(rows, []any{}, []any{"Credit code", "Name", "Year", "Output (10k yuan)", "Added value (10k yuan)"}, row)
		p := writeWorkbook(t, dir, "twohead2.xlsx", testSheet{"Sheet1", rows})
		read, keys := readIssues(t, p)
		assert.Equal(t, []string{"err.import.two_headers"}, keys, "a title row above the header is fine; a second table is not")
		assert.Empty(t, read.Rows, "the rows read before the second header are dropped with the sheet")
		args := read.Issues[0].Err.(*data.Error).Args
		assert.Equal(t, 2, args["First"])
		assert.Equal(t, 24, args["Second"])
	})
	t.Run("merged header cells", func(t *testing.T) {
		p := writeWorkbook(t, dir, "merged.xlsx", testSheet{"年度产值", [][]any{hdr, row}})
		f, err := excelize.OpenFile(p)
		require.NoError(t, err)
		require.NoError(t, f.MergeCell("年度产值", "D1", "E1"))
		require.NoError(t, f.Save())
		f.Close()
		read, keys := readIssues(t, p)
		assert.Equal(t, []string{"err.import.missing_column", "err.import.merged_header"}, keys,
			"merging keeps the first cell's text only: the second header is gone too")
		assert.Equal(t, "D1:E1", read.Issues[1].Err.(*data.Error).Args["Range"])
		assert.Empty(t, read.Rows)
	})
	t.Run("header twice", func(t *testing.T) {
		p := writeWorkbook(t, dir, "twice.xlsx", testSheet{"年度产值", [][]any{append(append([]any{}, hdr...), "产值"), append(row, 5)}})
		read, keys := readIssues(t, p)
		assert.Equal(t, []string{"err.import.header_twice"}, keys)
		assert.Equal(t, "D1, F1", read.Issues[0].Err.(*data.Error).Args["Cells"])
		assert.Empty(t, read.Rows)
	})
	t.Run("missing required column", func(t *testing.T) {
		p := writeWorkbook(t, dir, "missing.xlsx", testSheet{"年度产值", [][]any{hdr[:4], row[:4]}})
		read, keys := readIssues(t, p)
		assert.Equal(t, []string{"err.import.missing_column"}, keys)
		assert.Equal(t, "added_value", read.Issues[0].Field)
	})
	t.Run("unknown sheet", func(t *testing.T) {
		p := writeWorkbook(t, dir, "unknown.xlsx", testSheet{"年度产值", [][]any{hdr, row}},
			testSheet{"说明", [][]any{{"请按表头填写"}, {"金额单位：万元"}}}, testSheet{"Sheet3", nil},
			testSheet{MetaSheet, [][]any{{"version", "1"}, {"company", "91210200MA0QCJ5X4T"}}})
		read, keys := readIssues(t, p)
		assert.Empty(t, keys)
		assert.Equal(t, []string{"说明"}, read.Ignored, "an empty sheet and the template's hidden sheet are not reported")
		assert.Equal(t, map[string]string{"version": "1", "company": "91210200MA0QCJ5X4T"}, read.Meta)
		assert.Len(t, read.Rows, 1)
	})
	t.Run("kind by headers", func(t *testing.T) {
		p := writeWorkbook(t, dir, "byheader.xlsx", testSheet{"Sheet1", [][]any{
			{"专利申请号", "专利名称", "统一社会信用代码", "申请日期", "法律状态"},
			{"201710601862.3", "一种扇贝养殖装置", "91210200MA0QCJ5X4T", "2017/7/20", "授权"}}})
		read, keys := readIssues(t, p)
		assert.Empty(t, keys)
		require.Len(t, read.Rows, 1)
		assert.Equal(t, "patents", read.Rows[0].Kind)
		assert.Equal(t, map[string]string{"app_no": "201710601862.3", "title": "一种扇贝养殖装置", "uscc": "91210200MA0QCJ5X4T",
			"filed": "2017-07-20", "legal_status": "granted"}, read.Rows[0].Map())
	})
}

func TestReadWorkbookReportsBadCells(t *testing.T) {
	t.Parallel()
	p := writeWorkbook(t, t.TempDir(), "cells.xlsx", testSheet{"专利", [][]any{
		{"申请号", "名称", "统一社会信用代码", "申请日", "授权公告日", "法律状态"},
		{"201710601862.3", "一种装置", "91210200ma0qcj5x4t ", "2017年7月20日", "明天", "有效"},
		{},
		{"201820000001.0", "另一种装置", "91210200MA0QCJ5X4T", "2018-13-01", 43466, "Granted"},
	}})
	read, keys := readIssues(t, p)
	assert.Equal(t, []string{"err.import.date", "err.import.code", "err.import.date"}, keys)
	require.Len(t, read.Rows, 2, "an empty row is skipped; rows with bad cells still come back")
	assert.Equal(t, map[string]string{"app_no": "201710601862.3", "title": "一种装置", "uscc": "91210200MA0QCJ5X4T",
		"filed": "2017-07-20"}, read.Rows[0].Map(), "the bad cells' fields are left out")
	assert.Equal(t, 4, read.Rows[1].Row)
	assert.Equal(t, "2019-01-01", rowValue(read.Rows[1], "granted"), "a date cell read raw is an Excel serial")
	assert.Equal(t, "granted", rowValue(read.Rows[1], "legal_status"), "a code by its English label")
	is := read.Issues[1]
	assert.Equal(t, data.ImportIssue{File: p, Sheet: "专利", Row: 2, Cell: "F2", Field: "legal_status", Value: "有效", Err: is.Err}, is)
	de := is.Err.(*data.Error)
	assert.Contains(t, assets.NewTranslator("zh").T(de.Key, de.Args), "授权")
	assert.Contains(t, assets.NewTranslator("en").T(de.Key, de.Args), "Granted")
	assert.Equal(t, "D4", read.Issues[2].Cell)
}

// The scan before excelize finds rows whatever the sheet's namespace prefix and wherever its read buffer ends.
func TestScanSheetFindsEveryRow(t *testing.T) {
	t.Parallel()
	var body strings.Builder
	for r := 1; r <= 30000; r++ {
		fmt.Fprintf(&body, `<x:row r="%d" spans="1:2"><x:c r="A%d"><x:v>%d</x:v></x:c></x:row>`, r, r, r)
	}
	body.WriteString(`<x:row r="29999"/>`)
	xml := `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<x:sheetData>` + body.String() + `</x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`
	p := filepath.Join(t.TempDir(), "ns.xlsx")
	require.NoError(t, os.WriteFile(p, zipOf(t, map[string][]byte{"xl/workbook.xml": []byte(
		`<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml":   []byte(xml)}), 0o644))
	_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.row_number", p)
	assert.Equal(t, "29999", err.(*data.Error).Args["Row"], "the out-of-order row after 30,000 rows (1.5 MB) is found")

	fixed := strings.Replace(xml, `<x:row r="29999"/>`, "", 1)
	require.NoError(t, os.WriteFile(p, zipOf(t, map[string][]byte{"xl/workbook.xml": []byte(
		`<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml":   []byte(fixed)}), 0o644))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	plan, err := checkZip(p, b)
	require.NoError(t, err)
	scans, err := scanSheets(context.Background(), p, plan)
	require.NoError(t, err)
	require.Len(t, scans, 1)
	assert.Equal(t, 30000, scans[0].rows)
	assert.Equal(t, []string{"A1:B1"}, scans[0].merges)
}

func rowValue(r data.ImportRow, field string) string {
	v, _ := r.Value(field)
	return v
}
