package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// exportAs builds the table `scitech export` writes, with headers and code labels in lang.
func exportAs(kind, lang string, columns []data.ExportColumn, tbl data.Table) Table {
	tr := assets.NewTranslator(lang)
	t := Table{Sheet: tr.T("export.kind." + kind)}
	for _, c := range columns {
		t.Headers = append(t.Headers, tr.T(c.Key))
		t.Numeric = append(t.Numeric, c.Number)
	}
	for _, row := range tbl.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = v
			if c := columns[i]; c.Codes != "" && v != "" {
				cells[i] = tr.T(c.Codes + v)
			}
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// canonical is the value the reader must give for a cell of the database's export.
func canonical(t *testing.T, f data.ExchangeField, v string) string {
	switch f.Type {
	case data.ExWan, data.ExSignedWan:
		if v == "" {
			return ""
		}
		digits, neg := strings.CutPrefix(v, "-") // net assets may be negative
		y, err := data.ParseWan(digits)
		require.NoError(t, err, v)
		if neg {
			y = -y
		}
		return strconv.FormatInt(int64(y), 10)
	case data.ExBool:
		return map[string]string{"是": "1", "否": "0", "": ""}[v]
	}
	return v
}

// An export of the sample data set, in either language, reads back into the database's own values.
func TestExportReadsBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	var parkNames []string
	for _, p := range parks {
		parkNames = append(parkNames, p.Name)
	}
	dir := t.TempDir()
	for _, lang := range assets.Languages {
		for _, sheet := range data.ExchangeSheets {
			t.Run(lang+"/"+sheet.Kind, func(t *testing.T) {
				columns, ok := data.ExportColumns(sheet.Kind)
				require.True(t, ok)
				tbl, err := s.Export(ctx, sheet.Kind)
				require.NoError(t, err)
				require.NotEmpty(t, tbl.Rows, "the sample set has %s", sheet.Kind)
				p := filepath.Join(dir, lang+"-"+sheet.Kind+".xlsx")
				fh, err := os.Create(p)
				require.NoError(t, err)
				require.NoError(t, WriteTable(fh, exportAs(sheet.Kind, lang, columns, tbl)))
				require.NoError(t, fh.Close())

				read, err := ReadWorkbook(ctx, p, ReadOptions{Parks: parkNames})
				require.NoError(t, err)
				assert.Empty(t, read.Issues)
				assert.Empty(t, read.Ignored)
				require.Len(t, read.Rows, len(tbl.Rows))
				for i, dbRow := range tbl.Rows {
					got := read.Rows[i]
					assert.Equal(t, sheet.Kind, got.Kind)
					assert.Equal(t, i+2, got.Row)
					want := map[string]string{}
					for j, c := range columns {
						key := strings.TrimPrefix(c.Key, "col.")
						f, ok := exchangeField(sheet, key)
						require.True(t, ok, "export column %s of %s is a field of the exchange", key, sheet.Kind)
						want[key] = canonical(t, f, dbRow[j])
					}
					assert.Equal(t, want, got.Map(), "row %d", i+2)
				}
			})
		}
	}
}

func exchangeField(s data.ExchangeSheet, key string) (data.ExchangeField, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return data.ExchangeField{}, false
}

func TestWriteErrorWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := writeWorkbook(t, dir, "in.xlsx", testSheet{"年度产值", [][]any{outputHeaders[:5],
		{"91210200MA0QCJ5X4T", "大连海宝", 2024, "很多", 10},
		{"91210200MA0QCJ6X2R", "大连化新", "24", 100, "-5"},
	}}, testSheet{"专利", [][]any{{"申请号", "名称"}, {"201710601862.3", "一种装置"}}})
	f, err := excelize.OpenFile(src)
	require.NoError(t, err)
	style, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle("年度产值", "E3", "E3", style))
	require.NoError(t, f.AddComment("年度产值", excelize.Comment{Cell: "E3", Author: "企业", Text: "按快报填写"}))
	require.NoError(t, f.Save())
	f.Close()

	read, err := ReadWorkbook(context.Background(), src, ReadOptions{})
	require.NoError(t, err)
	issues := append(read.Issues, data.ImportIssue{File: src, Sheet: "年度产值", Row: 3,
		Err: &data.Error{Code: data.Invalid, Key: "err.import.int", Args: map[string]any{"Value": "整行"}}})
	var keys []string
	for _, is := range issues {
		keys = append(keys, is.Err.(*data.Error).Key+"@"+is.Sheet+"!"+is.Cell)
	}
	assert.ElementsMatch(t, []string{"err.import.amount@年度产值!D2", "err.import.year@年度产值!C3",
		"err.import.amount_negative@年度产值!E3", "err.import.missing_column@专利!", "err.import.missing_column@专利!",
		"err.import.missing_column@专利!", "err.import.int@年度产值!"}, keys)

	out := filepath.Join(dir, "errors.xlsx")
	fh, err := os.Create(out)
	require.NoError(t, err)
	require.NoError(t, WriteErrorWorkbook(src, issues, fh, "en"))
	require.NoError(t, fh.Close())

	g, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer g.Close()
	isRed := func(sheet, cell string) bool {
		id, err := g.GetCellStyle(sheet, cell)
		require.NoError(t, err)
		st, err := g.GetStyle(id)
		require.NoError(t, err)
		return st.Fill.Type == "pattern" && len(st.Fill.Color) == 1 && strings.EqualFold(st.Fill.Color[0], errorFill)
	}
	for _, cell := range []string{"D2", "C3", "E3", "A3"} {
		assert.True(t, isRed("年度产值", cell), cell)
	}
	for _, cell := range []string{"A2", "B2", "C2", "E2", "D3", "A1"} {
		assert.False(t, isRed("年度产值", cell), cell)
	}
	assert.True(t, isRed("专利", "A1"), "a sheet's problem is marked on A1")
	v, err := g.GetCellValue("年度产值", "D2")
	require.NoError(t, err)
	assert.Equal(t, "很多", v, "the value is kept")
	id, _ := g.GetCellStyle("年度产值", "E3")
	st, _ := g.GetStyle(id)
	assert.Equal(t, 4, st.NumFmt, "the cell keeps its number format")

	comments := commentsOf(t, g, "年度产值")
	assert.Contains(t, comments["D2"], "\"很多\" is not an amount")
	assert.Contains(t, comments["C3"], "\"24\" is not a four-digit year")
	assert.Contains(t, comments["E3"], "按快报填写", "the company's own comment is kept")
	assert.Contains(t, comments["E3"], "must not be negative")
	assert.Contains(t, comments["A3"], "\"整行\" is not a whole number", "a row's problem is on its first cell")
	assert.NotContains(t, comments, "A2")
	patents := commentsOf(t, g, "专利")
	assert.Contains(t, patents["A1"], "the required column \"Filed\" is missing")
	assert.Contains(t, patents["A1"], "Legal status", "all of a cell's problems are in its comment")

	var zh strings.Builder
	require.NoError(t, WriteErrorWorkbook(src, issues, &zh, "zh"))
	h, err := excelize.OpenReader(strings.NewReader(zh.String()))
	require.NoError(t, err)
	defer h.Close()
	assert.Contains(t, commentsOf(t, h, "年度产值")["D2"], "“很多”不是金额")

	var de *data.Error
	err = WriteErrorWorkbook(filepath.Join(dir, "nothing.xlsx"), issues, &zh, "zh")
	require.True(t, errors.As(err, &de))
	assert.Equal(t, "err.import.read", de.Key)
}

func commentsOf(t *testing.T, f *excelize.File, sheet string) map[string]string {
	list, err := f.GetComments(sheet)
	require.NoError(t, err)
	out := map[string]string{}
	for _, c := range list {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		out[c.Cell] += text
	}
	return out
}
