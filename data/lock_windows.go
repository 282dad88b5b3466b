//go:build windows

package data

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// errWouldBlock is what lockFile returns when another process holds the lock.
var errWouldBlock = errors.New("the lock is held")

// lockOffset is the byte locked: far beyond the holder's details at the start of the file, since a Windows
// lock also keeps other processes from reading the bytes it covers.
const lockOffset = 1 << 30

// lockFile takes an exclusive lock on one byte of the file without waiting.
func lockFile(f *os.File) error { return lockByte(f, lockOffset, 0) }

func unlockFile(f *os.File) error { return unlockByte(f, lockOffset, 0) }

// The database file itself is locked on one byte at 2^63-16, where no database reaches: SQLite's own locks
// sit at 1 GiB (its pending byte) and the 510 bytes after it, and a Windows byte lock keeps other processes
// from reading and writing what it covers. Windows keeps byte locks on the file, not on the name it was
// opened by: a hard link, the 8.3 short name, the file through a symbolic link or a junction, and on a share
// the UNC path and a drive letter mapped to it all reach one file, and the server holds the locks of every
// client of the share. So two writers meet here however each names the database.
const (
	dbLockLow  = 0xFFFFFFF0
	dbLockHigh = 0x7FFFFFFF
)

func lockDatabaseFile(f *os.File) error { return lockByte(f, dbLockLow, dbLockHigh) }

func unlockDatabaseFile(f *os.File) error { return unlockByte(f, dbLockLow, dbLockHigh) }

func lockByte(f *os.File, low, high uint32) error {
	ol := &windows.Overlapped{Offset: low, OffsetHigh: high}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errWouldBlock
	}
	return err
}

func unlockByte(f *os.File, low, high uint32) error {
	ol := &windows.Overlapped{Offset: low, OffsetHigh: high}
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}

// beforeReplace is called by a restore just before it renames the restored copy over the database. Windows
// refuses to replace a file that is open without FILE_SHARE_DELETE, as the handle this lock holds is (and as
// SQLite's own are), so that handle is closed first. The restore goes on holding the lock file beside the
// database's real path, and every other writer needs both locks: a writer naming the database otherwise — a
// short 8.3 name, a UNC path or a drive letter mapped to the same share, a link — reaches the same folder and
// so the same lock file (the name is resolved, short names expanded), and a writer through a hard link, whose
// lock file would be elsewhere, is refused by Open for the hard link itself. Should anything still open the
// old file in that moment, the rename fails and the restore says so, the current database whole and kept.
func (l *writerLock) beforeReplace() {
	if l.db != nil {
		_ = unlockDatabaseFile(l.db)
		_ = l.db.Close()
		l.db = nil
	}
}

// linkCount is how many names (hard links) the file at path has; 1 when it cannot be told.
func linkCount(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(windows.Handle(f.Fd()), &info); err != nil {
		return 1
	}
	return int(info.NumberOfLinks)
}

// fileHeld reports whether another handle holds lockFile's lock on f's file, by trying the lock and giving it
// back at once.
func fileHeld(f *os.File) bool { return byteHeld(f, lockOffset, 0) }

// databaseFileHeld reports whether a writer holds lockDatabaseFile's lock on f's file.
func databaseFileHeld(f *os.File) bool { return byteHeld(f, dbLockLow, dbLockHigh) }

func byteHeld(f *os.File, low, high uint32) bool {
	ol := &windows.Overlapped{Offset: low, OffsetHigh: high}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err == nil {
		_ = unlockByte(f, low, high)
	}
	return errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING)
}
