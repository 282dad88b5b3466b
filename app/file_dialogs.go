package app

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// Every file dialog of the window opens where the user last put or took that kind of file, and the first time
// in their Documents folder, as Windows programs do; Fyne's own default (one folder for every dialog, else the
// home folder) would send a clerk saving a brief into the folder of the last font they picked.
//
// Escape closes a file dialog through its 取消 (closeOnEscape) except while the cursor is in a save dialog's
// file name, which Fyne focuses as the dialog opens, or a click has given the list of files the keyboard: Fyne
// hands every key to the widget that has the keyboard, its Entry and GridWrap keep Escape, and the dialog builds
// both itself, with no hook to put one of ours (escapeEntry) in their place. A click on the dialog's title gives
// Escape back to the dialog.

// fileKind names a kind of file whose folder the dialogs remember.
type fileKind string

const (
	fileBrief      fileKind = "brief"    // briefs written or saved again (PDF, XLSX)
	fileWorkbook   fileKind = "workbook" // workbooks to and from companies: imports, templates, problems workbooks
	fileExport     fileKind = "export"   // exports of a list
	fileBackup     fileKind = "backup"   // backups restored from a file
	fileFont       fileKind = "font"     // brief fonts
	fileDataFolder fileKind = "data"     // the folder of the database
)

// prefDialogFolder prefixes the preference keeping a kind's last folder.
const prefDialogFolder = "dialog.folder."

// startIn opens the dialog in the kind's last folder or its default folder (startFolder), under a title in
// the window's language (titleFileDialog); it returns the folder it chose ("" when none could be listed,
// which leaves Fyne's default).
func startIn(d *dialog.FileDialog, kind fileKind) string {
	titleFileDialog(d)
	dir := startFolder(kind)
	if dir == "" {
		return ""
	}
	lister, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return ""
	}
	d.SetLocation(lister)
	return dir
}

// folderCallback is the callback of a dialog that chooses a folder (dialog.NewFolderOpen).
var folderCallback = reflect.TypeOf(func(fyne.ListableURI, error) {})

// titleFileDialog gives a file dialog its title as one of Fyne's translated words ("fyne.Save File": 保存文件).
// Fyne 2.7 joins its words for the title with a space — lang.L("Save") + " " + lang.L("File") — which is right
// in English and wrong in Chinese ("保存 文件"), and it offers only SetTitleText to change it. Whether a dialog
// saves, opens a file or opens a folder, which the title says, Fyne keeps unexported: it is read here through
// reflect, and a dialog whose fields are not as Fyne 2.7 has them keeps Fyne's own title (the test of the
// titles fails first, on an upgrade).
func titleFileDialog(d *dialog.FileDialog) {
	v := reflect.ValueOf(d).Elem()
	save, callback := v.FieldByName("save"), v.FieldByName("callback")
	if save.Kind() != reflect.Bool || callback.Kind() != reflect.Interface {
		return
	}
	title := "Open File"
	switch {
	case save.Bool():
		title = "Save File"
	case !callback.IsNil() && callback.Elem().Type() == folderCallback:
		title = "Open Folder"
	}
	d.SetTitleText(lang.L(title))
}

// startFolder is where a dialog for the kind opens: the folder last used for it when it still exists, else
// the fonts folder for fonts (on Windows), else the user's Documents folder, else the home folder.
func startFolder(kind fileKind) string {
	if a := fyne.CurrentApp(); a != nil {
		if dir := a.Preferences().String(prefDialogFolder + string(kind)); isFolder(dir) {
			return dir
		}
	}
	if kind == fileFont {
		if dir := systemFontsDir(); isFolder(dir) {
			return dir
		}
	}
	return documentsDir()
}

// rememberFolder keeps the folder of a file the user chose (or the folder itself, for a folder dialog).
func rememberFolder(kind fileKind, uri fyne.URI, isDir bool) {
	a := fyne.CurrentApp()
	if a == nil || uri == nil || uri.Scheme() != "file" {
		return
	}
	dir := uri.Path()
	if !isDir {
		dir = filepath.Dir(dir)
	}
	a.Preferences().SetString(prefDialogFolder+string(kind), dir)
}

