package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/usertext"
)

// locationStore is what the data-location card asks of the database: where it is, and a checked copy of it.
type locationStore interface {
	Path() string
	Backup(ctx context.Context, path string) error
}

// dataLocationCard is the Settings card 数据位置: the database in use and its folder, which database the next
// start opens, and where the data is kept: 本机文件 or 服务器.
//
// 本机文件: 更改… chooses another folder, 恢复默认位置 goes back. A folder holding a scitech.db is used as it is;
// into any other the current database is copied with the store's checked backup (VACUUM INTO, then
// integrity_check), never with a file copy of a live database. The choice is written to the pointer file
// (data.WriteLocation).
//
// 服务器: host, port, database and user (data_location_server.go); 连接并使用… asks for the password, connects
// to prove the server answers, and remembers the server in the app's preferences without the password.
//
// Either choice takes effect when the program starts again.
type dataLocationCard struct {
	env        *env // its clock stamps the pointer file
	store      locationStore
	win        fyne.Window
	prefs      fyne.Preferences                   // remembers a server chosen (server_login.go)
	defaultDir string                             // the default folder, which also holds the pointer file
	pickFolder func(onChosen func(folder string)) // the folder dialog; tests choose directly

	file       *widget.Label
	folder     *widget.Label // nil when the database in use is on a server
	next       *widget.Label
	kind       *widget.RadioGroup // 本机文件 / 服务器
	form       *widget.Form       // the database in use, the next start's, the radio; 服务器's fields when chosen
	baseItems  int                // the form's items before 服务器's fields
	fileBox    *fyne.Container
	changeBtn  *widget.Button
	defaultBtn *widget.Button
	done       chan struct{} // closed when the last copy finished and its result is shown; tests wait on it

	serverBox     *fyne.Container // 服务器's faults and 连接并使用…, under its fields
	serverItems   []*widget.FormItem
	host          *widget.Entry
	port          *widget.Entry
	database      *widget.Entry
	user          *widget.Entry
	serverProblem *widget.Label
	connectBtn    *widget.Button
	password      *widget.Entry // in the password dialog, while it is open
	settingKind   bool          // the radio is being set by the card, not by the user
}

// databaseGiven is set when the window was started with --db: the location chosen in Settings applies to the
// starts without it, and the card says so rather than announce another database for the next start.
var databaseGiven bool

// DatabaseGivenOnCommandLine tells the window that its database was given with --db.
func DatabaseGivenOnCommandLine() { databaseGiven = true }

func newDataLocationCard(e *env, st locationStore, win fyne.Window) *dataLocationCard {
	c := &dataLocationCard{env: e, store: st, win: win, defaultDir: data.DefaultDataDir()}
	if a := fyne.CurrentApp(); a != nil {
		c.prefs = a.Preferences()
	}
	c.pickFolder = c.showFolderDialog
	return c
}

// onServer reports whether the database in use is on a server.
func (c *dataLocationCard) onServer() bool { return storeOnServer(c.store) }

// storeName names a database in messages: its file, or user@host:port/database on a server (data.Store.Name;
// Path is empty there).
func storeName(st interface{ Path() string }) string {
	if n, ok := st.(interface{ Name() string }); ok {
		return n.Name()
	}
	return st.Path()
}

// storeOnServer reports whether a store is a database server's (data.Store.Server), not a file's.
func storeOnServer(st any) bool {
	s, ok := st.(interface{ Server() bool })
	return ok && s.Server()
}

