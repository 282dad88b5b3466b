//go:build windows

package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS ((DWORD)-1): the console of the process that started this one.
const attachParentProcess = ^uint32(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole lets a sub-command print to the console it was started from. scitech.exe is a GUI-subsystem
// program (-H=windowsgui), so Windows gives it no console of its own; a sub-command attaches to its parent's
// and writes there. A standard handle that already leads somewhere (a redirection to a file, a pipe) is kept,
// so `scitech.exe stats > out.txt` still writes to the file. The window (no sub-command) attaches to nothing:
// closing a console the window was attached to would close the window with it.
func attachConsole(args []string) {
	if opensWindow(args) {
		return
	}
	stdin := usableHandle(windows.STD_INPUT_HANDLE)
	stdout := usableHandle(windows.STD_OUTPUT_HANDLE)
	stderr := usableHandle(windows.STD_ERROR_HANDLE)
	if stdin && stdout && stderr {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // started from Explorer or a shortcut: no console to write to
	}
	if !stdout {
		os.Stdout = openConsole("CONOUT$", windows.STD_OUTPUT_HANDLE, "/dev/stdout", os.Stdout)
	}
	if !stderr {
		os.Stderr = openConsole("CONOUT$", windows.STD_ERROR_HANDLE, "/dev/stderr", os.Stderr)
		log.SetOutput(os.Stderr) // the log package took the old os.Stderr when it started
	}
	if !stdin {
		os.Stdin = openConsole("CONIN$", windows.STD_INPUT_HANDLE, "/dev/stdin", os.Stdin)
	}
}

// usableHandle tells whether the standard handle std leads to a file, pipe or console.
func usableHandle(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}

// openConsole opens the attached console's input or output device as the standard handle std, keeping old
// when it cannot be opened.
func openConsole(device string, std uint32, name string, old *os.File) *os.File {
	dev, err := windows.UTF16PtrFromString(device)
	if err != nil {
		return old
	}
	h, err := windows.CreateFile(dev, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return old
	}
	_ = windows.SetStdHandle(std, h)
	return os.NewFile(uintptr(h), name)
}
