package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// writeOutputYears writes an outputs sheet of the benchmark's companies for the years from..to.
func writeOutputYears(path string, companies, from, to int) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := zh.T("export.kind.outputs")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	var head []any
	for _, k := range []string{"uscc", "year", "output", "added_value"} {
		head = append(head, zh.T("col."+k))
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	n := 2
	for i := 0; i < companies; i++ {
		for y := from; y <= to; y++ {
			cell, _ := excelize.CoordinatesToCellName(1, n)
			if err := sw.SetRow(cell, []any{benchUSCC(i), y, 1000 + i%997, 250}); err != nil {
				return err
			}
			n++
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// Two workbooks imported together (issue 14 item 5), killed at any moment: both are wholly there (their rows,
// audit rows and two entries in the history) or neither is — never the first without the second.
func TestImportOfTwoFilesKilledAtRandomMomentsIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs crashKills child processes")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	x, y := filepath.Join(dir, "x.xlsx"), filepath.Join(dir, "y.xlsx")
	s, err := data.Open(base)
	require.NoError(t, err)
	loadCrashCompanies(t, s)
	require.NoError(t, s.Close())
	require.NoError(t, writeOutputYears(x, crashCompanies, 2020, 2022))
	require.NoError(t, writeOutputYears(y, crashCompanies, 2023, 2024))
	t.Parallel()

	tally := killRepeatedly(t, base, crashCase{args: []string{"import", x, y},
		tables: []string{"annual_output", "audit_log", "import_log"},
		detail: `SELECT group_concat(year || ':' || n, ',') FROM (SELECT year, count(*) AS n FROM annual_output GROUP BY year)`})
	require.Equal(t, crashKills, tally.killed, "every kill lands while the import runs")
	require.Positive(t, tally.midWriting, "some kills land while it writes")
}
