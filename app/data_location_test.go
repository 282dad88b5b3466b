package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// locationCard opens Settings and points the data-location card at a default folder of the test's own.
func locationCard(t *testing.T) (*UI, *data.Store, *dataLocationCard, string) {
	t.Helper()
	u, st := newTestUIAt(t, true, time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC))
	u.ShowSection("nav.settings")
	c := u.settings.location
	require.NotNil(t, c)
	c.defaultDir = filepath.Join(t.TempDir(), "appdata", "scitech")
	c.refresh()
	return u, st, c, c.defaultDir
}

func TestDataLocationCardShowsTheDatabaseInUse(t *testing.T) {
	_, st, c, _ := locationCard(t)
	assert.Equal(t, st.Path(), c.file.Text)
	assert.Equal(t, filepath.Dir(st.Path()), c.folder.Text)
	assert.Contains(t, c.next.Text, filepath.Join(c.defaultDir, data.DBFileName),
		"the test's database is not the default one: the next start opens the default")
	assert.True(t, c.defaultBtn.Disabled(), "no folder chosen: nothing to go back from")

	databaseGiven = true
	t.Cleanup(func() { databaseGiven = false })
	c.refresh()
	assert.Equal(t, zh.T("location.next.without_db", map[string]any{"Path": filepath.Join(c.defaultDir, data.DBFileName)}),
		c.next.Text, "started with --db: the card does not announce another database for the next start")
}

func TestDataLocationCardCopiesTheDatabase(t *testing.T) {
	u, st, c, def := locationCard(t)
	folder := t.TempDir()
	c.pickFolder = func(onChosen func(string)) { onChosen(folder) }

	test.Tap(c.changeBtn)
	target := filepath.Join(folder, data.DBFileName)
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText(zh.T("location.copy", map[string]any{"Path": target}), u.win).Text)
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm")))
	require.NotNil(t, c.done)
	<-c.done

	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText(zh.T("location.done", map[string]any{"Path": target}), u.win).Text,
		"the window says the change takes effect after a restart")
	chosen, err := data.ReadLocation(def)
	require.NoError(t, err)
	assert.Equal(t, folder, chosen, "the pointer file names the folder")
	assert.Contains(t, c.next.Text, target)
	assert.False(t, c.defaultBtn.Disabled())

	copy, err := data.Open(target)
	require.NoError(t, err, "the copy is a database")
	defer copy.Close()
	want, err := st.Stats(bg(), 2025)
	require.NoError(t, err)
	got, err := copy.Stats(bg(), 2025)
	require.NoError(t, err)
	assert.Equal(t, want, got, "the copy has the records")
	problems, err := copy.Check(bg())
	require.NoError(t, err)
	assert.Empty(t, problems)
	assert.Equal(t, st.Path(), c.file.Text, "the database in use does not change before a restart")
}

func TestDataLocationCardUsesAFolderThatHoldsADatabase(t *testing.T) {
	u, _, c, def := locationCard(t)
	folder := t.TempDir()
	other, err := data.Open(filepath.Join(folder, data.DBFileName))
	require.NoError(t, err)
	require.NoError(t, other.Close())
	before, err := os.ReadFile(filepath.Join(folder, data.DBFileName))
	require.NoError(t, err)
	c.pickFolder = func(onChosen func(string)) { onChosen(folder) }

	test.Tap(c.changeBtn)
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()),
		newDialogText(zh.T("location.use_existing", map[string]any{"Path": filepath.Join(folder, data.DBFileName)}), u.win).Text)
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm")))
	chosen, err := data.ReadLocation(def)
	require.NoError(t, err)
	assert.Equal(t, folder, chosen)
	after, err := os.ReadFile(filepath.Join(folder, data.DBFileName))
	require.NoError(t, err)
	assert.Equal(t, before, after, "the database there is used as it is, not overwritten")
}

