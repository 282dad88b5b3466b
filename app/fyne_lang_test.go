package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
)

// Fyne's own dialogs speak the language chosen in Settings, not the system's: the save dialog's title,
// buttons and file name hint, and an information dialog's OK. Before, a Chinese window on an English system
// (or under LANG=C) saved briefs through "Save File" with "Save" and "Cancel".
func TestFyneDialogsSpeakTheWindowsLanguage(t *testing.T) {
	u, _ := newTestUI(t, false)
	for _, c := range []struct {
		lang      string
		want, not []string
	}{
		{"en", []string{"Save File", "Save", "Cancel", "Enter filename", "OK"}, []string{"保存", "取消", "确定"}},
		{"zh", []string{"保存文件", "保存", "取消", "输入文件名", "确定"}, []string{"Save File", "Save", "Cancel", "OK"}},
	} {
		u.onLanguageChanged(c.lang)
		save := dialog.NewFileSave(func(fyne.URIWriteCloser, error) {}, u.win)
		startIn(save, fileExport)
		save.Show()
		texts := labelTexts(u.win.Canvas().Overlays().Top())
		save.Hide()
		info := dialog.NewInformation(u.env.T("settings.title"), u.env.T("settings.saved"), u.win)
		info.Show()
		texts = append(texts, labelTexts(u.win.Canvas().Overlays().Top())...)
		info.Hide()
		for _, w := range c.want {
			assert.Contains(t, texts, w, c.lang)
		}
		for _, w := range c.not {
			assert.NotContains(t, texts, w, c.lang)
		}
	}
}

// Every file dialog of the window is titled in words of its language, Chinese without a space between them:
// Fyne joined "保存" and "文件" into "保存 文件". Each dialog goes through startIn, which titles it.
func TestFileDialogTitlesReadAsTheirLanguage(t *testing.T) {
	u, _ := newTestUI(t, false)
	t.Setenv("HOME", t.TempDir()) // the dialogs list an empty folder, not the home of whoever runs the test
	for _, c := range []struct{ lang, save, open, folder string }{
		{"zh", "保存文件", "打开文件", "打开文件夹"},
		{"en", "Save File", "Open File", "Open Folder"},
	} {
		u.onLanguageChanged(c.lang)
		for want, d := range map[string]*dialog.FileDialog{
			c.save:   dialog.NewFileSave(func(fyne.URIWriteCloser, error) {}, u.win),
			c.open:   dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, u.win),
			c.folder: dialog.NewFolderOpen(func(fyne.ListableURI, error) {}, u.win),
		} {
			startIn(d, fileExport)
			d.Show()
			texts := labelTexts(u.win.Canvas().Overlays().Top())
			d.Hide()
			assert.Contains(t, texts, want, c.lang)
		}
	}
}

// Every word Fyne is given has a text in both languages, and the words reach Fyne as its own message IDs.
func TestFyneWordsAreTranslated(t *testing.T) {
	t.Parallel()
	for _, language := range assets.Languages {
		b, err := fyneWords(language)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"Cancel":`)
		assert.Contains(t, string(b), `"file.parent":`)
		assert.NotContains(t, string(b), fyneKeyPrefix, "Fyne's IDs, without the prefix")
	}
	assert.Equal(t, fyne.Locale("en"), fyneLocale("und"), "a locale Fyne cannot read leaves it English")
	assert.Equal(t, fyne.Locale("zh-CN"), fyneLocale("zh-CN"))
}

// A file dialog's places are named in the window's language: Fyne labels them Home and Computer in English
// whatever its translations say, so a Chinese save dialog listed "Home" beside 保存 and 取消.
func TestFileDialogPlacesSpeakTheWindowsLanguage(t *testing.T) {
	u, _ := newTestUI(t, false)
	t.Setenv("HOME", t.TempDir())
	for _, c := range []struct{ lang, home string }{{"zh", "主目录"}, {"en", "Home"}} {
		u.onLanguageChanged(c.lang)
		d := dialog.NewFileSave(func(fyne.URIWriteCloser, error) {}, u.win)
		startIn(d, fileExport)
		showFileDialog(d, u.win)
		pop, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
		require.True(t, ok, "a file dialog is a pop-up over the window")
		places := findPlaces(pop.Content)
		require.NotNil(t, places, "Fyne's places are the leading side of the dialog's split")
		var names []string
		for id := range places.Length() {
			item := places.CreateItem()
			places.UpdateItem(id, item)
			names = append(names, item.(*fyne.Container).Objects[1].(*widget.Label).Text)
		}
		d.Hide()
		assert.Equal(t, c.home, names[0], c.lang)
		if c.lang == "zh" {
			for _, n := range names {
				assert.NotContains(t, []string{"Home", "Computer", "Documents", "Desktop", "Downloads"}, n,
					"a place Fyne names in English")
			}
		}
	}
}
