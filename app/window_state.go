package app

import "fyne.io/fyne/v2"

// The main window opens as the user left it: its size always, and on Windows also its place on the screen and
// whether it was maximized (Fyne has no portable API for a window's position; window_state_windows.go asks
// Windows itself). A size from another, larger screen is clamped or ignored, never obeyed blindly.

// Preference keys of the window's state.
const (
	prefWindowWidth     = "window.width"
	prefWindowHeight    = "window.height"
	prefWindowPlaced    = "window.placed" // a position was saved (Windows)
	prefWindowX         = "window.x"
	prefWindowY         = "window.y"
	prefWindowMaximized = "window.maximized"
)

var (
	defaultWindowSize = fyne.NewSize(1280, 760)
	minWindowSize     = fyne.NewSize(1024, 640) // the screens are laid out for at least this
)

// maxWindowSide is the longest side taken as a window size; anything longer is a broken preference.
const maxWindowSide = 16384

// keepWindowState sizes the window as it was last closed (or at the default size) and saves its state when it
// closes.
func keepWindowState(w fyne.Window, prefs fyne.Preferences) {
	w.Resize(savedWindowSize(prefs))
	w.SetOnClosed(func() { saveWindowState(w, prefs) })
}

// savedWindowSize is the size kept in the preferences, no smaller than minWindowSize; the default size when
// none is kept or the one kept is absurd.
func savedWindowSize(prefs fyne.Preferences) fyne.Size {
	w := float32(prefs.FloatWithFallback(prefWindowWidth, 0))
	h := float32(prefs.FloatWithFallback(prefWindowHeight, 0))
	if !(w > 0 && h > 0 && w <= maxWindowSide && h <= maxWindowSide) { // also refuses NaN
		return defaultWindowSize
	}
	return fyne.NewSize(max(w, minWindowSize.Width), max(h, minWindowSize.Height))
}

// saveWindowState keeps the window's size and, where the system tells it, its place. A maximized window keeps
// the size it had before it was maximized, so that un-maximizing after the next start gives it back.
func saveWindowState(w fyne.Window, prefs fyne.Preferences) {
	p, placed := windowPlacement(w)
	if placed {
		prefs.SetBool(prefWindowPlaced, true)
		prefs.SetInt(prefWindowX, p.x)
		prefs.SetInt(prefWindowY, p.y)
		prefs.SetBool(prefWindowMaximized, p.maximized)
		if p.maximized || p.minimized {
			return
		}
	}
	size := w.Canvas().Size()
	if size.Width >= 1 && size.Height >= 1 && size.Width <= maxWindowSide && size.Height <= maxWindowSide {
		prefs.SetFloat(prefWindowWidth, float64(size.Width))
		prefs.SetFloat(prefWindowHeight, float64(size.Height))
	}
}

// placement is where a window is on the screen, in the system's own coordinates.
type placement struct {
	x, y                 int
	maximized, minimized bool
}

// RestoreWindowPlace puts the shown window back where it was last closed, when the system allows it (Windows)
// and that place is on a screen connected now. Call it after the window is shown.
func (u *UI) RestoreWindowPlace() {
	prefs := u.app.Preferences()
	if !prefs.Bool(prefWindowPlaced) {
		return
	}
	restorePlacement(u.win, placement{x: prefs.Int(prefWindowX), y: prefs.Int(prefWindowY),
		maximized: prefs.Bool(prefWindowMaximized)})
}
