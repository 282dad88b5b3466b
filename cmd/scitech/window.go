package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"scitech/app"
	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

// appID names the app to the operating system and keeps its preferences apart from other Fyne apps.
const appID = "cn.gov.lvshunkou.scitech"

// runWindow opens the window on the database given with --db (a file, or a postgres:// server), or the default
// one: the server chosen in Settings, whose password a small window asks first, else the database file (the
// folder chosen in Settings, else the user's config folder). When another copy of the program holds the database, a small window says who,
// and opens it read-only or quits, as the user chooses. A database that cannot be opened, or a chosen folder
// that has gone, is said in a window too (and on stderr, for a console), never by a silent new empty database.
func runWindow(args []string, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("scitech", stderr)
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) > 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	app.TuneMemory()
	a := fyneapp.NewWithID(appID)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &windowStart{ctx: ctx, app: a, tr: tr, stderr: stderr, code: exitOK}
	if dir := data.DefaultDataDir(); !flagGiven(fs, "db") {
		if loc, ok := app.ChosenServer(a); ok {
			w.login = app.AskServerPassword(a, loc, w.onServerOpen, w.onUseFile) // before the first frame
		} else if _, _, err := data.DatabasePath(dir); err != nil {
			w.locationProblem(dir, err)
		} else {
			w.open(*db)
		}
	} else {
		app.DatabaseGivenOnCommandLine()
		w.open(*db)
	}
	a.Run()
	cancel() // stops the start-up check before its store closes
	if backupDone != nil {
		<-backupDone // the day's backup is finished (or failed) before the database closes under it
	}
	if w.store != nil {
		w.store.Close()
	}
	return w.code
}

// windowStart opens the window's database and shows the window, or the window that says why it cannot.
type windowStart struct {
	ctx     context.Context
	app     fyne.App
	tr      *assets.Translator // the command line's language: what is said on stderr, and before the window opens
	stderr  io.Writer
	store   *data.Store
	code    int               // the exit status
	problem *app.StartProblem // the window saying why the database is not open, if any
	login   *app.ServerLogin  // the window asking the password of the server chosen in Settings, if any
}

// onServerOpen shows the main window on the server store the password window connected to (on the main
// goroutine).
func (w *windowStart) onServerOpen(s *data.Store) {
	w.store = s
	showMainWindow(w.ctx, w.app, s, app.StartupInfo{Path: s.Name()})
}

// onUseFile opens the database file instead of the server chosen in Settings (the password window's
// 改用本机文件, which has already made the file the data location again).
func (w *windowStart) onUseFile() error {
	path, _, err := data.DatabasePath(data.DefaultDataDir())
	if err != nil {
		return err
	}
	return w.tryOpen(path)
}

// open opens the database and shows the main window, the lock dialog, or the reason it cannot be opened.
func (w *windowStart) open(path string) {
	if err := w.tryOpen(path); err != nil {
		w.code = cannotOpen(w.tr, path, err, w.stderr)
		w.problem = app.ShowStartProblem(w.app, w.tr.T("startup.open_failed.title"), w.tr.T("startup.open_failed",
			map[string]any{"Path": dbName(path), "Problem": openProblem(w.tr, path, data.Explain(err))}), nil)
	}
}

// tryOpen opens the database and shows the main window, or the lock dialog when another copy holds it.
func (w *windowStart) tryOpen(path string) error {
	info := app.StartupInfo{Path: dbName(path), NetworkDrive: !onServer(path) && data.OnNetworkDrive(path)}
	s, err := data.Open(path)
	if err != nil && !errors.Is(err, data.ErrLocked) {
		return err
	}
	if s != nil {
		w.store = s
		showMainWindow(w.ctx, w.app, s, info)
		return nil
	}
	info.ReadOnly, info.Holder = true, lockHolder(w.tr, err)
	app.AskReadOnly(w.app, path, info.Holder, func() error {
		ro, err := data.OpenReadOnly(path)
		if err != nil {
			return err
		}
		w.store = ro
		showMainWindow(w.ctx, w.app, ro, info)
		return nil
	})
	return nil
}

// locationProblem says that the folder chosen in Settings is missing (or its pointer file unreadable), and
// offers the default location instead of creating an empty database where the chosen one should be.
func (w *windowStart) locationProblem(dir string, problem error) {
	fmt.Fprintln(w.stderr, usertext.Error(w.tr, problem))
	w.code = exitUsage
	def := filepath.Join(dir, data.DBFileName)
	key := "location.missing.start"
	if !data.HasDatabase(dir) {
		key = "location.missing.start_empty" // going back gives an empty database: say so before the click
	}
	msg := w.tr.T(key, map[string]any{"Problem": usertext.Error(w.tr, problem), "Default": def})
	w.problem = app.ShowStartProblem(w.app, w.tr.T("location.missing.title"), msg, func() error {
		if err := data.WriteLocation(dir, "", time.Now()); err != nil {
			return err
		}
		w.code = exitOK
		return w.tryOpen(def)
	})
}

// flagGiven reports whether a flag was set on the command line (and not left at its default).
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// backupDone is closed when the start-up backup of the window's database is finished; nil when none runs.
var backupDone <-chan struct{}

// showMainWindow builds and shows the main window with its start-up notices and the background check.
func showMainWindow(ctx context.Context, a fyne.App, s *data.Store, info app.StartupInfo) {
	ui := app.New(a, s)
	app.ProtectStore(s) // no save dialog may write over the database (the window lives as long as the store)
	ui.ShowStartup(ctx, info, s)
	if !s.ReadOnly() {
		backupDone = ui.StartupBackup() // the first start of each day backs the database up
	}
	ui.Window().Show()
	ui.RestoreWindowPlace() // where it was last closed, on Windows (the window must exist for that)
}

// locationGone is the error of a database path that lies in the data folder chosen in Settings when that folder
// has gone (data.DatabasePath), nil otherwise. The sub-commands that open the default database should stop with
// it, as the window does, instead of letting data.Open make the folder again with an empty database in it.
func locationGone(path string) error {
	chosenPath, chosen, err := data.DatabasePath(data.DefaultDataDir())
	if chosen && err != nil && filepath.Clean(chosenPath) == filepath.Clean(path) {
		return err
	}
	return nil
}
