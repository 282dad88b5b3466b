package exchange

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The scanner and the whole-sheet check note the same formula and logical cells: which reader reads a sheet
// must not change what is said of its cells.

// bothMarks is what the scanner and the whole-sheet check note of a one-sheet workbook's cells; ok is false
// when either did not read the sheet to its end.
func bothMarks(t testing.TB, b []byte) (scanned, whole sheetMarks, ok bool) {
	plan, err := checkZip("t.xlsx", b)
	if err != nil || len(plan.sheets) != 1 {
		return scanned, whole, false
	}
	sst, err := readSharedStrings(plan.sst)
	if err != nil {
		return scanned, whole, false
	}
	fast, err := newFastRows(plan.sheets[0].part, sst)
	if err != nil {
		return scanned, whole, false
	}
	defer fast.Close()
	for fast.Next() {
		if _, err := fast.Columns(); err != nil {
			return scanned, whole, false
		}
	}
	if fast.Error() != nil {
		return scanned, whole, false
	}
	noCharset := func(string, io.Reader) (io.Reader, error) { return nil, errors.New("no other encoding") }
	count := func() (int, error) { return len(sst), nil }
	whole, err = checkWhole(context.Background(), "t.xlsx", plan.sheets[0], noCharset, count)
	if err != nil {
		return scanned, whole, false
	}
	return fast.marks, whole, true
}

const logicalSheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
	`<row r="2"><c r="B2" t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="b"/><c r="F2" t="b"><f>1=1</f><v>1</v></c><c t="b"><v> </v></c><c t="b"><v>abc</v><v>1</v></c></row>` +
	`<row><c t="b"><v>1</v></c><c r="C3" t="s"><v>0</v></c><c t="b"><is><t>x</t></is><v>0</v></c><c r="Z3" t="b"><v>tRuE-and-a-long-value-of-more-than-twenty-bytes</v></c></row>` +
	`</sheetData></worksheet>`

func TestScannerNotesTheCellsTheWholeCheckNotes(t *testing.T) {
	t.Parallel()
	scanned, whole, ok := bothMarks(t, rawWorkbook(t, logicalSheet, testSST))
	require.True(t, ok, "both read the sheet")
	assert.Equal(t, whole, scanned)
	var cells []string
	for _, c := range scanned.logicals.cells {
		ref, err := excelize.CoordinatesToCellName(c.col, c.row)
		require.NoError(t, err)
		cells = append(cells, ref+" "+c.shown)
	}
	assert.Equal(t, []string{"B2 TRUE", "C2 FALSE", "F2 TRUE", "H2 TRUE", "A3 TRUE", "D3 FALSE", "Z3 tRuE-and-a-long-valu…"}, cells,
		"a logical cell with no value or a blank one is an empty cell")
	assert.Equal(t, []cellPos{{2, 6}}, scanned.formulas.cells)
}

// FuzzScannerNotesTheCellsTheWholeCheckNotes: on any sheet both read to the end, the scanner and the
// whole-sheet check note the same formula and logical cells.
//
//	go test -run=^$ -fuzz=FuzzScannerNotesTheCellsTheWholeCheckNotes -fuzztime=30s ./reports/exchange
func FuzzScannerNotesTheCellsTheWholeCheckNotes(f *testing.F) {
	f.Add(logicalSheet)
	f.Add(`<worksheet><sheetData><row r="1"><c t="b"><v>1</v></c><c><f>1</f></c></row><row r="4"><c r="B4" t="b"><v>0</v></c></row></sheetData></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		scanned, whole, ok := bothMarks(t, rawWorkbook(t, sheet, testSST))
		if ok && !assert.ObjectsAreEqual(whole, scanned) {
			t.Fatalf("scanner %+v, whole-sheet check %+v", scanned, whole)
		}
	})
}
