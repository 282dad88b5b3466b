package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func TestBriefIssueRegistersAndBriefsSaveGivesTheSameBytes(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "1.pdf"), filepath.Join(dir, "1.xlsx")
	code, out, errs := runCLI(t, "brief", "work", "--year", "2025", "--issue", "--pdf", pdf, "--xlsx", xlsx, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "第1期\t2025年科技工作简报\t1\n"+pdf+"\n"+xlsx+"\n", out)

	code, out, errs = runCLI(t, "brief", "patents", "--year", "2025", "--issue", "--lang", "en", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "第2期\tPatents 2025\t2\n", out, "the year's next number, whatever the kind; no file asked for")

	code, out, errs = runCLI(t, "briefs", "--db", db)
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `^id\s+year\s+issue\s+kind\s+lang\s+date\s+changed\s+title$`, lines[0])
	assert.Regexp(t, `^2\s+2025\s+第2期\s+patents\s+en\s+\d{4}-\d\d-\d\d\s+no\s+Patents 2025$`, lines[1], "the latest first")
	assert.Regexp(t, `^1\s+2025\s+第1期\s+work\s+zh\s+\d{4}-\d\d-\d\d\s+no\s+2025年科技工作简报$`, lines[2])

	again := filepath.Join(dir, "again.pdf")
	code, out, errs = runCLI(t, "briefs", "save", "1", "--pdf", again, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, again+"\n", out)
	want, err := os.ReadFile(pdf)
	require.NoError(t, err)
	got, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the stored brief, byte for byte")
	assert.Contains(t, string(got), "%PDF-")
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".scitech-*"))
	assert.Empty(t, leftovers, "no temporary files are left behind")
}

func TestBriefsSaysWhenTheDataChanged(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--issue", "--db", db)
	require.Equal(t, 0, code, errs)

	s, err := data.Open(db)
	require.NoError(t, err)
	rows, err := s.Outputs(context.Background(), 1)
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	o := rows[0]
	for _, r := range rows {
		if r.Year == 2025 {
			o = r
		}
	}
	require.Equal(t, 2025, o.Year)
	o.Output += 1
	require.NoError(t, s.UpdateOutput(context.Background(), &o))
	require.NoError(t, s.Close())

	code, out, errs := runCLI(t, "briefs", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Regexp(t, `\n1\s+2025\s+第1期\s+output\s+zh\s+\S+\s+yes\s`, out)
}

func TestBriefsBadInput(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"briefs", "save", "7", "--pdf", out, "--db", db}, 1, "记录不存在"},
		{[]string{"briefs", "save", "x", "--pdf", out, "--db", db}, 2, "正整数"},
		{[]string{"briefs", "save", "1", "--db", db}, 2, "--pdf"},
		{[]string{"briefs", "open", "1", "--db", db}, 2, "briefs [save ID"},
		{[]string{"brief", "output", "--year", "2030", "--issue", "--db", db}, 1, "2030 年没有产值数据"},
	} {
		code, _, errs := runCLI(t, c.args...)
		assert.Equal(t, c.code, code, strings.Join(c.args, " "))
		assert.Contains(t, errs, c.msg, strings.Join(c.args, " "))
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err))
	code, stdout, _ := runCLI(t, "briefs", "--db", db)
	require.Equal(t, 0, code)
	assert.Equal(t, 1, strings.Count(stdout, "\n"), "a refused brief is not registered")
}