func (c *dataLocationCard) build() fyne.CanvasObject {
	c.file = &widget.Label{Wrapping: fyne.TextWrapBreak}
	c.folder = &widget.Label{Wrapping: fyne.TextWrapBreak}
	c.next = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.changeBtn = &widget.Button{Text: c.env.T("location.change"), Icon: theme.FolderOpenIcon(), OnTapped: c.onChange}
	c.defaultBtn = &widget.Button{Text: c.env.T("location.default"), Icon: theme.HomeIcon(), OnTapped: c.onDefault}
	c.kind = &widget.RadioGroup{Options: []string{c.env.T("location.kind.file"), c.env.T("location.kind.server")},
		Horizontal: true, Required: true}
	c.kind.ExtendBaseWidget(c.kind)
	c.form = widget.NewForm(widget.NewFormItem(c.env.T("location.file"), c.file))
	if c.onServer() {
		c.folder = nil // a server's database has no folder on this computer
	} else {
		c.form.Append(c.env.T("location.folder"), c.folder)
	}
	c.form.Append(c.env.T("location.next"), c.next)
	c.form.Append(c.env.T("location.kind"), c.kind)
	c.baseItems = len(c.form.Items)
	c.fileBox = container.NewHBox(c.changeBtn, c.defaultBtn)
	c.serverBox = c.buildServer()
	c.refresh()
	_, server := readServer(c.prefs)
	c.selectKind(server)
	c.kind.OnChanged = c.onKindChanged
	return widget.NewCard(c.env.T("location.title"), c.env.T("location.hint.kinds"),
		container.NewVBox(c.form, c.fileBox, c.serverBox))
}

// refresh shows the database in use and the one the next start opens.
func (c *dataLocationCard) refresh() {
	current := c.store.Path()
	c.file.SetText(storeName(c.store))
	if c.folder != nil {
		c.folder.SetText(filepath.Dir(current))
	}
	next, _, err := data.DatabasePath(c.defaultDir)
	c.next.Importance = widget.MediumImportance
	chosen, _ := data.ReadLocation(c.defaultDir)
	setEnabled(c.defaultBtn, chosen != "")
	if loc, server := readServer(c.prefs); server {
		c.refreshServerNext(loc)
		return
	}
	switch {
	case err != nil:
		c.next.Importance = widget.DangerImportance
		c.next.SetText(c.env.errorText(err))
	case samePath(next, current):
		c.next.SetText(c.env.T("location.next.same"))
	case databaseGiven:
		c.next.SetText(c.env.T("location.next.without_db", map[string]any{"Path": next}))
	default:
		c.next.Importance = widget.WarningImportance
		c.next.SetText(c.env.T("location.next.other", map[string]any{"Path": next}))
	}
}

func (c *dataLocationCard) onChange() { c.pickFolder(c.onFolderChosen) }

// showFolderDialog asks for a folder, starting in the one chosen last (or Documents).
func (c *dataLocationCard) showFolderDialog(onChosen func(string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			c.env.showError(c.win, err)
			return
		}
		if u == nil {
			return // cancelled
		}
		rememberFolder(fileDataFolder, u, true)
		onChosen(u.Path())
	}, c.win)
	startIn(d, fileDataFolder)
	showFileDialog(d, c.win)
}

// onFolderChosen uses the database a folder holds, or offers to copy the current one there.
func (c *dataLocationCard) onFolderChosen(folder string) {
	folder = filepath.Clean(folder)
	target := filepath.Join(folder, data.DBFileName)
	if err := data.CheckLocationFolder(folder); err != nil {
		c.tell(c.env.errorText(err))
		return
	}
	next, _, _ := data.DatabasePath(c.defaultDir)
	switch {
	case samePath(target, c.store.Path()) && samePath(next, target):
		c.tell(c.env.T("location.same", map[string]any{"Path": target}))
	case data.HasDatabase(folder):
		c.env.confirm(c.win, c.env.T("location.title"), c.env.T("location.use_existing", map[string]any{"Path": target}),
			func() { c.setLocation(folder) })
	default:
		c.env.confirm(c.win, c.env.T("location.title"), c.env.T("location.copy", map[string]any{"Path": target}),
			func() { c.copyTo(folder) })
	}
}

// onDefault goes back to the default folder: its database when it has one, else a copy of the current one.
func (c *dataLocationCard) onDefault() {
	target := filepath.Join(c.defaultDir, data.DBFileName)
	if data.HasDatabase(c.defaultDir) || samePath(target, c.store.Path()) {
		c.env.confirm(c.win, c.env.T("location.title"), c.env.T("location.default.use", map[string]any{"Path": target}),
			func() { c.setLocation(c.defaultDir) })
		return
	}
	c.env.confirm(c.win, c.env.T("location.title"), c.env.T("location.default.copy", map[string]any{"Path": target}),
		func() { c.copyTo(c.defaultDir) })
}

