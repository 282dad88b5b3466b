package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/reports/exchange"
)

// Issue 14 items 5, 7 and 8 through `scitech import`: the files of one import go in together or not at all,
// the problems workbook never lands on an input or the database, and the problems listed are capped.

// copyTo copies src to dst (made with its folder).
func copyTo(t *testing.T, src, dst string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
	require.NoError(t, os.WriteFile(dst, b, 0o644))
	return dst
}

func TestImportSeveralFilesSettingARecordAlikeGoInTogether(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	x := exportTo(t, db, "outputs")
	editCells(t, x, "年度产值", map[string]any{"D2": 999999.0})
	y := copyTo(t, x, filepath.Join(t.TempDir(), "again", "outputs-copy.xlsx"))
	before := importState(t, db)

	code, out, errs := runImportCLI(t, x, y, "--db", db)
	require.Equal(t, 0, code, "the second file's record was written by the first, not 'changed after the preview': "+out+errs)
	assert.Contains(t, out, "这些文件一起导入")
	assert.Contains(t, out, "已导入 outputs.xlsx：新增 0 条，修改 1 条")
	assert.Contains(t, out, "已导入 outputs-copy.xlsx：新增 0 条，修改 0 条，未变 72 条")
	after := importState(t, db)
	assert.Equal(t, before["audit"]+1, after["audit"], "the record is written once")
	assert.Equal(t, before["imports"]+2, after["imports"], "each file has its row in the history")
}

func TestImportSeveralFilesSettingARecordDifferentlyIsAProblemAndWritesNothing(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	x := exportTo(t, db, "outputs")
	y := copyTo(t, x, filepath.Join(t.TempDir(), "y.xlsx"))
	editCells(t, x, "年度产值", map[string]any{"D2": 999999.0})
	editCells(t, y, "年度产值", map[string]any{"D2": 888888.0, "D3": 777777.0})
	before := importState(t, db)

	code, out, errs := runImportCLI(t, x, y, "--db", db)
	require.Equal(t, 1, code, out+errs)
	assert.Contains(t, out, "问题\t年度产值 第 2 行 C2 年度")
	assert.Contains(t, out, "文件“outputs.xlsx”（年度产值 第 2 行）对“")
	assert.Contains(t, errs, "未写入任何数据")
	assert.Equal(t, before, importState(t, db), "not the first file, not the second's other change")
}

func TestImportRefusesAProblemsWorkbookOnAnInputOrTheDatabase(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "outputs.xlsx")
	copyTo(t, exportTo(t, db, "outputs"), bad)
	editCells(t, bad, "年度产值", map[string]any{"A3": "91210212MA0000000X"})
	original, err := os.ReadFile(bad)
	require.NoError(t, err)
	link := filepath.Join(t.TempDir(), "link.xlsx")
	require.NoError(t, os.Symlink(bad, link))
	hard := filepath.Join(t.TempDir(), "hard.xlsx")
	require.NoError(t, os.Link(bad, hard))
	other := copyTo(t, bad, filepath.Join(dir, "errs-outputs.xlsx"))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	before := importState(t, db)

	cases := []struct {
		name  string
		args  []string
		wrote string // the file that must stay as it was
	}{
		{"the input", []string{bad, "--errors", bad}, bad},
		{"the input spelled with ..", []string{bad, "--errors", filepath.Join(dir, "sub", "..", "outputs.xlsx")}, bad},
		{"a link to the input", []string{bad, "--errors", link}, bad},
		{"a hard link of the input", []string{bad, "--errors", hard}, bad},
		{"the input through a link", []string{link, "--errors", bad}, bad},
		{"another input named after the first", []string{bad, other, "--errors", filepath.Join(dir, "errs.xlsx")}, other},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runImportCLI(t, append(c.args, "--db", db)...)
			assert.Equal(t, 2, code, out+errs)
			assert.Contains(t, errs, "不能写入")
			now, err := os.ReadFile(c.wrote)
			require.NoError(t, err)
			assert.Equal(t, original, now, "the company's workbook is as it was")
		})
	}
	assert.Equal(t, before, importState(t, db))

	// The database itself, named .xlsx to pass the usage check, and through a link.
	xdb := filepath.Join(t.TempDir(), "data.xlsx")
	copyTo(t, db, xdb)
	dbLink := filepath.Join(t.TempDir(), "db-link.xlsx")
	require.NoError(t, os.Symlink(xdb, dbLink))
	for _, target := range []string{xdb, dbLink} {
		code, out, errs := runImportCLI(t, bad, "--errors", target, "--db", xdb)
		assert.Equal(t, 2, code, out+errs)
		assert.Contains(t, errs, "不能写入")
	}
	assert.Equal(t, before, importState(t, xdb), "the database is whole and unchanged")
}

