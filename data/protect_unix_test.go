//go:build !windows

package data

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFilesThatAreNotFilesAreRefused: a pipe, a device and a folder are never read as a database nor written
// over by a backup: reading a pipe waits forever, /dev/zero never ends (and reads as an empty database), and a
// backup renamed over either would replace it. Each is refused at once, naming it.
func TestFilesThatAreNotFilesAreRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	fifo, folder := filepath.Join(dir, "pipe"), filepath.Join(dir, "folder")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	require.NoError(t, os.Mkdir(folder, 0o755))
	notFiles := []string{fifo, folder}
	if _, err := os.Stat("/dev/zero"); err == nil {
		notFiles = append(notFiles, "/dev/zero")
	}
	s := openTestStore(t)
	setUnit(t, s, "活的")
	out := filepath.Join(t.TempDir(), "out")
	for _, p := range notFiles {
		_, err := Open(p)
		assert.Equal(t, "err.file.not_regular", ErrorKey(err), "Open %s", p)
		_, err = OpenReadOnly(p)
		assert.Equal(t, "err.file.not_regular", ErrorKey(err), "OpenReadOnly %s", p)
		err = BackupDatabase(ctx, p, filepath.Join(out, "b.db"))
		assert.Equal(t, "err.file.not_regular", ErrorKey(err), "BackupDatabase of %s", p)
		_, err = Restore(s.Path()+"-other.db", p, time.Now())
		assert.Equal(t, "err.file.not_regular", ErrorKey(err), "Restore from %s", p)
		if p != "/dev/zero" {
			err = s.Backup(ctx, p)
			assert.Equal(t, "err.file.not_regular", ErrorKey(err), "Backup onto %s", p)
		}
	}
	fi, err := os.Lstat(fifo)
	require.NoError(t, err)
	assert.True(t, fi.Mode()&os.ModeNamedPipe != 0, "the pipe is still a pipe")
	assert.NoDirExists(t, out, "nothing was written")

	text := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(text, []byte("not a database"), 0o644))
	err = BackupDatabase(ctx, text, filepath.Join(out, "b.db"))
	assert.Equal(t, "err.db.not_database", ErrorKey(err), "a backup of a file that is no database")
	assert.NoDirExists(t, out)
}

// A file left at the restore's working name — by a restore cut short, or a link someone put there — is not
// written through: the restore removes it and makes its own.
func TestRestoreDoesNotWriteThroughALinkAtItsWorkingName(t *testing.T) {
	t.Parallel()
	dbPath, backup, _ := restoreFixture(t)
	victim := filepath.Join(t.TempDir(), "报告.docx")
	require.NoError(t, os.WriteFile(victim, []byte("a report"), 0o644))
	require.NoError(t, os.Symlink(victim, dbPath+".restoring"))
	_, err := Restore(dbPath, backup, time.Now())
	require.NoError(t, err)
	body, err := os.ReadFile(victim)
	require.NoError(t, err)
	assert.True(t, string(body) == "a report", "the file the link named is untouched")
	assert.Equal(t, "备份时", unitOf(t, dbPath))
}

// The lock file is written (who holds the database): a link or a pipe put at its name is refused, naming
// it, and the file a link names is not overwritten.
func TestALockFileThatIsNotAFileIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "scitech.db")
	victim := filepath.Join(dir, "报告.docx")
	require.NoError(t, os.WriteFile(victim, []byte("a report"), 0o644))
	require.NoError(t, os.Symlink(victim, db+".lock"))
	_, err := Open(db)
	assert.Equal(t, "err.file.not_regular", ErrorKey(err))
	assert.Contains(t, err.Error(), db+".lock")
	body, err := os.ReadFile(victim)
	require.NoError(t, err)
	assert.True(t, string(body) == "a report", "the file the link named is untouched")
	assert.NoFileExists(t, db, "no empty database is left behind")

	require.NoError(t, os.Remove(db+".lock"))
	require.NoError(t, syscall.Mkfifo(db+".lock", 0o644))
	_, err = Open(db)
	assert.Equal(t, "err.file.not_regular", ErrorKey(err))
}
