package main

import (
	"bytes"
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
	assert.Regexp(t, `^id\s+year\s+issue\s+kind\s+lang\s+date\s+changed\s+correction\s+title$`, lines[0])
	assert.Regexp(t, `^2\s+2025\s+第2期\s+patents\s+en\s+\d{4}-\d\d-\d\d\s+no\s+-\s+Patents 2025$`, lines[1], "the latest first")
	assert.Regexp(t, `^1\s+2025\s+第1期\s+work\s+zh\s+\d{4}-\d\d-\d\d\s+no\s+-\s+2025年科技工作简报$`, lines[2])

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
		{[]string{"briefs", "save", "1", "--db", db}, 2, "--text-out"},
		{[]string{"briefs", "open", "1", "--db", db}, 2, "briefs [save ID"},
		{[]string{"briefs", "correct", "7", "--db", db}, 1, "记录不存在"},
		{[]string{"briefs", "correct", "0", "--db", db}, 2, "正整数"},
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

// registerPDFText is the text of a PDF the command wrote, as pdftotext reads it.
func registerPDFText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	require.NoError(t, err)
	return string(out)
}

// changeOutput2025 changes an output of 2025 in the database, as a clerk would between two commands.
func changeOutput2025(t *testing.T, db string) {
	t.Helper()
	s, err := data.Open(db)
	require.NoError(t, err)
	defer s.Close()
	for id := int64(1); id < 50; id++ {
		rows, err := s.Outputs(context.Background(), id)
		require.NoError(t, err)
		for _, o := range rows {
			if o.Year == 2025 {
				o.Output += 10_000
				require.NoError(t, s.UpdateOutput(context.Background(), &o))
				return
			}
		}
	}
	t.Fatal("no output of 2025")
}

// Issue 17 item 3 on the command line: a brief made without --issue is a draft, with no number.
func TestBriefWithoutIssueIsADraft(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	pdf := filepath.Join(t.TempDir(), "draft.pdf")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--pdf", pdf, "--db", db)
	require.Equal(t, 0, code, errs)
	text := registerPDFText(t, pdf)
	assert.Contains(t, text, "草稿")
	assert.NotRegexp(t, `第\s*\d+\s*期`, text)
}

// Issue 17 item 5 on the command line: briefs correct ID issues a correction of a brief whose data changed; the
// register lists the two linked. An unchanged brief and one corrected already are refused, registering nothing.
func TestBriefsCorrectIssuesALinkedCorrection(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	code, _, errs := runCLI(t, "brief", "work", "--year", "2025", "--issue", "--db", db)
	require.Equal(t, 0, code, errs)
	code, _, errs = runCLI(t, "briefs", "correct", "1", "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "第1期的数据和文字都没有改动，无需更正")

	changeOutput2025(t, db)
	pdf := filepath.Join(dir, "fix.pdf")
	code, out, errs := runCLI(t, "briefs", "correct", "1", "--pdf", pdf, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "第2期\t更正第1期\t2025年科技工作简报\t2\n"+pdf+"\n", out)
	assert.Contains(t, registerPDFText(t, pdf), "第2期（更正第1期）")

	changeOutput2025(t, db)
	code, _, errs = runCLI(t, "briefs", "correct", "1", "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "第1期已由第2期更正；如需再次更正，请更正第2期")

	code, out, errs = runCLI(t, "briefs", "--db", db)
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, "the refusals registered nothing")
	assert.Regexp(t, `^2\s+2025\s+第2期\s+work\s+zh\s+\S+\s+yes\s+更正第1期\s+2025年科技工作简报$`, lines[1])
	assert.Regexp(t, `^1\s+2025\s+第1期\s+work\s+zh\s+\S+\s+yes\s+由第2期更正\s+2025年科技工作简报$`, lines[2])
}

// A correction of the text alone: the data unchanged, an edited text file (as brief --text-out writes it and a
// secretary edits it) is issued as the correction, and kept by the register.
func TestBriefsCorrectTakesAnEditedText(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	code, _, errs := runCLI(t, "brief", "patents", "--year", "2025", "--issue", "--db", db)
	require.Equal(t, 0, code, errs)
	textFile := filepath.Join(dir, "text.txt")
	code, _, errs = runCLI(t, "briefs", "save", "1", "--text-out", textFile, "--db", db)
	require.Equal(t, 0, code, errs, "the text the brief was issued with")
	body, err := os.ReadFile(textFile)
	require.NoError(t, err)
	edited := strings.Replace(string(body), "【标题】", "【按语】\n更正：上期第一部分的文字有误，现予更正。\n\n【标题】", 1)
	require.NotEqual(t, string(body), edited)
	require.NoError(t, os.WriteFile(textFile, []byte(edited), 0o644))

	pdf := filepath.Join(dir, "fix.pdf")
	code, out, errs := runCLI(t, "briefs", "correct", "1", "--text", textFile, "--pdf", pdf, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "第2期\t更正第1期\t"), out)
	text := registerPDFText(t, pdf)
	assert.Contains(t, text, "第2期（更正第1期）")
	assert.Contains(t, strings.Join(strings.Fields(text), ""), "上期第一部分的文字有误")

	s, err := data.Open(db)
	require.NoError(t, err)
	defer s.Close()
	kept, err := s.IssuedBriefFile(context.Background(), 2, data.BriefText)
	require.NoError(t, err)
	assert.Contains(t, string(kept), "上期第一部分的文字有误", "the register keeps the corrected text")
	again := filepath.Join(dir, "again.txt")
	code, out, errs = runCLI(t, "briefs", "save", "2", "--text-out", again, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, again+"\n", out)
	saved, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.Equal(t, kept, saved, "briefs save --text-out gives the stored text, byte for byte")
}

// A brief issued before the register kept texts has none to save; the command says so and writes nothing.
func TestBriefsSaveTextOfABriefIssuedWithoutOne(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	s, err := data.Open(db)
	require.NoError(t, err)
	_, err = s.IssueBrief(context.Background(), data.BriefIssue{Kind: "work", Lang: "zh", Year: 2025, Date: data.Today()},
		func(context.Context, int) (data.RenderedBrief, error) {
			return data.RenderedBrief{Title: "旧简报", DataHash: "h", PDF: []byte("%PDF"), XLSX: []byte("PK")}, nil
		})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	path := filepath.Join(t.TempDir(), "old.txt")
	code, _, errs := runCLI(t, "briefs", "save", "1", "--text-out", path, "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "第1期签发时，简报登记还不保存简报的文字")
	assert.NoFileExists(t, path)
}
