package app

import (
	"errors"
	"path/filepath"
	"strings"

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

// confirmDelete asks before deleting a record, naming the linked records that are deleted with it, then
// deletes it and calls after. A refused delete is shown and after is not called.
func confirmDelete(win fyne.Window, name string, links data.Links, del func() error, after func()) {
	msg := T("delete.confirm", map[string]any{"Name": name})
	if len(links) > 0 {
		parts := make([]string, len(links))
		for i, l := range links {
			parts[i] = T("delete.link", map[string]any{"Kind": T(l.Kind), "N": l.Count})
		}
		msg += "\n" + T("delete.with_links", map[string]any{"Links": strings.Join(parts, T("delete.sep"))})
	}
	confirm(win, T("delete.title"), msg, func() {
		if err := del(); err != nil {
			showError(win, err)
			return
		}
		if after != nil {
			after()
		}
	})
}

// shownPath is a file dialog's choice as the user's system writes paths: a URI's path has forward slashes,
// which on Windows would read C:/users/… instead of C:\users\….
func shownPath(u fyne.URI) string { return filepath.FromSlash(u.Path()) }
