package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets the test binary stand in for a second copy of the program: with SCITECH_SECOND_COPY set to a
// database path it opens that database, tries to write, and prints what happened.
func TestMain(m *testing.M) {
	if p := os.Getenv("SCITECH_SECOND_COPY"); p != "" {
		fmt.Println(secondCopy(p))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// secondCopy does what a second copy of the program does: open for writing, and when refused, read-only.
func secondCopy(path string) string {
	ctx := context.Background()
	if s, err := Open(path); err == nil {
		err := s.SetBriefSettings(ctx, BriefSettings{IssuingUnit: "第二个程序", BriefName: "简报", IssueNo: 9})
		s.Close()
		return fmt.Sprintf("wrote: %v", err)
	} else if !errors.Is(err, ErrLocked) {
		return "open failed: " + err.Error()
	} else {
		fmt.Println("locked:", err)
	}
	s, err := OpenReadOnly(path)
	if err != nil {
		return "read-only open failed: " + err.Error()
	}
	defer s.Close()
	b, err := s.BriefSettings(ctx)
	if err != nil {
		return "read failed: " + err.Error()
	}
	werr := s.SetBriefSettings(ctx, BriefSettings{IssuingUnit: "第二个程序", BriefName: "简报", IssueNo: 9})
	return fmt.Sprintf("read %s; write refused: %v", b.IssuingUnit, ErrorKey(werr) == "err.db.read_only")
}

func TestSecondProcessDoesNotWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scitech.db")
	s, err := Open(path)
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	require.NoError(t, s.SetBriefSettings(ctx, BriefSettings{IssuingUnit: "旅顺口区科学技术局", BriefName: "科技工作简报", IssueNo: 3}))
	before := auditCount(t, s)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SCITECH_SECOND_COPY="+path)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	text := string(out)
	assert.Contains(t, text, "locked:", "the second copy is told the database is held")
	assert.Contains(t, text, fmt.Sprintf("PID %d", os.Getpid()), "and by which process")
	assert.Contains(t, text, "read 旅顺口区科学技术局; write refused: true", "it reads, and its change is refused")
	assert.NotContains(t, text, "wrote:")

	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	assert.Equal(t, 3, b.IssueNo, "nothing the second copy did reached the database")
	assert.Equal(t, before, auditCount(t, s))
}

func TestLockIsFreedOnClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "scitech.db")
	s, err := Open(path)
	require.NoError(t, err)
	_, err = Open(path)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrLocked))
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, "err.db.locked", ErrorKey(err))
	require.NoError(t, s.Close())
	again, err := Open(path)
	require.NoError(t, err, "a closed store leaves no lock behind")
	require.NoError(t, again.Close())
}

func TestReadOnlyRefusesAnOldSchemaAndAMissingFile(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenReadOnly(filepath.Join(dir, "none.db"))
	assert.Error(t, err, "read-only never creates a file")
	_, statErr := os.Stat(filepath.Join(dir, "none.db"))
	assert.True(t, os.IsNotExist(statErr))

	path := filepath.Join(dir, "old.db")
	s, err := Open(path)
	require.NoError(t, err)
	_, err = s.db.Exec(`DELETE FROM schema_migration WHERE version = (SELECT max(version) FROM schema_migration)`)
	require.NoError(t, err)
	_, err = OpenReadOnly(path)
	require.Error(t, err)
	assert.Equal(t, "err.db.needs_upgrade", ErrorKey(err))
	assert.True(t, strings.Contains(err.Error(), "upgraded"))
	require.NoError(t, s.Close())
}
