package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// partsZip is a zip of the parts given, in order.
func partsZip(t *testing.T, parts ...[2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		require.NoError(t, err)
		_, err = w.Write([]byte(p[1]))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// sheetsWorkbook is a workbook of the sheets given as name and relationship id, the relationships given as id
// and target, and the parts given as name and text.
func sheetsWorkbook(t *testing.T, sheets, rels [][2]string, parts ...[2]string) []byte {
	var wb, rs strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	for i, s := range sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="%s"/>`, s[0], i+1, s[1])
	}
	wb.WriteString(`</sheets></workbook>`)
	rs.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rels {
		fmt.Fprintf(&rs, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="%s"/>`, r[0], r[1])
	}
	rs.WriteString(`</Relationships>`)
	return partsZip(t, append([][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()}, {"xl/_rels/workbook.xml.rels", rs.String()}}, parts...)...)
}

// A workbook whose sheets the checks and excelize could read as different parts — or not at all — is refused:
// otherwise the rows checked are not the rows imported, or a sheet's rows are dropped as "ignored".
func TestReadWorkbookRefusesSheetsThatCouldBeReadAsOthers(t *testing.T) {
	t.Parallel()
	hdr := inlineRow("1", "统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）")
	a := sheetXML(hdr + inlineRow("2", "91210200MA0QCJ5X4T", "甲", "2024", "1", "2") + inlineRow("3", "91210200MA0QCJ6X2R", "乙", "2024", "1", "2"))
	b := sheetXML(hdr + inlineRow("2", "91210200MA0QCJ7X0L", "丙", "2024", "1", "2"))
	one := [][2]string{{"年度产值", "rId1"}}
	rel1 := [][2]string{{"rId1", "worksheets/sheet1.xml"}}
	partA, partB := [2]string{"xl/worksheets/sheet1.xml", a}, [2]string{"xl/worksheets/sheet2.xml", b}
	sst := func(n string) [][2]string {
		return [][2]string{{"xl/worksheets/sheet1.xml", sheetXML(hdr + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>` + n + `</v></c></row>`)},
			{"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>91210200MA0QCJ5X4T</t></si></sst>`}}
	}
	for name, tc := range map[string]struct {
		b   []byte
		key string
	}{
		"target in another case": {sheetsWorkbook(t, one, [][2]string{{"rId1", "Worksheets/Sheet1.xml"}}, partA), "err.import.sheet_missing"},
		"part missing":           {sheetsWorkbook(t, one, [][2]string{{"rId1", "worksheets/sheet9.xml"}}, partA), "err.import.sheet_missing"},
		"no relationships":       {sheetsWorkbook(t, one, nil, partA), "err.import.sheet_missing"},
		"two sheets, one part":   {sheetsWorkbook(t, [][2]string{{"年度产值", "rId1"}, {"产值2", "rId1"}}, rel1, partA), "err.import.sheet_shared"},
		"names alike but case": {sheetsWorkbook(t, [][2]string{{"Outputs", "rId1"}, {"OUTPUTS", "rId2"}},
			[][2]string{{"rId1", "worksheets/sheet1.xml"}, {"rId2", "worksheets/sheet2.xml"}}, partA, partB), "err.import.sheet_twice"},
		"a name Excel refuses":  {sheetsWorkbook(t, [][2]string{{"产值/2024", "rId1"}}, rel1, partA), "err.import.sheet_name"},
		"relationship twice":    {sheetsWorkbook(t, one, [][2]string{{"rId1", "worksheets/sheet1.xml"}, {"rId1", "worksheets/sheet2.xml"}}, partA, partB), "err.import.rel_twice"},
		"shared text missing":   {sheetsWorkbook(t, one, rel1, sst("7")...), "err.import.shared_string"},
		"shared text no number": {sheetsWorkbook(t, one, rel1, sst("x")...), "err.import.shared_string"},
		"rows without sheetData": {sheetsWorkbook(t, one, rel1, [2]string{"xl/worksheets/sheet1.xml",
			strings.NewReplacer("<sheetData>", "", "</sheetData>", "").Replace(a)}), "err.import.xml"},
		"a cell after the data": {sheetsWorkbook(t, one, rel1, [2]string{"xl/worksheets/sheet1.xml", strings.Replace(a, "</sheetData>",
			`</sheetData><x:row xmlns:x="urn:x"><x:c r="A9" t="inlineStr"><x:is><x:t>91210200MA0QCJ7X0L</x:t></x:is></x:c></x:row>`, 1)}), "err.import.xml"},
		"a row in a row": {sheetsWorkbook(t, one, rel1, [2]string{"xl/worksheets/sheet1.xml", strings.Replace(a, `<row r="3">`, `<row r="3"><row r="4"/>`, 1)}), "err.import.xml"},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "book.xlsx")
			require.NoError(t, os.WriteFile(p, tc.b, 0o644))
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			assertFileError(t, err, tc.key, p)
			assert.Empty(t, read.Rows)
		})
	}
	// A drawing anchor after the data (an embedded object's <xdr:row>) is no row of the sheet, whichever reads it.
	anchor := `<oleObjects><oleObject progId="Package" shapeId="1025"><objectPr><anchor><from><xdr:col>1</xdr:col><xdr:row>1</xdr:row></from>` +
		`<to><xdr:col>4</xdr:col><xdr:row>3</xdr:row></to></anchor></objectPr></oleObject></oleObjects>`
	for name, extra := range map[string]string{"scanner": "", "excelize": "<!-- left to excelize -->"} {
		t.Run("drawing anchor, "+name, func(t *testing.T) {
			sheet := strings.Replace(a, "</sheetData>", "</sheetData>"+extra+anchor, 1)
			sheet = strings.Replace(sheet, "<worksheet ", `<worksheet xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" `, 1)
			p := filepath.Join(t.TempDir(), "book.xlsx")
			require.NoError(t, os.WriteFile(p, sheetsWorkbook(t, one, rel1, [2]string{"xl/worksheets/sheet1.xml", sheet}), 0o644))
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			require.NoError(t, err)
			assert.Len(t, read.Rows, 2)
			assert.Empty(t, read.Issues)
		})
	}
	for name, target := range map[string]string{"backslashes": `worksheets\sheet1.xml`, "absolute": "/xl/worksheets/sheet1.xml", "dot-dot": "../xl/worksheets/sheet1.xml"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "book.xlsx")
			require.NoError(t, os.WriteFile(p, sheetsWorkbook(t, one, [][2]string{{"rId1", target}}, partA), 0o644))
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			require.NoError(t, err)
			assert.Len(t, read.Rows, 2, "a target excelize reads the same way is read")
		})
	}
}

