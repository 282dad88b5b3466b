package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pressEscape presses Escape in the window as the driver does: to the widget that has the keyboard, else to
// the canvas.
func pressEscape(t *testing.T, win fyne.Window) {
	t.Helper()
	ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	handler := win.Canvas().OnTypedKey()
	require.NotNil(t, handler, "the window handles the keys no widget takes")
	handler(ev)
}

// Escape closes the dialog on top, whichever it is, as its dismiss button would.
func TestEscapeClosesEveryDialog(t *testing.T) {
	u, _ := newTestUI(t, true)
	win := u.win
	overlays := win.Canvas().Overlays()

	u.env.inform(win, "标题", "一条消息。")
	require.NotNil(t, overlays.Top())
	pressEscape(t, win)
	assert.Nil(t, overlays.Top(), "a message closes")

	yes := false
	u.env.confirm(win, "删除", "确定删除？", func() { yes = true })
	pressEscape(t, win)
	assert.Nil(t, overlays.Top(), "a question closes")
	assert.False(t, yes, "as its 取消 would: nothing is done")

	u.ShowSection("nav.companies")
	test.Tap(u.companies.list.addBtn)
	require.NotNil(t, u.companies.form)
	win.Canvas().Unfocus()
	pressEscape(t, win)
	assert.Nil(t, overlays.Top(), "an untouched form closes")

	test.Tap(u.companies.list.addBtn)
	f := u.companies.form
	test.Type(f.name, "大连新公司")
	win.Canvas().Unfocus()
	pressEscape(t, win)
	require.Len(t, overlays.List(), 2, "a form with typing asks first, as its 取消 does")
	assert.Contains(t, overlayText(t, win), zh.T("form.discard.message"))
	pressEscape(t, win)
	require.Len(t, overlays.List(), 1, "the question closed as its 继续编辑 would, the form kept")
	assert.Equal(t, "大连新公司", f.name.Text)
	f.close()
	assert.Nil(t, overlays.Top())

	saved := false
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) { saved = w != nil }, win)
	d.Show()
	win.Canvas().Unfocus()
	pressEscape(t, win)
	assert.Nil(t, overlays.Top(), "a file dialog closes, as its 取消 would")
	assert.False(t, saved)
}

// Escape closes a dialog while the cursor is in one of its fields, which Fyne's entries would keep.
func TestEscapeClosesAStepDialogFromItsField(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	closeOnEscape(win)
	_, a := seedIncubator(t, st)
	s := openIncubatorScreen(t, win, st)
	s.openApplication(a)
	test.Tap(s.page.flow.stepBtns["reviewing"])
	d := s.page.flow.stepDlg
	require.Equal(t, d.day, win.Canvas().Focused(), "the date has the keyboard")
	test.Type(d.note, "备注")
	win.Canvas().Focus(d.note)
	pressEscape(t, win)
	assert.Nil(t, win.Canvas().Overlays().Top(), "closed as 取消 would")
	got, err := st.IncubatorApplication(bg(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, "submitted", got.Status, "no step taken")
}

// Escape in a picker closes its list first, then the form, as 取消 would.
func TestEscapeFromAPickerClosesItsListThenTheForm(t *testing.T) {
	w := newCoopWorld(t)
	closeOnEscape(w.win)
	f := openCooperationForm(t, w)
	c := w.win.Canvas()
	c.Focus(f.company.entry)
	typeIntoWindow(c, "大连")
	require.True(t, f.company.drop.visible())
	pressEscape(t, w.win)
	assert.False(t, f.company.drop.visible(), "the list closes")
	require.NotNil(t, c.Overlays().Top(), "the form stays")
	f.company.entry.SetText("")
	pressEscape(t, w.win)
	assert.Nil(t, c.Overlays().Top(), "then the form closes, the cursor still in the picker")
}

// Escape works from the field a form opens with the cursor in, and asks first once something was typed; a
// form whose only typing is in a picker asks too.
func TestEscapeFromAFormsFieldCancelsTheForm(t *testing.T) {
	u, _ := newTestUI(t, true)
	win := u.win
	u.ShowSection("nav.companies")
	test.Tap(u.companies.list.addBtn)
	f := u.companies.form
	require.Equal(t, f.uscc, win.Canvas().Focused(), "the form opens with the cursor in its first field")
	pressEscape(t, win)
	assert.Nil(t, win.Canvas().Overlays().Top(), "an untouched form closes")

	test.Tap(u.companies.list.addBtn)
	f = u.companies.form
	typeIntoWindow(win.Canvas(), "9121")
	require.Equal(t, "9121", f.uscc.Text)
	pressEscape(t, win)
	assert.Len(t, win.Canvas().Overlays().List(), 2, "typed in: it asks first")

	w := newCoopWorld(t)
	closeOnEscape(w.win)
	cf := openCooperationForm(t, w)
	cf.company.entry.SetText("大连测试科技有限公司")
	w.win.Canvas().Focus(cf.company.entry)
	pressEscape(t, w.win)
	assert.Len(t, w.win.Canvas().Overlays().List(), 2, "a company chosen is typing that would be lost: it asks")
}
