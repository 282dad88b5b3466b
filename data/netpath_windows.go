//go:build windows

package data

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// OnNetworkDrive reports whether the database file lies on a network share, given by a UNC path
// (\\server\share) or on a drive letter mapped to one, where SQLite's locking is not dependable.
func OnNetworkDrive(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if strings.HasPrefix(abs, `\\?\UNC\`) || (strings.HasPrefix(abs, `\\`) && !strings.HasPrefix(abs, `\\?\`) && !strings.HasPrefix(abs, `\\.\`)) {
		return true
	}
	root := filepath.VolumeName(abs) + `\`
	p, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return false
	}
	return windows.GetDriveType(p) == windows.DRIVE_REMOTE
}
