package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The scanner gives what excelize's Rows and Columns(RawCellValue) give, on every sheet it reads itself.

// bothRows reads every sheet of a workbook with excelize and with the scanner; a sheet the scanner leaves to
// excelize has nil as its scanned rows.
func bothRows(t testing.TB, b []byte) (byExcelize, byScanner map[string][][]string, ok bool) {
	plan, err := checkZip("t.xlsx", b)
	if err != nil {
		return nil, nil, false
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzippedBytes, UnzipXMLSizeLimit: excelize.StreamChunkSize})
	if err != nil {
		return nil, nil, false
	}
	defer closeQuietly(f)
	var sst []string
	if !plan.sstOdd {
		if sst, err = readSharedStrings(plan.sst); err != nil {
			plan.sstOdd = true
		}
	}
	byExcelize, byScanner = map[string][][]string{}, map[string][][]string{}
	for _, ps := range plan.sheets {
		rows, err := f.Rows(ps.name)
		if err != nil {
			continue
		}
		byExcelize[ps.name] = collectRows(t, rows)
		if plan.sstOdd {
			continue
		}
		if fast, err := newFastRows(ps.part, sst); err == nil {
			if got := collectRows(t, fast); fast.Error() == nil {
				byScanner[ps.name] = got
			}
		}
	}
	return byExcelize, byScanner, true
}

func collectRows(t testing.TB, rows sheetRows) [][]string {
	out := [][]string{}
	for len(out) < 2000 && rows.Next() {
		cells, err := rows.Columns(rawCells)
		if err != nil {
			return nil
		}
		out = append(out, cells)
	}
	return out
}

// rawWorkbook is a workbook of one sheet whose XML parts are given as written.
func rawWorkbook(t testing.TB, sheetXML, sstXML string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheetXML,
		"xl/sharedStrings.xml":       sstXML,
	}
	for name, body := range parts {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

const testSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">` +
	`<si><t>统一社会信用代码</t></si>` +
	`<si><r><rPr><b/><sz val="11"/></rPr><t>大连</t></r><r><t xml:space="preserve"> 海宝 </t></r><rPh sb="0" eb="2"><t>ダイレン</t></rPh><phoneticPr fontId="1"/></si>` +
	`<si><t>a_x000D_b_x005F_x000D_c_xD800_d</t></si>` +
	`<si><t>A &amp; B &lt;C&gt; &#x4E2D;&#20013;` + "\r\n" + `end</t></si>` +
	`<si/></sst>`

func TestScannerReadsWhatExcelizeReads(t *testing.T) {
	t.Parallel()
	sheets := map[string]string{
		"plain": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E9"/><sheetData>` +
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
			`<row r="3" spans="1:5"><c r="A3" s="2"><v>45272.9</v></c><c r="B3" t="str"><f>A3*2</f><v>x</v></c><c r="D3"><f>1+1</f></c><c r="E3" t="b"><v>1</v></c></row>` +
			`<row><c t="inlineStr"><is><t>内联</t></is></c><c t="e"><v>#N/A</v></c><c/><c t="s"><v> 2 </v></c></row>` +
			`<row r="7"><c r="A7" t="s"><v>4</v></c><c r="B7" t="s"><v>3</v></c><c r="C7" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>` +
			`<row r="9"/>` +
			`</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>`,
		"prefixed": `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2"><x:v>1.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		"empty":             `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`,
		"no rows attribute": `<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c></row></sheetData></worksheet>`,
	}
	for name, sheet := range sheets {
		t.Run(name, func(t *testing.T) {
			want, got, ok := bothRows(t, rawWorkbook(t, sheet, testSST))
			require.True(t, ok)
			require.NotNil(t, got["S"], "the scanner reads the sheet itself")
			assert.Equal(t, want["S"], got["S"])
		})
	}
}

func TestScannerLeavesTheUnusualToExcelize(t *testing.T) {
	t.Parallel()
	for name, sheet := range map[string]string{
		"comment":          `<worksheet><sheetData><row r="1"><!-- x --><c><v>1</v></c></row></sheetData></worksheet>`,
		"cdata":            `<worksheet><sheetData><row r="1"><c t="str"><v><![CDATA[a<b]]></v></c></row></sheetData></worksheet>`,
		"unknown entity":   `<worksheet><sheetData><row r="1"><c t="str"><v>&nbsp;</v></c></row></sheetData></worksheet>`,
		"index out of sst": `<worksheet><sheetData><row r="1"><c t="s"><v>99</v></c></row></sheetData></worksheet>`,
		"bad cell name":    `<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>`,
		"cells backwards":  `<worksheet><sheetData><row r="7"><c r="B7"><v>3</v></c><c r="A7"><v>4</v></c></row></sheetData></worksheet>`,
		"odd declaration":  `<?xml version="1` + "\x01" + `.0"?><worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`,
		"garbage in it":    `<?xml` + "\xff\xfe" + ` version="1.0"?><worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, got, ok := bothRows(t, rawWorkbook(t, sheet, testSST))
			require.True(t, ok)
			assert.Nil(t, got["S"])
		})
	}
}

