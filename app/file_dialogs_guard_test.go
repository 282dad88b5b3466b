package app

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

func sha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// findEntry is the first entry in the widget tree under o.
func findEntry(o fyne.CanvasObject) *widget.Entry {
	e, _ := findObject(o, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Entry); return ok }).(*widget.Entry)
	return e
}

// saveAs types the name of a file that is there into the save dialog on top of the window, saves, and says
// yes to replacing it.
func saveAs(t *testing.T, win fyne.Window, name string) {
	t.Helper()
	saveNew(t, win, name)
	if top := win.Canvas().Overlays().Top(); top != nil {
		if yes := findButton(top, lang.L("Yes")); yes != nil {
			test.Tap(yes) // Fyne asks before replacing a file that exists
		}
	}
}

// saveNew types a file name into the save dialog on top of the window and saves. It does not look at the
// window afterwards: the screen's work has started on its own goroutine, where the test driver runs fyne.Do,
// so the overlays may be changing.
func saveNew(t *testing.T, win fyne.Window, name string) {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	require.NotNil(t, top, "a save dialog is open")
	entry := findEntry(top)
	require.NotNil(t, entry, "the save dialog has a file name entry")
	entry.SetText(name)
	test.Tap(overlayButton(t, win, lang.L("Save")))
}

// A clerk saving a brief, an export or an issued brief's file as the database itself — in its own folder, or
// through a link to it — is told why not, and the database is not touched: Fyne's save dialog opens (and
// truncates) the chosen file before the screen hears of it, so the guard refuses it where Fyne opens it
// (issue 14, item 1). Before, the database was emptied, then overwritten with the brief.
func TestSaveDialogRefusesTheDatabase(t *testing.T) {
	u, st := registerUI(t)
	t.Cleanup(ProtectStore(st))
	db := st.Path()
	dir := filepath.Dir(db)
	require.NoError(t, os.Symlink(filepath.Base(db), filepath.Join(dir, "链接.db")))
	fyne.CurrentApp().Preferences().SetString(prefDialogFolder+string(fileBrief), dir)
	fyne.CurrentApp().Preferences().SetString(prefDialogFolder+string(fileExport), dir)
	before := sha(t, db)

	for _, name := range []string{filepath.Base(db), "链接.db"} {
		test.Tap(u.reports.pdfBtn)
		saveAs(t, u.win, name)
		assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText("不能写入 "+filepath.Join(dir, name)+
			"：它就是 "+db+"，写入会毁掉这个文件。请另选一个文件名。", u.win).Text)
		closeDialogs(u.win)
		assert.Equal(t, before, sha(t, db), "saving a brief as %s leaves the database as it was", name)
	}

	u.ShowSection("nav.institutions")
	test.Tap(u.institutions.list.exportBtn)
	saveAs(t, u.win, filepath.Base(db))
	assert.NotEmpty(t, labelTexts(u.win.Canvas().Overlays().Top()))
	closeDialogs(u.win)
	assert.Equal(t, before, sha(t, db))

	problems, err := st.Check(bg())
	require.NoError(t, err)
	assert.Empty(t, problems)
	n, err := st.CountCompanies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, 36, n)
}

// A file saved through the guard appears whole when its writing closes, and one whose writing fails or is
// abandoned leaves the file that was there as it was (Fyne's own writer had already emptied it).
func TestSavedFileIsReplacedOnlyWhenWhole(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(protectFiles())
	path := filepath.Join(t.TempDir(), "简报 #1.pdf")
	require.NoError(t, os.WriteFile(path, []byte("the brief of last week"), 0o644))
	u := storage.NewFileURI(path)

	w, err := storage.Writer(u)
	require.NoError(t, err)
	_, err = w.Write([]byte("half a brief"))
	require.NoError(t, err)
	discardWrite(w)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "the brief of last week", string(got), "an abandoned save leaves the old file")

	w, err = storage.Writer(u)
	require.NoError(t, err)
	assert.Equal(t, errBoom, finishWrite(w, errBoom))
	got, _ = os.ReadFile(path)
	assert.Equal(t, "the brief of last week", string(got), "a failed save leaves the old file")

	w, err = storage.Writer(u)
	require.NoError(t, err)
	_, err = w.Write([]byte("this week's brief"))
	require.NoError(t, err)
	got, _ = os.ReadFile(path)
	assert.Equal(t, "the brief of last week", string(got), "nothing changes before the file is whole")
	require.NoError(t, os.Chmod(path, 0o640))
	require.NoError(t, finishWrite(w, nil))
	got, _ = os.ReadFile(path)
	assert.Equal(t, "this week's brief", string(got))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm(), "a replaced file keeps its permissions")
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.part"))
	assert.Empty(t, leftovers)

	// A file a screen is reading is protected too, until it lets go.
	release := protectFiles(path)
	_, err = storage.Writer(u)
	assert.Equal(t, "err.file.protected", data.ErrorKey(err))
	assert.Error(t, storage.Delete(u))
	release()
	w, err = storage.Writer(u)
	require.NoError(t, err)
	discardWrite(w)
}