func TestDataLocationCardBackToTheDefault(t *testing.T) {
	u, _, c, def := locationCard(t)
	require.NoError(t, data.WriteLocation(def, t.TempDir(), time.Now()))
	require.NoError(t, os.MkdirAll(def, 0o755))
	defaultDB, err := data.Open(filepath.Join(def, data.DBFileName))
	require.NoError(t, err)
	require.NoError(t, defaultDB.Close())
	c.refresh()
	require.False(t, c.defaultBtn.Disabled())

	test.Tap(c.defaultBtn)
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm")))
	chosen, err := data.ReadLocation(def)
	require.NoError(t, err)
	assert.Empty(t, chosen, "the pointer file is gone")
	assert.True(t, c.defaultBtn.Disabled())
}

func TestDataLocationCardRefusesAFolderItCannotUse(t *testing.T) {
	u, _, c, def := locationCard(t)
	file := filepath.Join(t.TempDir(), "a.txt")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	c.pickFolder = func(onChosen func(string)) { onChosen(file) }
	test.Tap(c.changeBtn)
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()),
		newDialogText(zh.T("err.location.not_folder", map[string]any{"Folder": file}), u.win).Text)
	chosen, err := data.ReadLocation(def)
	require.NoError(t, err)
	assert.Empty(t, chosen)
}

func TestStartProblemOffersTheDefaultLocation(t *testing.T) {
	a := test.NewTempApp(t)
	used := 0
	p := ShowStartProblem(a, zh.T("location.missing.title"), "文件夹 E:\\scitech 不存在", func() error { used++; return nil })
	assert.Contains(t, p.Message(), "E:\\scitech")
	assert.True(t, p.UseDefault.Visible())
	test.Tap(p.UseDefault)
	assert.Equal(t, 1, used)

	failing := ShowStartProblem(a, zh.T("startup.open_failed.title"), "x", func() error {
		return &data.Error{Code: data.Invalid, Key: "err.location.not_folder", Args: map[string]any{"Folder": "D:\\x"}}
	})
	test.Tap(failing.UseDefault)
	assert.Contains(t, failing.Message(), "D:\\x", "a failure is said in the window")
	assert.False(t, failing.UseDefault.Visible())

	plain := ShowStartProblem(a, zh.T("startup.open_failed.title"), "cannot open", nil)
	assert.False(t, hasButton(plain.Window().Content(), zh.T("location.use_default")), "an open failure offers Quit only")
	assert.True(t, hasButton(plain.Window().Content(), zh.T("startup.locked.quit")))
}

// hasButton reports whether a button with the text is in the tree under o.
func hasButton(o fyne.CanvasObject, text string) bool {
	switch c := o.(type) {
	case *widget.Button:
		return c.Text == text
	case *fyne.Container:
		for _, child := range c.Objects {
			if hasButton(child, text) {
				return true
			}
		}
	}
	return false
}

// slowStore is a database whose copy takes until it is cancelled.
type slowStore struct{ path string }

func (s slowStore) Path() string { return s.path }

func (s slowStore) Backup(ctx context.Context, path string) error {
	<-ctx.Done()
	return ctx.Err()
}

func TestDataLocationCopyCanBeCancelled(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewWindow(nil)
	defer win.Close()
	win.Resize(fyne.NewSize(1000, 700))
	c := newDataLocationCard(testEnv(fyne.CurrentApp(), testDay), slowStore{filepath.Join(t.TempDir(), data.DBFileName)}, win)
	c.defaultDir = t.TempDir()
	win.SetContent(c.build())
	folder := t.TempDir()

	c.copyTo(folder)
	assert.True(t, c.changeBtn.Disabled(), "one copy at a time")
	test.Tap(overlayButton(t, win, zh.T("action.cancel")))
	<-c.done
	chosen, err := data.ReadLocation(c.defaultDir)
	require.NoError(t, err)
	assert.Empty(t, chosen, "a cancelled copy chooses nothing")
	assert.False(t, data.HasDatabase(folder))
	assert.False(t, c.changeBtn.Disabled())
	assert.Nil(t, win.Canvas().Overlays().Top(), "and says nothing more")
}
