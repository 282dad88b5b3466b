package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A sheet of rows the reader reads well and the planner is sure to refuse — company codes failing their check,
// a required field empty, here in shared strings as another program writes them — overflows once it holds
// more than maxSureProblems of them, as a sheet of the reader's own problems does: its rows are let go, the
// first thousand problems kept in the order of the sheet and every one counted. A million such rows were held
// whole and planned: 20 s and 542 MB.
func TestReadWorkbookLetsGoOfRowsThePlannerIsSureToRefuse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := writeWorkbook(t, dir, "base.xlsx", testSheet{"企业", [][]any{{"统一社会信用代码", "名称", "高新技术领域"}}})
	n := maxSureProblems * 6 / 10 // two problems a row, for most: the code and the empty 高新技术领域
	var sst, rows strings.Builder
	sst.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	sst.WriteString(`<si><t>统一社会信用代码</t></si><si><t>名称</t></si><si><t>高新技术领域</t></si>`)
	rows.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`)
	for i := range n {
		fmt.Fprintf(&sst, `<si><t>91210200MA%07dX</t></si>`, i) // a check character that is wrong for most
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>1</v></c></row>`, i+2, i+2, i+3, i+2)
	}
	sst.WriteString(`</sst>`)
	p := rewriteZip(t, base, filepath.Join(dir, "sure.xlsx"), map[string]string{
		"xl/worksheets/sheet1.xml": sheetXML(rows.String()),
		"xl/sharedStrings.xml":     sst.String(),
	})
	want := 0
	for i := range n {
		if _, err := data.ValidateUSCC(fmt.Sprintf("91210200MA%07dX", i)); err != nil {
			want++
		}
	}
	require.Greater(t, want+n, maxSureProblems, "most codes are wrong")
	want += n // each row's empty 高新技术领域

	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.True(t, read.Overflow, "the sheet overflows on the problems the planner is sure to find")
	assert.Empty(t, read.Rows, "its rows are let go")
	require.Len(t, read.Issues, data.MaxImportIssues)
	assert.Equal(t, want, len(read.Issues)+read.MoreIssues, "every one is counted")
	for i, is := range read.Issues[:6] {
		assert.Equal(t, 2+i/2, is.Row, "kept in the order of the sheet")
		assert.Equal(t, []string{"A", "C"}[i%2]+fmt.Sprint(is.Row), is.Cell)
	}
	assert.Equal(t, "err.uscc.check", boundsError(t, read.Issues[0].Err).Key)
	assert.Equal(t, "err.required", boundsError(t, read.Issues[1].Err).Key)
	assert.Equal(t, "企业", boundsError(t, read.Issues[1].Err).Args["Sheet"])

	few := n / 20 // under the bound: left to the planner, which counts them exactly
	cut := strings.Index(rows.String(), fmt.Sprintf(`<row r="%d">`, few+2))
	p = rewriteZip(t, base, filepath.Join(dir, "few.xlsx"), map[string]string{
		"xl/worksheets/sheet1.xml": sheetXML(rows.String()[:cut]),
		"xl/sharedStrings.xml":     sst.String(),
	})
	read, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.False(t, read.Overflow)
	assert.Empty(t, read.Issues, "the reader leaves them to the planner")
	assert.Len(t, read.Rows, few)
}
