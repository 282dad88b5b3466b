package app

import (
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// Fyne 2.7 has no window-position API; its windows give their HWND through driver.NativeWindow, and Windows
// keeps a window's normal (not maximized) rectangle in its WINDOWPLACEMENT, which is what is saved and restored.

var (
	user32                 = windows.NewLazySystemDLL("user32.dll")
	procGetWindowPlacement = user32.NewProc("GetWindowPlacement")
	procSetWindowPlacement = user32.NewProc("SetWindowPlacement")
	procMonitorFromRect    = user32.NewProc("MonitorFromRect")
	procShowWindow         = user32.NewProc("ShowWindow")
)

const (
	swShowNormal         = 1
	swShowMinimized      = 2
	swShowMaximized      = 3
	monitorDefaultToNull = 0
)

type winPoint struct{ X, Y int32 }

type winRect struct{ Left, Top, Right, Bottom int32 }

// winPlacement is WINDOWPLACEMENT.
type winPlacement struct {
	Length         uint32
	Flags          uint32
	ShowCmd        uint32
	MinPosition    winPoint
	MaxPosition    winPoint
	NormalPosition winRect
}

// hwnd is the window's native handle; 0 before the window is shown or when it is not a native window.
func hwnd(w fyne.Window) uintptr {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var h uintptr
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok {
			h = c.HWND
		}
	})
	return h
}

func getPlacement(h uintptr) (winPlacement, bool) {
	p := winPlacement{Length: uint32(unsafe.Sizeof(winPlacement{}))}
	ok, _, _ := procGetWindowPlacement.Call(h, uintptr(unsafe.Pointer(&p)))
	return p, ok != 0
}

// windowPlacement is the window's normal place and whether it is maximized or minimized.
func windowPlacement(w fyne.Window) (placement, bool) {
	h := hwnd(w)
	if h == 0 {
		return placement{}, false
	}
	p, ok := getPlacement(h)
	if !ok {
		return placement{}, false
	}
	return placement{x: int(p.NormalPosition.Left), y: int(p.NormalPosition.Top),
		maximized: p.ShowCmd == swShowMaximized, minimized: p.ShowCmd == swShowMinimized}, true
}

// restorePlacement moves the window to a saved place, keeping the size Fyne gave it, when that place is on a
// monitor connected now (a window restored onto a screen that was unplugged could not be found); then
// maximizes it if it was.
func restorePlacement(w fyne.Window, pl placement) {
	h := hwnd(w)
	if h == 0 {
		return
	}
	p, ok := getPlacement(h)
	if !ok {
		return
	}
	width := p.NormalPosition.Right - p.NormalPosition.Left
	height := p.NormalPosition.Bottom - p.NormalPosition.Top
	r := winRect{Left: int32(pl.x), Top: int32(pl.y), Right: int32(pl.x) + width, Bottom: int32(pl.y) + height}
	if m, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&r)), monitorDefaultToNull); m == 0 {
		return
	}
	p.NormalPosition = r
	p.Flags = 0
	p.ShowCmd = swShowNormal
	if pl.maximized {
		p.ShowCmd = swShowMaximized
	}
	procSetWindowPlacement.Call(h, uintptr(unsafe.Pointer(&p)))
	if pl.maximized {
		procShowWindow.Call(h, swShowMaximized) // as well: a no-op when the placement has maximized it already
	}
}
