// Package app is the window of the platform: navigation, one file per screen and per form, the theme and
// the translations. It reaches the database only through the small store interfaces its screens declare.
package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/assets"
	"scitech/data"
)

// Store is everything the window asks of the database; *data.Store implements it.
type Store interface {
	companyStore
	outputStore
	homeStore
	reportStore
	settingsStore
	institutionStore
	cooperationStore
	baseStore
	incubatorStore
	planStore
	patentStore
	parkStore
	exchangeStore
	historyStore
	policyStore
	Path() string
}

var _ Store = (*data.Store)(nil)

// section is one entry of the navigation sidebar; build is nil for a section not built yet.
type section struct {
	key   string
	icon  fyne.Resource
	build func() fyne.CanvasObject
}

// UI is the main window and its screens.
type UI struct {
	app      fyne.App
	win      fyne.Window
	store    Store
	env      *env // the language, clock and opener every screen is given; a new one when the language changes
	nav      *widget.List
	content  *fyne.Container
	sections []section
	current  int

	home         *homeScreen
	companies    *companyList
	institutions *institutionScreen
	cooperations *cooperationScreen
	bases        *baseScreen
	incubators   *incubatorScreen
	plans        *planScreen
	patents      *patentScreen
	parks        *parkScreen
	exchange     *exchangeScreen
	reports      *reportsScreen
	policy       *policyScreen
	history      *historyScreen
	settings     *settingsScreen
	banner       *Banner // start-up notices above the screens; kept when the screens are built again
}

// inBackground runs work off the main goroutine, then show on it. Tests replace it: Fyne's test driver runs
// fyne.Do on the calling goroutine, so a test would otherwise touch widgets beside the background work.
var inBackground = func(work, show func()) {
	go func() {
		work()
		fyne.Do(show)
	}()
}

// New builds the main window over a store. The language comes from the app's preferences (Chinese by default).
func New(a fyne.App, st Store) *UI { return newUI(a, st, newEnv(a)) }

// newUI builds the main window over a store, its screens given e.
func newUI(a fyne.App, st Store, e *env) *UI {
	a.Settings().SetTheme(newTheme())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	speakToFyne(e.tr)
	u := &UI{app: a, store: st, env: e, win: a.NewWindow(e.T("app.title"))}
	keepWindowState(u.win, a.Preferences()) // the size it was closed with (window_state.go)
	u.banner = newBanner(e, u.win)
	u.build()
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (u *UI) ShowAndRun() { u.win.ShowAndRun() }

func (u *UI) build() {
	u.home = newHomeScreen(u.env, u.store, u.win, u.onSampleLoaded)
	u.home.open = u.openRecord
	u.home.openCandidates = u.showCandidates
	u.companies = newCompanyList(u.env, u.store, u.win)
	u.institutions = newInstitutionScreen(u.env, u.store, u.win)
	u.cooperations = newCooperationScreen(u.env, u.store, u.win)
	u.bases = newBaseScreen(u.env, u.store, u.win)
	u.incubators = newIncubatorScreen(u.env, u.store, u.win)
	u.plans = newPlanScreen(u.env, u.store, u.win)
	u.patents = newPatentScreen(u.env, u.store, u.win)
	u.parks = newParkScreen(u.env, u.store, u.win)
	u.exchange = newExchangeScreen(u.env, u.store, u.win)
	u.reports = newReportsScreen(u.env, u.store, u.win)
	u.policy = newPolicyScreen(u.env, u.store, u.win)
	u.history = newHistoryScreen(u.env, u.store, u.win)
	u.settings = newSettingsScreen(u.env, u.store, u.win, u.app.Preferences(), u.onLanguageChanged)
	u.sections = []section{
		{"nav.home", theme.HomeIcon(), u.home.build},
		{"nav.companies", theme.AccountIcon(), u.companies.build},
		{"nav.institutions", theme.GridIcon(), u.institutions.build},
		{"nav.cooperations", theme.MailForwardIcon(), u.cooperations.build},
		{"nav.bases", theme.StorageIcon(), u.bases.build},
		{"nav.incubators", theme.ContentAddIcon(), u.incubators.build},
		{"nav.plans", theme.DocumentCreateIcon(), u.plans.build},
		{"nav.patents", theme.FileTextIcon(), u.patents.build},
		{"nav.parks", theme.NavigateNextIcon(), u.parks.build},
		{"nav.policy", theme.ConfirmIcon(), u.policy.build},
		{"nav.reports", theme.DocumentPrintIcon(), u.reports.build},
		{"nav.exchange", theme.UploadIcon(), u.exchange.build},
		{"nav.history", theme.HistoryIcon(), u.history.build},
		{"nav.settings", theme.SettingsIcon(), u.settings.build},
	}
	u.nav = &widget.List{
		Length:     func() int { return len(u.sections) },
		CreateItem: u.createNavItem,
		UpdateItem: u.updateNavItem,
		OnSelected: u.onNavSelected,
	}
	u.content = container.NewStack()
	split := container.NewHSplit(u.nav, u.content)
	// The sidebar is as wide as its longest entry (createNavItem), whatever the section: a share of the window
	// gave way to a section wanting more width, and the window shifted sideways from one section to the next.
	split.Offset = 0
	u.win.SetContent(container.NewBorder(u.banner, nil, nil, nil, split))
	u.win.SetTitle(u.env.T("app.title"))
	u.nav.Select(u.current)
	u.installShortcuts()
}

// createNavItem makes an entry of the sidebar. It is made holding the longest name of a section in the window's
// language, because the list takes its width from the entry it makes: the split then never makes the sidebar
// narrower than that name, which a sixth of a small window cut short in English ("Cooperation bases").
func (u *UI) createNavItem() fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewIcon(theme.HomeIcon()), nil, widget.NewLabel(u.longestNavName()))
}

// longestNavName is the widest name of a section in the window's language.
func (u *UI) longestNavName() string {
	longest, width := "", float32(0)
	for _, s := range u.sections {
		name := u.env.T(s.key)
		if w := fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{}).Width; w > width {
			longest, width = name, w
		}
	}
	return longest
}

func (u *UI) updateNavItem(i widget.ListItemID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widget.Label)
	box.Objects[1].(*widget.Icon).SetResource(u.sections[i].icon)
	label.SetText(u.env.T(u.sections[i].key))
	if u.sections[i].build == nil {
		label.Importance = widget.LowImportance
	} else {
		label.Importance = widget.MediumImportance
	}
	label.Refresh()
}

func (u *UI) onNavSelected(i widget.ListItemID) {
	u.current = i
	s := u.sections[i]
	u.content.Objects = []fyne.CanvasObject{s.build()}
	u.content.Refresh()
}

// ShowSection selects a section of the sidebar by its translation key ("nav.companies").
func (u *UI) ShowSection(key string) {
	for i, s := range u.sections {
		if s.key == key {
			u.nav.Select(i)
			return
		}
	}
}

func (u *UI) onSampleLoaded() { u.ShowSection("nav.companies") }

// onLanguageChanged rebuilds every screen in the new language, staying on the Settings section: the screens
// are given a new env, so none keeps a word of the old language, and Fyne's own dialogs change language too.
func (u *UI) onLanguageChanged(code string) {
	u.env = u.env.inLanguage(code)
	u.banner.env = u.env
	speakToFyne(u.env.tr) // before build, which sets the menu whose Quit item Fyne words
	u.build()
}

func bg() context.Context { return context.Background() }