// Every workbook of the reader's tests, good and bad, reads the same through the scanner. The files the
// scanner leaves to excelize are skipped, so the test also counts the sheets it compared: were the scanner to
// leave every one of them to excelize, it would otherwise pass having compared nothing.
func TestScannerReadsTheTestWorkbooksAsExcelize(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	paths := append(badFilesSmall(t, dir), goodOutputs(t, dir), templateLike(t, dir))
	compared := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		want, got, ok := bothRows(t, b)
		if !ok {
			continue
		}
		for sheet, rows := range got {
			assert.Equal(t, want[sheet], rows, "%s, sheet %s", filepath.Base(p), sheet)
			compared++
		}
	}
	require.Positive(t, compared, "no sheet of %d workbooks was read by the scanner and compared", len(paths))
}

// FuzzScannerMatchesExcelize: on any file, a sheet the scanner reads reads as excelize reads it.
//
//	go test -run=^$ -fuzz=FuzzScannerMatchesExcelize -fuzztime=15s -fuzzminimizetime=2s ./reports/exchange
func FuzzScannerMatchesExcelize(f *testing.F) {
	for _, s := range []string{
		`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="C1"><v>2</v></c></row><row r="4"><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row><c><f>1</f></c><c t="str"><v>&amp;&#65;</v></c></row></sheetData></worksheet>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		b := rawWorkbook(t, sheet, testSST)
		want, got, ok := bothRows(t, b)
		if !ok || got["S"] == nil {
			return
		}
		if !assert.ObjectsAreEqual(want["S"], got["S"]) {
			t.Fatalf("scanner %q, excelize %q", got["S"], want["S"])
		}
		chunk, ahead := fastChunk, fastLookahead
		fastChunk, fastLookahead = 61, 47 // the window refilled every few tags, mid-tag and mid-text
		defer func() { fastChunk, fastLookahead = chunk, ahead }()
		if _, small, _ := bothRows(t, b); small["S"] != nil && !assert.ObjectsAreEqual(want["S"], small["S"]) {
			t.Fatalf("scanner in small windows %q, excelize %q", small["S"], want["S"])
		}
	})
}

// The scanner reads a sheet a window at a time: with windows of a few hundred bytes, refilled thousands of
// times mid-tag and mid-text, it reads what excelize reads, and gives up (to excelize) on a tag longer than
// its look-ahead rather than misread it. Not parallel: it shrinks the window every read of a sheet uses.
func TestScannerReadsInSmallWindows(t *testing.T) {
	chunk, ahead := fastChunk, fastLookahead
	fastChunk, fastLookahead = 300, 200
	defer func() { fastChunk, fastLookahead = chunk, ahead }()
	var rows strings.Builder
	for r := 1; r <= 3000; r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>第%d行 &amp; 文本</t></is></c><c r="D%d"><f>1+1</f><v>%d.5</v></c></row>`,
			r, r, r%4, r, r, r, r)
	}
	sheet := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		rows.String() + `</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>`
	want, got, ok := bothRows(t, rawWorkbook(t, sheet, testSST))
	require.True(t, ok)
	require.NotNil(t, got["S"], "the scanner reads the sheet itself")
	assert.Equal(t, want["S"], got["S"])

	long := strings.Replace(sheet, `<row r="7">`, `<row r="7" spans="`+strings.Repeat("1", 300)+`">`, 1)
	_, got, ok = bothRows(t, rawWorkbook(t, long, testSST))
	require.True(t, ok)
	assert.Nil(t, got["S"], "a tag longer than the look-ahead is left to excelize")
}
