package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// runImportCLI runs `scitech import` (called directly: the dispatcher is the lead's).
func runImportCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runImport(args, &out, &errb)
	return code, out.String(), errb.String()
}

func exportTo(t *testing.T, db, kind string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), kind+".xlsx")
	code, _, errs := runCLI(t, "export", kind, path, "--db", db)
	require.Equal(t, 0, code, errs)
	return path
}

// importState is what an import may write: row counts of the tables and the audit and import logs.
func importState(t *testing.T, db string) map[string]int {
	t.Helper()
	s, err := data.Open(db)
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	out := map[string]int{}
	for _, kind := range []string{"companies", "outputs", "patents", "cooperations", "outcomes", "institutions"} {
		tbl, err := s.Export(ctx, kind)
		require.NoError(t, err)
		out[kind] = len(tbl.Rows)
	}
	audit, err := s.AuditLog(ctx, "", 0)
	require.NoError(t, err)
	out["audit"] = len(audit)
	hist, err := s.ImportHistory(ctx, 0)
	require.NoError(t, err)
	out["imports"] = len(hist)
	return out
}

func editCells(t *testing.T, path, sheet string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	for cell, v := range cells {
		require.NoError(t, f.SetCellValue(sheet, cell, v))
	}
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
}

func TestImportAnUnchangedExportChangesNothing(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	for _, kind := range []string{"companies", "outputs", "patents", "cooperations", "outcomes"} {
		path := exportTo(t, db, kind)
		code, out, errs := runImportCLI(t, path, "--dry-run", "--db", db)
		require.Equal(t, 0, code, out+errs)
		assert.Contains(t, out, "新增 0 条，修改 0 条，未变 ", kind)
		assert.Contains(t, out, "问题 0 个", kind)
		assert.Contains(t, out, "试运行：未写入任何数据")
	}
	path := exportTo(t, db, "outputs")
	code, out, _ := runImportCLI(t, path, "--dry-run", "--db", db)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "新增 0 条，修改 0 条，未变 72 条，问题 0 个")
}

func TestImportAnEditedExportChangesThatCell(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	path := exportTo(t, db, "outputs")
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	uscc, _ := f.GetCellValue("年度产值", "A2")
	name, _ := f.GetCellValue("年度产值", "B2")
	year, _ := f.GetCellValue("年度产值", "C2")
	require.NoError(t, f.Close())
	editCells(t, path, "年度产值", map[string]any{"D2": 99999.5})
	before := importState(t, db)

	code, out, errs := runImportCLI(t, path, "--dry-run", "--db", db)
	require.Equal(t, 0, code, out+errs)
	assert.Contains(t, out, "新增 0 条，修改 1 条，未变 71 条，问题 0 个")
	assert.Contains(t, out, "修改\t年度产值  "+uscc+" "+year+"  "+name+"  (年度产值 第 2 行)")
	assert.Contains(t, out, "高新技术产品产值（万元）: ")
	assert.Contains(t, out, " → 99999.50\n")
	assert.Equal(t, before, importState(t, db), "a dry run writes nothing")

	code, out, errs = runImportCLI(t, path, "--db", db)
	require.Equal(t, 0, code, out+errs)
	assert.Contains(t, out, "已导入 outputs.xlsx：新增 0 条，修改 1 条，未变 71 条")
	after := importState(t, db)
	assert.Equal(t, before["audit"]+1, after["audit"])
	assert.Equal(t, before["imports"]+1, after["imports"])

	s, err := data.Open(db)
	require.NoError(t, err)
	c, err := s.CompanyByUSCC(context.Background(), uscc)
	require.NoError(t, err)
	outs, err := s.Outputs(context.Background(), c.ID)
	require.NoError(t, err)
	var got data.Yuan
	for _, o := range outs {
		if year == "2024" && o.Year == 2024 || year == "2025" && o.Year == 2025 {
			got = o.Output
		}
	}
	assert.Equal(t, data.Yuan(999995000), got)
	hist, err := s.ImportHistory(context.Background(), 1)
	require.NoError(t, err)
	assert.Equal(t, "outputs.xlsx", hist[0].FileName)
	assert.Len(t, hist[0].Checksum, 64)
	require.NoError(t, s.Close())

	code, out, _ = runImportCLI(t, path, "--db", db)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "新增 0 条，修改 0 条，未变 72 条", "importing the same file again changes nothing")
	assert.Equal(t, after["audit"], importState(t, db)["audit"])
}

