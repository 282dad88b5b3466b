//go:build !windows

package data

import (
	"path/filepath"
	"syscall"
)

// Network file systems by their statfs magic numbers: NFS, SMB, CIFS, SMB2, Coda, AFS, 9P and FUSE (sshfs and
// the like mount through it).
var networkFS = map[int64]bool{0x6969: true, 0x517B: true, 0xFF534D42: true, 0xFE534D42: true, 0x73757245: true,
	0x5346414F: true, 0x01021997: true, 0x65735546: true}

// OnNetworkDrive reports whether the database file's folder is on a network file system, where SQLite's
// locking is not dependable.
func OnNetworkDrive(path string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return false
	}
	return networkFS[int64(st.Type)&0xFFFFFFFF]
}
