package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest/fixture"
)

// zh is the translator of the command line's default language, for tests that call its helpers directly.
var zh = assets.NewTranslator("zh")

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// demoDB is a database file of the test's own (scitech.db in its temporary folder) that `scitech demo` filled
// with the sample set: the command runs once for the test binary and each test gets a copy of what it wrote.
func demoDB(t *testing.T) string {
	t.Helper()
	return fixture.File(t, "demo", "scitech.db", func(db string) error {
		var out, errb bytes.Buffer
		if code := run([]string{"demo", "--db", db}, &out, &errb); code != 0 {
			return fmt.Errorf("scitech demo: exit %d: %s", code, errb.String())
		}
		if !strings.Contains(out.String(), "36 家企业") {
			return fmt.Errorf("scitech demo said %q, not that it loaded 36 companies", out.String())
		}
		return nil
	})
}

func TestDemoThenStats(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	code, out, _ := runCLI(t, "stats", "--year", "2025", "--db", db)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "output_yuan\t4745000000\n")
	assert.Contains(t, out, "added_value_yuan\t1209000000\n")
	assert.Contains(t, out, "output_growth_pct\t9.1\n")
	assert.Contains(t, out, "added_value_growth_pct\t8.0\n")

	code, out, _ = runCLI(t, "stats", "--db", db, "--year", "2025", "--json")
	require.Equal(t, 0, code)
	var m map[string]string
	require.NoError(t, json.Unmarshal([]byte(out), &m))
	assert.Equal(t, "4745000000", m["output_yuan"])

	code, _, errs := runCLI(t, "demo", "--db", db)
	assert.Equal(t, 1, code, "the sample set is refused on a database that holds companies")
	assert.Contains(t, errs, "示例数据只能载入空数据库")
}

func TestBriefOutputWritesBothFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "out.pdf"), filepath.Join(dir, "out.xlsx")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--pdf", pdf, "--xlsx", xlsx, "--db", db)
	require.Equal(t, 0, code, errs)
	head, err := os.ReadFile(pdf)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(head, []byte("%PDF-")))
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	assert.NotEmpty(t, f.GetSheetList())
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".scitech-*"))
	assert.Empty(t, leftovers, "no temporary files are left behind")
}

func TestBriefWorkWritesBothFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		pdf, xlsx := filepath.Join(dir, lang+".pdf"), filepath.Join(dir, lang+".xlsx")
		code, out, errs := runCLI(t, "brief", "work", "--year", "2025", "--lang", lang, "--pdf", pdf, "--xlsx", xlsx,
			"--db", db)
		require.Equal(t, 0, code, errs)
		assert.Equal(t, pdf+"\n"+xlsx+"\n", out)
		head, err := os.ReadFile(pdf)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(head, []byte("%PDF-")))
		f, err := excelize.OpenFile(xlsx)
		require.NoError(t, err)
		v, err := f.GetCellValue(f.GetSheetList()[0], "B6")
		require.NoError(t, err)
		assert.Equal(t, "47.45", v, "the output in 亿元")
		f.Close()
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".scitech-*"))
	assert.Empty(t, leftovers, "no temporary files are left behind")
}

// The brief workbooks open each sheet with a title and a caption row, so their figures start in row 4.
func TestBriefPatentsWritesBothFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		pdf, xlsx := filepath.Join(dir, lang+".pdf"), filepath.Join(dir, lang+".xlsx")
		code, out, errs := runCLI(t, "brief", "patents", "--year", "2025", "--lang", lang, "--pdf", pdf,
			"--xlsx", xlsx, "--db", db)
		require.Equal(t, 0, code, errs)
		assert.Equal(t, pdf+"\n"+xlsx+"\n", out)
		head, err := os.ReadFile(pdf)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(head, []byte("%PDF-")))
		f, err := excelize.OpenFile(xlsx)
		require.NoError(t, err)
		var got []string
		for _, ref := range []string{"B4", "B5", "B6"} {
			v, err := f.GetCellValue(f.GetSheetList()[0], ref, excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			got = append(got, v)
		}
		assert.Equal(t, []string{"63", "31", "206"}, got, "applications, authorizations, valid")
		f.Close()
	}
}

func TestBriefIncubatorsWritesBothFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "i.pdf"), filepath.Join(dir, "i.xlsx")
	code, _, errs := runCLI(t, "brief", "incubators", "--year", "2025", "--pdf", pdf, "--xlsx", xlsx, "--db", db)
	require.Equal(t, 0, code, errs)
	head, err := os.ReadFile(pdf)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(head, []byte("%PDF-")))
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	v, err := f.GetCellValue(f.GetSheetList()[0], "B7")
	require.NoError(t, err)
	assert.Equal(t, "106", v, "the companies signed into incubators")
}

func TestBriefCooperationWritesBothFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		pdf, xlsx := filepath.Join(dir, lang+".pdf"), filepath.Join(dir, lang+".xlsx")
		code, _, errs := runCLI(t, "brief", "cooperation", "--year", "2025", "--lang", lang, "--pdf", pdf,
			"--xlsx", xlsx, "--db", db)
		require.Equal(t, 0, code, errs)
		head, err := os.ReadFile(pdf)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(head, []byte("%PDF-")))
		f, err := excelize.OpenFile(xlsx)
		require.NoError(t, err)
		var got []string
		for _, ref := range []string{"B4", "B5", "B7", "B8"} {
			v, err := f.GetCellValue(f.GetSheetList()[0], ref)
			require.NoError(t, err)
			got = append(got, v)
		}
		assert.Equal(t, []string{"33", "33", "11", "32"}, got, "companies, institutions, bases, outcomes")
		f.Close()
	}
}

func TestBadInputExitCodes(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	empty := filepath.Join(t.TempDir(), "empty.db")
	s, err := data.Open(empty)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	out := filepath.Join(t.TempDir(), "x.pdf")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"brief", "output", "--year", "1800", "--pdf", out, "--db", db}, 1, "年度：应在 1990 到 2100 之间"},
		{[]string{"brief", "output", "--year", "2030", "--pdf", out, "--db", db}, 1, "2030 年没有产值数据"},
		{[]string{"brief", "nonsense", "--year", "2025", "--pdf", out, "--db", db}, 2, "未知的简报种类"},
		{[]string{"brief", "output", "--pdf", out, "--db", db}, 2, "--year"},
		{[]string{"brief", "output", "--year", "2025", "--db", db}, 2, "--pdf"},
		{[]string{"brief", "output", "--year", "x", "--pdf", out, "--db", db}, 2, "invalid value"},
		{[]string{"brief", "work", "--year", "1800", "--pdf", out, "--db", db}, 1, "年度：应在 1990 到 2100 之间"},
		{[]string{"brief", "work", "--year", "2030", "--pdf", out, "--db", db}, 1, "2030 年没有产值数据"},
		{[]string{"brief", "work", "--pdf", out, "--db", db}, 2, "--year"},
		{[]string{"brief", "work", "--year", "2025", "--db", db}, 2, "--pdf"},
		{[]string{"brief", "work", "--year", "2025", "--lang", "fr", "--pdf", out, "--db", db}, 2, "--lang"},
		{[]string{"brief", "patents", "--year", "1800", "--pdf", out, "--db", db}, 1, "年度：应在 1990 到 2100 之间"},
		{[]string{"brief", "patents", "--year", "2030", "--pdf", out, "--db", db}, 1, "2030 年没有专利申请或授权数据"},
		{[]string{"brief", "patents", "--pdf", out, "--db", db}, 2, "--year"},
		{[]string{"brief", "patents", "--year", "2025", "--db", db}, 2, "--pdf"},
		{[]string{"brief", "patents", "--year", "2025", "--lang", "fr", "--pdf", out, "--db", db}, 2, "--lang"},
		{[]string{"brief", "incubators", "--year", "1800", "--pdf", out, "--db", db}, 1, "年度：应在 1990 到 2100 之间"},
		{[]string{"brief", "incubators", "--year", "2025", "--pdf", out, "--db", empty}, 1, "还没有登记孵化器"},
		{[]string{"brief", "incubators", "--year", "2025", "--db", db}, 2, "--pdf"},
		{[]string{"brief", "cooperation", "--year", "1800", "--pdf", out, "--db", db}, 1, "年度：应在 1990 到 2100 之间"},
		{[]string{"brief", "cooperation", "--pdf", out, "--db", db}, 2, "--year"},
		{[]string{"brief", "cooperation", "--year", "2025", "--lang", "fr", "--pdf", out, "--db", db}, 2, "--lang"},
		{[]string{"brief", "--year", "2025", "--pdf", out, "--db", db}, 2, "output, work, patents, incubators, cooperation"},
		{[]string{"stats", "--year", "2025", "--db", t.TempDir()}, 2, "不是普通文件"},
		{[]string{"frobnicate"}, 2, "unknown sub-command"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, c.args...)
		assert.Equal(t, c.code, code, strings.Join(c.args, " "))
		assert.Contains(t, errs, c.msg, strings.Join(c.args, " "))
	}
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err), "a refused brief writes no file")
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"version", "--version", "-version"} {
		code, out, _ := runCLI(t, arg)
		assert.Equal(t, 0, code, arg)
		assert.True(t, strings.HasPrefix(out, "scitech "), arg)
	}
	for _, arg := range []string{"--help", "-h"} {
		_, out, errs := runCLI(t, arg)
		assert.Contains(t, out+errs, "scitech brief", "%s answers with the usage, not the window", arg)
	}
	assert.True(t, opensWindow(nil))
	assert.True(t, opensWindow([]string{"--db", "x.db"}))
	assert.False(t, opensWindow([]string{"stats"}))
	assert.False(t, opensWindow([]string{"--version"}))
}

