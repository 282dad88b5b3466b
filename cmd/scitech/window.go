package main

import (
	"fmt"
	"io"

	fyneapp "fyne.io/fyne/v2/app"

	"scitech/app"
)

// appID names the app to the operating system and keeps its preferences apart from other Fyne apps.
const appID = "cn.gov.lvshunkou.scitech"

// runWindow opens the window on the database given with --db, or the default one.
func runWindow(args []string, stderr io.Writer) int {
	fs, db := newFlags("scitech", stderr)
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	s, code := openStore(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	a := fyneapp.NewWithID(appID)
	app.New(a, s).ShowAndRun()
	return exitOK
}