func TestImportOfABadFileWritesNothingAndMarksTheCells(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	path := exportTo(t, db, "outputs")
	editCells(t, path, "年度产值", map[string]any{
		"A3": "91210212MA0000000X", // check character wrong
		"E4": 9999999.0,            // added value above output
		"D2": 999999.0,             // a valid change in the same file: not written either
	})
	before := importState(t, db)
	errFile := filepath.Join(t.TempDir(), "errors.xlsx")
	code, out, errs := runImportCLI(t, path, "--errors", errFile, "--db", db)
	require.Equal(t, 1, code, out+errs)
	assert.Contains(t, out, "问题\t年度产值 第 3 行 A3 统一社会信用代码 “91210212MA0000000X”: 校验位应为")
	assert.Contains(t, out, "问题\t年度产值 第 4 行 E4 增加值（万元） “9999999”: 增加值不能大于产值")
	assert.Contains(t, errs, "未写入任何数据")
	assert.Equal(t, before, importState(t, db), "nothing was written")

	f, err := excelize.OpenFile(errFile)
	require.NoError(t, err)
	defer f.Close()
	comments, err := f.GetComments("年度产值")
	require.NoError(t, err)
	cells := map[string]bool{}
	for _, c := range comments {
		cells[c.Cell] = true
	}
	assert.True(t, cells["A3"] && cells["E4"], "each bad cell is commented: %v", cells)
}

func TestImportUsageAndUnreadableFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	code, _, errs := runImportCLI(t, "--db", db)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "scitech import FILE.xlsx")

	csv := filepath.Join(t.TempDir(), "outputs.xlsx")
	require.NoError(t, os.WriteFile(csv, []byte("uscc,year\n91210212MA0000000X,2025\n"), 0o644))
	before := importState(t, db)
	code, _, errs = runImportCLI(t, csv, "--db", db)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "outputs.xlsx")
	assert.Equal(t, before, importState(t, db))
}

func TestImportSeveralFilesOnlyWhenAllAreClean(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	good := exportTo(t, db, "outputs")
	editCells(t, good, "年度产值", map[string]any{"D2": 999999.0})
	bad := exportTo(t, db, "patents")
	editCells(t, bad, "专利", map[string]any{"A2": "201710601862.4"})
	before := importState(t, db)
	code, out, _ := runImportCLI(t, good, bad, "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "文件 "+good)
	assert.Contains(t, out, "文件 "+bad)
	assert.Equal(t, before, importState(t, db), "the clean file is not written while another has problems")
}

func TestImportATemplateSentBackUnchanged(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	s, err := data.Open(db)
	require.NoError(t, err)
	cs, err := s.Companies(context.Background(), data.CompanyFilter{Limit: 1})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	path := filepath.Join(t.TempDir(), "template.xlsx")
	var out, errb bytes.Buffer
	require.Equal(t, 0, runTemplate([]string{path, "--company", cs[0].USCC, "--db", db}, &out, &errb), errb.String())
	before := importState(t, db)
	code, stdout, stderr := runImportCLI(t, path, "--db", db)
	require.Equal(t, 0, code, stdout+stderr)
	assert.Contains(t, stdout, "新增 0 条，修改 0 条，未变 ")
	assert.Contains(t, stdout, "问题 0 个")
	after := importState(t, db)
	assert.Equal(t, before["audit"], after["audit"], "nothing was written")
	assert.Equal(t, before["imports"]+1, after["imports"], "the import is logged with zero counts")
}
