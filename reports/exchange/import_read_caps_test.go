package exchange

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// The reader keeps the first data.MaxImportIssues problems of a workbook, in the order found, and counts the
// rest; a sheet dropped whole (merged header) leaves no count behind. Past the limit the workbook overflows:
// its rows are let go (a plan could only refuse them) and the count goes on.
func TestReadWorkbookKeepsTheFirstIssuesAndCountsTheRest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := func(n int) [][]any {
		rows := [][]any{outputHeaders[:5]}
		for range n {
			rows = append(rows, []any{"91210200MA0QCJ5X4T", "大连海宝", "两千", 100, "十"}) // two bad cells a row
		}
		return rows
	}
	p := writeWorkbook(t, dir, "many.xlsx", testSheet{"年度产值", bad(700)}, testSheet{"Sheet2", bad(300)})
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, read.Issues, data.MaxImportIssues)
	assert.Equal(t, 2*1000-data.MaxImportIssues, read.MoreIssues)
	assert.Equal(t, "C2", read.Issues[0].Cell, "the first found are kept")
	assert.Equal(t, "年度产值", read.Issues[data.MaxImportIssues-1].Sheet)
	assert.True(t, read.Overflow)
	assert.Empty(t, read.Rows, "the rows are let go once the problems overflow")

	few := writeWorkbook(t, dir, "few.xlsx", testSheet{"年度产值", bad(data.MaxImportIssues / 2)})
	read, err = ReadWorkbook(context.Background(), few, ReadOptions{})
	require.NoError(t, err)
	assert.False(t, read.Overflow)
	assert.Len(t, read.Issues, data.MaxImportIssues)
	assert.Zero(t, read.MoreIssues)
	require.Len(t, read.Rows, data.MaxImportIssues/2, "under the limit every row comes back, its bad cells marked unread")
	assert.Equal(t, "year", read.Rows[0].Refused())

	f, err := excelize.OpenFile(p)
	require.NoError(t, err)
	require.NoError(t, f.MergeCell("Sheet2", "D1", "E1"))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
	read, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, data.MaxImportIssues, len(read.Issues))
	assert.Equal(t, 2*700-data.MaxImportIssues+2, read.MoreIssues, "the merged sheet's cells are not counted; its two sheet problems are")
	assert.True(t, read.Overflow)
	assert.Empty(t, read.Rows)
}

