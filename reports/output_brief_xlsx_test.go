package reports

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

func openXLSX(t *testing.T, b OutputBrief) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteOutputBriefXLSX(&buf, b))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// wanCell reads a cell holding an amount in 万元 back into yuan, exactly.
func wanCell(t *testing.T, f *excelize.File, sheet, ref string) data.Yuan {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	y, err := data.ParseWan(raw)
	require.NoError(t, err, "%s!%s = %q", sheet, ref, raw)
	return y
}

// findRow returns the 1-based row whose first cell (or second, for the top sheet) is label.
func findRow(t *testing.T, f *excelize.File, sheet string, col int, label string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	for i, r := range rows {
		if len(r) > col && r[col] == label {
			return i + 1
		}
	}
	t.Fatalf("%s has no row %q", sheet, label)
	return 0
}

func TestOutputBriefXLSXHoldsTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	f := openXLSX(t, b)
	assert.Equal(t, []string{"概况", "按领域", "按园区", "前十位企业", "明细"}, f.GetSheetList())

	row := strconv.Itoa(findRow(t, f, "概况", 0, "高新技术产品产值（万元）"))
	assert.Equal(t, data.Yuan(4_745_000_000), wanCell(t, f, "概况", "B"+row))
	shown, _ := f.GetCellValue("概况", "B"+row)
	assert.Equal(t, "474,500.00", shown, "the number format shows 万元 with two decimals")
	row = strconv.Itoa(findRow(t, f, "概况", 0, "增加值（万元）"))
	assert.Equal(t, data.Yuan(1_209_000_000), wanCell(t, f, "概况", "B"+row))
	row = strconv.Itoa(findRow(t, f, "概况", 0, "产值增长（%）"))
	growth, _ := f.GetCellValue("概况", "B"+row)
	assert.Equal(t, "9.1", growth)

	for _, sheet := range []string{"按领域", "按园区"} {
		total := strconv.Itoa(findRow(t, f, sheet, 0, "合计"))
		assert.Equal(t, data.Yuan(4_745_000_000), wanCell(t, f, sheet, "C"+total), sheet)
		assert.Equal(t, data.Yuan(1_209_000_000), wanCell(t, f, sheet, "D"+total), sheet)
	}
	top := strconv.Itoa(findRow(t, f, "前十位企业", 1, b.Summary.Rows[0].Name))
	assert.Equal(t, b.Summary.Rows[0].Output, wanCell(t, f, "前十位企业", "F"+top))
}

func TestOutputBriefXLSXRecordsAddUpToTheTotals(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	f := openXLSX(t, b)
	rows, err := f.GetRows("明细")
	require.NoError(t, err)
	total := findRow(t, f, "明细", 0, "合计")
	require.Equal(t, len(b.Summary.Rows)+firstRow, total, "one row per company, then the total")
	var output, added data.Yuan
	for r := firstRow; r < total; r++ {
		output += wanCell(t, f, "明细", "E"+strconv.Itoa(r))
		added += wanCell(t, f, "明细", "F"+strconv.Itoa(r))
		assert.Len(t, rows[r-1][0], 18, "row %d holds the company's credit code", r)
	}
	assert.Equal(t, b.Summary.Output, output)
	assert.Equal(t, b.Summary.AddedValue, added)
	assert.Equal(t, output, wanCell(t, f, "明细", "E"+strconv.Itoa(total)))
}

func TestOutputBriefXLSXFormatsEverySheet(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, sampleBrief(t, "zh"))
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, sheet)
		assert.Equal(t, headerRow, panes.YSplit, "%s: the header row is frozen", sheet)

		id, err := f.GetCellStyle(sheet, "A"+strconv.Itoa(headerRow))
		require.NoError(t, err)
		style, err := f.GetStyle(id)
		require.NoError(t, err)
		require.NotNil(t, style.Font, sheet)
		assert.True(t, style.Font.Bold, "%s: the header is bold", sheet)

		width, err := f.GetColWidth(sheet, "B")
		require.NoError(t, err)
		assert.GreaterOrEqual(t, width, 10.0, sheet)
	}
	for _, c := range []struct{ sheet, ref, format string }{
		{"按领域", dataRef("C", 1), amountFormat}, {"按领域", dataRef("I", 1), percentFormat},
		{"明细", dataRef("G", 1), amountFormat},
	} {
		id, err := f.GetCellStyle(c.sheet, c.ref)
		require.NoError(t, err)
		style, err := f.GetStyle(id)
		require.NoError(t, err)
		if style.CustomNumFmt != nil {
			assert.Equal(t, c.format, *style.CustomNumFmt, "%s!%s", c.sheet, c.ref)
		} else {
			assert.Equal(t, 4, style.NumFmt, "%s!%s: built-in #,##0.00", c.sheet, c.ref)
		}
	}
}

func TestOutputBriefXLSXInEnglish(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, sampleBrief(t, "en"))
	assert.Equal(t, []string{"Summary", "By field", "By park", "Top 10", "Records"}, f.GetSheetList())
	v, _ := f.GetCellValue("By park", "A"+strconv.Itoa(headerRow))
	assert.Equal(t, "Park", v)
}

func TestOutputBriefXLSXIsReproducible(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	var one, two bytes.Buffer
	require.NoError(t, WriteOutputBriefXLSX(&one, b))
	require.NoError(t, WriteOutputBriefXLSX(&two, b))
	require.Equal(t, one.Bytes(), two.Bytes())
	f, err := excelize.OpenReader(&one)
	require.NoError(t, err)
	defer f.Close()
	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "2025-12-31T00:00:00Z", props.Created)
	assert.Equal(t, "旅顺口区科学技术局", props.Creator)
}
