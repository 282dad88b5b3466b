package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// Texts excelize writes otherwise than as they are, and numbers it formats its own way.
var oddCells = []string{
	"", " ", "  lead", "trail ", "\tTab", "tab\t", "line\nfeed", "\nlead", "cr\r", "crlf\r\nx", "a & b", "<b>",
	`"quoted"`, "it's", "]]>", "_x0041_", "a_x0041_b", "_x005F_x0041_", "_x005F_", "_x005f_", "_x00_", "_xD800_",
	"_xZZZZ_", "__x0041__", "snake_case", "\x00nul", "\x01bell", "vt\x0b", "us\x1f", "del\x7f", "bad\xffutf8", "\xc3",
	"lone\xed\xa0\x80surrogate", "\xed\xbf\xbf", "nonchar\uFFFE\uFFFF", "\u0085next\u2028line", "\nboth\n", " both ",
	"repl\uFFFD", "大连海宝渔业有限公司", "旅顺（97907）", "emoji 😀 ok", "0012", "12.50", "-0", "1e5", "1e-7", "-1e-7", "1E400",
	"-1e400", "NaN", "nan", "Inf", "+Inf", "-Inf", "infinity", "0x1p-2", "1_000", "123456789012345678",
	"1234567890123456.789", "0.1234567890123456789", "-98765432109876543210", "4.9e-324", "1.7976931348623157e308",
	"-1.7976931348623157e308", "1e21", "0.000001", "12,5", " 12", "12 ", "45272.90",
	strings.Repeat("甲", 20000),                     // 20,000 UTF-16 units in 60,000 bytes: not cut
	strings.Repeat("a", excelize.TotalCellChars),   // exactly a cell
	strings.Repeat("b", excelize.TotalCellChars+1), // one over: cut
	strings.Repeat("😀", 16384),                     // 32,768 units: cut within the last character
	strings.Repeat("x", 40000) + "&",               // cut before the escaped character
	strings.Repeat("_x0041_", 5000),
}

// streamWriterSheet is the sheet part excelize's StreamWriter writes for a table, as WriteTableRows wrote it
// before it wrote the rows itself: the header row bold, frozen, the columns sized, then every row through
// SetRow, a number column's text handed over as a float64 when it parses.
func streamWriterSheet(t *testing.T, tbl Table) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := SheetName(tbl.Sheet)
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	sw, err := f.NewStreamWriter(sheet)
	require.NoError(t, err)
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	require.NoError(t, err)
	require.NoError(t, sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	for i, width := range ColumnWidths(tbl) {
		require.NoError(t, sw.SetColWidth(i+1, i+1, width))
	}
	cells := make([]any, len(tbl.Headers))
	for i, h := range tbl.Headers {
		cells[i] = excelize.Cell{StyleID: header, Value: h}
	}
	require.NoError(t, sw.SetRow("A1", cells))
	for r, row := range tbl.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
			if v != "" && i < len(tbl.Numeric) && tbl.Numeric[i] {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					cells[i] = n
				}
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, r+2)
		require.NoError(t, err)
		require.NoError(t, sw.SetRow(ref, cells))
	}
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return zipPartOf(t, buf.Bytes(), streamedSheetPart)
}

func zipPartOf(t *testing.T, file []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	require.NoError(t, err)
	rc, err := zr.Open(name)
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	return b
}

// The sheet WriteTable writes is byte for byte the sheet excelize's StreamWriter writes for the same table:
// texts excelize escapes, cuts or marks (control characters and others XML forbids, invalid UTF-8 and lone
// surrogates, texts over a cell's 32,767 characters, spaces and line ends at either end, & < > " '), numbers
// it formats (-0, 1e21, 1e-7, long digit strings), texts of a number column that do not parse, empty cells
// amid and at the end of a row, ragged rows.
func TestWriteTableWritesTheStreamWritersSheet(t *testing.T) {
	t.Parallel()
	tbl := Table{Sheet: "企业[1]", Headers: []string{"名称", "产值", "代码"}, Numeric: []bool{false, true, false}}
	for _, v := range oddCells {
		tbl.Rows = append(tbl.Rows, []string{v, v, v})
	}
	tbl.Rows = append(tbl.Rows, []string{"", "", ""}, []string{"a", "", "c"}, []string{"", "", "end"}, []string{"a", "1", ""},
		[]string{"short"}, []string{"a", "1", "b", "beyond the headers", "2"}, nil)
	var buf bytes.Buffer
	require.NoError(t, WriteTable(&buf, tbl))
	got, want := zipPartOf(t, buf.Bytes(), streamedSheetPart), streamWriterSheet(t, tbl)
	require.True(t, bytes.Contains(want, []byte(`xml:space="preserve"`)) && bytes.Contains(want, []byte(`_x005F_x0041_`)) &&
		bytes.Contains(want, []byte(`<v>123456789012345000</v>`)), "the table has the cells excelize writes its own way")
	if !bytes.Equal(want, got) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("the sheets differ at byte %d:\nexcelize: %.300s\nours:     %.300s", i, want[i:], got[i:])
	}
}

