package app

import (
	"context"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// prepareApp gives a window opened before the main one the app's theme, and returns its env: the user's
// language, the system's clock and opener.
func prepareApp(a fyne.App) *env {
	a.Settings().SetTheme(newTheme())
	return newEnv(a)
}

// startWindow is a small window shown instead of the main one when the database cannot be opened as usual:
// an icon, what happened, and buttons; closing it quits the app. Its action opens the database another way
// and shows the main window; when that fails, the window says why and offers Quit only.
type startWindow struct {
	env     *env
	win     fyne.Window
	message *widget.Label
	Action  *widget.Button
	Quit    *widget.Button
	act     func() error
	what    string // what the action does, for the log
	icon    fyne.Resource
}

func newStartWindow(a fyne.App, e *env, title, message string, icon fyne.Resource, size fyne.Size) *startWindow {
	w := &startWindow{env: e, win: a.NewWindow(title), message: &widget.Label{Text: message, Wrapping: fyne.TextWrapWord}}
	w.Quit = &widget.Button{Text: e.T("startup.locked.quit"), Icon: theme.CancelIcon(), OnTapped: a.Quit}
	w.icon = icon
	w.win.Resize(size)
	w.win.SetCloseIntercept(a.Quit)
	return w
}

// offer adds the action button, to the right of Quit.
func (w *startWindow) offer(text string, icon fyne.Resource, what string, act func() error) {
	w.act, w.what = act, what
	w.Action = &widget.Button{Text: text, Icon: icon, Importance: widget.HighImportance, OnTapped: w.onAction}
}

func (w *startWindow) show() {
	buttons := container.NewHBox(layout.NewSpacer(), w.Quit)
	if w.Action != nil {
		buttons.Add(w.Action)
	}
	w.win.SetContent(container.NewPadded(container.NewBorder(nil, buttons, container.NewVBox(widget.NewIcon(w.icon)), nil, w.message)))
	w.win.CenterOnScreen()
	w.win.Show()
}

// Window is the start window.
func (w *startWindow) Window() fyne.Window { return w.win }

// Message is the text the window shows.
func (w *startWindow) Message() string { return w.message.Text }

func (w *startWindow) onAction() {
	if err := w.act(); err != nil {
		if data.ErrorCode(err) == data.Internal {
			fyne.LogError("cannot "+w.what, err)
		}
		w.message.SetText(w.env.errorText(err))
		w.Action.Hide()
		return
	}
	// The main window is showing by now, so closing this one does not end the app.
	w.win.SetCloseIntercept(nil)
	w.win.Close()
}

// LockDialog is the small window shown when another copy of the program holds the database: who holds it,
// and the choice to open the database read-only or to quit.
type LockDialog struct {
	*startWindow
	ReadOnly *widget.Button // its action
}

// AskReadOnly shows the lock dialog in a window of its own. Open read-only calls onReadOnly, which opens the
// database read-only and shows the main window; when it fails, the dialog says why and offers Quit only.
// Quit, or closing the dialog, quits the app. Call it before the app runs (a.Run), on the main goroutine.
func AskReadOnly(a fyne.App, path, holder string, onReadOnly func() error) *LockDialog {
	e := prepareApp(a)
	w := newStartWindow(a, e, e.T("startup.locked.title"),
		e.T("startup.locked.message", map[string]any{"Holder": holder, "Path": path}), theme.WarningIcon(), fyne.NewSize(520, 220))
	w.offer(e.T("startup.locked.read_only"), theme.VisibilityIcon(), "open the database read-only", onReadOnly)
	w.show()
	return &LockDialog{startWindow: w, ReadOnly: w.Action}
}

// StartupInfo is how the database was opened, for the notices the window shows at start.
type StartupInfo struct {
	Path         string
	ReadOnly     bool   // another copy of the program holds the database
	Holder       string // that copy, as the lock names it
	NetworkDrive bool   // the database is on a network drive (data.OnNetworkDrive)
}

// Checker runs the database's checks; *data.Store implements it.
type Checker interface {
	Check(ctx context.Context) ([]data.Problem, error)
}

// Banner is a strip above the screens with the start-up notices, each a line with its own buttons; it takes
// no room when empty.
type Banner struct {
	widget.BaseWidget
	env    *env // the window's: set again when the language changes, so later notices speak the new one
	box    *fyne.Container
	win    fyne.Window
	labels map[fyne.CanvasObject]*widget.Label // each notice's text, by its row
	checks sync.WaitGroup                      // the background checks not yet shown
	// after, when not nil, holds the background check back until it is closed (ShowStartup: the dashboard's
	// radar).
	after <-chan struct{}
}

// newBanner makes an empty banner for a window (its dialogs open over that window), speaking e's language.
func newBanner(e *env, win fyne.Window) *Banner {
	b := &Banner{env: e, box: container.NewVBox(), win: win, labels: map[fyne.CanvasObject]*widget.Label{}}
	b.ExtendBaseWidget(b)
	b.Hide()
	return b
}

// CreateRenderer is part of the fyne.Widget interface.
func (b *Banner) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.box) }