// A styles part that declares more number formats than any workbook holds is refused before excelize parses
// it (10 million took 72 s and 2.2 GB); so is a pile of parts each under the limit.
func TestReadWorkbookRefusesPartsThatDeclareTooMuch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := goodOutputs(t, dir)
	styles := func(n int) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		fmt.Fprintf(&b, `<numFmts count="%d">`, n)
		for i := range n {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="0.00"/>`, 200+i)
		}
		b.WriteString(`</numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="1"><xf/></cellXfs></styleSheet>`)
		return b.String()
	}
	p := rewriteZip(t, good, filepath.Join(dir, "formats.xlsx"), map[string]string{"xl/styles.xml": styles(maxWholePartElements)})
	_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.too_many", p)
	assert.Equal(t, "xl/styles.xml", err.(*data.Error).Args["Part"])
	werr := WriteErrorWorkbook(p, []data.ImportIssue{{Sheet: "年度产值", Cell: "A1"}}, discard{}, "en")
	assertFileError(t, werr, "err.import.too_many", p)

	third := styles(maxWholeTotalElements / 3)
	p = rewriteZip(t, good, filepath.Join(dir, "three.xlsx"), map[string]string{"xl/styles.xml": third,
		"xl/theme/theme1.xml": third, "docProps/app.xml": third, "docProps/core.xml": third})
	_, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.too_many", p)

	p = rewriteZip(t, good, filepath.Join(dir, "some.xlsx"), map[string]string{"xl/styles.xml": styles(2000)})
	_, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err, "a styles part of 2,000 formats is a workbook's")
}

// The problems of a workbook too big to mark on a copy (excelize would load its sheets whole: 6.5 GB for a
// million rows) come back as a list: one row per problem, in the order given, under a title naming the file.
// Not parallel: it shrinks maxMarkedSheetBytes, which every read of a workbook consults.
func TestWriteErrorWorkbookListsTheProblemsOfABigWorkbook(t *testing.T) {
	limit := maxMarkedSheetBytes
	maxMarkedSheetBytes = 1 << 10
	defer func() { maxMarkedSheetBytes = limit }()
	dir := t.TempDir()
	rows := [][]any{outputHeaders[:5]}
	for range 60 {
		rows = append(rows, []any{"91210200MA0QCJ5X4T", "大连海宝", "两千", 100, 10})
	}
	p := writeWorkbook(t, dir, "big.xlsx", testSheet{"年度产值", rows})
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, read.Issues, 60)
	var buf bytes.Buffer
	require.NoError(t, WriteErrorWorkbook(p, read.Issues, &buf, "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"问题"}, f.GetSheetList())
	got, err := f.GetRows("问题")
	require.NoError(t, err)
	require.Len(t, got, 3+60)
	assert.Contains(t, got[0][0], "big.xlsx")
	assert.Equal(t, []string{"年度产值", "C2"}, got[3][:2])
	assert.Contains(t, got[3][2], "两千")
	assert.Equal(t, "两千", got[3][3])
	assert.Equal(t, "C61", got[62][1])

	maxMarkedSheetBytes = limit
	buf.Reset()
	require.NoError(t, WriteErrorWorkbook(p, read.Issues, &buf, "zh"))
	f2, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f2.Close()
	assert.Equal(t, []string{"年度产值"}, f2.GetSheetList(), "a small workbook is marked on a copy, as before")
}

// A row of more text than any form's (one row of half a gigabyte fits under the zip bomb check), a row of
// more XML than excelize should build, and more rows than one full sheet in all are refused, whichever of the
// scanner and excelize reads the sheet. Not parallel: it shrinks the bounds every read consults.
func TestReadWorkbookRefusesRowsBeyondTheBounds(t *testing.T) {
	rowBytes, rowXML, bookRows := maxRowBytes, maxRowXML, maxBookRows
	defer func() { maxRowBytes, maxRowXML, maxBookRows = rowBytes, rowXML, bookRows }()
	dir := t.TempDir()
	good := goodOutputs(t, dir)
	big := strings.Repeat("大", 1000) // 3,000 bytes
	rows := outputRows(3, func(r int) string {
		if r == 3 {
			return big
		}
		return ""
	})
	for path, extra := range map[string]string{"scanner": "", "excelize": "<!-- left to excelize -->"} {
		t.Run("row text, "+path, func(t *testing.T) {
			maxRowBytes, maxRowXML, maxBookRows = 2000, rowXML, bookRows
			p := rewriteZip(t, good, filepath.Join(dir, "text-"+path+".xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(rows + extra)})
			_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			assertFileError(t, err, "err.import.row_large", p)
			assert.Equal(t, 3, err.(*data.Error).Args["Row"])
		})
		t.Run("row XML, "+path, func(t *testing.T) {
			maxRowBytes, maxRowXML, maxBookRows = rowBytes, 2000, bookRows
			p := rewriteZip(t, good, filepath.Join(dir, "xml-"+path+".xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(rows + extra)})
			_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			assertFileError(t, err, "err.import.row_large", p)
		})
		t.Run("rows in all, "+path, func(t *testing.T) {
			maxRowBytes, maxRowXML, maxBookRows = rowBytes, rowXML, 3
			p := rewriteZip(t, good, filepath.Join(dir, "all-"+path+".xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(rows + extra)})
			_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			assertFileError(t, err, "err.import.rows_total", p)
			maxBookRows = 4
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			require.NoError(t, err, "the header and three rows")
			assert.Len(t, read.Rows, 3)
		})
	}
}

// A workbook the reader accepts gets its problems workbook, even one excelize cannot mark (no styles part: it
// panicked, F12): the problems come as a list.
func TestWriteErrorWorkbookWritesForAnyAcceptedWorkbook(t *testing.T) {
	t.Parallel()
	sheet := sheetXML(outputRows(2, nil))
	sheet = strings.Replace(sheet, "<t>2024</t>", "<t>两千</t>", 1)
	p := filepath.Join(t.TempDir(), "nostyles.xlsx")
	require.NoError(t, os.WriteFile(p, namedWorkbook(t, "年度产值", sheet, testSST), 0o644))
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, read.Issues, 1)
	var buf bytes.Buffer
	require.NoError(t, WriteErrorWorkbook(p, read.Issues, &buf, "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	require.NoError(t, err)
	assert.Contains(t, strings.Join(rows[len(rows)-1], " "), "C2")
}

// A shared strings part over its bounds is refused before anything parses it (F5: 2 million strings of 30
// characters in a 48 MB file took 14 s and 360 MB), whether or not a cell refers to its strings. Not parallel:
// it shrinks the bounds every read consults.
func TestReadWorkbookRefusesSharedStringsOverTheBounds(t *testing.T) {
	sstBytes, sstElems := maxSSTBytes, maxSSTElements
	defer func() { maxSSTBytes, maxSSTElements = sstBytes, sstElems }()
	sheet := sheetXML(outputRows(1, nil))
	var b strings.Builder
	b.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for i := range 300 {
		fmt.Fprintf(&b, "<si><t>%030d</t></si>", i)
	}
	b.WriteString("</sst>")
	p := filepath.Join(t.TempDir(), "sst.xlsx")
	require.NoError(t, os.WriteFile(p, namedWorkbook(t, "年度产值", sheet, b.String()), 0o644))
	maxSSTBytes = 10 << 10
	_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.too_many", p)
	maxSSTBytes, maxSSTElements = sstBytes, 500
	_, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.too_many", p)
	maxSSTElements = sstElems
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.Len(t, read.Rows, 1)
}