// writeBadOutputs writes an outputs sheet (the export's header) of n rows whose company code has a wrong check
// character: one problem a row.
func writeBadOutputs(t *testing.T, db string, n int) string {
	t.Helper()
	src := exportTo(t, db, "outputs")
	f, err := excelize.OpenFile(src)
	require.NoError(t, err)
	defer f.Close()
	header, err := f.GetRows("年度产值")
	require.NoError(t, err)
	out := excelize.NewFile()
	defer out.Close()
	require.NoError(t, out.SetSheetName("Sheet1", "年度产值"))
	sw, err := out.NewStreamWriter("年度产值")
	require.NoError(t, err)
	row := make([]any, len(header[0]))
	for i, h := range header[0] {
		row[i] = h
	}
	require.NoError(t, sw.SetRow("A1", row))
	for i := 0; i < n; i++ {
		vals := make([]any, len(header[0]))
		for j := range vals {
			vals[j] = header[1][j]
		}
		vals[0] = fmt.Sprintf("91210212MA%07dX", i)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		require.NoError(t, sw.SetRow(cell, vals))
	}
	require.NoError(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "bad-outputs.xlsx")
	require.NoError(t, out.SaveAs(path))
	return path
}

func TestImportListsTheFirstThousandProblemsAndCountsTheRest(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	path := writeBadOutputs(t, db, 2500)
	errFile := filepath.Join(t.TempDir(), "errors.xlsx")
	before := importState(t, db)
	code, out, errs := runImportCLI(t, path, "--errors", errFile, "--db", db)
	require.Equal(t, 1, code, errs)
	assert.Equal(t, 1000, strings.Count(out, "  问题\t"), "the first thousand problems are listed")
	assert.Contains(t, out, "问题\t年度产值 第 2 行 A2 ")
	assert.Contains(t, out, "问题\t年度产值 第 1001 行 A1001 ")
	assert.NotContains(t, out, "第 1002 行")
	assert.Contains(t, out, "问题 2500 个", "the summary counts them all")
	assert.Contains(t, out, "……另有 1500 个问题未列出（只列出前 1000 个）")
	assert.Contains(t, errs, "共 2500 个问题")
	assert.Equal(t, before, importState(t, db))

	f, err := excelize.OpenFile(errFile)
	require.NoError(t, err)
	defer f.Close()
	comments, err := f.GetComments("年度产值")
	require.NoError(t, err)
	byCell := map[string]string{}
	for _, c := range comments {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		byCell[c.Cell] = text
	}
	assert.Len(t, byCell, 1001, "the first thousand cells are marked, and A1 says how many are not")
	assert.Contains(t, byCell["A1"], "只标出了前 1000 个问题，另有 1500 个未标出")
	assert.Contains(t, byCell["A1001"], "校验位")
	assert.NotContains(t, byCell, "A1002")
}

func TestImportShowsTheReadersWarnings(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	path := exportTo(t, db, "companies")
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	name, err := f.GetCellValue("企业", "B2")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	editCells(t, path, "企业", map[string]any{"B2": name + "\u200b"}) // a zero-width space after the name
	code, out, errs := runImportCLI(t, path, "--dry-run", "--db", db)
	require.Equal(t, 0, code, out+errs)
	assert.Contains(t, out, "提醒\t", "what the reader removed is said, not only done")
	assert.Contains(t, out, "单元格 B2：已从文字中删除看不见的字符")
	assert.Contains(t, out, "新增 0 条，修改 0 条", "the name without the character is the name it was")
}