var errBoom = fmt.Errorf("the disk said no")

type pathOnly string

func (p pathOnly) Path() string { return string(p) }

// The files SQLite keeps beside the database, and the database reached through "..", are refused as the
// database is; a name beside them is not.
func TestGuardRefusesTheDatabaseSideFiles(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "scitech.db")
	require.NoError(t, os.WriteFile(db, []byte("SQLite format 3\x00"), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	t.Cleanup(ProtectStore(pathOnly(db)))
	for _, name := range []string{"scitech.db-wal", "scitech.db-shm", "scitech.db-journal", "scitech.db.lock",
		"sub/../scitech.db"} {
		_, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, name)))
		assert.Equal(t, "err.file.protected", data.ErrorKey(err), name)
		_, err = storage.Appender(storage.NewFileURI(filepath.Join(dir, name)))
		assert.Equal(t, "err.file.protected", data.ErrorKey(err), name)
	}
	assert.Error(t, storage.Move(storage.NewFileURI(filepath.Join(dir, "x.pdf")), storage.NewFileURI(db)))
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, "scitech.db.pdf")))
	require.NoError(t, err)
	require.NoError(t, finishWrite(w, nil), "nothing written: nothing made")
	assert.NoFileExists(t, filepath.Join(dir, "scitech.db.pdf"))
}

// A brief is not saved over a font chosen in Settings, which it is printed with.
func TestBriefIsNotSavedOverItsFont(t *testing.T) {
	u, st := registerUI(t)
	dir := t.TempDir()
	font := filepath.Join(dir, "仿宋.ttf")
	require.NoError(t, os.WriteFile(font, assets.KaiFont, 0o644))
	require.NoError(t, st.SetBriefFont(bg(), "body", font))
	fyne.CurrentApp().Preferences().SetString(prefDialogFolder+string(fileBrief), dir)
	before := sha(t, font)
	test.Tap(u.reports.pdfBtn)
	saveAs(t, u.win, "仿宋.ttf")
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText("不能写入 "+font+"：它就是 "+font+
		"，写入会毁掉这个文件。请另选一个文件名。", u.win).Text)
	closeDialogs(u.win)
	assert.Equal(t, before, sha(t, font))

	test.Tap(u.reports.pdfBtn) // the guard holds the font only while the dialog is open
	saveNew(t, u.win, "简报.pdf")
	<-u.reports.done
	assert.FileExists(t, filepath.Join(dir, "简报.pdf"))
}

// No save of the window writes over a font chosen in Settings, whichever screen saves (here a list's export;
// the policy letter and the 培育库 save through the same guard): before, only the brief screen guarded its fonts,
// and only while its own dialog was open. A font chosen after the window opened is guarded too.
func TestNoSaveWritesOverAChosenFont(t *testing.T) {
	u, st := registerUI(t)
	t.Cleanup(ProtectStore(st))
	dir := t.TempDir()
	font := filepath.Join(dir, "楷体.ttf")
	require.NoError(t, os.WriteFile(font, assets.KaiFont, 0o644))
	require.NoError(t, st.SetBriefFont(bg(), "subheading", font))
	fyne.CurrentApp().Preferences().SetString(prefDialogFolder+string(fileExport), dir)
	before := sha(t, font)

	u.ShowSection("nav.institutions")
	test.Tap(u.institutions.list.exportBtn)
	saveAs(t, u.win, "楷体.ttf")
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText("不能写入 "+font+"：它就是 "+font+
		"，写入会毁掉这个文件。请另选一个文件名。", u.win).Text)
	closeDialogs(u.win)
	assert.Equal(t, before, sha(t, font))
}
