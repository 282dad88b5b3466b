package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// These tests give the commands a database the system will not let them write: a file or a folder mounted
// read-only, and a disk that is full (a small tmpfs). Mounting needs root (CAP_SYS_ADMIN); elsewhere they
// are skipped. Every command must end alike — exit 2, a file that cannot be written — whether the refusal
// came while opening, while writing the database or while writing a file (issue 14, item 11): before, a
// read-only file or a full disk ended demo, import and brief --issue with 1 ("the input was refused") and
// the same database in a read-only folder with 2.

// mountReadOnly makes path (a file or a folder) read-only where it is, until the test ends.
func mountReadOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	if err := syscall.Mount(path, path, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(path, syscall.MNT_DETACH) })
	require.NoError(t, syscall.Mount("", path, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""))
}

// fullDisk mounts a small tmpfs at a new folder, lets setup put files there, then fills what is left of it.
func fullDisk(t *testing.T, setup func(dir string)) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	dir := filepath.Join(t.TempDir(), "full")
	require.NoError(t, os.Mkdir(dir, 0o755))
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	setup(dir)
	f, err := os.Create(filepath.Join(dir, "filler"))
	require.NoError(t, err)
	defer f.Close()
	block := make([]byte, 64<<10)
	for size := len(block); size > 0; {
		if _, err := f.Write(block[:size]); err != nil {
			require.True(t, errors.Is(err, syscall.ENOSPC), "%v", err)
			size /= 2
		}
	}
	return dir
}

// emptyDB is a database with the program's tables and no records.
func emptyDB(t *testing.T, path string) string {
	t.Helper()
	s, err := data.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	return path
}

// exitOf runs a command line and checks its exit status, naming the command and its output when it differs.
func exitOf(t *testing.T, want int, args ...string) {
	t.Helper()
	code, out, errs := runCLI(t, args...)
	assert.Equal(t, want, code, "%s\n%s%s", strings.Join(args, " "), out, errs)
}

// A read-only database, whether the file or its folder is read-only: every command that writes the database
// ends with 2, and those that only read still read it.
func TestReadOnlyDatabaseEndsEveryWriterAlike(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	for _, folder := range []bool{false, true} {
		t.Run(map[bool]string{false: "file", true: "folder"}[folder], func(t *testing.T) {
			dir := t.TempDir()
			db := demoDB(t)
			empty := emptyDB(t, filepath.Join(filepath.Dir(db), "empty.db"))
			backup := filepath.Join(dir, "backup.db")
			exitOf(t, exitOK, "backup", backup, "--db", db)
			if folder {
				mountReadOnly(t, filepath.Dir(db))
			} else {
				mountReadOnly(t, db)
				mountReadOnly(t, empty)
			}
			for _, args := range [][]string{
				{"demo", "--db", empty},
				{"demo", "--scale", "5", "--db", empty},
				{"brief", "output", "--year", "2025", "--issue", "--db", db},
				{"restore", backup, "--db", db},
			} {
				exitOf(t, exitUsage, args...)
			}
			for _, args := range [][]string{
				{"stats", "--year", "2025", "--db", db},
				{"check", "--db", db},
				{"briefs", "--db", db},
				{"export", "companies", filepath.Join(dir, "c.xlsx"), "--db", db},
				{"template", filepath.Join(dir, "t.xlsx"), "--db", db},
				{"brief", "output", "--year", "2025", "--pdf", filepath.Join(dir, "b.pdf"), "--db", db},
				{"backup", filepath.Join(dir, "again.db"), "--db", db},
			} {
				exitOf(t, exitOK, args...)
			}
		})
	}
}

// A full disk, met while writing a file, while opening the database or while writing it, ends every command
// with 2: before, demo and brief --issue on a disk with room to open the database but not for the change
// ended with 1, as if the input had been refused.
func TestFullDiskEndsEveryCommandAlike(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	exitOf(t, exitOK, "brief", "output", "--year", "2025", "--issue", "--db", db)
	var onFull, issuing string
	full := fullDisk(t, func(dir string) {
		onFull = emptyDB(t, filepath.Join(dir, "empty.db"))
		issuing = filepath.Join(dir, "issuing.db")
		copyDB(t, db, issuing)
		emptyDB(t, issuing) // opened once, so its side files exist before the disk fills
	})
	commands := [][]string{
		{"demo", "--scale", "200", "--db", onFull},
		{"brief", "work", "--year", "2025", "--issue", "--db", issuing},
	}
	for _, args := range append(commands,
		[]string{"demo", "--db", onFull},
		[]string{"brief", "output", "--year", "2025", "--pdf", filepath.Join(full, "b.pdf"), "--db", db},
		[]string{"briefs", "save", "1", "--xlsx", filepath.Join(full, "b.xlsx"), "--db", db},
		[]string{"template", filepath.Join(full, "t.xlsx"), "--db", db},
		[]string{"export", "patents", filepath.Join(full, "p.xlsx"), "--db", db},
		[]string{"backup", filepath.Join(full, "b.db"), "--db", db},
	) {
		exitOf(t, exitUsage, args...)
	}
	// Room enough to open the database and begin, not to finish: the disk fills while the change is written.
	filler := filepath.Join(full, "filler")
	info, err := os.Stat(filler)
	require.NoError(t, err)
	require.NoError(t, os.Truncate(filler, info.Size()-160<<10))
	for _, args := range commands {
		exitOf(t, exitUsage, args...)
	}
	// With room again, the database the refused --issue was writing is whole, and holds no new brief.
	require.NoError(t, os.Remove(filler))
	exitOf(t, exitOK, "check", "--db", issuing)
	_, out, _ := runCLI(t, "briefs", "--db", issuing)
	assert.Equal(t, 1, strings.Count(out, "第"), out)
}

// A pipe, a device or a folder given as the database is refused by every command that reads it, at once and
// with 2, before anything opens it: opening a pipe to read waits for a writer that never comes, and the check
// and the reading commands read the file's first bytes to tell a database from any other file.
func TestPipeOrDeviceAsTheDatabaseIsRefusedAtOnce(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	dir := t.TempDir()
	fifo := filepath.Join(dir, "scitech.db")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	for _, db := range []string{fifo, "/dev/zero", dir} {
		for _, args := range [][]string{
			{"check"},
			{"stats", "--year", "2025"},
			{"export", "companies", filepath.Join(t.TempDir(), "c.xlsx")},
			{"briefs"},
			{"backup", filepath.Join(t.TempDir(), "b.db")},
			{"demo"},
		} {
			exitOf(t, exitUsage, append(args, "--db", db)...)
		}
	}
}
