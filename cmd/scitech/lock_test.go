package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// While another copy holds the database, the commands that only read open it read-only with a note naming
// the holder; the commands that write stop with exit 1 and the holder's message, and write nothing.
func TestCommandsBesideTheCopyThatWrites(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	xlsx := exportTo(t, db, "companies")
	holder, err := data.Open(db)
	require.NoError(t, err)
	defer holder.Close()
	before := auditRows(t, holder)
	dir := t.TempDir()

	for _, args := range [][]string{
		{"stats", "--year", "2025"},
		{"export", "patents", filepath.Join(dir, "patents.xlsx")},
		{"brief", "output", "--year", "2025", "--pdf", filepath.Join(dir, "b.pdf")},
		{"briefs"},
		{"check"},
		{"template", filepath.Join(dir, "t.xlsx")},
	} {
		code, _, errs := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, 0, code, "%v: %s", args, errs)
		assert.Contains(t, errs, "正在写入此数据库，本命令以只读方式打开它", args)
		assert.Contains(t, errs, fmt.Sprintf("进程 %d", os.Getpid()), "the note names the holder")
	}
	for _, args := range [][]string{
		{"demo"},
		{"import", xlsx},
		{"brief", "output", "--year", "2025", "--issue"},
	} {
		code, _, errs := runCLI(t, append(args, "--db", db)...)
		assert.Equal(t, 1, code, "%v: %s", args, errs)
		assert.Contains(t, errs, "数据库正由另一个程序写入", args)
		assert.Contains(t, errs, fmt.Sprintf("进程 %d", os.Getpid()), "the message names the holder")
		assert.Contains(t, errs, "没有写入任何内容", args)
	}
	assert.Equal(t, before, auditRows(t, holder), "nothing was written beside the holder")
	issued, err := holder.ListIssuedBriefs(bgCtx())
	require.NoError(t, err)
	assert.Empty(t, issued)
}

func bgCtx() context.Context { return context.Background() }

// auditRows counts the audit log: every change writes a row.
func auditRows(t *testing.T, s *data.Store) int {
	t.Helper()
	rows, err := s.AuditLog(bgCtx(), "", 0)
	require.NoError(t, err)
	return len(rows)
}

// A second process (the real program) beside the one that holds the database: it reads, and does not write.
func TestSecondProcessReadsAndDoesNotWrite(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	holder, err := data.Open(db)
	require.NoError(t, err)
	defer holder.Close()
	before := auditRows(t, holder)
	buildCrashBinary(t)
	pid := fmt.Sprintf("PID %d", os.Getpid())

	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"stats", "--year", "2025"}, 0},
		{[]string{"check"}, 0},
		{[]string{"demo"}, 1},
		{[]string{"brief", "output", "--year", "2025", "--issue"}, 1},
	} {
		var out, errs strings.Builder
		cmd := child(append(c.args, "--db", db)...)
		cmd.Stdout, cmd.Stderr = &out, &errs
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		assert.Equal(t, c.code, code, "%v: %s", c.args, errs.String())
		assert.Contains(t, errs.String(), pid, "%v names the holder", c.args)
	}
	assert.Equal(t, before, auditRows(t, holder), "the second process wrote nothing")
}