// copyTo writes a checked copy of the database to the folder off the main goroutine, then chooses the folder.
func (c *dataLocationCard) copyTo(folder string) {
	target := filepath.Join(folder, data.DBFileName)
	c.changeBtn.Disable()
	c.defaultBtn.Disable()
	c.done = withProgress(c.env, c.win, c.env.T("location.title"), c.env.T("location.copying", map[string]any{"Path": target}),
		func(ctx context.Context) error {
			return c.store.Backup(ctx, target) // a server's store writes all of its data into the file
		},
		func(err error, cancelled bool) { c.copied(folder, err, cancelled) })
}

// withProgress runs work off the main goroutine behind a modal dialog (title; text over an endless bar; 取消,
// which cancels work's context), then on the main goroutine hides the dialog and calls finish with work's
// error and whether it was cancelled. The channel it returns closes once finish has run: tests wait on it.
func withProgress(e *env, win fyne.Window, title, text string, work func(context.Context) error,
	finish func(err error, cancelled bool)) chan struct{} {
	ctx, cancel := context.WithCancel(bg())
	body := container.NewVBox(widget.NewLabel(text), widget.NewProgressBarInfinite())
	d := dialog.NewCustom(title, e.T("action.cancel"), body, win)
	d.SetOnClosed(cancel)
	d.Show()
	done := make(chan struct{})
	go func() {
		err := work(ctx)
		cancelled := ctx.Err() != nil
		cancel()
		fyne.Do(func() {
			defer close(done)
			d.Hide()
			finish(err, cancelled)
		})
	}()
	return done
}

func (c *dataLocationCard) copied(folder string, err error, cancelled bool) {
	c.changeBtn.Enable()
	c.refresh() // enables 恢复默认位置 again when a folder is chosen
	switch {
	case cancelled || errors.Is(err, context.Canceled):
	case err != nil:
		fyne.LogError("copy the database", err)
		c.tell(c.env.T("location.copy_failed", map[string]any{"Problem": usertext.BackupError(c.env.tr, err)}))
	default:
		c.setLocation(folder)
	}
}

// setLocation writes the pointer file and says the change takes effect at the next start.
func (c *dataLocationCard) setLocation(folder string) {
	if err := data.WriteLocation(c.defaultDir, folder, c.env.now()); err != nil {
		fyne.LogError("write the database location", err)
		c.tell(c.env.errorText(err))
		return
	}
	forgetServer(c.prefs) // a folder chosen is the file's location: the server is not opened any more
	c.refresh()
	next, _, _ := data.DatabasePath(c.defaultDir)
	c.tell(c.env.T("location.done", map[string]any{"Path": next}))
}

// tell shows a message in the card's title, its lines broken as newDialogText breaks them.
func (c *dataLocationCard) tell(msg string) {
	dialog.NewCustom(c.env.T("location.title"), c.env.T("action.close"), newDialogText(msg, c.win), c.win).Show()
}

// samePath compares two file paths as the file system would.
func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if filepath.Separator == '\\' {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// StartProblem is the small window shown when the window cannot open its database: what went wrong and Quit,
// and, when the folder chosen in Settings is missing, Use the default location.
type StartProblem struct {
	*startWindow
	UseDefault *widget.Button // its action; nil when there is none
}

// ShowStartProblem shows the window with a message. With onDefault, Use the default location calls it (it
// opens the default database and shows the main window); when it fails, the window says why and offers Quit
// only. Quit, or closing the window, quits the app. Call it before the app runs, on the main goroutine.
func ShowStartProblem(a fyne.App, title, message string, onDefault func() error) *StartProblem {
	w := newStartWindow(a, prepareApp(a), title, message, theme.ErrorIcon(), fyne.NewSize(680, 280))
	if onDefault != nil {
		w.offer(w.env.T("location.use_default"), theme.HomeIcon(), "open the default database", onDefault)
	}
	w.show()
	return &StartProblem{startWindow: w, UseDefault: w.Action}
}
