package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/testsize"
)

// commandPaths are folder names a clerk may give the database, each with characters that mean something to
// SQLite's URIs, a shell or SQL, and Chinese; on other systems than Windows also those Windows refuses. (The
// data package's table holds every such character; these are the ones the commands must carry through.)
func commandPaths() []string {
	names := []string{"项目#1", "项目#2", "100%", "%41", "a&b=c;+", "O'Brien 带 空格", "#?%&=+; '"}
	if !testsize.Full() { // make test: the two that must stay apart, a %, and every mark at once; make stress: all
		names = []string{"项目#1", "项目#2", "100%", "#?%&=+; '"}
	}
	if runtime.GOOS != "windows" {
		names = append(names, "what?mode=ro", `back\slash "q"`)
	}
	return names
}

// TestCommandsWithEveryPath runs demo (where the name has "?" or "%"), stats, backup and restore on a database
// in each folder of commandPaths (the backup named with the same characters), and through a symbolic link to one of them: each
// command works on the file named and on no other, and the folders that differ after "#" or "?" hold
// databases of their own.
func TestCommandsWithEveryPath(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	base, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	t.Chdir(base)
	names := commandPaths()
	for i, name := range names {
		require.NoError(t, os.Mkdir(filepath.Join(base, name), 0o755))
		db := filepath.Join(name, "库"+name+".db") // relative: the shell passes what the clerk typed
		if i%2 == 1 {
			db = filepath.Join(base, db)
		}
		if i == 0 || strings.ContainsAny(name, "?%") { // the sample set through the names SQLite's URIs mangle
			code, out, errs := runCLI(t, "demo", "--db", db)
			require.Equal(t, 0, code, "%q: %s", name, errs)
			assert.Contains(t, out, "36 家企业", "%q", name)
		} else { // elsewhere a copy of it, to keep the test short under the race detector
			copyDB(t, filepath.Join(names[0], "库"+names[0]+".db"), db)
		}
		code, out, errs := runCLI(t, "stats", "--year", "2025", "--db", db)
		require.Equal(t, 0, code, "%q: %s", name, errs)
		assert.Contains(t, out, "output_yuan\t4745000000\n", "%q", name)

		unit := "单位" + strconv.Itoa(i)
		setIssuingUnit(t, db, unit)
		backup := filepath.Join(name, "备份"+name+".db")
		code, _, errs = runCLI(t, "backup", backup, "--db", db)
		require.Equal(t, 0, code, "%q: %s", name, errs)
		require.NoError(t, data.CheckBackup(backup), "%q", name)
		assert.Equal(t, unit, issuingUnitOf(t, backup), "%q: the backup is of this database", name)

		setIssuingUnit(t, db, "恢复前")
		code, _, errs = runCLI(t, "restore", backup, "--db", db)
		require.Equal(t, 0, code, "%q: %s", name, errs)
		assert.Equal(t, unit, issuingUnitOf(t, db), "%q: restored", name)
	}
	for i, name := range names {
		assert.Equal(t, "单位"+strconv.Itoa(i), issuingUnitOf(t, filepath.Join(name, "库"+name+".db")),
			"%q: no other command wrote this database", name)
	}
	entries, err := os.ReadDir(base)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, names, got, "nothing was written beside the folders named")
}

// TestCommandsThroughALink: the database reached through a symbolic link is the database: stats reads it, a
// backup through the link is of it, a restore through the link restores it (the link stays a link), and a
// backup onto it under any of its names is refused with the database left whole.
func TestCommandsThroughALink(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	base, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	real := filepath.Join(base, "项目#1", "scitech.db")
	require.NoError(t, os.MkdirAll(filepath.Dir(real), 0o755))
	code, _, errs := runCLI(t, "demo", "--db", real)
	require.Equal(t, 0, code, errs)
	link := filepath.Join(base, "桌面", "数据库 #链接.db")
	require.NoError(t, os.MkdirAll(filepath.Dir(link), 0o755))
	symlinkOrSkip(t, real, link)

	code, out, errs := runCLI(t, "stats", "--year", "2025", "--db", link)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "output_yuan\t4745000000\n")

	setIssuingUnit(t, real, "备份时")
	backup := filepath.Join(base, "备份?#%.db")
	code, _, errs = runCLI(t, "backup", backup, "--db", link)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "备份时", issuingUnitOf(t, backup))

	for _, onto := range []string{real, link, real + "-wal", filepath.Join(base, "项目#1", "..", "项目#1", "scitech.db")} {
		for _, db := range []string{real, link} {
			code, _, errs = runCLI(t, "backup", onto, "--db", db)
			assert.NotEqual(t, 0, code, "backup of %s onto %s", db, onto)
			assert.Contains(t, errs, "不能写入", "backup of %s onto %s", db, onto)
		}
	}
	require.NoError(t, data.CheckBackup(real), "the database is whole")

	setIssuingUnit(t, link, "恢复前")
	code, _, errs = runCLI(t, "restore", backup, "--db", link)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "备份时", issuingUnitOf(t, real), "the database the link names is restored")
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.True(t, fi.Mode()&os.ModeSymlink != 0, "the link is still a link")
}

// symlinkOrSkip makes a symbolic link, or skips the test where the system lets this user make none (Windows
// without the right to create symbolic links).
func symlinkOrSkip(t *testing.T, oldname, newname string) {
	t.Helper()
	if err := os.Symlink(oldname, newname); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("no symbolic links here: %v", err)
		}
		require.NoError(t, err)
	}
}
