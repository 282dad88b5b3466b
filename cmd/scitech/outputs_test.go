package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

// dbSpellings are names of the database file at db, those of links ending in ext: a symbolic link, the path
// with "..", the names of the files SQLite and the program keep beside it, db itself, and last a hard link
// (which the writer's lock then refuses, so the caller removes it).
func dbSpellings(t *testing.T, db, ext string) []string {
	t.Helper()
	dir := filepath.Dir(db)
	link, hard := filepath.Join(dir, "link"+ext), filepath.Join(dir, "hard"+ext)
	require.NoError(t, os.Symlink(filepath.Base(db), link))
	require.NoError(t, os.Link(db, hard))
	dotdot := filepath.Join(dir, "..", filepath.Base(dir), "link"+ext)
	return []string{link, dotdot, db + "-wal", db + "-shm", db + ".lock", db + "-journal", db, hard}
}

// Every command that writes a file refuses, before anything is written, to write it onto the database under
// any of its names, or onto the files SQLite keeps beside it: exit 2 with a message, the database as it was
// and whole (issue 14, item 1). Before, `brief --pdf` renamed the brief over the database and said success.
func TestCommandsRefuseToWriteOntoTheDatabase(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--issue", "--db", db)
	require.Equal(t, exitOK, code, errs)
	before := fileSHA(t, db)
	for _, target := range dbSpellings(t, db, ".xlsx") {
		for _, args := range [][]string{
			{"brief", "output", "--year", "2025", "--pdf", target},
			{"brief", "work", "--year", "2025", "--xlsx", target},
			{"brief", "output", "--year", "2025", "--issue", "--pdf", target},
			{"briefs", "save", "1", "--xlsx", target},
			{"template", target},
			{"template", target, "--company", "91350100M000100Y43"},
			{"export", "companies", target},
			{"backup", target},
		} {
			code, out, errs := runCLI(t, append(args, "--db", db)...)
			name := strings.Join(args, " ")
			assert.Equal(t, exitUsage, code, "%s\n%s%s", name, out, errs)
			if args[0] == "brief" || args[0] == "briefs" || args[0] == "backup" || strings.HasSuffix(target, ".xlsx") {
				assert.Contains(t, errs, "不能写入", name) // else refused first for not ending in .xlsx
			}
		}
		assert.Equal(t, before, fileSHA(t, db), "the database is untouched after writing to %s was refused", target)
	}
	require.NoError(t, os.Remove(filepath.Join(filepath.Dir(db), "hard.xlsx")))
	code, out, errs := runCLI(t, "check", "--db", db)
	assert.Equal(t, exitOK, code, out+errs)
	code, out, _ = runCLI(t, "briefs", "--db", db)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, 1, strings.Count(out, "第"), "no brief was issued by the refused --issue: %s", out)
}

// A brief's two files are not the same file, and neither is a font the brief is printed with.
func TestBriefRefusesToWriteOntoItsOtherFileOrItsFonts(t *testing.T) {
	noWindowsFonts(t)
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	t.Chdir(dir)
	same := filepath.Join(dir, "brief.out")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--pdf", same, "--xlsx", "./sub/../brief.out", "--db", db)
	assert.Equal(t, exitUsage, code, errs)
	assert.Contains(t, errs, "不能写入")
	assert.NoFileExists(t, same)

	kai := filepath.Join(dir, "kai.ttf")
	require.NoError(t, os.WriteFile(kai, assets.KaiFont, 0o644))
	s, err := data.Open(db)
	require.NoError(t, err)
	require.NoError(t, s.SetBriefFont(context.Background(), "body", kai))
	require.NoError(t, s.Close())
	for _, flag := range []string{"--pdf", "--xlsx"} {
		code, _, errs = runCLI(t, "brief", "output", "--year", "2025", flag, kai, "--db", db)
		assert.Equal(t, exitUsage, code, errs)
		assert.Contains(t, errs, "不能写入")
		font, err := os.ReadFile(kai)
		require.NoError(t, err)
		assert.Equal(t, assets.KaiFont, font, "the chosen font is untouched")
	}
	code, _, errs = runCLI(t, "brief", "output", "--year", "2025", "--pdf", filepath.Join(dir, "ok.pdf"), "--db", db)
	assert.Equal(t, exitOK, code, errs)
}

