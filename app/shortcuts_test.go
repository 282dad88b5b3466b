package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// press delivers a key shortcut as Fyne's desktop driver does (glfw window.triggersShortcut): a main-menu item
// with that shortcut first, else the focused widget when it takes shortcuts (and then nothing else), else the
// window's canvas. The test driver's canvas skips the first two steps, so they are taken here.
func press(win fyne.Window, sc fyne.Shortcut) {
	if menu := win.MainMenu(); menu != nil {
		for _, m := range menu.Items {
			for _, it := range m.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
					it.Action()
					return
				}
			}
		}
	}
	if f, ok := win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	if c, ok := win.Canvas().(fyne.Shortcutable); ok {
		c.TypedShortcut(sc)
	}
}

func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// dialogTitles is every text of the dialog on top, its title among them (nil when none is open).
func dialogTitles(win fyne.Window) []string {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return labelTexts(top)
}

func closeDialogs(win fyne.Window) {
	for win.Canvas().Overlays().Top() != nil {
		win.Canvas().Overlays().Top().Hide()
		win.Canvas().Overlays().Remove(win.Canvas().Overlays().Top())
	}
}

func TestAnEntryKeepsShortcutsItDoesNotKnow(t *testing.T) {
	// Why the shortcuts are in the main menu: a focused entry swallows Ctrl+F.
	test.NewTempApp(t)
	e := widget.NewEntry()
	w := test.NewWindow(e)
	defer w.Close()
	ran := false
	w.Canvas().AddShortcut(ctrl(fyne.KeyF).(*desktop.CustomShortcut), func(fyne.Shortcut) { ran = true })
	w.Canvas().Focus(e)
	press(w, ctrl(fyne.KeyF))
	assert.False(t, ran, "if Fyne ever passes unknown shortcuts on, the menu is no longer needed for them")
}

func TestCtrlNAddsToTheListOnScreen(t *testing.T) {
	u, _ := newTestUI(t, true)
	for _, c := range []struct{ section, title string }{
		{"nav.companies", zh.T("company.add")},
		{"nav.institutions", zh.T("inst.add")},
		{"nav.patents", zh.T("patent.add")},
		{"nav.home", zh.T("company.add")}, // no list: a company
	} {
		u.ShowSection(c.section)
		press(u.win, ctrl(fyne.KeyN))
		require.NotNil(t, u.win.Canvas().Overlays().Top(), c.section)
		assert.Contains(t, dialogTitles(u.win), c.title, c.section)
		closeDialogs(u.win)
	}
	assert.Equal(t, "nav.companies", u.sections[u.current].key, "Ctrl+N on the dashboard went to the companies")

	u.ShowSection("nav.incubators")
	u.incubators.tabs.SelectIndex(1)
	press(u.win, ctrl(fyne.KeyN))
	assert.Contains(t, dialogTitles(u.win), zh.T("incubator.add"), "the incubators tab adds an incubator")
	closeDialogs(u.win)
}

func TestCtrlFFocusesTheSearchOfTheListOnScreen(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.cooperations")
	press(u.win, ctrl(fyne.KeyF))
	assert.Same(t, u.cooperations.list.search, u.win.Canvas().Focused())

	// Typing in a search box, Ctrl+F and Ctrl+N still work: the menu takes them before the entry.
	test.Type(u.cooperations.list.search, "大连")
	press(u.win, ctrl(fyne.KeyF))
	assert.Same(t, u.cooperations.list.search, u.win.Canvas().Focused())
	assert.Equal(t, "大连", u.cooperations.list.search.Text, "the entry kept its text")
	press(u.win, ctrl(fyne.KeyN))
	assert.Contains(t, dialogTitles(u.win), zh.T("coop.add"))

	press(u.win, ctrl(fyne.KeyF))
	assert.NotSame(t, u.cooperations.list.search, u.win.Canvas().Focused(), "a dialog is open: the list behind is left alone")
	closeDialogs(u.win)

	u.ShowSection("nav.settings")
	press(u.win, ctrl(fyne.KeyF))
	assert.Equal(t, "nav.companies", u.sections[u.current].key, "no list on Settings: the companies' search")
	assert.Same(t, u.companies.list.search, u.win.Canvas().Focused())
}

func TestCtrlSSavesTheOpenForm(t *testing.T) {
	u, st := newTestUI(t, false)
	press(u.win, ctrl(fyne.KeyS)) // no form open: nothing happens
	assert.Nil(t, u.win.Canvas().Overlays().Top())

	u.ShowSection("nav.institutions")
	press(u.win, ctrl(fyne.KeyN))
	f := u.institutions.form
	require.NotNil(t, f)
	test.Type(f.name, "大连理工大学")
	require.Same(t, f.name, u.win.Canvas().Focused(), "the cursor is in the form's name field")
	press(u.win, ctrl(fyne.KeyS))
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "saved and closed")
	list, err := st.Institutions(bg(), data.InstitutionFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "大连理工大学", list[0].Name)
	for _, g := range openForms {
		assert.NotSame(t, f.recordForm, g, "the closed form is forgotten")
	}
}

func TestCtrlPMakesTheBriefOrOpensBriefs(t *testing.T) {
	fakeHome(t, "Documents")
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.companies")
	press(u.win, ctrl(fyne.KeyP))
	assert.Equal(t, "nav.reports", u.sections[u.current].key, "elsewhere Ctrl+P opens the Briefs screen")
	assert.Nil(t, u.win.Canvas().Overlays().Top())

	press(u.win, ctrl(fyne.KeyP))
	require.NotNil(t, u.win.Canvas().Overlays().Top(), "on Briefs, Ctrl+P asks where to save the PDF")
	assert.True(t, dialogShowsFolder(u.win, "Documents"))
	assert.True(t, hasEntryText(u.win.Canvas().Overlays().Top(), ".pdf"), "the PDF's file name is proposed")
}

// hasEntryText reports whether an entry in the tree under o holds text containing s.
func hasEntryText(o fyne.CanvasObject, s string) bool {
	switch c := o.(type) {
	case *widget.Entry:
		return strings.Contains(c.Text, s)
	case *fyne.Container:
		for _, child := range c.Objects {
			if hasEntryText(child, s) {
				return true
			}
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			if hasEntryText(child, s) {
				return true
			}
		}
	}
	return false
}
