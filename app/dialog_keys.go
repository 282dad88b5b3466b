package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// closeOnEscape makes Escape close the dialog on top of win as its dismiss button would: 关闭, 取消 or 确定 of a
// message, a record form's 取消 (which asks first when something was typed). Fyne hands a key to the widget
// that has the keyboard, else to the window's canvas, and its dialogs ignore Escape: this is the canvas's
// share. The widgets of our dialogs that take the keyboard (escapeEntry, the records table of a figure) pass
// Escape on to escapeTop themselves.
func closeOnEscape(win fyne.Window) {
	c := win.Canvas()
	before := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && escapeTop(c) {
			return
		}
		if before != nil {
			before(ev)
		}
	})
}

// escapeTop dismisses the dialog on top of a window's canvas; false when none is open or the one on top has no
// way out (a progress dialog, which ends by itself).
func escapeTop(c fyne.Canvas) bool {
	if c == nil {
		return false
	}
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	if f, ok := openForms[top]; ok && f.win.Canvas() == c {
		f.onCancel()
		return true
	}
	pop, ok := top.(*widget.PopUp)
	if !ok {
		return false
	}
	if b := dismissButton(pop.Content); b != nil {
		b.OnTapped()
		return true
	}
	return false
}

// dismissButton finds the button that closes a dialog without doing anything: the one with the cancel icon
// (取消 of a question or a form, 关闭 of a dialog that writes files) or Fyne's 取消 (a file dialog), else the
// dialog's only button (确定 of a message, 关闭 of a list). It looks through the containers a dialog lays its parts out in, not into widgets,
// so a button inside the dialog's content (a table's header, a form's drop-down) is no candidate.
func dismissButton(o fyne.CanvasObject) *widget.Button {
	var all []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Visible() && !w.Disabled() && w.OnTapped != nil {
				all = append(all, w)
			}
		case *fyne.Container:
			if w.Visible() {
				for _, child := range w.Objects {
					walk(child)
				}
			}
		}
	}
	walk(o)
	cancel, cancelText := theme.CancelIcon().Name(), lang.L("Cancel")
	for _, b := range all {
		if b.Icon != nil && b.Icon.Name() == cancel || b.Text == cancelText { // Fyne's file dialogs: 取消 without an icon
			return b
		}
	}
	if len(all) == 1 {
		return all[0]
	}
	return nil
}

// escapes closes the dialog on top of c when ev is Escape, for a widget of one of our dialogs that has the
// keyboard: Fyne's Entry, SelectEntry and Table keep every key they are given, so Escape would never reach the
// window. False when the key is the widget's own.
func escapes(c fyne.Canvas, ev *fyne.KeyEvent) bool {
	return ev.Name == fyne.KeyEscape && escapeTop(c)
}

// escapeEntry is an entry in one of our dialogs that hands Escape to the dialog.
type escapeEntry struct {
	widget.Entry
	win fyne.Window
}

func newEscapeEntry(win fyne.Window) *escapeEntry {
	e := &escapeEntry{win: win}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape and edits the text on any other key.
func (e *escapeEntry) TypedKey(ev *fyne.KeyEvent) {
	if !escapes(e.win.Canvas(), ev) {
		e.Entry.TypedKey(ev)
	}
}

// pickerEntry is a picker's entry with its drop-down button, which hands Escape to its dialog as escapeEntry does.
type pickerEntry struct {
	widget.SelectEntry
}

func newPickerEntry() *pickerEntry {
	e := &pickerEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewSelectEntry sets it
	return e
}

// TypedKey closes the dialog on Escape and edits the text on any other key.
func (e *pickerEntry) TypedKey(ev *fyne.KeyEvent) {
	if !escapes(fyne.CurrentApp().Driver().CanvasForObject(e), ev) {
		e.SelectEntry.TypedKey(ev)
	}
}

// escapeTable is a table in one of our dialogs that hands Escape to the dialog as escapeEntry does (a figure's
// records, which have the keyboard once a row is clicked).
type escapeTable struct {
	widget.Table
	win fyne.Window
}

func newEscapeTable(win fyne.Window) *escapeTable {
	t := &escapeTable{win: win}
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey closes the dialog on Escape and moves through the cells on any other key.
func (t *escapeTable) TypedKey(ev *fyne.KeyEvent) {
	if !escapes(t.win.Canvas(), ev) {
		t.Table.TypedKey(ev)
	}
}
