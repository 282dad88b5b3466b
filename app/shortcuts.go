package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window's shortcuts (Ctrl on Windows and Linux) live in the 文件 menu. Fyne hands a shortcut to the focused
// widget before the window, and an entry keeps every shortcut it is given, known or not: shortcuts registered on
// the canvas would be dead whenever the cursor is in a search box or a form field. Main-menu shortcuts are
// looked up first, wherever the focus is, and the menu shows them to the user.
var (
	shortcutNew   = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind  = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave  = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutPrint = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
)

// openForms maps the window layer of each open record form to the form, so that Ctrl+S saves the form on top
// and nothing when another dialog (a question, a file dialog) is above it.
var openForms = map[fyne.CanvasObject]*recordForm{}

// formShown and formClosed are called by recordForm.show and recordForm.close.
func formShown(f *recordForm) {
	overlays := f.win.Canvas().Overlays()
	for layer, g := range openForms { // forms whose dialog went another way (a rebuilt window)
		if g.win == f.win && !slices.Contains(overlays.List(), layer) {
			delete(openForms, layer)
		}
	}
	if top := overlays.Top(); top != nil {
		openForms[top] = f
	}
}

func formClosed(f *recordForm) {
	for layer, g := range openForms {
		if g == f {
			delete(openForms, layer)
		}
	}
}

// installShortcuts gives the window its 文件 menu: new record, find, save, brief as PDF, quit; and Escape closes
// the dialog on top.
func (u *UI) installShortcuts() {
	item := func(key string, icon fyne.Resource, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItemWithIcon(u.env.T(key), icon, action)
		it.Shortcut = sc
		return it
	}
	quit := fyne.NewMenuItem(u.env.T("menu.quit"), nil) // Fyne closes every window (each saves its state) and quits
	quit.IsQuit = true
	file := fyne.NewMenu(u.env.T("menu.file"),
		item("menu.new", theme.ContentAddIcon(), shortcutNew, u.onNewShortcut),
		item("menu.find", theme.SearchIcon(), shortcutFind, u.onFindShortcut),
		item("menu.save", theme.DocumentSaveIcon(), shortcutSave, u.onSaveShortcut),
		item("menu.print", theme.DocumentPrintIcon(), shortcutPrint, u.onPrintShortcut),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	u.win.SetMainMenu(fyne.NewMainMenu(file))
	closeOnEscape(u.win)
}

// dialogOpen reports whether a dialog covers the window: the list shortcuts then do nothing, as a click on the
// window behind would not.
func (u *UI) dialogOpen() bool { return u.win.Canvas().Overlays().Top() != nil }

// listOnScreen is the list the current section shows: its add action and its search entry (nil when it has
// none). ok is false when the section shows no list (the dashboard, a record's page, Settings).
func (u *UI) listOnScreen() (add func(), search *widget.Entry, ok bool) {
	switch u.sections[u.current].key {
	case "nav.companies":
		if u.companies.page == nil {
			return u.companies.onAdd, u.companies.list.search, true
		}
	case "nav.institutions":
		if u.institutions.page == nil {
			return u.institutions.onAdd, u.institutions.list.search, true
		}
	case "nav.cooperations":
		if u.cooperations.page == nil {
			return u.cooperations.onAdd, u.cooperations.list.search, true
		}
	case "nav.bases":
		return u.bases.onAdd, u.bases.list.search, true
	case "nav.incubators":
		if s := u.incubators; s.tabs != nil && s.tabs.SelectedIndex() == 1 {
			return s.onAddIncubator, s.incubators.search, true
		} else if s.page == nil {
			return s.onAddApplication, s.apps.search, true
		}
	case "nav.plans":
		if u.plans.page == nil {
			return u.plans.onAdd, u.plans.list.search, true
		}
	case "nav.patents":
		return u.patents.onAdd, u.patents.list.search, true
	case "nav.parks":
		return u.parks.onAdd, u.parks.list.search, true
	}
	return nil, nil, false
}

// onNewShortcut (Ctrl+N) adds a record to the list on screen; where there is none, a company.
func (u *UI) onNewShortcut() {
	if u.dialogOpen() {
		return
	}
	if add, _, ok := u.listOnScreen(); ok && add != nil {
		add()
		return
	}
	u.ShowSection("nav.companies")
	u.companies.onAdd()
}

// onFindShortcut (Ctrl+F) puts the cursor in the search box of the list on screen; where there is none, in the
// companies' search box.
func (u *UI) onFindShortcut() {
	if u.dialogOpen() {
		return
	}
	if _, search, ok := u.listOnScreen(); ok && search != nil && search.Visible() {
		u.win.Canvas().Focus(search)
		return
	}
	u.ShowSection("nav.companies")
	u.win.Canvas().Focus(u.companies.list.search)
}

// onSaveShortcut (Ctrl+S) saves the record form on top, as its Save button would; with no form open it does
// nothing.
func (u *UI) onSaveShortcut() {
	if f, ok := openForms[u.win.Canvas().Overlays().Top()]; ok && f.win == u.win {
		f.onSave()
	}
}

// onPrintShortcut (Ctrl+P) makes the chosen brief as PDF on the Briefs screen, as its button does; elsewhere it
// opens that screen.
func (u *UI) onPrintShortcut() {
	if u.dialogOpen() {
		return
	}
	if u.sections[u.current].key != "nav.reports" {
		u.ShowSection("nav.reports")
		return
	}
	if u.reports.pdfBtn != nil && !u.reports.pdfBtn.Disabled() {
		u.reports.onWrite(pdfFormat)
	}
}
