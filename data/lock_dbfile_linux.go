package data

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// dbLockOffset is the byte of the database file its writer lock covers, as on Windows: far beyond any
// database, while SQLite's own locks sit at 1 GiB (its pending byte) and the 510 bytes after it.
const dbLockOffset = 1 << 62

// lockDatabaseFile locks the database file itself, which every name of it (a link, a hard link, a bind
// mount) reaches. The lock is an open-file-description lock on one byte: it belongs to this open file, not to
// the process, so a second Store in this process meets it as another process would, and it stays clear of
// the bytes SQLite locks. A whole-file flock would not: on NFS Linux turns flock into a whole-file byte-range
// lock, and on SMB into a mandatory one, either of which shuts SQLite out of its own file.
func lockDatabaseFile(f *os.File) error {
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: dbLockOffset, Len: 1}
	err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk)
	switch {
	case errors.Is(err, unix.EAGAIN), errors.Is(err, unix.EACCES):
		return errWouldBlock
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.EBADF), errors.Is(err, unix.ENOLCK),
		errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.ENOSYS):
		// A kernel before 3.15 has no such locks, a file this user may only read cannot take a write lock,
		// and some file systems (FUSE) take no byte locks. An flock does the same on a local disk without
		// touching SQLite's locks.
		return lockFile(f)
	}
	return err
}

func unlockDatabaseFile(f *os.File) error {
	lk := unix.Flock_t{Type: unix.F_UNLCK, Whence: 0, Start: dbLockOffset, Len: 1}
	err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk)
	_ = unlockFile(f) // the flock lockDatabaseFile takes where it cannot take this lock; none held is no error
	return err
}

// databaseFileHeld reports whether a writer holds the lock of lockDatabaseFile on f's file, asking the
// system without taking anything (or, where it takes no byte locks, trying the flock taken instead).
func databaseFileHeld(f *os.File) bool {
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: dbLockOffset, Len: 1}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_GETLK, &lk); err == nil && lk.Type != unix.F_UNLCK {
		return true
	}
	return fileHeld(f)
}
