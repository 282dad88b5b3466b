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

	"scitech/data"
)

// pdfWords is the text of a PDF without spaces or line breaks.
func pdfWords(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), "")
}

// The clerk's round trip on the command line: --text-out writes the brief's text, the clerk edits a paragraph,
// --text prints it; a figure typed over by hand is warned of in a draft and refuses 签发 until --keep-figures;
// the register keeps the edited text as it was given.
func TestBriefTextFileEditedOnTheCommandLine(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	textPath := filepath.Join(dir, "work.txt")
	code, out, errs := runCLI(t, "brief", "work", "--year", "2025", "--text-out", textPath, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, textPath+"\n", out)
	body, err := os.ReadFile(textPath)
	require.NoError(t, err)
	require.Contains(t, string(body), "【标题】科技服务平台助力高新技术产业发展\n")

	edited := strings.Replace(string(body), "加快推进科技孵化器建设。", "全区孵化服务提质增效。", 1)
	require.NoError(t, os.WriteFile(textPath, []byte(edited), 0o644))
	pdf := filepath.Join(dir, "draft.pdf")
	code, _, errs = runCLI(t, "brief", "work", "--year", "2025", "--text", textPath, "--pdf", pdf, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs, "no figure was changed")
	words := pdfWords(t, pdf)
	assert.Contains(t, words, "全区孵化服务提质增效。")
	assert.NotContains(t, words, "加快推进科技孵化器建设。")

	byHand := strings.Replace(edited, "47.45亿元", "48.45亿元", 1)
	require.NoError(t, os.WriteFile(textPath, []byte(byHand), 0o644))
	code, _, errs = runCLI(t, "brief", "work", "--year", "2025", "--text", textPath, "--pdf", pdf, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "注意：数字“48.45”与数据不符", "a draft is written, with a warning")

	code, out, errs = runCLI(t, "brief", "work", "--year", "2025", "--text", textPath, "--issue", "--db", db)
	assert.Equal(t, 1, code, "a hand-changed figure refuses 签发")
	assert.Empty(t, out)
	assert.Contains(t, errs, "48.45")
	assert.Contains(t, errs, "--keep-figures")

	code, out, errs = runCLI(t, "brief", "work", "--year", "2025", "--text", textPath, "--issue", "--keep-figures", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "第1期\t"), "the refused attempt took no number: %s", out)
	s, err := data.Open(db)
	require.NoError(t, err)
	defer s.Close()
	kept, err := s.IssuedBriefFile(context.Background(), 1, data.BriefText)
	require.NoError(t, err)
	assert.Equal(t, byHand, string(kept), "the register keeps the text as given")

	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("【标题】简报\n\n【表格】x\n"), 0o644))
	code, _, errs = runCLI(t, "brief", "work", "--year", "2025", "--text", bad, "--pdf", pdf, "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "第3行")
	code, _, _ = runCLI(t, "brief", "work", "--year", "2025", "--text", filepath.Join(dir, "none.txt"), "--pdf", pdf, "--db", db)
	assert.Equal(t, 2, code, "an unreadable file")
}
