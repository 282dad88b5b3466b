package reports

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// The reader keeps the first data.MaxImportIssues problems of a workbook, in the order found, and counts the
// rest; a sheet dropped whole (merged header) leaves no count behind.
func TestReadWorkbookKeepsTheFirstIssuesAndCountsTheRest(t *testing.T) {
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
	assert.Len(t, read.Rows, 1000, "every row comes back, its bad cells marked unread")
	assert.Equal(t, "year", read.Rows[999].Refused())

	f, err := excelize.OpenFile(p)
	require.NoError(t, err)
	require.NoError(t, f.MergeCell("Sheet2", "D1", "E1"))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
	read, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, data.MaxImportIssues, len(read.Issues))
	assert.Equal(t, 2*700-data.MaxImportIssues+2, read.MoreIssues, "the merged sheet's cells are not counted; its two sheet problems are")
	assert.Len(t, read.Rows, 700)
}
