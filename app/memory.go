package app

import (
	"os"
	"runtime/debug"
)

// windowGCPercent is the window's garbage-collection target: the heap may grow by half of what it holds
// before the collector runs, instead of Go's default of all of it. Most of what the window holds is fixed
// (the UI font's outlines, parsed by Fyne, about 30 MB), and the window is idle most of the time, so a
// collection now and then costs nothing a clerk notices, while the default lets the window stand 30 MB taller
// in memory than it needs (issue 7: under 250 MB with 100,000 companies). The command line keeps the default:
// an import there is throughput, not footprint. GOGC, when set, wins.
const windowGCPercent = 50

// TuneMemory sets the window's garbage-collection target; the window's main calls it before building the UI.
func TuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(windowGCPercent)
	}
}
