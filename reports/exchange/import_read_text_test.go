package exchange

import (
	"context"
	"path/filepath"
	"strings"
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
	t.Parallel()
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
	for _, w := range read.Warnings {
		assert.NoError(t, data.ValidateText(w.Value), "the warning shows the text without them: %q", w.Value)
	}
	assert.Equal(t, []string{"U+FEFF", "U+202E", "U+0000, U+001B, U+200B"}, chars)
}

// A formula cell's cached value is read with a warning naming the cell, whether the scanner or excelize reads
// the sheet; a formula's error value (=1/0) is a problem, as before.
func TestReadWorkbookWarnsOfFormulaValues(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rows := inlineRow("1", "统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）") +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>91210200MA0QCJ5X4T</t></is></c><c r="B2" t="inlineStr"><is><t>大连海宝</t></is></c>` +
		`<c r="C2"><v>2024</v></c><c r="D2"><f>SUM(X2:Y2)</f><v>120.5</v></c><c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>91210200MA0QCJ6X2R</t></is></c><c r="B3" t="str"><f>"大连"&amp;"化新"</f><v>大连化新</v></c>` +
		`<c r="C3"><v>2024</v></c><c r="D3"><v>1</v></c><c r="E3"><f>D3*0</f><v></v></c><c r="G3"><f>1+1</f><v>2</v></c></row>`
	for name, sheet := range map[string]string{
		"scanner":  sheetXML(rows),
		"excelize": sheetXML(rows + "<!-- a comment: the scanner leaves the sheet to excelize -->"),
	} {
		t.Run(name, func(t *testing.T) {
			p := rewriteZip(t, goodOutputs(t, dir), filepath.Join(dir, name+".xlsx"), map[string]string{"xl/worksheets/sheet1.xml": sheet})
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			require.NoError(t, err)
			require.Len(t, read.Rows, 2)
			assert.Equal(t, "1205000", rowValue(read.Rows[0], "output"))
			var cells []string
			for _, w := range read.Warnings {
				de := w.Err.(*data.Error)
				assert.Equal(t, "warn.import.formula", de.Key)
				cells = append(cells, w.Cell)
				for _, lang := range assets.Languages {
					text := assets.NewTranslator(lang).T(de.Key, de.Args)
					assert.Contains(t, text, w.Cell)
					assert.NotContains(t, text, "<no value>")
				}
			}
			assert.Equal(t, []string{"D2", "B3"}, cells, "an error value is a problem, a column not imported says nothing")
			require.Len(t, read.Issues, 2)
			assert.Equal(t, "E2", read.Issues[0].Cell)
			assert.Equal(t, "E3", read.Issues[1].Cell, "a formula with no value saved is a problem (F14)")
			assert.Equal(t, "err.import.formula_no_value", read.Issues[1].Err.(*data.Error).Key)
			_, ok := read.Rows[1].Value("added_value")
			assert.False(t, ok, "its field is not read as empty")
		})
	}
}

// The template's hidden sheet is read without its invisible characters too: its keys and values are compared.
func TestReadWorkbookMetaWithoutHiddenCharacters(t *testing.T) {
	t.Parallel()
	p := writeWorkbook(t, t.TempDir(), "meta.xlsx", testSheet{"年度产值", [][]any{outputHeaders[:5]}},
		testSheet{MetaSheet, [][]any{{"\ufeffversion", "1\u200b"}, {"company", "\u202a91210200MA0QCJ5X4T"}}})
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"version": "1", "company": "91210200MA0QCJ5X4T"}, read.Meta)
}

// A sheet that declares another encoding than it is written in is damaged, refused naming the place (F10); a
// replacement sign U+FFFD read in a cell (left by a program that lost a character) is a warning naming it.
func TestReadWorkbookRefusesTextNotInItsEncoding(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	utf8Sheet := sheetXML(outputRows(3, nil)) // Chinese in UTF-8 bytes
	gb := strings.Replace(utf8Sheet, `encoding="UTF-8"`, `encoding="GB2312"`, 1)
	p := rewriteZip(t, goodOutputs(t, dir), filepath.Join(dir, "gb.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": gb})
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.xml", p)
	assert.Contains(t, err.Error(), "GB2312")
	assert.Empty(t, read.Rows)

	lost := sheetXML(outputRows(3, func(r int) string {
		if r == 3 {
			return "\ufffd"
		}
		return ""
	}))
	p = rewriteZip(t, goodOutputs(t, dir), filepath.Join(dir, "lost.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": lost})
	read, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, read.Warnings, 1)
	assert.Equal(t, "B3", read.Warnings[0].Cell)
	assert.Equal(t, "warn.import.lost_character", read.Warnings[0].Err.(*data.Error).Key)
}
