package exchange

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A sheet of many rows, written straight to the writer, reads back in excelize cell by cell.
func TestWriteTableOfManyRowsReadsBack(t *testing.T) {
	t.Parallel()
	const n = 20000
	tbl := Table{Sheet: "企业", Headers: []string{"序号", "名称", "地址"}, Numeric: []bool{true, false, false}}
	for i := range n {
		tbl.Rows = append(tbl.Rows, []string{strconv.Itoa(i), fmt.Sprintf("大连%05d科技有限公司", i),
			fmt.Sprintf("辽宁省大连市旅顺口区%d号", i*31)})
	}
	var buf bytes.Buffer
	require.NoError(t, WriteTable(&buf, tbl))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	require.Equal(t, n+1, len(rows), "every row reads back")
	for i, row := range tbl.Rows {
		require.Equal(t, row, rows[i+1], "row %d", i+2)
	}
}
