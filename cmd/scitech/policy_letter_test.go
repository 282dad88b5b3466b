package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), "")
}

// --company with --pdf and --xlsx writes the company's check-up letter: both policies, its name, the verdicts.
func TestPolicyWritesTheCompanysLetter(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "体检.pdf"), filepath.Join(dir, "体检.xlsx")
	code, out, errs := runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--company", "91210212MA0WWW4001",
		"--pdf", pdf, "--xlsx", xlsx, "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, pdf+"\n"+xlsx+"\n", out, "the paths written, as scitech brief prints them")
	text := pdfToText(t, pdf)
	for _, want := range []string{"大连光洋数控科技有限公司：", "一、高新技术企业认定：", "二、科技型中小企业评价：", "旅顺口区科学技术局"} {
		assert.Contains(t, text, want)
	}
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"高新技术企业认定", "科技型中小企业评价"}, f.GetSheetList())

	// 科小's rules begin in 2022: a 高企 letter of 2021 holds the 高企 check alone, where it was refused whole;
	// a 科小 one of 2021 is refused, with nothing written.
	pdf21 := filepath.Join(dir, "2021.pdf")
	code, _, errs = runPolicyCLI("--policy", "gaoqi", "--year", "2021", "--company", "91210212MA0WWW4001", "--pdf", pdf21, "--db", db)
	require.Equal(t, exitOK, code, errs)
	text = pdfToText(t, pdf21)
	assert.Contains(t, text, "一、高新技术企业认定：")
	assert.NotContains(t, text, "科技型中小企业评价：")
	code, _, errs = runPolicyCLI("--policy", "kexiao", "--year", "2021", "--company", "91210212MA0WWW4001", "--pdf", pdf21+"k", "--db", db)
	assert.Equal(t, exitRefused, code, errs)
	assert.NoFileExists(t, pdf21+"k")
}

// Without --company, --pdf writes the 高企培育库; asking one of 科小 is a usage error, and an unknown company is
// refused with nothing written.
func TestPolicyWritesThePipeline(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "培育库.pdf")
	code, _, errs := runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--pdf", pdf, "--lang", "en", "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, pdfToText(t, pdf), "High-techenterprisepipeline2025")

	code, _, errs = runPolicyCLI("--policy", "kexiao", "--year", "2025", "--pdf", filepath.Join(dir, "k.pdf"), "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "培育库只有高企")

	bad := filepath.Join(dir, "nobody.pdf")
	code, _, _ = runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--company", "91210212MA0NOBODY0", "--pdf", bad, "--db", db)
	assert.NotEqual(t, exitOK, code)
	_, err := os.Stat(bad)
	assert.True(t, os.IsNotExist(err), "nothing written for a company that is not there")
}

// The letter and the 培育库 are never written over a font chosen in Settings, which printing them reads (brief
// refused it; policy replaced the font with the PDF and said so with exit 0).
func TestPolicyPapersNeverOverwriteTheChosenFont(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	kai := filepath.Join(t.TempDir(), "kai.ttf")
	require.NoError(t, os.WriteFile(kai, assets.KaiFont, 0o644))
	s, err := data.Open(db)
	require.NoError(t, err)
	require.NoError(t, s.SetBriefFont(context.Background(), "body", kai))
	require.NoError(t, s.Close())
	for _, args := range [][]string{
		{"--company", "91210212MA0WWW4001", "--pdf", kai},
		{"--company", "91210212MA0WWW4001", "--xlsx", kai},
		{"--pdf", kai},
	} {
		code, out, errs := runPolicyCLI(append([]string{"--policy", "gaoqi", "--year", "2025", "--db", db}, args...)...)
		assert.Equal(t, exitUsage, code, errs)
		assert.Contains(t, errs, "不能写入")
		assert.Empty(t, out)
		font, err := os.ReadFile(kai)
		require.NoError(t, err)
		assert.Equal(t, assets.KaiFont, font, "the chosen font is untouched: %v", args)
	}
}
