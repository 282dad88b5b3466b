//go:build !windows

package data

import (
	"errors"
	"os"
	"syscall"
)

// errWouldBlock is what lockFile returns when another process holds the lock.
var errWouldBlock = errors.New("the lock is held")

// lockFile takes an exclusive flock on the whole file without waiting. flock locks are advisory: the holder's
// details written in the file stay readable.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errWouldBlock
	}
	return err
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// fileHeld reports whether another open file holds lockFile's lock on f's file, by trying a shared flock
// and giving it back at once.
func fileHeld(f *os.File) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err == nil {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	return errors.Is(err, syscall.EWOULDBLOCK)
}

// beforeReplace is called by a restore before it renames the restored copy over the database: nothing to do
// here, where a file held open can be replaced and the lock goes on covering the restore to its end.
func (l *writerLock) beforeReplace() {}

// linkCount is how many names (hard links) the file at path has; 1 when it cannot be told.
func linkCount(path string) int {
	fi, err := os.Stat(path)
	if err != nil {
		return 1
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}
