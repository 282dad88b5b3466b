//go:build unix

package data

import (
	"os"

	"golang.org/x/sys/unix"
)

// noSpaceLeft reports whether the file system holding dir has less than roomNeeded free for this user (the
// blocks kept for the administrator count for root, who may use them).
func noSpaceLeft(dir string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return false
	}
	free := uint64(st.Bavail)
	if os.Geteuid() == 0 {
		free = uint64(st.Bfree)
	}
	return free*uint64(st.Bsize) < roomNeeded
}
