package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/usertext"
)

// serverBackupCard is the Backups card of a window on a server. A server's database is no file to copy:
// 立即备份 writes all of its data into a database file on this computer (the store's Backup on a server: one
// snapshot through data.TransferToFile, checked as every backup is, the other desks working on), which any
// copy of the program opens
// (and scitech restore brings into an empty server database). The window does not restore a server: that
// replaces the office's data under every desk, and is IT's work on the command line.
type serverBackupCard struct {
	env   *env // its clock names the file
	store locationStore
	win   fyne.Window
	dir   string // the folder of this server's backups on this computer

	folder    *widget.Label
	last      *widget.Label
	backupBtn *widget.Button
	done      chan struct{} // closed when the last backup's result is shown; tests wait on it
}

func newServerBackupCard(e *env, st locationStore, win fyne.Window) *serverBackupCard {
	return &serverBackupCard{env: e, store: st, win: win, dir: data.ServerBackupDir(storeName(st))}
}

func (c *serverBackupCard) build() fyne.CanvasObject {
	c.folder = &widget.Label{Text: c.dir, Wrapping: fyne.TextWrapBreak}
	c.last = &widget.Label{}
	c.backupBtn = &widget.Button{Text: c.env.T("backup.now"), Icon: theme.DocumentSaveIcon(), OnTapped: c.onBackupNow}
	form := widget.NewForm(
		widget.NewFormItem(c.env.T("backup.folder"), c.folder),
		widget.NewFormItem(c.env.T("backup.last"), c.last),
	)
	c.reload()
	hint := &widget.Label{Text: c.env.T("backup.server.hint", map[string]any{"Server": storeName(c.store)}), Wrapping: fyne.TextWrapWord}
	return widget.NewCard(c.env.T("backup.title"), "", container.NewVBox(form, container.NewHBox(c.backupBtn), hint))
}

// reload shows the newest backup in the folder.
func (c *serverBackupCard) reload() {
	if b, ok := data.LastBackup(c.dir); ok {
		c.last.SetText(c.env.T("backup.last.value", map[string]any{"When": b.Made.Local().Format("2006-01-02 15:04"),
			"Kind": c.env.T("backup.kind." + b.Kind), "Size": byteSize(b.Size)}))
	} else {
		c.last.SetText(c.env.T("backup.last.none"))
	}
}

// onBackupNow writes manual-YYYYMMDD-HHMMSS.db in the folder, off the main goroutine, with Cancel.
func (c *serverBackupCard) onBackupNow() {
	path := filepath.Join(c.dir, "manual-"+c.env.now().Format("20060102-150405")+".db")
	c.backupBtn.Disable()
	c.done = withProgress(c.env, c.win, c.env.T("backup.title"), c.env.T("backup.running"),
		func(ctx context.Context) error {
			if err := os.MkdirAll(c.dir, 0o755); err != nil {
				return err
			}
			return c.store.Backup(ctx, path)
		},
		func(err error, cancelled bool) { c.backedUp(path, err, cancelled) })
}

func (c *serverBackupCard) backedUp(path string, err error, cancelled bool) {
	c.backupBtn.Enable()
	c.reload()
	switch {
	case cancelled || errors.Is(err, context.Canceled):
	case err != nil:
		fyne.LogError("back up the server", err)
		c.env.inform(c.win, c.env.T("backup.failed"), usertext.BackupError(c.env.tr, err))
	default:
		c.env.inform(c.win, c.env.T("backup.title"), c.env.T("backup.done", map[string]any{"Path": path}))
	}
}
