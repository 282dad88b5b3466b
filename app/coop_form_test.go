package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openCooperationForm opens the form to add a cooperation, as the Add button does.
func openCooperationForm(t *testing.T, w *coopWorld) *cooperationForm {
	t.Helper()
	s := newCooperationScreen(w.env, w.st, w.win)
	w.show(s.build())
	test.Tap(s.list.addBtn)
	require.NotNil(t, s.form)
	return s.form
}

// pressKey sends a key to whatever has the keyboard, as the window does.
func pressKey(c fyne.Canvas, name fyne.KeyName) {
	c.Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

// typeIntoWindow types text a character at a time into whatever has the keyboard at each character, as the
// window hands typing on (test.TypeOnCanvas gives it to the canvas's own handler instead).
func typeIntoWindow(c fyne.Canvas, text string) {
	for _, r := range text {
		c.Focused().TypedRune(r)
	}
}

// typeIntoPicker puts the keyboard in a picker of an open form and types text into the window, which drops
// the picker's matches; it gives the window's canvas, where the test goes on pressing keys.
func typeIntoPicker(t *testing.T, w *coopWorld, p *recordPicker, text string) fyne.Canvas {
	t.Helper()
	c := w.win.Canvas()
	c.Focus(p.entry)
	typeIntoWindow(c, text)
	require.True(t, p.drop.visible(), "the matches drop down with the first characters")
	return c
}

// droppedTexts are the matches a picker's dropped list shows, read through the list's own item functions.
func droppedTexts(d *pickerDrop) []string {
	var out []string
	for i := 0; i < d.list.Length(); i++ {
		item := d.list.CreateItem()
		d.list.UpdateItem(i, item)
		out = append(out, item.(*widget.Label).Text)
	}
	return out
}

// The company picker drops its matches as the name is typed into the window, and ↓ Enter takes one while the
// keyboard stays in the field.
func TestCompanyPickerDropsItsMatchesAsTheUserTypes(t *testing.T) {
	w := newCoopWorld(t)
	f := openCooperationForm(t, w)
	c := typeIntoPicker(t, w, f.company.recordPicker, "大连")
	assert.Equal(t, f.company.drop.popUp, c.Overlays().Top())
	assert.Equal(t, []string{"大连测试科技有限公司", "大连蓝海生物有限公司"}, droppedTexts(f.company.drop), "by pinyin")
	typeIntoWindow(c, "蓝")
	assert.Equal(t, "大连蓝", f.company.entry.Text, "typing goes on into the field")
	assert.Equal(t, []string{"大连蓝海生物有限公司"}, droppedTexts(f.company.drop), "the list narrows as it is typed")
	pressKey(c, fyne.KeyBackspace)
	assert.Equal(t, "大连", f.company.entry.Text)
	assert.Len(t, droppedTexts(f.company.drop), 2)

	pressKey(c, fyne.KeyDown)
	pressKey(c, fyne.KeyDown)
	pressKey(c, fyne.KeyReturn)
	assert.Equal(t, "大连蓝海生物有限公司", f.company.entry.Text, "↓ ↓ Enter takes the second match")
	assert.False(t, f.company.drop.visible())
	assert.Equal(t, f.company.entry, c.Focused(), "the keyboard is back in the field")
	assert.Equal(t, w.blue.ID, f.company.id())

	typeIntoWindow(c, "x")
	assert.False(t, f.company.drop.visible(), "nothing matches, nothing drops")
	pressKey(c, fyne.KeyBackspace)
	f.company.entry.SetText("")
	typeIntoWindow(c, "测试")
	require.True(t, f.company.drop.visible())
	pressKey(c, fyne.KeyEscape)
	assert.False(t, f.company.drop.visible(), "Escape closes the list")
	assert.NotNil(t, c.Overlays().Top(), "and only the list: the form stays open")
	assert.Equal(t, "测试", f.company.entry.Text)
}

// The institution picker searches as it is typed, by name or city, as the company picker does.
func TestInstitutionPickerSearchesAsItIsTyped(t *testing.T) {
	w := newCoopWorld(t)
	f := openCooperationForm(t, w)
	c := typeIntoPicker(t, w, f.institution.recordPicker, "化学")
	assert.Equal(t, []string{"中国科学院大连化学物理研究所"}, droppedTexts(f.institution.drop))
	pressKey(c, fyne.KeyReturn)
	assert.Equal(t, "中国科学院大连化学物理研究所", f.institution.entry.Text, "Enter takes the only match")
	assert.Equal(t, w.dicp.ID, f.institution.id())
	assert.NoError(t, f.institution.validate(""))
	f.institution.entry.SetText("某大学")
	assert.Error(t, f.institution.validate(""), "only a registered institution")
}

// 所属行动或计划 is chosen among those recorded; a new one is added through the last choice, and one typed again
// in another way is taken as the one recorded.
func TestProgrammeIsChosenAmongThoseRecordedOrAdded(t *testing.T) {
	w := newCoopWorld(t)
	f := openCooperationForm(t, w)
	p := f.programme
	assert.Equal(t, []string{"（不属于任何行动或计划）", "万名院士助创行动", "新增行动或计划……"}, p.sel.Options)
	assert.Equal(t, "", p.value(), "none at first")

	p.sel.SetSelected("新增行动或计划……")
	require.NotNil(t, p.adding)
	test.Type(p.addEntry, "万名院士 助创行动")
	test.Tap(overlayButton(t, w.win, "确定"))
	assert.Equal(t, "万名院士助创行动", p.value(), "a slip of a space is the programme recorded")
	assert.Len(t, p.sel.Options, 3, "no second category")

	p.sel.SetSelected("新增行动或计划……")
	test.Type(p.addEntry, "校企联合研发")
	p.addEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, "校企联合研发", p.value())
	assert.Equal(t, "校企联合研发", p.sel.Selected)

	p.sel.SetSelected("新增行动或计划……")
	test.Tap(overlayButton(t, w.win, "取消"))
	assert.Equal(t, "校企联合研发", p.sel.Selected, "cancelled, the choice stays")

	f.company.entry.SetText("大连蓝海生物有限公司")
	f.institution.entry.SetText("中国科学院大连化学物理研究所")
	test.Type(f.started, "2024-05-01")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	got, err := w.st.CooperationProgrammes(bg())
	require.NoError(t, err)
	assert.Equal(t, []string{"万名院士助创行动", "校企联合研发"}, got)
}
