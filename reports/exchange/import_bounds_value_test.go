package exchange

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// Each problem and warning keeps at most data.MaxShownRunes characters of the cell it is about, the cut marked
// as the problems list marks it: a thousand problems each holding its cell's whole text (up to the 8 MB a row
// may have) held and printed hundreds of megabytes. A cell longer than Excel's 32,767 characters is the reader's
// problem, so that no later check keeps the whole text either.
func TestReadWorkbookKeepsEachProblemsValueShort(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	header := []any{"统一社会信用代码", "名称", "高新技术领域", "成立日期"}
	base := writeWorkbook(t, dir, "base.xlsx", testSheet{"企业", [][]any{header}})
	name := strings.Repeat("长", 100_000)
	date := strings.Repeat("日", 20_000)
	hidden := "乙_x0001_" + strings.Repeat("乙", 20_000)
	p := rewriteZip(t, base, filepath.Join(dir, "long.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
		inlineRow("1", "统一社会信用代码", "名称", "高新技术领域", "成立日期") +
			inlineRow("2", "91210200MA0QCJ5X4T", name, "电子信息", "2020-01-01") +
			inlineRow("3", "91210200MA0QCJ5X4T", "甲", "电子信息", date) +
			inlineRow("4", "91210200MA0QCJ5X4T", hidden, "电子信息", ""))})

	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	cut := func(what, v, whole string) {
		t.Helper()
		assert.LessOrEqual(t, utf8.RuneCountInString(v), data.MaxShownRunes, "%s: within the limit", what)
		assert.True(t, strings.HasSuffix(v, "…"), "%s: marked cut", what)
		assert.True(t, strings.HasPrefix(whole, strings.TrimSuffix(v, "…")), "%s: the start of the cell", what)
	}
	byCell := map[string]int{}
	for i, is := range read.Issues {
		byCell[is.Cell] = i
	}
	require.Contains(t, byCell, "B2", "a name longer than a cell can hold is a problem of the reader")
	is := read.Issues[byCell["B2"]]
	cut("B2 value", is.Value, name)
	de := boundsError(t, is.Err)
	assert.Equal(t, "err.import.cell_too_long", de.Key)
	cut("B2 argument", de.Args["Value"].(string), name)
	assert.Less(t, len(de.Message), 4*data.MaxShownRunes+200, "B2: the message holds the cut value")

	require.Contains(t, byCell, "D3", "a date of 20,000 characters")
	is = read.Issues[byCell["D3"]]
	cut("D3 value", is.Value, date)
	de = boundsError(t, is.Err)
	assert.Equal(t, "err.import.date", de.Key)
	cut("D3 argument", de.Args["Value"].(string), date)
	assert.Less(t, len(de.Message), 4*data.MaxShownRunes+200, "D3: the message holds the cut value")

	require.NotEmpty(t, read.Warnings)
	w := read.Warnings[0]
	assert.Equal(t, "B4", w.Cell)
	cut("B4 warning", w.Value, strings.Replace(hidden, "_x0001_", "", 1))
	require.Len(t, read.Rows, 3)
	assert.Equal(t, strings.Replace(hidden, "_x0001_", "", 1), rowValue(read.Rows[2], "name"), "a value read is kept whole")
}

func boundsError(t *testing.T, err error) *data.Error {
	t.Helper()
	var de *data.Error
	require.True(t, errors.As(err, &de), "%v is a *data.Error", err)
	return de
}