// Add shows a notice: its icon and text, Details… when details is not nil, and a button to dismiss it. Call it
// on the main goroutine (fyne.Do from elsewhere).
func (b *Banner) Add(icon fyne.Resource, text string, details func()) {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	label.Importance = widget.WarningImportance
	var buttons []fyne.CanvasObject
	if details != nil {
		buttons = append(buttons, widget.NewButton(b.env.T("startup.check.details"), details))
	}
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), nil)
	buttons = append(buttons, dismiss)
	row := container.NewBorder(nil, nil, widget.NewIcon(icon), container.NewHBox(buttons...), label)
	item := container.NewVBox(row, widget.NewSeparator())
	dismiss.OnTapped = func() { b.remove(item) }
	b.labels[item] = label
	b.box.Add(item)
	b.Show()
	b.relayout()
}

// relayout lays the window out again: the banner's height changed, and a container sizes its objects only
// when it is refreshed itself.
func (b *Banner) relayout() {
	b.Refresh()
	if c := b.win.Content(); c != nil {
		c.Refresh()
	}
}

func (b *Banner) remove(item fyne.CanvasObject) {
	b.box.Remove(item)
	delete(b.labels, item)
	if len(b.box.Objects) == 0 {
		b.Hide()
	}
	b.relayout()
}

// Texts is the text of every notice shown, top to bottom (for tests and logs).
func (b *Banner) Texts() []string {
	var out []string
	for _, item := range b.box.Objects {
		out = append(out, b.labels[item].Text)
	}
	return out
}

// ShowNotices adds the notices of how the database was opened: read-only beside another copy, and a
// database on a network drive.
func (b *Banner) ShowNotices(info StartupInfo) {
	if info.ReadOnly {
		b.Add(theme.VisibilityIcon(), b.env.T("startup.banner.read_only", map[string]any{"Holder": info.Holder}), nil)
	}
	if info.NetworkDrive {
		b.Add(theme.WarningIcon(), b.env.T("err.db.network_drive", map[string]any{"Path": info.Path}), nil)
	}
}

// CheckInBackground runs the database's checks off the main goroutine and, when they find problems (or
// cannot finish), adds a notice whose Details… lists them. done, when not nil, is called on the main goroutine
// once the check is over, with whether it finished and found nothing. Cancelling ctx stops the check.
func (b *Banner) CheckInBackground(ctx context.Context, c Checker, done func(clean bool)) {
	b.checks.Add(1)
	after := b.after
	go func() {
		if after != nil {
			select {
			case <-after:
			case <-ctx.Done():
				b.checks.Done()
				return
			}
		}
		problems, err := c.Check(ctx)
		if ctx.Err() != nil {
			b.checks.Done()
			return
		}
		fyne.Do(func() {
			defer b.checks.Done()
			b.showCheck(problems, err)
			if done != nil {
				done(err == nil && len(problems) == 0)
			}
		})
	}()
}

func (b *Banner) showCheck(problems []data.Problem, err error) {
	switch {
	case err != nil:
		fyne.LogError("start-up check", err)
		b.Add(theme.ErrorIcon(), b.env.T("startup.check.failed"), func() { b.showDetails(nil, err) })
	case len(problems) > 0:
		b.Add(theme.ErrorIcon(), b.env.T("startup.check.found", map[string]any{"N": len(problems)}),
			func() { b.showDetails(problems, nil) })
	}
}

// showDetails lists the problems one a line, in a dialog over the window.
func (b *Banner) showDetails(problems []data.Problem, err error) {
	lines := make([]string, 0, len(problems)+2)
	for _, p := range problems {
		lines = append(lines, "• "+b.env.T(p.Key(), p.Args))
	}
	if err != nil {
		lines = append(lines, b.env.errorText(err))
	}
	lines = append(lines, "", b.env.T("startup.check.hint"))
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 360))
	dialog.NewCustom(b.env.T("startup.check.title"), b.env.T("action.close"), scroll, b.win).Show()
}

// ShowStartup puts a banner with the start-up notices above the window's screens and starts the background
// check when one is due (checkDue). Call it once, after New, on the main goroutine; it returns the banner.
//
// The check begins once the dashboard's 高企 radar has been read. The radar checks every company against the
// policy (about 3 s at 100,000 companies) and the start-up check reads the whole file (integrity_check, 17 s):
// run together they share the two cores, and their connections' caches and the collector's garbage add up
// at the window's peak resident size (issue 7: under 250 MB).
func (u *UI) ShowStartup(ctx context.Context, info StartupInfo, c Checker) *Banner {
	b := u.banner
	b.ShowNotices(info)
	b.after = u.home.reading()
	if c != nil && u.checkDue(info.Path) {
		b.CheckInBackground(ctx, c, func(clean bool) {
			if clean {
				u.app.Preferences().SetString(prefCheckedClean+info.Path, data.FormatDate(u.env.today()))
			}
		})
	}
	return b
}

// prefCheckedClean, followed by a database's path, keeps the day that database last passed the start-up check.
const prefCheckedClean = "startup.checked_clean:"

// checkDue reports whether the start-up check runs: on the day's first start, and on every start after one
// whose check found something (so its notice stays until the problem is put right). The check reads the whole
// file (SQLite's integrity check alone takes 14 s at 100,000 companies, on a core the window shares), so it
// runs once a day, beside the day's backup, rather than every time the window opens.
func (u *UI) checkDue(path string) bool {
	return u.app.Preferences().String(prefCheckedClean+path) != data.FormatDate(u.env.today())
}
