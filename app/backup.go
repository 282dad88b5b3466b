package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/usertext"
)

// backupStore is what the Backups card and the start-up backup ask of the database. Close is there for the
// restore: the database must be closed before its file is replaced.
type backupStore interface {
	Path() string
	Backup(ctx context.Context, path string) error
	DailyBackup(ctx context.Context, now time.Time) ([]string, error)
	Close() error
}

// StartupBackup makes the day's backup (data.Store.DailyBackup) off the main goroutine when the window
// opens; the channel it returns is closed when that is done. A failure is shown, not only logged: a clerk
// who counts on the daily backup must hear when one was not made.
func (u *UI) StartupBackup() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := u.store.DailyBackup(bg(), u.env.now()); err != nil {
			fyne.LogError("start-up backup", err)
			fyne.Do(func() {
				u.env.inform(u.win, u.env.T("backup.failed"), u.env.T("backup.startup_failed",
					map[string]any{"Problem": usertext.BackupError(u.env.tr, err)}))
			})
		}
	}()
	return done
}

// backupCard is the Settings card of backups: where they go, the last one, a Backup now button, the backups
// in the folder each with Restore…, and Restore from file….
type backupCard struct {
	env   *env // its clock stamps a backup made now and the copy a restore keeps
	store backupStore
	win   fyne.Window
	quit  func() // ends the program once a restore has closed the database

	folder     *widget.Label
	last       *widget.Label
	backupBtn  *widget.Button
	fileBtn    *widget.Button
	rows       *fyne.Container
	restoreBtn []*widget.Button // one per row, in the order of files
	files      []data.BackupFile
	progress   dialog.Dialog
	done       chan struct{} // closed when the last background step has shown its result; tests wait on it
}

func newBackupCard(e *env, st backupStore, win fyne.Window) *backupCard {
	return &backupCard{env: e, store: st, win: win, quit: quitApp}
}

func quitApp() {
	if a := fyne.CurrentApp(); a != nil {
		a.Quit()
	}
}

