package app

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeHome gives the test a home folder of its own, with the given subfolders, and no XDG user-dirs file.
func fakeHome(t *testing.T, subdirs ...string) string {
	t.Helper()
	home := t.TempDir()
	for _, d := range subdirs {
		require.NoError(t, os.MkdirAll(filepath.Join(home, d), 0o755))
	}
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	return home
}

func TestDocumentsDir(t *testing.T) {
	home := fakeHome(t)
	assert.Equal(t, home, documentsDir(), "no Documents folder: the home folder")

	require.NoError(t, os.Mkdir(filepath.Join(home, "文档"), 0o755))
	assert.Equal(t, filepath.Join(home, "文档"), documentsDir(), "a Chinese desktop's 文档")

	require.NoError(t, os.Mkdir(filepath.Join(home, "Documents"), 0o755))
	assert.Equal(t, filepath.Join(home, "Documents"), documentsDir())

	require.NoError(t, os.MkdirAll(filepath.Join(home, ".config"), 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(home, "我的文档"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"),
		[]byte("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/我的文档\"\n"), 0o644))
	assert.Equal(t, filepath.Join(home, "我的文档"), documentsDir(), "the XDG documents folder comes first")
}

func TestStartFolderIsTheLastUsedOfItsKind(t *testing.T) {
	test.NewTempApp(t)
	home := fakeHome(t, "Documents")
	docs := filepath.Join(home, "Documents")
	assert.Equal(t, docs, startFolder(fileBrief))
	assert.Equal(t, docs, startFolder(fileFont), "no Windows fonts folder here")

	briefs := filepath.Join(home, "简报")
	require.NoError(t, os.Mkdir(briefs, 0o755))
	var wrote fyne.URIWriteCloser
	save := rememberSave(fileBrief, func(w fyne.URIWriteCloser, err error) { wrote = w })
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(briefs, "2025年科技工作简报.pdf")))
	require.NoError(t, err)
	save(w, nil)
	w.Close()
	require.NotNil(t, wrote, "the dialog's own callback still runs")
	assert.Equal(t, briefs, startFolder(fileBrief), "briefs open where the last brief went")
	assert.Equal(t, docs, startFolder(fileWorkbook), "other kinds keep their own folder")

	save(nil, nil) // cancelled: nothing remembered
	assert.Equal(t, briefs, startFolder(fileBrief))

	require.NoError(t, os.RemoveAll(briefs))
	assert.Equal(t, docs, startFolder(fileBrief), "a folder that has gone is not offered")

	open := rememberOpen(fileWorkbook, func(fyne.URIReadCloser, error) {})
	xlsx := filepath.Join(home, "回收", "a.xlsx")
	require.NoError(t, os.MkdirAll(filepath.Dir(xlsx), 0o755))
	require.NoError(t, os.WriteFile(xlsx, []byte("x"), 0o644))
	r, err := storage.Reader(storage.NewFileURI(xlsx))
	require.NoError(t, err)
	open(r, nil)
	r.Close()
	assert.Equal(t, filepath.Dir(xlsx), startFolder(fileWorkbook))
}

// dialogShowsFolder reports whether the open file dialog's path bar has a button for the folder's name.
func dialogShowsFolder(win fyne.Window, name string) bool {
	top := win.Canvas().Overlays().Top()
	return top != nil && findButton(top, name) != nil
}

func TestFileDialogsOpenInDocuments(t *testing.T) {
	fakeHome(t, "Documents")
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	test.Tap(u.reports.pdfBtn)
	assert.True(t, dialogShowsFolder(u.win, "Documents"), "the brief's save dialog opens in Documents")
	u.win.Canvas().Overlays().Top().Hide()
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())

	u.ShowSection("nav.institutions")
	test.Tap(u.institutions.list.exportBtn)
	assert.True(t, dialogShowsFolder(u.win, "Documents"), "the export's save dialog opens in Documents")
}

func TestOpenWrittenBriefCallsOpenURL(t *testing.T) {
	u, _ := newTestUI(t, true)
	var opened []*url.URL
	u.env.open = func(u *url.URL) error { opened = append(opened, u); return nil } // the window's opener records

	u.ShowSection("nav.reports")
	r := u.reports
	assert.False(t, r.openBtn.Visible(), "nothing to open before a brief is written")
	path := filepath.Join(t.TempDir(), "2025年 简报.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	r.writeTo(w, pdfFormat, 2025)
	<-r.done
	require.True(t, r.openBtn.Visible(), "打开 is offered with the message")
	test.Tap(r.openBtn)
	require.Len(t, opened, 1)
	assert.Equal(t, "file", opened[0].Scheme)
	assert.Equal(t, path, opened[0].Path, "the URL names the file written, spaces and Chinese included")
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "no error shown")

	u.env.open = func(*url.URL) error { return os.ErrNotExist }
	test.Tap(r.openBtn)
	require.NotNil(t, u.win.Canvas().Overlays().Top(), "a failure is said")
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText(zh.T("open.failed", map[string]any{"File": path}), u.win).Text)
}

func TestBriefSavedAgainCanBeOpened(t *testing.T) {
	u, _ := registerUI(t)
	var opened []*url.URL
	u.env.open = func(u *url.URL) error { opened = append(opened, u); return nil } // the window's opener records
	r := u.reports
	r.kind.SetSelected("专利情况")
	issueAndWait(t, r, "2025年专利情况")
	closeDialogs(u.win)
	g := r.register
	require.Len(t, g.items, 1)

	path := filepath.Join(t.TempDir(), "第1期 专利情况.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	g.saveTo(w, g.items[0].ID, "pdf")
	<-g.saved
	test.Tap(overlayButton(t, u.win, zh.T("open.file")))
	require.Len(t, opened, 1)
	assert.Equal(t, "file", opened[0].Scheme)
	assert.Equal(t, path, opened[0].Path)
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "the message closes when the file opens")
}
