package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLocationRoundTrip(t *testing.T) {
	t.Parallel()
	def := filepath.Join(t.TempDir(), "config", "scitech") // not made yet: writing the pointer makes it
	chosen := t.TempDir()
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

	path, isChosen, err := DatabasePath(def)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(def, DBFileName), path)
	assert.False(t, isChosen)

	require.NoError(t, WriteLocation(def, chosen, now))
	folder, err := ReadLocation(def)
	require.NoError(t, err)
	assert.Equal(t, chosen, folder)
	path, isChosen, err = DatabasePath(def)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(chosen, DBFileName), path)
	assert.True(t, isChosen)
	body, err := os.ReadFile(LocationFile(def))
	require.NoError(t, err)
	assert.Contains(t, string(body), "2026-11-26T09:30:00Z")
	leftovers, _ := filepath.Glob(filepath.Join(def, ".*tmp-*"))
	assert.Empty(t, leftovers, "the temporary file is renamed into place")

	require.NoError(t, WriteLocation(def, "", now), "back to the default")
	_, err = os.Stat(LocationFile(def))
	assert.True(t, os.IsNotExist(err))
	path, isChosen, err = DatabasePath(def)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(def, DBFileName), path)
	assert.False(t, isChosen)
	require.NoError(t, WriteLocation(def, "", now), "going back twice is fine")
}

func TestLocationDefaultFolderRemovesPointer(t *testing.T) {
	t.Parallel()
	def := t.TempDir()
	require.NoError(t, WriteLocation(def, t.TempDir(), time.Now()))
	require.NoError(t, WriteLocation(def, def+string(filepath.Separator), time.Now()))
	folder, err := ReadLocation(def)
	require.NoError(t, err)
	assert.Empty(t, folder)
}

func TestLocationMissingFolder(t *testing.T) {
	t.Parallel()
	def := t.TempDir()
	gone := filepath.Join(t.TempDir(), "U盘", "scitech")
	require.NoError(t, os.MkdirAll(gone, 0o755))
	require.NoError(t, WriteLocation(def, gone, time.Now()))
	require.NoError(t, os.RemoveAll(filepath.Dir(gone)))

	path, isChosen, err := DatabasePath(def)
	require.Error(t, err)
	assert.True(t, isChosen)
	assert.Equal(t, filepath.Join(gone, DBFileName), path, "the path is still given, to name it")
	assert.Equal(t, NotFound, ErrorCode(err))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "err.location.missing", e.Key)
	assert.Equal(t, gone, e.Args["Folder"])
	_, statErr := os.Stat(gone)
	assert.True(t, os.IsNotExist(statErr), "nothing creates the missing folder")
}

func TestLocationRefusesBadInput(t *testing.T) {
	t.Parallel()
	def := t.TempDir()
	err := WriteLocation(def, "relative/folder", time.Now())
	assert.Equal(t, Invalid, ErrorCode(err))

	require.NoError(t, os.WriteFile(LocationFile(def), []byte("{not json"), 0o644))
	_, err = ReadLocation(def)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "err.location.unreadable", e.Key)
	path, _, err := DatabasePath(def)
	assert.Error(t, err)
	assert.Equal(t, filepath.Join(def, DBFileName), path)

	require.NoError(t, os.WriteFile(LocationFile(def), []byte(`{"folder":"not/absolute"}`), 0o644))
	_, err = ReadLocation(def)
	assert.Error(t, err)
}

func TestCheckLocationFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, CheckLocationFolder(dir))
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "the write test leaves nothing behind")

	file := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	assert.Equal(t, Invalid, ErrorCode(CheckLocationFolder(file)))
	assert.Equal(t, Invalid, ErrorCode(CheckLocationFolder(filepath.Join(dir, "missing"))))

	assert.False(t, HasDatabase(dir))
	require.NoError(t, os.WriteFile(filepath.Join(dir, DBFileName), nil, 0o644))
	assert.True(t, HasDatabase(dir))
}
