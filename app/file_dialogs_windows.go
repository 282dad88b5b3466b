package app

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// knownDocumentsDir is the Documents known folder, wherever the user or their IT moved it.
func knownDocumentsDir() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return dir
}

// systemFontsDir is the Windows fonts folder, where simfang.ttf and the other brief fonts are.
func systemFontsDir() string {
	if dir, err := windows.KnownFolderPath(windows.FOLDERID_Fonts, 0); err == nil {
		return dir
	}
	return filepath.Join(os.Getenv("WINDIR"), "Fonts")
}

// systemOpen opens a file with the program Windows associates with its type, as a double-click would.
func systemOpen(path string) (bool, error) {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return true, err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return true, err
	}
	dir, err := windows.UTF16PtrFromString(filepath.Dir(path))
	if err != nil {
		return true, err
	}
	return true, windows.ShellExecute(0, verb, file, nil, dir, windows.SW_SHOWNORMAL)
}
