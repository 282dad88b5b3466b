package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A text file given to brief --text that is no brief's text is refused before anything is printed, each with
// its reason, and no PDF is left: a folder, a pipe where the system has them (specialTextFiles), a file larger than any
// brief's text (/dev/zero took 4 GB), a file saved as GBK or UTF-16 (printed as replacement marks, or refused
// for a missing 【标题】), text with a control character or a bidirectional override (printed, or refused as a
// character no font has). A byte order mark, which Notepad writes, and Windows line ends are read.
func TestBriefRefusesHostileTextFiles(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--text-out", good, "--db", db)
	require.Equal(t, 0, code, errs)
	body, err := os.ReadFile(good)
	require.NoError(t, err)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	gbk := []byte(strings.Replace(string(body), "【标题】", "\xa1\xbe\xb1\xea\xcc\xe2\xa1\xbf", 1)) // 【标题】 in GBK
	huge := bytes.Repeat([]byte("正文。\n"), maxBriefText/10+1)
	cases := []hostileText{
		{"folder", dir, 2, "不是普通文件"},
		{"huge", write("huge.txt", append(append([]byte{}, body...), huge...)), 1, "超过 1 MB"},
		{"gbk", write("gbk.txt", gbk), 1, "不是 UTF-8 文字"},
		{"utf16", write("utf16.txt", append([]byte{0xff, 0xfe}, '#', 0)), 1, "第 1 行不是 UTF-8 文字"},
		{"binary", write("bin.txt", []byte("SQLite format 3\x00\x10\x00\x02\x02\xff")), 1, "不是 UTF-8 文字"},
		{"escape", write("esc.txt", []byte(strings.Replace(string(body), "全区", "全区\x1b[31m", 1))), 1, "（U+001B）"},
		{"bidi", write("bidi.txt", []byte(strings.Replace(string(body), "全区", "全区\u202e", 1))), 1, "（U+202E）"},
		{"nul", write("nul.txt", []byte(strings.Replace(string(body), "全区", "全区\x00", 1))), 1, "第 6 行第"},
	}
	cases = append(cases, specialTextFiles(t, dir)...)
	pdf := filepath.Join(dir, "out.pdf")
	for _, c := range cases {
		code, out, errs := runCLI(t, "brief", "output", "--year", "2025", "--text", c.path, "--pdf", pdf, "--db", db)
		assert.Equal(t, c.code, code, "%s: %s", c.name, errs)
		assert.Contains(t, errs, c.says, c.name)
		assert.Empty(t, out, c.name)
		assert.NoFileExists(t, pdf, c.name)
	}
	for name, b := range map[string][]byte{
		"bom":  append([]byte("\xef\xbb\xbf"), body...),
		"crlf": []byte(strings.ReplaceAll(string(body), "\n", "\r\n")),
	} {
		code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--text", write(name+".txt", b), "--pdf", pdf, "--db", db)
		assert.Equal(t, 0, code, "%s: %s", name, errs)
		assert.NotContains(t, pdfWords(t, pdf), "\ufffd", name)
	}
}

// No output of brief may name its --text file: --text-out rewrote the secretary's file from what the brief read
// of it, dropping their own # notes, and --pdf replaced it with the PDF, both with exit 0.
func TestBriefTextOutIsNeverTheTextItReads(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	text := filepath.Join(t.TempDir(), "brief.txt")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--text-out", text, "--db", db)
	require.Equal(t, 0, code, errs)
	body, err := os.ReadFile(text)
	require.NoError(t, err)
	edited := append(body, "\n# 秘书备注：此段待局长审定\n这一段是秘书加的。\n"...)
	require.NoError(t, os.WriteFile(text, edited, 0o644))
	for _, args := range [][]string{
		{"--text-out", text}, {"--text-out", filepath.Join(filepath.Dir(text), ".", "brief.txt")}, {"--pdf", text}, {"--xlsx", text},
	} {
		code, _, errs = runCLI(t, append([]string{"brief", "output", "--year", "2025", "--text", text, "--db", db}, args...)...)
		assert.Equal(t, 2, code, errs)
		assert.Contains(t, errs, "不能写入")
		kept, err := os.ReadFile(text)
		require.NoError(t, err)
		assert.Equal(t, string(edited), string(kept))
	}
}

// The files of one command are written all or none: when one cannot be made (a full disk), those before it
// are not left in place either, where the PDF stood written under an exit of 2.
func TestWriteOutputsAllOrNone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.xlsx")
	full := errors.New("no space left on device")
	var out, errb bytes.Buffer
	code := writeOutputs(zh, []briefOutput{
		{pdf, func(w io.Writer) error { _, err := w.Write([]byte("%PDF-1.4")); return err }},
		{xlsx, func(io.Writer) error { return full }},
	}, &out, &errb)
	assert.Equal(t, 2, code)
	assert.Contains(t, errb.String(), "no space left on device")
	assert.Empty(t, out.String(), "no path printed")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "neither file nor a temporary one is left")

	code = writeOutputs(zh, []briefOutput{
		{pdf, func(w io.Writer) error { _, err := w.Write([]byte("%PDF-1.4")); return err }},
		{"", nil},
		{xlsx, func(w io.Writer) error { _, err := w.Write([]byte("PK")); return err }},
	}, &out, &errb)
	assert.Equal(t, 0, code)
	assert.Equal(t, pdf+"\n"+xlsx+"\n", out.String())
	assert.FileExists(t, pdf)
	assert.FileExists(t, xlsx)
}

// hostileText is a file given to brief --text, the exit it must give and what its message must say.
type hostileText struct {
	name string
	path string
	code int
	says string
}

// brief --issue --text-out writes the text with the PDF, once the issue is registered: an issue refused for a
// figure typed by hand (exit 1, which says nothing was written) had written the text file already.
func TestBriefIssueWritesItsTextOnlyWhenIssued(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	text, out, pdf := filepath.Join(dir, "edited.txt"), filepath.Join(dir, "issued.txt"), filepath.Join(dir, "issued.pdf")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--text-out", text, "--db", db)
	require.Equal(t, 0, code, errs)
	body, err := os.ReadFile(text)
	require.NoError(t, err)
	byHand := strings.Replace(string(body), "47.45亿元", "48.45亿元", 1)
	require.NotEqual(t, string(body), byHand)
	require.NoError(t, os.WriteFile(text, []byte(byHand), 0o644))
	args := []string{"brief", "output", "--year", "2025", "--text", text, "--issue", "--text-out", out, "--pdf", pdf, "--db", db}
	code, stdout, errs := runCLI(t, args...)
	assert.Equal(t, 1, code, errs)
	assert.Empty(t, stdout)
	assert.NoFileExists(t, out)
	assert.NoFileExists(t, pdf)

	code, stdout, errs = runCLI(t, append(args, "--keep-figures")...)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, stdout, out+"\n")
	issued, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, byHand, string(issued), "the text as issued")
	assert.FileExists(t, pdf)
}
