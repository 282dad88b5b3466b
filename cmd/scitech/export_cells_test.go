package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// TestExportCellsAreUnchanged exports every kind of the sample set and compares each workbook's sheet name,
// column widths and cells (type and text) with testdata/export_cells/KIND.txt, written by the export as it was
// before its speed-ups: a faster export must write the same workbook. To write them anew on purpose:
// SCITECH_UPDATE_EXPORT_CELLS=1 go test -tags migrated_fynedo,no_emoji -run ExportCellsAreUnchanged ./cmd/scitech
func TestExportCellsAreUnchanged(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	update := os.Getenv("SCITECH_UPDATE_EXPORT_CELLS") != ""
	for _, kind := range data.ExportKinds() {
		path := filepath.Join(dir, kind+".xlsx")
		code, _, errs := runCLI(t, "export", kind, path, "--db", db)
		require.Equal(t, 0, code, kind+": "+errs)
		got := workbookCells(t, path)
		golden := filepath.Join("testdata", "export_cells", kind+".txt")
		if update {
			require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.Equal(t, string(want), got, kind)
	}
}

// workbookCells is a one-sheet workbook as text: the sheet's name, each column's width, then a line per row
// holding each cell's type and quoted text, as stored (numbers unformatted).
func workbookCells(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Len(t, sheets, 1)
	sheet := sheets[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	var b strings.Builder
	b.WriteString("sheet " + strconv.Quote(sheet) + "\nwidths")
	for c := 1; c <= len(rows[0]); c++ {
		name, err := excelize.ColumnNumberToName(c)
		require.NoError(t, err)
		w, err := f.GetColWidth(sheet, name)
		require.NoError(t, err)
		b.WriteString(" " + strconv.FormatFloat(w, 'g', -1, 64))
	}
	b.WriteString("\n")
	// Every column of every row, also the empty cells at a row's end that GetRows leaves off.
	for r := range rows {
		for c := range rows[0] {
			ref, err := excelize.CoordinatesToCellName(c+1, r+1)
			require.NoError(t, err)
			typ, err := f.GetCellType(sheet, ref)
			require.NoError(t, err)
			v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			if c > 0 {
				b.WriteString("\t")
			}
			b.WriteString(strconv.Itoa(int(typ)) + ":" + strconv.Quote(v))
		}
		b.WriteString("\n")
	}
	return b.String()
}