// rememberSave wraps a save dialog's callback so that the folder written to is remembered for the kind.
func rememberSave(kind fileKind, fn func(fyne.URIWriteCloser, error)) func(fyne.URIWriteCloser, error) {
	return func(w fyne.URIWriteCloser, err error) {
		if err == nil && w != nil {
			rememberFolder(kind, w.URI(), false)
		}
		fn(w, err)
	}
}

// rememberOpen wraps an open dialog's callback so that the folder read from is remembered for the kind.
func rememberOpen(kind fileKind, fn func(fyne.URIReadCloser, error)) func(fyne.URIReadCloser, error) {
	return func(r fyne.URIReadCloser, err error) {
		if err == nil && r != nil {
			rememberFolder(kind, r.URI(), false)
		}
		fn(r, err)
	}
}

// documentsDir is the user's Documents folder: on Windows the known folder (which follows a Documents moved
// to another drive or to OneDrive); elsewhere the XDG documents folder (user-dirs.dirs), ~/Documents or
// ~/文档; the home folder when there is none.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	candidates := []string{knownDocumentsDir()}
	if runtime.GOOS == "windows" {
		candidates = append(candidates, filepath.Join(home, "Documents"))
	} else {
		candidates = append(candidates, xdgDocumentsDir(home), filepath.Join(home, "Documents"), filepath.Join(home, "文档"))
	}
	for _, dir := range candidates {
		if dir != "" && dir != home && isFolder(dir) {
			return dir
		}
	}
	return home
}

// xdgDocumentsDir reads XDG_DOCUMENTS_DIR from ~/.config/user-dirs.dirs, as xdg-user-dir DOCUMENTS does.
func xdgDocumentsDir(home string) string {
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		value, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		value = strings.Trim(value, `"`)
		if rest, ok := strings.CutPrefix(value, "$HOME"); ok {
			value = home + rest
		}
		if filepath.IsAbs(value) {
			return value
		}
	}
	return ""
}

func isFolder(dir string) bool {
	if dir == "" {
		return false
	}
	info, err := os.Stat(dir)
	return err == nil && info.IsDir()
}

// showFileDialog shows a file dialog the way every one of the program's is shown: as large as a list of files
// needs on the window (Fyne opens a save dialog barely wider than its file name), and with its places named in
// the chosen language.
func showFileDialog(d *dialog.FileDialog, win fyne.Window) {
	ws := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, ws.Width*0.9), min(600, ws.Height*0.85)))
	d.Show()
	namePlaces(win)
}

// namePlaces names the places of the file dialog on top of win (Home, Computer, Documents…) in the chosen
// language. Fyne 2.7 labels them with its own English names without asking its translations; its list of
// places is the leading side of the split in the dialog's pop-up, a widget.List whose UpdateItem is wrapped here
// to translate the name Fyne sets (lang.L, fyne.zh.json's fyne.Home: 主目录). A name Fyne has no translation
// for (a Windows drive, C:\) stays as it is. A dialog built otherwise by a later Fyne keeps English names; the
// test of the places fails first.
func namePlaces(win fyne.Window) {
	pop, ok := win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	places := findPlaces(pop.Content)
	if places == nil {
		return
	}
	update := places.UpdateItem
	places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if box, ok := item.(*fyne.Container); ok && len(box.Objects) > 1 {
			if label, ok := box.Objects[1].(*widget.Label); ok {
				label.SetText(lang.L(label.Text))
			}
		}
	}
	places.Refresh()
}

// findPlaces is the list on the leading side of the first split in o, walking containers.
func findPlaces(o fyne.CanvasObject) *widget.List {
	switch v := o.(type) {
	case *container.Split:
		if l, ok := v.Leading.(*widget.List); ok {
			return l
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if l := findPlaces(c); l != nil {
				return l
			}
		}
	}
	return nil
}

// askSave asks where to save a file of the kind, offering name+ext in the folder last used for the kind and
// only files ending in ext, and hands write the chosen file; an error opening it is shown, and cancelling does
// nothing.
func (e *env) askSave(win fyne.Window, kind fileKind, name, ext string, write func(fyne.URIWriteCloser)) {
	d := dialog.NewFileSave(rememberSave(kind, func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			e.showError(win, err)
			return
		}
		if w != nil {
			write(w)
		}
	}), win)
	startIn(d, kind)
	d.SetFileName(name + ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	showFileDialog(d, win)
}
