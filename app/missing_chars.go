package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"scitech/reports"
)

// missingShown is how many texts the dialog lists; the rest are counted.
const missingShown = 50

// confirmMissingChars tells the user which texts of a brief hold characters no font has — by record, field and
// character — and lets them go on, the characters printed as 〓 (onAnswer(true): the brief is then written with
// FontSet.WithMarkMissing(true)), or go back and fix the records (onAnswer(false)). The window's own font lacks
// most of these characters too, so each is also given by its code point (U+2A6A5), which a user can look up
// or type.
func confirmMissingChars(win fyne.Window, list []reports.MissingText, onAnswer func(goOn bool)) dialog.Dialog {
	intro := widget.NewLabel(T("missing.intro", map[string]any{"N": len(list)}))
	intro.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox()
	for i, m := range list {
		if i == missingShown {
			rows.Add(widget.NewLabel(T("missing.more", map[string]any{"N": len(list) - missingShown})))
			break
		}
		row := widget.NewLabel(MissingTextLine(m))
		row.Wrapping = fyne.TextWrapWord
		rows.Add(row)
	}
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(560, 220))
	d := dialog.NewCustomConfirm(T("missing.title"), T("missing.go_on"), T("missing.back"),
		container.NewBorder(intro, nil, nil, nil, scroll), onAnswer, win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	return d
}

// MissingTextLine says where characters no font has stand, in the user's language, as the dialog and the
// command line list them: 企业“大连𪚥科技有限公司”的名称：𪚥（U+2A6A5）.
func MissingTextLine(m reports.MissingText) string {
	args := map[string]any{"Kind": T(m.Kind), "Record": m.Record, "Field": T(m.Field), "Chars": charsText(m.Chars)}
	if m.Record == "" {
		return T("missing.row.section", args)
	}
	return T("missing.row", args)
}

// charsText lists characters with their code points: 𪚥（U+2A6A5）、.
func charsText(chars []rune) string {
	parts := make([]string, len(chars))
	for i, r := range chars {
		parts[i] = T("missing.char", map[string]any{"Char": string(r), "Code": fmt.Sprintf("U+%04X", r)})
	}
	return strings.Join(parts, T("missing.sep"))
}
