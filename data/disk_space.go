package data

import "path/filepath"

// onFullDisk turns an I/O error met opening the database file at path into the full-disk error when the disk
// that holds it has no room left: SQLite reports the -shm it could not make there as an I/O error, and the
// user was told to check a USB drive and run scitech check instead of being told the disk is full.
func onFullDisk(err error, path string) error {
	if ErrorKey(err) != keyIO || !noSpaceLeft(filepath.Dir(path)) {
		return err
	}
	return &Error{Code: Storage, Key: keyDiskFull, Message: "cannot open the database: " + storageMessages[keyDiskFull], Err: err}
}

// roomNeeded is the free space below which a disk counts as full for opening a database: SQLite's -shm
// takes 32 KB, its -wal a page or more.
const roomNeeded = 1 << 20