func (c *backupCard) build() fyne.CanvasObject {
	c.folder = &widget.Label{Text: data.BackupDir(c.store.Path()), Wrapping: fyne.TextWrapBreak}
	c.last = &widget.Label{}
	c.backupBtn = &widget.Button{Text: c.env.T("backup.now"), Icon: theme.DocumentSaveIcon(), OnTapped: c.onBackupNow}
	c.fileBtn = &widget.Button{Text: c.env.T("backup.restore_file"), Icon: theme.FolderOpenIcon(), OnTapped: c.onRestoreFromFile}
	c.rows = container.NewVBox()
	form := widget.NewForm(
		widget.NewFormItem(c.env.T("backup.folder"), c.folder),
		widget.NewFormItem(c.env.T("backup.last"), c.last),
	)
	list := widget.NewLabelWithStyle(c.env.T("backup.list"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.reload()
	return widget.NewCard(c.env.T("backup.title"), c.env.T("backup.hint"), container.NewVBox(form,
		container.NewHBox(c.backupBtn, c.fileBtn), widget.NewSeparator(), list, c.rows))
}

// reload reads the backups folder again: the last backup and one row per backup, newest first.
func (c *backupCard) reload() {
	dir := data.BackupDir(c.store.Path())
	files, err := data.ListBackups(dir)
	if err != nil {
		fyne.LogError("list backups", err)
	}
	c.files = files
	if len(files) == 0 {
		c.last.SetText(c.env.T("backup.last.none"))
	} else {
		c.last.SetText(c.env.T("backup.last.value", c.describe(files[0])))
	}
	c.restoreBtn = make([]*widget.Button, len(files))
	objs := make([]fyne.CanvasObject, 0, len(files)+1)
	if len(files) == 0 {
		objs = append(objs, &widget.Label{Text: c.env.T("backup.empty"), Importance: widget.LowImportance})
	}
	for i, f := range files {
		c.restoreBtn[i] = &widget.Button{Text: c.env.T("backup.restore"), Icon: theme.HistoryIcon(), OnTapped: c.onRestoreRow(i)}
		name := &widget.Label{Text: filepath.Base(f.Path), Truncation: fyne.TextTruncateEllipsis}
		info := widget.NewLabel(c.env.T("backup.row", c.describe(f)))
		objs = append(objs, container.NewBorder(nil, nil, info, c.restoreBtn[i], name))
	}
	c.rows.Objects = objs
	c.rows.Refresh()
	if c.readOnly() {
		// Another copy of the program writes to this database: it makes the backups, and only it may restore.
		c.backupBtn.Disable()
		c.fileBtn.Disable()
		for _, b := range c.restoreBtn {
			b.Disable()
		}
	}
}

func (c *backupCard) readOnly() bool {
	ro, ok := c.store.(interface{ ReadOnly() bool })
	return ok && ro.ReadOnly()
}

// describe gives a backup's When, Kind and Size for the translations.
func (c *backupCard) describe(f data.BackupFile) map[string]any {
	return map[string]any{"When": f.Made.Local().Format("2006-01-02 15:04"), "Kind": c.env.T("backup.kind." + f.Kind),
		"Size": byteSize(f.Size), "Path": f.Path}
}

// byteSize is a file size as people read it: 840 KB, 12.3 MB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// onBackupNow writes manual-YYYYMMDD-HHMMSS.db in the backups folder, off the main goroutine.
func (c *backupCard) onBackupNow() {
	path := data.ManualBackupPath(c.store.Path(), c.env.now())
	ctx, cancel := context.WithCancel(bg())
	c.showProgress(c.env.T("backup.running"), cancel)
	c.backupBtn.Disable()
	c.done = make(chan struct{})
	go func() {
		defer close(c.done)
		err := c.store.Backup(ctx, path)
		cancel()
		fyne.Do(func() { c.backupDone(path, err) })
	}()
}

func (c *backupCard) backupDone(path string, err error) {
	c.hideProgress()
	c.backupBtn.Enable()
	c.reload()
	if errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		fyne.LogError("backup", err)
		c.env.inform(c.win, c.env.T("backup.failed"), usertext.BackupError(c.env.tr, err))
		return
	}
	c.env.inform(c.win, c.env.T("backup.title"), c.env.T("backup.done", map[string]any{"Path": path}))
}

func (c *backupCard) onRestoreRow(i int) func() {
	return func() { c.checkThenConfirm(c.files[i].Path, c.files[i].Made) }
}

func (c *backupCard) onRestoreFromFile() {
	d := dialog.NewFileOpen(rememberOpen(fileBackup, c.onFileChosen), c.win)
	startIn(d, fileBackup)
	showFileDialog(d, c.win)
}

func (c *backupCard) onFileChosen(r fyne.URIReadCloser, err error) {
	if err != nil {
		c.env.showError(c.win, err)
		return
	}
	if r == nil {
		return // cancelled
	}
	path := r.URI().Path()
	r.Close()
	made := time.Time{}
	if files, _ := data.ListBackups(filepath.Dir(path)); files != nil {
		for _, f := range files {
			if f.Path == path {
				made = f.Made
			}
		}
	}
	c.checkThenConfirm(path, made)
}

// checkThenConfirm checks the chosen file while the database is still open, so a damaged or foreign file is
// refused before anything is closed; a sound one is restored once the user confirms.
func (c *backupCard) checkThenConfirm(path string, made time.Time) {
	c.showProgress(c.env.T("backup.restore.checking"), nil)
	c.done = make(chan struct{})
	go func() {
		defer close(c.done)
		err := data.CheckBackup(path)
		fyne.Do(func() {
			c.hideProgress()
			if err != nil {
				c.env.inform(c.win, c.env.T("backup.restore.title"), usertext.BackupError(c.env.tr, err))
				return
			}
			when := ""
			if !made.IsZero() {
				when = made.Local().Format("2006-01-02 15:04")
			}
			c.env.confirm(c.win, c.env.T("backup.restore.title"), c.env.T("backup.restore.confirm",
				map[string]any{"Path": path, "When": when}), func() { c.restore(path) })
		})
	}()
}

// restore closes the database, puts the backup in its place (data.Restore keeps the current one first) and
// then closes the program: every screen holds the closed store, and starting again is the one honest way
// to have them all read the restored database.
func (c *backupCard) restore(path string) {
	c.showProgress(c.env.T("backup.restore.working"), nil)
	dbPath := c.store.Path()
	c.done = make(chan struct{})
	go func() {
		defer close(c.done)
		if err := c.store.Close(); err != nil {
			fyne.LogError("close before restore", err)
		}
		kept, err := data.Restore(dbPath, path, c.env.now())
		fyne.Do(func() { c.restoreDone(path, kept, err) })
	}()
}

func (c *backupCard) restoreDone(path, kept string, err error) {
	c.hideProgress()
	var msg string
	switch {
	case err != nil:
		fyne.LogError("restore", err)
		msg = c.env.T("backup.restore.failed", map[string]any{"Problem": usertext.BackupError(c.env.tr, err)})
	case kept == "":
		msg = c.env.T("backup.restore.done_new", map[string]any{"Path": path})
	default:
		msg = c.env.T("backup.restore.done", map[string]any{"Path": path, "Kept": kept})
	}
	d := dialog.NewCustom(c.env.T("backup.restore.title"), c.env.T("backup.close_program"), newDialogText(msg, c.win), c.win)
	d.SetOnClosed(c.quit)
	d.Show()
}

// showProgress shows a modal dialog with an endless bar; with cancel it has a Cancel button.
func (c *backupCard) showProgress(msg string, cancel func()) {
	bar := widget.NewProgressBarInfinite()
	body := container.NewVBox(widget.NewLabel(msg), bar)
	if cancel != nil {
		d := dialog.NewCustom(c.env.T("backup.title"), c.env.T("action.cancel"), body, c.win)
		d.SetOnClosed(cancel)
		c.progress = d
	} else {
		c.progress = dialog.NewCustomWithoutButtons(c.env.T("backup.title"), body, c.win)
	}
	c.progress.Show()
}

func (c *backupCard) hideProgress() {
	if c.progress == nil {
		return
	}
	// A Cancel button's callback still runs on Hide; cancelling work that has ended does nothing.
	c.progress.Hide()
	c.progress = nil
}
