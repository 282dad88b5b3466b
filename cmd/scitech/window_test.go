package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/usertext"
)

// windowTitles is the title of every window the app shows.
func windowTitles(a fyne.App) []string {
	var out []string
	for _, w := range a.Driver().AllWindows() {
		out = append(out, w.Title())
	}
	return out
}

func TestWindowSaysTheChosenFolderIsMissing(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	gone := filepath.Join(t.TempDir(), "移动硬盘")
	require.NoError(t, os.Mkdir(gone, 0o755))
	require.NoError(t, data.WriteLocation(dir, gone, time.Now()))
	require.NoError(t, os.Remove(gone))
	_, _, problem := data.DatabasePath(dir)
	require.Error(t, problem)

	var stderr bytes.Buffer
	w := &windowStart{ctx: context.Background(), app: a, tr: zh, stderr: &stderr}
	w.locationProblem(dir, problem)
	assert.Contains(t, stderr.String(), gone, "a console hears it too")
	assert.Equal(t, exitUsage, w.code)
	assert.Contains(t, windowTitles(a), zh.T("location.missing.title"), "the user sees it in a window")
	_, err := os.Stat(gone)
	assert.True(t, os.IsNotExist(err), "no new empty database where the chosen one should be")
	assert.Nil(t, w.store, "nothing opened yet")
	assert.Equal(t, zh.T("location.missing.start_empty", map[string]any{"Problem": usertext.Error(zh, problem),
		"Default": filepath.Join(dir, data.DBFileName)}), w.problem.Message(),
		"the default location holds no database: the window says going back starts an empty one")

	test.Tap(w.problem.UseDefault)
	require.NotNil(t, w.store, "the default database is open")
	t.Cleanup(func() {
		<-backupDone
		backupDone = nil
		w.store.Close()
	})
	assert.Equal(t, filepath.Join(dir, data.DBFileName), w.store.Path())
	assert.Equal(t, exitOK, w.code)
	chosen, err := data.ReadLocation(dir)
	require.NoError(t, err)
	assert.Empty(t, chosen, "back to the default location for good")
	assert.Contains(t, windowTitles(a), zh.T("app.title"), "the main window is showing")
}

func TestWindowSaysWhenTheDatabaseCannotBeOpened(t *testing.T) {
	a := test.NewTempApp(t)
	notADatabase := filepath.Join(t.TempDir(), "scitech.db")
	require.NoError(t, os.WriteFile(notADatabase, bytes.Repeat([]byte("not a database "), 500), 0o644))

	var stderr bytes.Buffer
	w := &windowStart{ctx: context.Background(), app: a, tr: zh, stderr: &stderr}
	w.open(notADatabase)
	assert.Equal(t, exitUsage, w.code)
	assert.Contains(t, w.problem.Message(), notADatabase)
	assert.Contains(t, stderr.String(), notADatabase)
	assert.Contains(t, windowTitles(a), zh.T("startup.open_failed.title"), "not on stderr only")
	assert.Nil(t, w.store)
}

func TestLocationGoneNamesOnlyTheMissingChosenFolder(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config) // os.UserConfigDir on Linux
	t.Setenv("APPDATA", config)         // and on Windows
	dir := data.DefaultDataDir()
	chosen := filepath.Join(t.TempDir(), "U盘")
	require.NoError(t, os.Mkdir(chosen, 0o755))
	require.NoError(t, data.WriteLocation(dir, chosen, time.Now()))
	path := filepath.Join(chosen, data.DBFileName)
	assert.Equal(t, path, defaultDBPath(), "the chosen folder is the default database's")
	assert.NoError(t, locationGone(path))

	require.NoError(t, os.Remove(chosen))
	err := locationGone(path)
	require.Error(t, err)
	assert.Contains(t, usertext.Error(zh, err), chosen)
	assert.NoError(t, locationGone(filepath.Join(t.TempDir(), "other.db")), "a database given with --db is not concerned")

	// The command line refuses too, rather than making a new empty database where the folder was.
	for _, args := range [][]string{{"demo"}, {"stats", "--year", "2025"}} {
		code, _, stderr := runCLI(t, args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.Contains(t, stderr, chosen, "%v", args)
		assert.NoDirExists(t, chosen, "%v", args)
	}
}
