package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
)

func openDemo(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(demoDB(t))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func noWindowsFonts(t *testing.T) {
	old := reports.SystemFontsDir
	reports.SystemFontsDir = ""
	t.Cleanup(func() { reports.SystemFontsDir = old })
}

func TestBriefFontsAreThoseChosenInSettings(t *testing.T) {
	noWindowsFonts(t)
	ctx := context.Background()
	s := openDemo(t)
	fs, err := settingsBriefFonts(ctx, s)
	require.NoError(t, err)
	assert.Equal(t, "bundled:FandolFang-Regular.ttf", fs.Primary(reports.RoleBody).Name, "nothing chosen: the defaults")

	kai := filepath.Join(t.TempDir(), "kai.ttf")
	require.NoError(t, os.WriteFile(kai, assets.KaiFont, 0o644))
	require.NoError(t, s.SetBriefFont(ctx, "body", kai))
	fs, err = settingsBriefFonts(ctx, s)
	require.NoError(t, err)
	assert.Equal(t, kai, fs.Primary(reports.RoleBody).Name)

	require.NoError(t, os.Remove(kai))
	_, err = settingsBriefFonts(ctx, s)
	require.Error(t, err, "a chosen font that went away stops the brief")
	var stderr bytes.Buffer
	assert.Equal(t, exitRefused, refuse(zh, &stderr, err))
	assert.Equal(t, "简报正文字体：找不到字体文件“kai.ttf”\n", stderr.String(), "the message names the role and the file")
}

func TestMissingCharsAreListedByRecordAndField(t *testing.T) {
	noWindowsFonts(t)
	ctx := context.Background()
	s := openDemo(t)
	fonts, err := settingsBriefFonts(ctx, s)
	require.NoError(t, err)
	b, err := reports.BriefKindNamed("output").Load(ctx, s, 2025, "zh", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), fonts)
	require.NoError(t, err)
	var out bytes.Buffer
	assert.False(t, printMissingChars(zh, &out, b.Value, fonts, false), "the sample prints whole")
	assert.Empty(t, out.String())

	b.Value.(*reports.OutputBrief).Summary.Rows[0].Name = "大连\U0002A6A5科技有限公司"
	assert.True(t, printMissingChars(zh, &out, b.Value, fonts, false))
	assert.Equal(t, "企业“大连\U0002A6A5科技有限公司”的名称：\U0002A6A5（U+2A6A5）\n"+
		"以上文字中有字体里没有的字，简报未生成。请修改这些记录，或在“设置”中选择包含这些字的字体，或加 --mark-missing 以〓标出缺字。\n",
		out.String())

	out.Reset()
	assert.True(t, printMissingChars(zh, &out, b.Value, fonts, true))
	assert.Contains(t, out.String(), "以上缺字在简报中以〓标出。")
	b.SetFonts(fonts.WithMarkMissing(true))
	var pdf bytes.Buffer
	require.NoError(t, b.WritePDF(&pdf), "with --mark-missing the brief is written")
}

// TestBriefCommandStopsOnMissingCharsOrMarksThem: `scitech brief` with a company name no font can print lists
// it and writes nothing (exit 1); with --mark-missing it writes the brief with 〓 where the character was.
func TestBriefCommandStopsOnMissingCharsOrMarksThem(t *testing.T) {
	t.Parallel()
	noWindowsFonts(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	ctx := context.Background()
	db := demoDB(t)
	s, err := data.Open(db)
	require.NoError(t, err)
	found, err := s.Companies(ctx, data.CompanyFilter{Query: "大连海宝渔业有限公司"}) // first of the brief's top ten
	require.NoError(t, err)
	require.Len(t, found, 1)
	c := found[0]
	c.Name = "大连\U0002A6A5海洋科技有限公司"
	require.NoError(t, s.UpdateCompany(ctx, &c))
	require.NoError(t, s.Close())

	pdf := filepath.Join(t.TempDir(), "brief.pdf")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--pdf", pdf, "--db", db)
	require.Equal(t, exitRefused, code, errs)
	assert.Contains(t, errs, "大连\U0002A6A5海洋科技有限公司")
	assert.Contains(t, errs, "U+2A6A5")
	assert.NoFileExists(t, pdf, "nothing is written")

	code, _, errs = runCLI(t, "brief", "output", "--year", "2025", "--pdf", pdf, "--mark-missing", "--db", db)
	require.Equal(t, exitOK, code, errs)
	out, err := exec.Command("pdftotext", pdf, "-").Output()
	require.NoError(t, err)
	assert.Contains(t, strings.Join(strings.Fields(string(out)), ""), "大连〓海洋科技有限公", "the name, marked, in the top-ten table")
}
