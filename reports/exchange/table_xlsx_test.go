package exchange

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestWriteTableReadsBack(t *testing.T) {
	t.Parallel()
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

// Rows handed over one by one are written after the table's own, in order, with the columns sized from the
// first of them; an error from the source stops the workbook with that error.
func TestWriteTableRowsStreams(t *testing.T) {
	t.Parallel()
	head := Table{Sheet: "企业", Headers: []string{"序号", "名称"}, Numeric: []bool{true, false},
		Rows: [][]string{{"1", "大连海宝渔业有限公司"}}}
	n := 1
	next := func() ([]string, bool, error) {
		if n == 1000 {
			return nil, false, nil
		}
		n++
		name := "甲"
		if n == 150 {
			name = "大连旅顺口区某某某某某某某某科技有限公司"
		}
		return []string{strconv.Itoa(n), name}, true, nil
	}
	var buf bytes.Buffer
	require.NoError(t, WriteTableRows(&buf, head, next))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	require.Len(t, rows, 1001)
	for i, r := range rows[1:] {
		require.Equal(t, strconv.Itoa(i+1), r[0])
	}
	w, err := f.GetColWidth("企业", "B")
	require.NoError(t, err)
	assert.Greater(t, w, 40.0, "the long name among the first rows widens its column")

	boom := errors.New("disk gone")
	err = WriteTableRows(&bytes.Buffer{}, head, func() ([]string, bool, error) { return nil, false, boom })
	assert.ErrorIs(t, err, boom)
}
