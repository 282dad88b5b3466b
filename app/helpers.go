package app

import (
	"errors"

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
