package data

import "golang.org/x/sys/windows"

// noSpaceLeft reports whether the disk holding dir has less than roomNeeded free for this user.
func noSpaceLeft(dir string) bool {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return false
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return false
	}
	return avail < roomNeeded
}
