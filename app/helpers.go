package app

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"

	"scitech/data"
)

// today is the date the screens judge certificates by; tests fix it so golden files do not age.
var today = data.Today

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// asErrors lists the data errors inside err: every problem of a refused record, or the single one.
func asErrors(err error) []*data.Error {
	var list data.Errors
	if errors.As(err, &list) {
		return list
	}
	var e *data.Error
	if errors.As(err, &e) {
		return []*data.Error{e}
	}
	return nil
}

// confirmDelete asks before deleting a record (env.confirmDelete in the package-level language).
func confirmDelete(win fyne.Window, name string, links data.Links, del func() error, after func()) {
	legacyEnv().confirmDelete(win, name, links, del, after)
}

// shownPath is a file dialog's choice as the user's system writes paths: a URI's path has forward slashes,
// which on Windows would read C:/users/… instead of C:\users\….
func shownPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }
