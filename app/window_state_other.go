//go:build !windows

package app

import "fyne.io/fyne/v2"

// windowPlacement is the window's place on the screen; Fyne cannot tell it outside Windows, so only the size
// is kept there.
func windowPlacement(fyne.Window) (placement, bool) { return placement{}, false }

// restorePlacement moves a window on Windows; elsewhere the window manager places it.
func restorePlacement(fyne.Window, placement) {}
