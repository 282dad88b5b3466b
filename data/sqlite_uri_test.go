package data

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/testsize"
)

// pathNames holds every character a folder or file name may hold on Windows and on Linux that means
// something in a URI, a shell or SQL, and Chinese; the names Windows refuses (<>:"\|?* and control
// characters) are added on other systems only.
func pathNames() []string {
	names := []string{"#", "项目#1", "项目#2", "%", "%41", "%2F", "%%", "&", "=", "a=b&c=d", "+", ";", "'", "''",
		" ", " 前后空格 ", "a b", "~", "!", "$", "@", "[x]", "{x}", "(x)", ",", "`", "^", "file:", "..x", "-", ".hidden",
		"科技服务平台", "é", "😀", "#?%&=+; '", "mode=ro", "_pragma=query_only(1)"}
	if runtime.GOOS != "windows" {
		names = append(names, "?", "a?b", "?mode=ro", ":", "a:b", `\`, `"`, "<>", "|", "*", "\t", "a\nb", "\x01", "%00")
	}
	return names
}

// quickPathNames are the names of pathNames that mean something to SQLite's URIs (#, ?, %, &, =, a mode or a
// pragma), a quote, spaces, Chinese and an emoji, and on other systems than Windows a newline and a control
// character: what make test opens, backs up and restores under; make stress takes every name.
func quickPathNames() []string {
	names := []string{"#", "项目#1", "项目#2", "%", "%41", "%2F", "a=b&c=d", "'", " 前后空格 ", "file:", "科技服务平台",
		"😀", "#?%&=+; '", "mode=ro", "_pragma=query_only(1)"}
	if runtime.GOOS != "windows" {
		names = append(names, "?", "a?b", "?mode=ro", `\`, "a\nb", "\x01", "%00")
	}
	return names
}

// Every database path is one file, whatever its folder and name hold: a database opened, backed up and
// restored under such a path is that file and no other, and two folders that differ after a "#" or "?" hold
// two databases.
func TestDatabasePathsWithEveryCharacter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := t.TempDir()
	template := filepath.Join(t.TempDir(), "template.db")
	s, err := Open(template)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	names := pathNames()
	if !testsize.Full() {
		names = quickPathNames() // make test: the names SQLite's URIs, query strings and pragmas read; all in make stress
	}
	for i, name := range names {
		db := filepath.Join(base, name, "库"+name+".db")
		unit := "单位" + strconv.Itoa(i)
		if !strings.ContainsAny(name, "#?%") {
			// Made new where SQLite's URIs cut the name short; elsewhere a copy of one made before, as
			// migrating a new database each time made this test a minute long under the race detector.
			require.NoError(t, os.MkdirAll(filepath.Dir(db), 0o755))
			require.NoError(t, copyFileSynced(template, db))
		}
		s, err := Open(db)
		require.NoError(t, err, "%q", name)
		setUnit(t, s, unit)
		require.NoError(t, s.Close())
		require.Equal(t, unit, unitOf(t, db), "%q: the database is the file named", name)

		r, err := OpenReadOnly(db)
		require.NoError(t, err, "%q", name)
		b, err := r.BriefSettings(ctx)
		require.NoError(t, err)
		assert.Equal(t, unit, b.IssuingUnit, "%q: read-only", name)
		require.NoError(t, r.Close())

		backup := filepath.Join(base, name, "备份"+name+".db")
		require.NoError(t, BackupDatabase(ctx, db, backup), "%q", name)
		require.NoError(t, CheckBackup(backup), "%q", name)
		assert.Equal(t, unit, unitOf(t, backup), "%q: the backup", name)

		s, err = Open(db)
		require.NoError(t, err)
		setUnit(t, s, "改过")
		require.NoError(t, s.Close())
		_, err = Restore(db, backup, time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local))
		require.NoError(t, err, "%q", name)
		assert.Equal(t, unit, unitOf(t, db), "%q: the restore put the backup in place", name)
	}
	// Nothing was written anywhere but in the folders named: no stray 项目 beside 项目#1.
	entries, err := os.ReadDir(base)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		require.True(t, e.IsDir(), "stray file %q", e.Name())
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, names, got)
	for _, name := range names {
		dir := filepath.Join(base, name)
		require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			require.NoError(t, err)
			rel, _ := filepath.Rel(dir, p)
			ok := rel == "." || rel == "backups" || strings.HasPrefix(rel, "库"+name+".db") ||
				strings.HasPrefix(rel, "备份"+name+".db") || strings.HasPrefix(rel, filepath.Join("backups", "before-restore-"))
			assert.True(t, ok, "%q: stray file %q", name, rel)
			return nil
		}))
	}
}