func TestImportOfALargeFileListsItsProblemsInsteadOfMarkingACopy(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	path := writeBadOutputs(t, db, 25000)
	errFile := filepath.Join(t.TempDir(), "errors.xlsx")
	code, out, errs := runImportCLI(t, path, "--errors", errFile, "--db", db)
	require.Equal(t, 1, code, errs)
	assert.Contains(t, out, "问题 25000 个")

	f, err := excelize.OpenFile(errFile)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"问题"}, f.GetSheetList(), "a list, not a copy of 25,001 rows held whole to mark 1,000")
	rows, err := f.GetRows("问题")
	require.NoError(t, err)
	require.Len(t, rows, 3+1+1000, "the title, a blank line, the header, the note of how many more, the first thousand")
	assert.Contains(t, rows[0][0], "“bad-outputs.xlsx”中的问题")
	assert.Contains(t, rows[3][2], "只标出了前 1000 个问题，另有 24000 个未标出")
	assert.Equal(t, []string{"年度产值", "A2"}, rows[4][:2])
	assert.Contains(t, rows[4][2], "校验位")
	assert.Equal(t, "91210212MA0000000X", rows[4][3])
}

func TestAFileWithTooManyProblemsToCompareSaysSo(t *testing.T) {
	t.Parallel()
	kept := make([]data.ImportIssue, 1000)
	for i := range kept {
		kept[i] = data.ImportIssue{Sheet: "企业", Row: i + 2, Cell: fmt.Sprintf("A%d", i+2), Field: "uscc",
			Err: &data.Error{Code: data.Invalid, Key: "err.required"}}
	}
	plan := data.UnplannedImport(kept, 3000000, nil, 0)
	var out strings.Builder
	printImportPlan(zh, &out, exchange.WorkbookRead{File: "big.xlsx"}, plan)
	assert.Contains(t, out.String(), "问题至少 3001000 个：问题太多，文件未与数据库比较")
	assert.NotContains(t, out.String(), "新增 0 条", "what it would change is not known, not nothing")
	assert.Contains(t, out.String(), "……另有至少 3000000 个问题未列出（只列出前 1000 个）")
	assert.Equal(t, 1000, strings.Count(out.String(), "  问题\t"))
	n, atLeast := importIssueCount([]exchange.FileImport{{Plan: plan}})
	assert.Equal(t, 3001000, n)
	assert.True(t, atLeast)
	marked := exchange.MarkedIssues(plan)
	assert.Equal(t, "apply.errors_marked_least", marked[0].Err.(*data.Error).Key)
}

// writeOutputsOfBadYears writes an outputs sheet of n rows whose year is not a year: a problem the reader finds
// in every row.
func writeOutputsOfBadYears(t *testing.T, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "年度产值"))
	sw, err := f.NewStreamWriter("年度产值")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{"统一社会信用代码", "年度", "高新技术产品产值（万元）", "增加值（万元）"}))
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		require.NoError(t, sw.SetRow(cell, []any{fmt.Sprintf("91210212MA%07dX", i), "二〇二五", 1, 1}))
	}
	require.NoError(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "bad-years.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

func TestImportOfAFileTheReaderGaveUpOnIsRefusedUncompared(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	path := writeOutputsOfBadYears(t, 1500)
	before := importState(t, db)
	errFile := filepath.Join(t.TempDir(), "errors.xlsx")
	code, out, errs := runImportCLI(t, path, "--errors", errFile, "--db", db)
	require.Equal(t, 1, code, errs)
	assert.Contains(t, out, "问题至少 1500 个：问题太多，文件未与数据库比较", "the reader's count: the planner never ran")
	assert.Equal(t, 1000, strings.Count(out, "  问题\t"))
	assert.Contains(t, out, "……另有至少 500 个问题未列出")
	assert.Contains(t, errs, "至少 1500 个问题，未写入任何数据")
	assert.Equal(t, before, importState(t, db))
	f, err := excelize.OpenFile(errFile)
	require.NoError(t, err)
	defer f.Close()
	comments, err := f.GetComments("年度产值")
	require.NoError(t, err)
	assert.Len(t, comments, 1001, "the first thousand cells, and the note on A1")
}
