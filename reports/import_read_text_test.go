package reports

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

// Invisible characters in a cell — a right-to-left override, a byte order mark, a zero-width space, a control
// character written as Excel's _x0000_ escape — never reach a record: they are removed, with a warning naming
// the cell and the characters.
func TestReadWorkbookRemovesHiddenCharactersWithAWarning(t *testing.T) {
	dir := t.TempDir()
	sheet := sheetXML(inlineRow("1", "\ufeff统一社会信用代码", "名称\u200b", "年度", "高新技术产品产值（万元）", "增加值（万元）") +
		inlineRow("2", "\ufeff91210200MA0QCJ5X4T", "大连\u202e司公限有", "2024", "1", "2") +
		inlineRow("3", "91210200MA0QCJ6X2R", "大连_x0000_化新_x001B_材料\u200b", "2024", "1", "2") +
		inlineRow("4", "91210200MA0QCJ7X0L", "大连普通公司", "2024", "1", "2"))
	p := rewriteZip(t, goodOutputs(t, dir), filepath.Join(dir, "hidden.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheet})
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.Empty(t, read.Issues, "a header with a byte order mark or a zero-width space is still the header")
	require.Len(t, read.Rows, 3)
	assert.Equal(t, "91210200MA0QCJ5X4T", rowValue(read.Rows[0], "uscc"))
	assert.Equal(t, "大连司公限有", rowValue(read.Rows[0], "name"))
	assert.Equal(t, "大连化新材料", rowValue(read.Rows[1], "name"))
	for _, r := range read.Rows {
		for _, v := range r.Vals {
			assert.NoError(t, data.ValidateText(v), "%q reached a row", v)
		}
	}
	var cells, chars []string
	for _, w := range read.Warnings {
		de := w.Err.(*data.Error)
		assert.Equal(t, "warn.import.hidden", de.Key)
		cells, chars = append(cells, w.Cell), append(chars, de.Args["Chars"].(string))
		for _, lang := range assets.Languages {
			text := assets.NewTranslator(lang).T(de.Key, de.Args)
			assert.Contains(t, text, w.Cell)
			assert.NotContains(t, text, "<no value>")
		}
	}
	assert.Equal(t, []string{"A2", "B2", "B3"}, cells)
	assert.Equal(t, []string{"U+FEFF", "U+202E", "U+0000, U+001B, U+200B"}, chars)
}
