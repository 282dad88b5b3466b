package data

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// protectFixture is a live database with its -wal, a workbook, a link to each, a link to their folder and a
// hard link of the database, in a fresh folder; the test runs in that folder so relative paths work.
func protectFixture(t *testing.T) (dir, db string) {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	db = filepath.Join(dir, "项目#1", "scitech.db")
	s, err := Open(db)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	require.FileExists(t, db+"-wal")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "in.xlsx"), []byte("PK"), 0o644))
	symlink(t, db, filepath.Join(dir, "link.db"))
	symlink(t, filepath.Join(dir, "项目#1"), filepath.Join(dir, "alias"))
	symlink(t, db+"-shm-not-yet", filepath.Join(dir, "dangling"))
	symlink(t, db+"-journal", filepath.Join(dir, "to-journal"))
	require.NoError(t, os.Link(db, filepath.Join(dir, "hard.db")))
	t.Chdir(dir)
	return dir, db
}

func TestRefuseOverwrite(t *testing.T) {
	dir, db := protectFixture(t)
	refused := []struct{ name, target string }{
		{"the same spelling", db},
		{"relative", filepath.Join("项目#1", "scitech.db")},
		{"with ..", filepath.Join(dir, "项目#1", "..", "项目#1", ".", "scitech.db")},
		{"a symbolic link to it", "link.db"},
		{"through a linked folder", filepath.Join("alias", "scitech.db")},
		{"a hard link of it", "hard.db"},
		{"its -wal", db + "-wal"},
		{"its -shm, through a linked folder", filepath.Join("alias", "scitech.db-shm")},
		{"its -journal, not there yet", filepath.Join("alias", "scitech.db-journal")},
		{"a link to its -journal, not there yet", "to-journal"},
		{"its lock file", db + ".lock"},
		{"the input workbook", "./in.xlsx"},
		{"the input workbook through a linked folder", filepath.Join("alias", "..", "in.xlsx")},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			err := RefuseOverwrite(c.target, db, filepath.Join(dir, "in.xlsx"))
			require.Error(t, err)
			assert.Equal(t, Invalid, ErrorCode(err))
			assert.Equal(t, "err.file.protected", ErrorKey(err))
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, c.target, e.Args["Path"])
			assert.NotEmpty(t, e.Args["Protected"])
		})
	}
	allowed := []string{
		filepath.Join(dir, "backup.db"),
		filepath.Join("alias", "other.db"),
		filepath.Join("alias", "scitech.db.bak"),
		"dangling", // names scitech.db-shm-not-yet, no file of the database
		filepath.Join(dir, "no-such-folder", "scitech.db"),
		"in.xlsx.problems.xlsx",
		"link.db-wal", // SQLite keeps the -wal beside the real file, not beside the link
	}
	if runtime.GOOS == "linux" {
		allowed = append(allowed, filepath.Join(dir, "项目#1", "SCITECH.DB")) // another file on a case-sensitive disk
	}
	for _, target := range allowed {
		assert.NoError(t, RefuseOverwrite(target, db, filepath.Join(dir, "in.xlsx")), target)
	}
	assert.NoError(t, RefuseOverwrite("", db), "no target")
	assert.NoError(t, RefuseOverwrite(db), "nothing protected")
	assert.NoError(t, RefuseOverwrite(db, ""), "an empty protected path")
}

// A database reached only through a link has its side files beside the real file, where SQLite keeps them.
func TestDatabaseFilesFollowLinks(t *testing.T) {
	dir, db := protectFixture(t)
	files := DatabaseFiles(filepath.Join(dir, "link.db"))
	assert.Contains(t, files, db+"-wal")
	assert.Contains(t, files, filepath.Join(dir, "link.db")+".lock")
	for _, f := range files {
		assert.True(t, strings.HasPrefix(f, dir), f)
	}
}

// symlink makes a symbolic link, or skips the test where the system lets this user make none (Windows
// without the right to create symbolic links).
func symlink(t *testing.T, oldname, newname string) {
	t.Helper()
	if err := os.Symlink(oldname, newname); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("no symbolic links here: %v", err)
		}
		require.NoError(t, err)
	}
}
