package app

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"

	"scitech/data"
)

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

// shownPath is a file dialog's choice as the user's system writes paths: a URI's path has forward slashes,
// which on Windows would read C:/users/… instead of C:\users\….
func shownPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }
