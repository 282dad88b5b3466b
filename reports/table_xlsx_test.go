package reports

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestWriteTableReadsBack(t *testing.T) {
	tbl := Table{Sheet: "企业/名单", Headers: []string{"名称", "代码", "产值"}, Numeric: []bool{false, false, true},
		Rows: [][]string{{"大连海宝渔业有限公司", "201710601862.3", "45272.90"}, {"大连化新材料科技有限公司", "0012", "33954.70"}}}
	var buf bytes.Buffer
	require.NoError(t, WriteTable(&buf, tbl))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, []string{"企业_名单"}, f.GetSheetList(), "a slash is not allowed in a sheet name")
	rows, err := f.GetRows("企业_名单")
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"名称", "代码", "产值"}, rows[0])
	assert.Equal(t, "201710601862.3", rows[1][1], "a text column keeps its text")
	assert.Equal(t, "0012", rows[2][1], "leading zeros of a text column survive")
	typ, err := f.GetCellType("企业_名单", "C2")
	require.NoError(t, err)
	assert.Contains(t, []excelize.CellType{excelize.CellTypeUnset, excelize.CellTypeNumber}, typ,
		"a numeric column is written as numbers (a number cell may carry no type)")
	typ, err = f.GetCellType("企业_名单", "B2")
	require.NoError(t, err)
	assert.Contains(t, []excelize.CellType{excelize.CellTypeSharedString, excelize.CellTypeInlineString}, typ,
		"a number-like code in a text column stays text")
	panes, err := f.GetPanes("企业_名单")
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, "A2", panes.TopLeftCell)
}
