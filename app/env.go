package app

import (
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

// prefLanguage is the app preference that keeps the language chosen in Settings.
const prefLanguage = "language"

// env is what every screen of a window is given besides its store and its window: the translator its words go
// through, the clock it judges dates by and the system's way of opening a file or a link. The window makes one
// in the language chosen in Settings (newEnv); choosing another language builds the screens again over a copy
// in the new language (inLanguage). Tests give the screens one with a fixed day and an opener that records,
// instead of overwriting package variables, so that nothing a screen says depends on another test.
type env struct {
	tr   *assets.Translator
	now  func() time.Time     // the clock: backups and data locations are stamped with it, today() is its date
	open func(*url.URL) error // hands a URL to the system (Fyne's App.OpenURL: xdg-open on Linux)
}

// newEnv is the env of a's windows: the language kept in its preferences (Chinese by default), the system's
// clock and a's way of opening URLs. Fyne's lang package chooses its language from the operating system only,
// with no way to pick another, so the window keeps its own translator over the same embedded files.
func newEnv(a fyne.App) *env {
	return &env{tr: assets.NewTranslator(a.Preferences().StringWithFallback(prefLanguage, assets.Languages[0])),
		now: time.Now, open: a.OpenURL}
}

// inLanguage is a copy of e speaking another language ("zh" or "en"; an unknown code selects Chinese).
func (e *env) inLanguage(code string) *env {
	c := *e
	c.tr = assets.NewTranslator(code)
	return &c
}

// T translates a key, filling {{.Name}} placeholders from data.
func (e *env) T(key string, data ...any) string { return e.tr.T(key, data...) }

// today is the calendar date of the clock, the day certificates, patents and defaults are judged by.
func (e *env) today() time.Time {
	y, m, d := e.now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// errorText is the sentence the user reads for err (usertext.Error).
func (e *env) errorText(err error) string { return usertext.Error(e.tr, err) }

// fieldLabel is the label of a field as the forms show it.
func (e *env) fieldLabel(field string) string { return usertext.FieldLabel(e.tr, field) }

// fieldError is what an entry's validator returns: the message alone, since the form already shows the label.
type fieldError struct{ msg string }

func (e fieldError) Error() string { return e.msg }

// fieldErr is a validator's message for key: the entry shows it under the field.
func (e *env) fieldErr(key string, data ...any) error { return fieldError{e.T(key, data...)} }

// validation is the message of a data error without the field's name, for display under an entry; nil for nil.
func (e *env) validation(err error) error {
	if err == nil {
		return nil
	}
	return fieldError{usertext.Validation(e.tr, err)}
}

// showError tells the user what went wrong, in words they can act on; internal details go to the log.
func (e *env) showError(win fyne.Window, err error) {
	if err == nil {
		return
	}
	if data.ErrorCode(err) == data.Internal {
		fyne.LogError("internal error", err)
	}
	e.inform(win, e.T("err.title"), e.errorText(err))
}

// confirm asks a yes/no question with the app's own button labels (Fyne's follow the system language).
func (e *env) confirm(win fyne.Window, title, msg string, onYes func()) dialog.Dialog {
	d := dialog.NewCustomConfirm(title, e.T("action.confirm"), e.T("action.cancel"), newDialogText(msg, win), func(ok bool) {
		if ok {
			onYes()
		}
	}, win)
	d.Show()
	return d
}

// confirmDelete asks before deleting a record, naming the linked records that are deleted with it, then
// deletes it and calls after. A refused delete is shown and after is not called.
func (e *env) confirmDelete(win fyne.Window, name string, links data.Links, del func() error, after func()) {
	msg := e.T("delete.confirm", map[string]any{"Name": name})
	if len(links) > 0 {
		parts := make([]string, len(links))
		for i, l := range links {
			parts[i] = e.T("delete.link", map[string]any{"Kind": e.T(l.Kind), "N": l.Count})
		}
		msg += "\n" + e.T("delete.with_links", map[string]any{"Links": strings.Join(parts, e.T("delete.sep"))})
	}
	e.confirm(win, e.T("delete.title"), msg, func() {
		if err := del(); err != nil {
			e.showError(win, err)
			return
		}
		if after != nil {
			after()
		}
	})
}

// openFile opens a written file (a brief's PDF or workbook) in the program the system gives its type. On
// Windows the shell opens the path itself (systemOpen): a file:// URL would carry a Chinese file name
// percent-encoded, which the shell's URL handler reads in the ANSI code page. Elsewhere the file's URL goes to
// the opener.
func (e *env) openFile(path string) error {
	if handled, err := systemOpen(path); handled {
		return err
	}
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	return e.open(u)
}

// openWithMessage opens a file, and says so plainly when the system cannot.
func (e *env) openWithMessage(win fyne.Window, path string) {
	if err := e.openFile(path); err != nil {
		fyne.LogError("open "+path, err)
		text := newDialogText(e.T("open.failed", map[string]any{"File": path}), win)
		dialog.NewCustom(e.T("open.failed.title"), e.T("action.close"), text, win).Show()
	}
}

// showWritten tells the user a file was written, with 打开 to open it and 关闭.
func (e *env) showWritten(win fyne.Window, title, msg, path string) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, newDialogText(msg, win), win)
	open := &widget.Button{Text: e.T("open.file"), Icon: theme.FileIcon(), Importance: widget.HighImportance}
	open.OnTapped = func() {
		d.Hide()
		e.openWithMessage(win, path)
	}
	d.SetButtons([]fyne.CanvasObject{&widget.Button{Text: e.T("action.close"), Icon: theme.CancelIcon(), OnTapped: d.Hide}, open})
	d.Show()
	return d
}
