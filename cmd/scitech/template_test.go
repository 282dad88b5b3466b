package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// runTemplateCLI calls the sub-command directly, as cli.go dispatches "template" to it.
func runTemplateCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runTemplate(args, &out, &errb)
	return code, out.String(), errb.String()
}

// haibaoUSCC is the code of the first sample company, 大连海宝渔业有限公司.
const haibaoUSCC = "91210212MA07TC0001"

func TestTemplateCommand(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()

	path := filepath.Join(dir, "海宝.xlsx")
	code, out, errs := runTemplateCLI(t, path, "--company", "9121 0212ma07tc0001", "--year", "2025", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Regexp(t, `^`+regexp.QuoteMeta(path)+`：8 个工作表（企业、年度产值、往年申报数据、专利、知识产权、企业情况、产学研合作、合作成果），已填入大连海宝渔业有限公司的 \d+ 行\n$`, out,
		"it says what it wrote")
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"企业", "年度产值", "往年申报数据", "专利", "知识产权", "企业情况", "产学研合作", "合作成果", "_meta"}, f.GetSheetList())
	name, err := f.GetCellValue("企业", "B2")
	require.NoError(t, err)
	assert.Equal(t, "大连海宝渔业有限公司", name)

	blank := filepath.Join(dir, "blank.xlsx")
	code, out, errs = runTemplateCLI(t, "--lang", "en", blank, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, blank+"：8 个工作表（Companies、Annual output、Declared figures、Patents、IP rights、Company facts、Cooperations、Outcomes），空白模板\n", out,
		"the sheets by the names the English file gives them, in the words of the command line")
	g, err := excelize.OpenFile(blank)
	require.NoError(t, err)
	defer g.Close()
	assert.Equal(t, "Companies", g.GetSheetName(0))
}

func TestTemplateCommandRefuses(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "t.xlsx")
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no file", []string{"--db", db}, 2, "usage"},
		{"two files", []string{path, path, "--db", db}, 2, "usage"},
		{"not xlsx", []string{filepath.Join(dir, "t.xls"), "--db", db}, 2, ".xlsx"},
		{"bad flag", []string{path, "--colour", "red", "--db", db}, 2, "colour"},
		{"bad language", []string{path, "--lang", "fr", "--db", db}, 2, "--lang"},
		{"bad year", []string{path, "--year", "abc", "--db", db}, 2, "year"},
		{"wrong check character", []string{path, "--company", "91210212MA07TC0002", "--db", db}, 1, "校验位"},
		{"no such company", []string{path, "--company", "91350100M000100Y43", "--db", db}, 1, "91350100M000100Y43"},
		{"short code", []string{path, "--company", "9121", "--db", db}, 1, "18"},
		{"year out of range", []string{path, "--company", haibaoUSCC, "--year", "1800", "--db", db}, 1, "1990"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runTemplateCLI(t, c.args...)
			assert.Equal(t, c.code, code, errs)
			assert.Empty(t, out)
			assert.Contains(t, errs, c.msg)
			_, err := os.Stat(path)
			assert.True(t, os.IsNotExist(err), "nothing written")
		})
	}
}