func TestExportEveryKind(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	for _, kind := range []string{"companies", "outputs", "institutions", "cooperations", "bases", "outcomes",
		"incubators", "applications", "plans", "patents", "parks", "projects"} {
		path := filepath.Join(dir, kind+".xlsx")
		code, _, errs := runCLI(t, "export", kind, path, "--db", db)
		require.Equal(t, 0, code, kind+": "+errs)
		f, err := excelize.OpenFile(path)
		require.NoError(t, err, kind)
		rows, err := f.GetRows(f.GetSheetList()[0])
		require.NoError(t, err)
		assert.Greater(t, len(rows), 1, kind)
		f.Close()
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "patents.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, "专利", f.GetSheetList()[0])
	rows, _ := f.GetRows("专利")
	assert.Equal(t, "申请号", rows[0][0])
	assert.Len(t, rows, 1+276, "every patent of the sample set")
	kinds := map[string]bool{}
	for _, r := range rows[1:] {
		kinds[r[1]] = true
	}
	assert.True(t, kinds["发明"] && kinds["实用新型"], "codes are written as the labels a clerk reads")

	code, _, errs := runCLI(t, "export", "nonsense", filepath.Join(dir, "x.xlsx"), "--db", db)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "unknown record kind")
	code, _, _ = runCLI(t, "export", "patents", filepath.Join(dir, "x.csv"), "--db", db)
	assert.Equal(t, 2, code)
}

func TestDemoScaleBuildsASyntheticDistrict(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "scaled.db")
	code, out, errs := runCLI(t, "demo", "--scale", "300", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "300 家企业")
	code, out, _ = runCLI(t, "stats", "--year", "2025", "--db", db)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "patent_applications\t")
	code, _, errs = runCLI(t, "demo", "--scale", "0", "--db", filepath.Join(t.TempDir(), "x.db"))
	assert.Equal(t, 2, code, "--scale 0 is a usage error, not the sample set: %s", errs)
	code, _, errs = runCLI(t, "demo", "--scale", "-5", "--db", filepath.Join(t.TempDir(), "y.db"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "--scale 应为正整数")
	code, _, errs = runCLI(t, "demo", "--scale", "1000001", "--db", filepath.Join(t.TempDir(), "z.db"))
	assert.Equal(t, 2, code, "a scale past the largest is a usage error, said before a database is made")
	assert.Contains(t, errs, "规模应为 1 到 1,000,000 家企业")

	// On the day it is built the district passes the program's own check (issue 14, item 12): its patents
	// are dated up to today, and none is still recorded in force past the end of its term.
	code, out, errs = runCLI(t, "check", "--db", db)
	assert.Equal(t, 0, code, out+errs)
}

// A command that only reads, given a path where there is no database — a typo, an empty file, a workbook —
// says so (exit 2) and leaves the path as it was: it used to create an empty database there and print its
// zeros as the year's figures with exit 0.
func TestReadingCommandsMakeNoDatabase(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	dir := t.TempDir()
	workbook := filepath.Join(dir, "企业.xlsx")
	require.NoError(t, os.WriteFile(workbook, []byte("PK\x03\x04 a workbook"), 0o644))
	empty := filepath.Join(dir, "empty.db")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	for _, db := range []string{filepath.Join(dir, "typo.db"), empty, workbook} {
		before, _ := os.ReadFile(db)
		for _, args := range [][]string{
			{"stats", "--year", "2025"},
			{"export", "companies", filepath.Join(dir, "out.xlsx")},
			{"template", filepath.Join(dir, "t.xlsx")},
			{"brief", "output", "--year", "2025", "--pdf", filepath.Join(dir, "b.pdf")},
			{"briefs"},
		} {
			code, out, errs := runCLI(t, append(args, "--db", db)...)
			assert.Equal(t, exitUsage, code, "%s on %s: %s%s", args[0], db, out, errs)
			assert.Empty(t, out, args[0])
		}
		after, _ := os.ReadFile(db)
		assert.Equal(t, string(before), string(after), "%s is as it was", db)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no database, lock file or output was made")
	_, _, errs := runCLI(t, "stats", "--year", "2025", "--db", filepath.Join(dir, "typo.db"))
	assert.Contains(t, errs, "找不到数据库文件 "+filepath.Join(dir, "typo.db"))
}

// scitech policy is reached from the command line and named in the usage.
func TestPolicyIsACommand(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	code, out, errs := runCLI(t, "policy", "--policy", "kexiao", "--year", "2025", "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Len(t, strings.Split(strings.TrimSuffix(out, "\n"), "\n"), 36, "a verdict for each company of the sample")
	_, usage, _ := runCLI(t, "help")
	assert.Contains(t, usage, "scitech policy --policy gaoqi|kexiao --year Y")
}
