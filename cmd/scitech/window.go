package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"scitech/app"
	"scitech/data"
)

// appID names the app to the operating system and keeps its preferences apart from other Fyne apps.
const appID = "cn.gov.lvshunkou.scitech"

// runWindow opens the window on the database given with --db, or the default one. When another copy of the
// program holds the database, a small window says who, and opens it read-only or quits, as the user chooses.
func runWindow(args []string, stderr io.Writer) int {
	fs, db := newFlags("scitech", stderr)
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	info := app.StartupInfo{Path: *db, NetworkDrive: data.OnNetworkDrive(*db)}
	s, err := data.Open(*db)
	if err != nil && !errors.Is(err, data.ErrLocked) {
		return cannotOpen(*db, err, stderr)
	}
	a := fyneapp.NewWithID(appID)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if s != nil {
		showMainWindow(ctx, a, s, info)
	} else {
		info.ReadOnly, info.Holder = true, lockHolder(err)
		app.AskReadOnly(a, *db, info.Holder, func() error {
			ro, err := data.OpenReadOnly(*db)
			if err != nil {
				return err
			}
			s = ro
			showMainWindow(ctx, a, ro, info)
			return nil
		})
	}
	a.Run()
	cancel() // stops the start-up check before its store closes
	if backupDone != nil {
		<-backupDone // the day's backup is finished (or failed) before the database closes under it
	}
	if s != nil {
		s.Close()
	}
	return exitOK
}

// backupDone is closed when the start-up backup of the window's database is finished; nil when none runs.
var backupDone <-chan struct{}

// showMainWindow builds and shows the main window with its start-up notices and the background check.
func showMainWindow(ctx context.Context, a fyne.App, s *data.Store, info app.StartupInfo) {
	ui := app.New(a, s)
	ui.ShowStartup(ctx, info, s)
	if !s.ReadOnly() {
		backupDone = app.StartupBackup(s, ui.Window()) // the first start of each day backs the database up
	}
	ui.Window().Show()
}
