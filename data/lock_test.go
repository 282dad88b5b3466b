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
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// With SCITECH_SECOND_COPY set to a database path the test binary stands in for a second copy of the program
// (TestMain, main_test.go): it opens that database, tries to write, and prints what happened.

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
	t.Parallel()
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
	assert.Equal(t, "旅顺口区科学技术局", b.IssuingUnit, "nothing the second copy did reached the database")
	assert.Equal(t, before, auditCount(t, s))
}

func TestLockIsFreedOnClose(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestOneWriterPerFileHoweverItIsNamed: the writer lock belongs to the database file, not to the path it was
// opened by: a symbolic link to it, a linked folder, a relative spelling and a hard link all meet the same
// lock, and the refusal names the holder.
func TestOneWriterPerFileHoweverItIsNamed(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	db := filepath.Join(dir, "real", "scitech.db")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "elsewhere"), 0o755))
	s, err := Open(db)
	require.NoError(t, err)
	defer s.Close()
	symlink(t, db, filepath.Join(dir, "elsewhere", "link.db"))
	symlink(t, filepath.Join(dir, "real"), filepath.Join(dir, "alias"))
	t.Chdir(filepath.Join(dir, "elsewhere"))
	backup := filepath.Join(dir, "b.db")
	require.NoError(t, s.Backup(context.Background(), backup))
	for _, p := range []string{"link.db", filepath.Join(dir, "alias", "scitech.db"), filepath.Join("..", "real", "scitech.db")} {
		other, err := Open(p)
		if err == nil {
			other.Close()
		}
		require.Error(t, err, "a second writer through %s", p)
		assert.True(t, errors.Is(err, ErrLocked), "%s: %v", p, err)
		assert.Contains(t, err.Error(), fmt.Sprintf("PID %d", os.Getpid()), "%s: the holder is named", p)
		_, err = Restore(p, backup, time.Now())
		assert.Equal(t, "err.db.locked", ErrorKey(err), "a restore through %s while the database is open", p)
	}

	require.NoError(t, os.Link(db, filepath.Join(dir, "elsewhere", "hard.db")))
	other, err := Open("hard.db")
	if err == nil {
		other.Close()
	}
	assert.Equal(t, "err.db.hard_link", ErrorKey(err), "a second writer through a hard link")
	_, err = Restore("hard.db", backup, time.Now())
	assert.True(t, errors.Is(err, ErrLocked), "a restore through a hard link: %v", err)
	assert.Equal(t, "err.db.locked_elsewhere", ErrorKey(err), "its lock file is beside the other name")
	entries, err := os.ReadDir(filepath.Join(dir, "elsewhere"))
	require.NoError(t, err)
	for _, e := range entries {
		assert.Contains(t, []string{"link.db", "hard.db", "hard.db.lock"}, e.Name(), "nothing of the database is written beside the link")
	}
}

// A restore through a link restores the file the link names; replacing the link by a copy would leave the
// database everyone else opens as it was, while the restore reported success.
func TestRestoreThroughALinkRestoresTheDatabase(t *testing.T) {
	t.Parallel()
	dbPath, backup, _ := restoreFixture(t)
	link := filepath.Join(t.TempDir(), "link.db")
	symlink(t, dbPath, link)
	_, err := Restore(link, backup, time.Now())
	require.NoError(t, err)
	assert.Equal(t, "备份时", unitOf(t, dbPath))
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.True(t, fi.Mode()&os.ModeSymlink != 0, "the link is still a link")
	assert.NoFileExists(t, link+".restoring")
}

// A restore that is refused leaves no empty database where there was none: the lock needs a file to lock,
// and gives it back.
func TestARefusedRestoreOntoANewPlaceLeavesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notDB, []byte("not a database"), 0o644))
	target := filepath.Join(dir, "new", "scitech.db")
	_, err := Restore(target, notDB, time.Now())
	require.Error(t, err)
	assert.NoFileExists(t, target)
}

// A backup never replaces a database another copy of the program is writing: renamed over it, the file would
// be pulled from under that copy, whose changes from then on would go to a file no name reaches.
func TestABackupDoesNotReplaceADatabaseInUse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	inUse, mine := filepath.Join(dir, "shared", "scitech.db"), filepath.Join(dir, "mine.db")
	a, err := Open(inUse)
	require.NoError(t, err)
	defer a.Close()
	setUnit(t, a, "共用的")
	b, err := Open(mine)
	require.NoError(t, err)
	defer b.Close()
	setUnit(t, b, "我的")

	err = b.Backup(ctx, inUse)
	require.Error(t, err)
	assert.Equal(t, "err.backup.target_in_use", ErrorKey(err))
	assert.Contains(t, err.Error(), fmt.Sprintf("PID %d", os.Getpid()), "the message names the holder")
	err = BackupDatabase(ctx, mine, inUse)
	assert.Equal(t, "err.backup.target_in_use", ErrorKey(err))

	setUnit(t, a, "还在写")
	require.NoError(t, a.Close())
	assert.Equal(t, "还在写", unitOf(t, inUse), "the copy that was writing lost nothing")
	require.NoError(t, b.Backup(ctx, inUse), "once it is closed, the backup may replace it")
	assert.Equal(t, "我的", unitOf(t, inUse))
}