// Empty, zero and negative arguments are usage errors (exit 2) that write nothing: `--db ""` (an empty path) made SQLite open
// a temporary database, load the sample into it and report success; `--scale 0` quietly meant the sample
// set (issue 14, item 11).
func TestEmptyAndZeroArgumentsAreUsageErrors(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	dir := t.TempDir()
	t.Chdir(dir) // a relative database would land in the package's folder
	out := filepath.Join(dir, "x.xlsx")
	for _, args := range [][]string{
		{"demo", "--db", ""},
		{"demo", "--db", "  "},
		{"demo", "--scale", "0", "--db", filepath.Join(dir, "a.db")},
		{"demo", "--scale", "-5", "--db", filepath.Join(dir, "b.db")},
		{"stats", "--year", "2025", "--db", ""},
		{"stats", "--year", "0", "--db", db},
		{"stats", "--year", "-2025", "--db", db},
		{"check", "--db", ""},
		{"export", "companies", out, "--db", ""},
		{"template", out, "--year", "0", "--db", db},
		{"template", out, "--company", "", "--db", db},
		{"template", out, "--lang", "", "--db", db},
		{"brief", "output", "--year", "2025", "--pdf", "", "--xlsx", out, "--db", db},
		{"brief", "output", "--year", "2025", "--xlsx", out, "--db", ""},
		{"briefs", "--db", ""},
		{"backup", "", "--db", db},
		{"backup", filepath.Join(dir, "b.db"), "--db", ""},
		{"restore", "", "--db", db},
		{"restore", db, "--db", ""},
		{"export", "", out, "--db", db},
		{"--db", ""},
	} {
		code, stdout, errs := runCLI(t, args...)
		name := strings.Join(args, " ")
		assert.Equal(t, exitUsage, code, "%q\n%s%s", name, stdout, errs)
		assert.NotContains(t, stdout, "已载入", name)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing was written")
	_, _, errs := runCLI(t, "demo", "--scale", "0", "--db", filepath.Join(dir, "a.db"))
	assert.Contains(t, errs, "--scale 应为正整数")
	_, _, errs = runCLI(t, "demo", "--db", "")
	assert.Contains(t, errs, "--db 不能为空")
}

// A file a command writes gets the permissions the file it replaces had, else 0644 — not the 0600 of the
// temporary file it is written to first, which would hide it from the other users of a shared folder.
func TestWrittenFilesKeepUsualPermissions(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	kept := filepath.Join(dir, "kept.pdf")
	require.NoError(t, os.WriteFile(kept, []byte("old"), 0o640))
	require.NoError(t, os.Chmod(kept, 0o640))
	fresh := filepath.Join(dir, "fresh.xlsx")
	code, _, errs := runCLI(t, "brief", "output", "--year", "2025", "--pdf", kept, "--xlsx", fresh, "--db", db)
	require.Equal(t, exitOK, code, errs)
	for path, want := range map[string]os.FileMode{kept: 0o640, fresh: 0o644} {
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, want, info.Mode().Perm(), path)
	}
}

// A brief issued with --issue whose file cannot be written (its folder is missing) is refused before it is
// registered: it used to take the year's next issue number, then fail to write, so a retry took the one after.
func TestIssuedBriefWhoseFileCannotBeWrittenIsNotRegistered(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	missing := filepath.Join(t.TempDir(), "没有这个文件夹", "简报.pdf")
	for _, args := range [][]string{
		{"brief", "output", "--year", "2025", "--issue", "--pdf", missing},
		{"brief", "work", "--year", "2025", "--issue", "--xlsx", missing},
		{"template", missing + ".xlsx"},
		{"export", "companies", missing + ".xlsx"},
	} {
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, exitUsage, code, "%s: %s%s", strings.Join(args, " "), out, errs)
		assert.Contains(t, errs, "无法写入", args[0])
	}
	_, out, _ := runCLI(t, "briefs", "--db", db)
	assert.NotContains(t, out, "第1期", "no brief was registered")
}
