package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A database's lock, -wal, -shm or -journal that is a hard link to another file would have the lock's holder,
// the log's pages or the index written into that file: a user's document truncated while the command reported
// success. Every way into the database refuses it, naming the side file, and the other file is left as it was.
func TestSideFilesThatAreHardLinksAreNeverWritten(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, backup, _ := restoreFixture(t)
	for _, suffix := range []string{".lock", "-wal", "-shm", "-journal"} {
		t.Run(suffix, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "b.db")
			s, err := Open(db)
			require.NoError(t, err)
			require.NoError(t, s.Close())
			important := filepath.Join(dir, "important.txt")
			require.NoError(t, os.WriteFile(important, []byte("IMPORTANT DATA"), 0o644))
			os.Remove(db + suffix)
			if err := os.Link(important, db+suffix); err != nil {
				t.Skip("no hard links here:", err)
			}

			_, err = Open(db)
			assert.Equal(t, "err.db.side_link", ErrorKey(err), "open to write: %v", err)
			_, err = OpenReadOnly(db)
			assert.Equal(t, "err.db.side_link", ErrorKey(err), "open to read: %v", err)
			_, err = Restore(db, backup, time.Now())
			assert.Equal(t, "err.db.side_link", ErrorKey(err), "restore: %v", err)
			src, err := Open(filepath.Join(dir, "src.db"))
			require.NoError(t, err)
			err = src.Backup(ctx, db)
			require.NoError(t, src.Close())
			assert.Equal(t, "err.db.side_link", ErrorKey(err), "a backup onto it: %v", err)

			got, err := os.ReadFile(important)
			require.NoError(t, err)
			assert.Equal(t, "IMPORTANT DATA", string(got), "the other file is left as it was")
		})
	}
	t.Run("a backup's new file", func(t *testing.T) {
		dir := t.TempDir()
		important := filepath.Join(dir, "important.txt")
		require.NoError(t, os.WriteFile(important, []byte("IMPORTANT DATA"), 0o644))
		target := filepath.Join(dir, "bk.db")
		require.NoError(t, os.Link(important, target+".lock"))
		src, err := Open(filepath.Join(dir, "src.db"))
		require.NoError(t, err)
		err = src.Backup(ctx, target)
		require.NoError(t, src.Close())
		assert.Equal(t, "err.db.side_link", ErrorKey(err), "%v", err)
		got, err := os.ReadFile(important)
		require.NoError(t, err)
		assert.Equal(t, "IMPORTANT DATA", string(got))
		assert.NoFileExists(t, target)
	})
}

// A database or a backup named through a link whose file is gone (a drive or share no longer there) is refused
// naming the link and where it points, instead of an internal error.
func TestALinkToNothingIsNamed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling.db")
	require.NoError(t, os.Symlink(filepath.Join(dir, "gone", "x.db"), dangling))
	_, err := Open(dangling)
	assert.Equal(t, "err.file.dangling_link", ErrorKey(err), "open: %v", err)
	s, err := Open(filepath.Join(dir, "real.db"))
	require.NoError(t, err)
	defer s.Close()
	err = s.Backup(context.Background(), dangling)
	assert.Equal(t, "err.file.dangling_link", ErrorKey(err), "a backup onto it: %v", err)
	assert.NoDirExists(t, filepath.Join(dir, "gone"), "nothing made where the link points")
}
