package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"scitech/reports"
	"scitech/usertext"
)

// missingShown is how many texts the dialog lists; the rest are counted.
const missingShown = 50

// confirmMissingChars tells the user which texts of a brief hold characters no font has — by record, field and
// character (usertext.MissingChars) — and lets them go on, the characters printed as 〓 (onAnswer(true): the
// brief is then written with FontSet.WithMarkMissing(true)), or go back and fix the records (onAnswer(false)).
func (e *env) confirmMissingChars(win fyne.Window, list []reports.MissingText, onAnswer func(goOn bool)) dialog.Dialog {
	intro := widget.NewLabel(e.T("missing.intro", map[string]any{"N": len(list)}))
	intro.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox()
	for i, m := range list {
		if i == missingShown {
			rows.Add(widget.NewLabel(e.T("missing.more", map[string]any{"N": len(list) - missingShown})))
			break
		}
		row := widget.NewLabel(usertext.MissingChars(e.tr, m))
		row.Wrapping = fyne.TextWrapWord
		rows.Add(row)
	}
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(560, 220))
	d := dialog.NewCustomConfirm(e.T("missing.title"), e.T("missing.go_on"), e.T("missing.back"),
		container.NewBorder(intro, nil, nil, nil, scroll), onAnswer, win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	return d
}