// A cell stored after a later column of its row (backwards, twice, or where a cell without reference took its
// place) is refused naming it: excelize puts it in the next column, under another field.
func TestReadWorkbookRefusesCellsOutOfOrder(t *testing.T) {
	t.Parallel()
	hdr := inlineRow("1", "统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）", "营业收入（万元）", "研发费用（万元）")
	cell := func(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
	id := `<c r="A2" t="inlineStr"><is><t>91210200MA0QCJ5X4T</t></is></c><c r="B2" t="inlineStr"><is><t>甲</t></is></c>`
	for name, tc := range map[string]struct{ row, cell string }{
		"backwards":           {id + cell("C2", "2023") + cell("D2", "100") + cell("E2", "50") + cell("G2", "7") + cell("F2", "30"), "F2"},
		"twice":               {id + cell("C2", "2023") + cell("C2", "2024"), "C2"},
		"after one without r": {id + `<c><v>2023</v></c>` + cell("C2", "100"), "C2"},
	} {
		for path, extra := range map[string]string{"scanner": "", "excelize": "<!-- left to excelize -->"} {
			t.Run(name+", "+path, func(t *testing.T) {
				sheet := sheetXML(hdr + `<row r="2">` + tc.row + `</row>` + extra)
				p := filepath.Join(t.TempDir(), "order.xlsx")
				require.NoError(t, os.WriteFile(p, namedWorkbook(t, "年度产值", sheet, testSST), 0o644))
				read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
				assertFileError(t, err, "err.import.cell_order", p)
				assert.Equal(t, tc.cell, err.(*data.Error).Args["Cell"])
				assert.Empty(t, read.Rows)
			})
		}
	}
}

// A header naming a known field in a unit the reader does not know is a problem naming the column and the
// unit (F11): read as an unknown column, the figures were dropped without a word.
func TestReadWorkbookRefusesAnUnknownUnit(t *testing.T) {
	t.Parallel()
	for header, unit := range map[string]string{"营业收入（千元）": "千元", "研发费用（万美元）": "万美元", "从业人员（千人）": "千人"} {
		t.Run(header, func(t *testing.T) {
			p := writeWorkbook(t, t.TempDir(), "unit.xlsx", testSheet{"年度产值", [][]any{
				{"统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）", header},
				{"91210200MA0QCJ5X4T", "大连海宝", 2024, 100, 10, 5}}})
			read, keys := readIssues(t, p)
			assert.Equal(t, []string{"err.import.unit"}, keys)
			assert.Equal(t, unit, read.Issues[0].Err.(*data.Error).Args["Unit"])
			assert.Equal(t, "F1", read.Issues[0].Err.(*data.Error).Args["Cell"])
			assert.Empty(t, read.Rows)
		})
	}
}

// A column the program does not import is a warning naming it, as an ignored sheet is listed (F11).
func TestReadWorkbookWarnsOfIgnoredColumns(t *testing.T) {
	t.Parallel()
	p := writeWorkbook(t, t.TempDir(), "extra.xlsx", testSheet{"年度产值", [][]any{
		{"统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）", "备注"},
		{"91210200MA0QCJ5X4T", "大连海宝", 2024, 100, 10, "已核对"}}})
	read, keys := readIssues(t, p)
	assert.Empty(t, keys)
	assert.Len(t, read.Rows, 1)
	require.Len(t, read.Warnings, 1)
	assert.Equal(t, "F1", read.Warnings[0].Cell)
	assert.Equal(t, "warn.import.column_ignored", read.Warnings[0].Err.(*data.Error).Key)
	assert.Equal(t, "备注", read.Warnings[0].Err.(*data.Error).Args["Header"])
}
