package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/reports"
)

// F8 (issue 14, adversary): `brief --pdf other.db` (and --xlsx, briefs save, template, export) renamed its file
// over ANOTHER database, or over that database's -wal, while another copy of the program was writing it; the
// writer's import then said success. Every output refuses a SQLite database and the files SQLite keeps beside
// one: exit 2, a message, the file as it was.
func TestCommandsRefuseToWriteOntoAnotherDatabase(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--issue", "--db", db)
	require.Equal(t, exitOK, code, errs)
	other := demoDB(t)
	otherXLSX := filepath.Join(filepath.Dir(other), "other.xlsx") // a database however it is named
	copyTestFile(t, other, otherXLSX)
	targets := []string{other, otherXLSX}
	for _, side := range []string{"-wal", "-shm", "-journal", ".lock"} {
		require.NoError(t, os.WriteFile(other+side, []byte("side file of a database in use"), 0o644))
		targets = append(targets, other+side)
	}
	sums := map[string]string{}
	for _, target := range targets {
		sums[target] = fileSHA(t, target)
	}
	for _, target := range targets {
		cmds := [][]string{
			{"brief", "output", "--year", "2025", "--pdf", target},
			{"brief", "work", "--year", "2025", "--xlsx", target},
			{"brief", "output", "--year", "2025", "--issue", "--pdf", target},
			{"briefs", "save", "1", "--xlsx", target},
		}
		if strings.HasSuffix(target, ".xlsx") {
			cmds = append(cmds, []string{"template", target}, []string{"export", "companies", target})
		}
		for _, args := range cmds {
			code, out, errs := runCLI(t, append(args, "--db", db)...)
			name := strings.Join(args, " ")
			assert.Equal(t, exitUsage, code, "%s\n%s%s", name, out, errs)
			assert.Contains(t, errs, "不能写入", name)
			assert.Contains(t, errs, "数据库", name)
		}
	}
	for _, target := range targets {
		assert.Equal(t, sums[target], fileSHA(t, target), "%s is untouched", target)
	}
	code, out, errs := runCLI(t, "check", "--db", other)
	assert.Equal(t, exitOK, code, out+errs)
	_, out, _ = runCLI(t, "briefs", "--db", db)
	assert.Equal(t, 1, strings.Count(out, "第"), "no brief was issued by a refused --issue: %s", out)

	// A file that merely sits beside something else is written as before.
	plain := filepath.Join(filepath.Dir(other), "notes.txt")
	require.NoError(t, os.WriteFile(plain, []byte("not a database"), 0o644))
	code, _, errs = runCLI(t, "brief", "output", "--year", "2025", "--pdf", plain+"-wal", "--db", db)
	assert.Equal(t, exitOK, code, errs)
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, b, 0o644))
}

// F9 (issue 14, adversary): `brief --issue` whose PDF could not be written for a full disk registered 第1期 and
// exited 2; the retry issued 第2期 of the same brief. The files are written before the number is committed: a
// full disk leaves nothing registered and no file, and the retry after space is freed is 第1期.
func TestIssuedBriefOnAFullDiskIsNotRegistered(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	fs := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", fs).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", fs).Run() })
	filler := filepath.Join(fs, "filler")
	fill(t, filler, 500<<10) // leaves a few KB: room for the temporary file's name, not for a brief
	pdf := filepath.Join(fs, "w.pdf")
	code, out, errs := runCLI(t, "brief", "work", "--year", "2025", "--issue", "--pdf", pdf, "--db", db)
	assert.Equal(t, exitUsage, code, out+errs)
	assert.Contains(t, errs, "无法写入")
	assert.NotContains(t, out, "第1期", "nothing is said to be issued")
	_, list, _ := runCLI(t, "briefs", "--db", db)
	assert.NotContains(t, list, "第1期", "nothing was registered")
	left, _ := filepath.Glob(filepath.Join(fs, ".scitech-*"))
	assert.Empty(t, left, "no temporary file is left on the full disk")
	assert.NoFileExists(t, pdf)

	require.NoError(t, os.Remove(filler))
	code, out, errs = runCLI(t, "brief", "work", "--year", "2025", "--issue", "--pdf", pdf, "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "第1期\t"), "the retry takes the same number: %s", out)
	assert.FileExists(t, pdf)
	_, list, _ = runCLI(t, "briefs", "--db", db)
	assert.Equal(t, 1, strings.Count(list, "第"), list)
}

// fill writes n bytes to path, or as many as fit.
func fill(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	_, _ = f.Write(make([]byte, n))
	require.NoError(t, f.Close())
}

// A folder in the place of a brief's file is refused before anything is registered (it was found only by the
// rename, after 第1期 was committed).
func TestIssuedBriefOntoAFolderIsRefusedFirst(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	folder := filepath.Join(t.TempDir(), "简报.pdf")
	require.NoError(t, os.MkdirAll(filepath.Join(folder, "inside"), 0o755))
	code, out, errs := runCLI(t, "brief", "work", "--year", "2025", "--issue", "--pdf", folder, "--db", db)
	assert.Equal(t, exitUsage, code, out+errs)
	_, list, _ := runCLI(t, "briefs", "--db", db)
	assert.NotContains(t, list, "第1期", "nothing was registered")
}

// When the issue is committed and only putting a file in its place fails (here a folder made there meanwhile),
// the brief IS issued: exit 0, 第1期 said, and a warning naming the command that saves the file again; the retry
// never takes another number for the same attempt.
func TestIssuedBriefWhoseRenameFailsIsToldHowToSave(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	folder := filepath.Join(t.TempDir(), "w.pdf")
	require.NoError(t, os.MkdirAll(filepath.Join(folder, "inside"), 0o755))
	s, code := openStore(zh, db, io.Discard)
	require.NotNil(t, s, code)
	kind := reports.BriefKindNamed("work")
	var out, errs bytes.Buffer
	code = issueBrief(zh, s, kind, 2025, "zh", nil, folder, "", &out, &errs)
	require.NoError(t, s.Close())
	assert.Equal(t, exitOK, code, out.String()+errs.String())
	assert.True(t, strings.HasPrefix(out.String(), "第1期\t"), out.String())
	assert.Contains(t, errs.String(), "第1期已登记")
	assert.Contains(t, errs.String(), "scitech briefs save 1 --pdf "+folder)
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(folder), ".scitech-*"))
	assert.Empty(t, left, "the staged file is not left behind")
	saved := filepath.Join(t.TempDir(), "saved.pdf")
	c, o, e := runCLI(t, "briefs", "save", "1", "--pdf", saved, "--db", db)
	require.Equal(t, exitOK, c, o+e)
	assert.FileExists(t, saved)
}
