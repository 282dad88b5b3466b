package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// outputRows is the sheetData of an outputs sheet: the header and n data rows, as inline strings.
func outputRows(n int, damage func(row int) string) string {
	var b strings.Builder
	b.WriteString(inlineRow("1", "统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）"))
	for r := 2; r <= n+1; r++ {
		name := "企业" + fmt.Sprint(r)
		if damage != nil {
			name += damage(r)
		}
		b.WriteString(inlineRow(fmt.Sprint(r), "91210200MA0QCJ5X4T", name, "2024", "1", "2"))
	}
	return b.String()
}

// A sheet cut short by an XML error is refused whole, naming the sheet and the row where it breaks; so is the
// problems workbook, which reads the same file.
func TestReadWorkbookRefusesASheetThatDoesNotParseWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := goodOutputs(t, dir)
	at := func(bad string) func(int) string {
		return func(r int) string {
			if r == 50 {
				return bad
			}
			return ""
		}
	}
	full := sheetXML(outputRows(100, nil))
	cases := map[string]string{
		"control character": sheetXML(outputRows(100, at("\x01"))),
		"undefined entity":  sheetXML(outputRows(100, at("&nbsp;"))),
		"garbage":           sheetXML(outputRows(100, at("</t></is></c></row><<<garbage"))),
		"truncated end":     full[:len(full)*2/3],
		"no end at all":     strings.TrimSuffix(full, "</sheetData></worksheet>"),
		"garbage after":     full[:len(full)-len("</worksheet>")] + "<mergeCells><<</worksheet>",
		"bad byte":          sheetXML(outputRows(100, at("\xff\xfe"))),
		"bad declaration":   strings.Replace(full, `version="1.0"`, `version="1.1"`, 1),
	}
	for name, xml := range cases {
		t.Run(name, func(t *testing.T) {
			p := rewriteZip(t, good, filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".xlsx"),
				map[string]string{"xl/worksheets/sheet1.xml": xml})
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			assertFileError(t, err, "err.import.xml", p)
			assert.Empty(t, read.Rows, "nothing of the file is imported")
			de := err.(*data.Error)
			assert.Equal(t, "年度产值", de.Args["Sheet"])
			assert.NotEmpty(t, de.Args["Row"], "the place is named")
			assert.NotEmpty(t, de.Args["Line"])
			werr := WriteErrorWorkbook(p, []data.ImportIssue{{Sheet: "年度产值", Row: 2, Cell: "A2", Err: &data.Error{Key: "err.import.date"}}}, discard{}, "zh")
			assertFileError(t, werr, "err.import.xml", p)
		})
	}
	t.Run("whole", func(t *testing.T) {
		p := rewriteZip(t, good, filepath.Join(dir, "whole.xlsx"), map[string]string{"xl/worksheets/sheet1.xml": full})
		read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
		require.NoError(t, err)
		assert.Len(t, read.Rows, 100)
	})
}

// Two parts of one name (zip names compare without case in a workbook) would let the checks read one part and
// excelize the other: refused.
func TestReadWorkbookRefusesAPartNamedTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good, err := os.ReadFile(goodOutputs(t, dir))
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
		if f.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.Create("xl/worksheets/Sheet1.xml")
			require.NoError(t, err)
			_, err = io.WriteString(w, sheetXML(outputRows(3, nil)))
			require.NoError(t, err)
		}
	}
	require.NoError(t, zw.Close())
	p := filepath.Join(dir, "twice.xlsx")
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	_, err = ReadWorkbook(context.Background(), p, ReadOptions{})
	assertFileError(t, err, "err.import.corrupt", p)
}

// The shared strings parse whole too, even when no cell of the rows read refers to them.
func TestReadWorkbookRefusesBrokenSharedStrings(t *testing.T) {
	t.Parallel()
	sheet := sheetXML(outputRows(3, nil))
	for name, sst := range map[string]string{
		"control character": strings.Replace(testSST, "大连", "大\x01连", 1),
		"cut short":         testSST[:len(testSST)/2],
		"bad declaration":   strings.Replace(testSST, `version="1.0"`, `version="1.1"`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "sst.xlsx")
			require.NoError(t, os.WriteFile(p, namedWorkbook(t, "年度产值", sheet, sst), 0o644))
			read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
			assertFileError(t, err, "err.import.unreadable", p)
			assert.Empty(t, read.Rows)
		})
	}
	p := filepath.Join(t.TempDir(), "sst.xlsx")
	require.NoError(t, os.WriteFile(p, namedWorkbook(t, "年度产值", sheet, testSST), 0o644))
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	require.NoError(t, err)
	assert.Len(t, read.Rows, 3)
}