// One cell of any text, in a text column and in a number column, is written as the StreamWriter writes it.
func FuzzRowWriterWritesTheStreamWritersCell(f *testing.F) {
	for _, v := range oddCells {
		if len(v) < 1000 {
			f.Add(v)
		}
	}
	f.Fuzz(func(t *testing.T, v string) {
		tbl := Table{Sheet: "S", Headers: []string{"a", "b"}, Numeric: []bool{true, false}, Rows: [][]string{{v, v}}}
		var buf bytes.Buffer
		require.NoError(t, WriteTable(&buf, tbl))
		require.Equal(t, string(streamWriterSheet(t, tbl)), string(zipPartOf(t, buf.Bytes(), streamedSheetPart)))
	})
}

// A row past Excel's last is refused with excelize's error, naming the row, as SetRow refused it.
func TestRowWriterStopsAtExcelsLastRow(t *testing.T) {
	t.Parallel()
	rw := newRowWriter(io.Discard, excelize.TotalRows, nil)
	require.NoError(t, rw.write([]string{"last"}))
	err := rw.write([]string{"one too many"})
	require.ErrorIs(t, err, excelize.ErrMaxRows)
	assert.Contains(t, err.Error(), "row 1048577")
}

// An error of the rows' source met while the sheet is being zipped stops the workbook with that error.
func TestWriteTableRowsStopsOnTheSourcesErrorMidway(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection lost")
	n := 0
	err := WriteTableRows(io.Discard, Table{Sheet: "S", Headers: []string{"a"}}, func() ([]string, bool, error) {
		if n++; n == 5000 {
			return nil, false, boom
		}
		return []string{"row"}, true, nil
	})
	require.ErrorIs(t, err, boom)
}

// A sheet part without the end of its rows is refused, not written without them.
func TestRowsIntoSheetNeedsTheEndOfTheRows(t *testing.T) {
	t.Parallel()
	zw := &rowsIntoSheet{ZipWriter: zip.NewWriter(io.Discard), part: "s.xml", write: func(io.Writer) error { return nil }}
	w, err := zw.Create("s.xml")
	require.NoError(t, err)
	_, err = w.Write([]byte(`<worksheet><sheetData>`))
	require.NoError(t, err)
	_, err = zw.Create("other.xml")
	require.ErrorIs(t, err, errNoSheetData)

	zw = &rowsIntoSheet{ZipWriter: zip.NewWriter(io.Discard), part: "s.xml", write: func(io.Writer) error { return nil }}
	require.ErrorIs(t, zw.Close(), errNoSheetData, "no sheet part at all")
}

// The end of the rows found across two writes, the rows go before it.
func TestRowsIntoSheetFindsTheEndAcrossWrites(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	z := &rowsIntoSheet{ZipWriter: zw, part: "s.xml", write: func(w io.Writer) error {
		_, err := io.WriteString(w, `<row r="2"/>`)
		return err
	}}
	w, err := z.Create("s.xml")
	require.NoError(t, err)
	for _, p := range []string{`<sheetData><row r="1"/></shee`, `tData><x/>`, `</worksheet>`} {
		_, err = w.Write([]byte(p))
		require.NoError(t, err)
	}
	require.NoError(t, z.Close())
	assert.Equal(t, `<sheetData><row r="1"/><row r="2"/></sheetData><x/></worksheet>`, string(zipPartOf(t, buf.Bytes(), "s.xml")))
}
