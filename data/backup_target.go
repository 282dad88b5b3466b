package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// targetLock is the writer lock a backup holds on the file it is about to replace.
type targetLock struct {
	*writerLock
	side string // the .lock file the backup created, removed when it is done
}

// lockTarget takes path's writer lock as Open would, so that no copy of the program opens path to write
// while the backup is written and renamed over it. A lock held by another copy is err.backup.target_in_use.
//
// A target that does not exist yet is not created to be locked: a backup killed meanwhile would leave an
// empty file under the backup's name (which the daily backup would then take for that day's backup). Its lock
// file is enough: a copy of the program that creates the file meanwhile takes the file's lock, then meets the
// lock file's, and gives up, removing the empty file it made.
func lockTarget(path string) (*targetLock, error) {
	side := lockPath(path)
	_, err := os.Lstat(side)
	created := errors.Is(err, fs.ErrNotExist)
	var l *writerLock
	if _, err = os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		l, err = lockSideOnly(side)
	} else {
		l, err = acquireWriterLock(path)
	}
	if errors.Is(err, ErrLocked) {
		if e := refuseInUse(path); e != nil {
			return nil, e
		}
		return nil, targetInUse(path, readLockHolder(side))
	}
	if err != nil {
		return nil, err
	}
	t := &targetLock{writerLock: l}
	if created {
		t.side = side
	}
	return t, nil
}

// lockSideOnly takes the lock file's lock alone, naming this copy as its holder.
func lockSideOnly(side string) (*writerLock, error) {
	if fi, err := os.Lstat(side); err == nil && !fi.Mode().IsRegular() {
		return nil, notRegular(side)
	} else if err == nil && linkCount(side) > 1 {
		return nil, &Error{Code: Invalid, Key: "err.db.side_link", Args: map[string]any{"Path": side, "Links": linkCount(side), "DB": side},
			Message: side + " has several names (hard links); it is not written, so as not to change another file"}
	}
	f, err := os.OpenFile(side, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, internal(err, "cannot open the lock file "+side)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, ErrLocked
		}
		return nil, internal(err, "cannot lock "+side)
	}
	writeLockHolder(f)
	return &writerLock{side: f}, nil
}

// release gives the lock up. A lock file the backup created is removed while it is still held: a backup
// leaves no .lock beside every file it writes. A copy of the program that opened it meanwhile has found it
// locked (and a writer must hold the database file's own lock first, which the backup held or the rename
// replaced).
func (t *targetLock) release() {
	if t == nil {
		return
	}
	removed := t.side == "" || os.Remove(t.side) == nil
	t.writerLock.release()
	if !removed {
		// Windows deletes no file open without FILE_SHARE_DELETE, as the held one is: removed once released.
		// Should a copy of the program have it open by then, Windows refuses the removal and the file stays,
		// so two copies never hold two lock files of one name.
		_ = os.Remove(t.side)
	}
}

func targetInUse(path string, h LockHolder) *Error {
	return &Error{Code: Conflict, Key: "err.backup.target_in_use",
		Args:    map[string]any{"Path": path, "Holder": h.String(), "PID": h.PID},
		Message: path + " is a database open for writing in " + h.String() + "; a backup does not replace it", Err: ErrLocked}
}

// clearTargetSides removes the side files of the database about to be replaced, under its writer lock: an
// empty -wal or -journal and a -shm, which a clean close or a crash may leave. SQLite would apply a -wal or a
// hot -journal left beside the new file to it, as if it were the old database's. One with content holds
// commits (or a rollback) of the old database no one has applied yet: the backup refuses to throw those away.
func clearTargetSides(path string) error {
	for _, suffix := range []string{"-wal", "-journal"} {
		fi, err := os.Lstat(path + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > 0 {
			return &Error{Code: Conflict, Key: "err.backup.target_wal",
				Args:    map[string]any{"Path": path, "Side": path + suffix},
				Message: path + " has changes not yet written into it (" + path + suffix + "); a backup does not replace it", Err: err}
		}
	}
	for _, suffix := range []string{"-wal", "-journal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return writeError(err, path+suffix)
		}
	}
	return nil
}

// removeStaleTemporaries removes, in the folder of a backup's target, the temporary files backups cut short
// (killed, a power cut) left there, with their side files. The temporaries of target's own name go at once:
// this is called under target's writer lock, which every backup to that name holds while it writes its
// temporary, so none of them is being written. Another name's go when no backup holds that name's lock. Only
// names of exactly our making are touched: "." + a name + ".tmp-", then the digits os.CreateTemp puts for its
// "*", then nothing or a SQLite side file's suffix.
func removeStaleTemporaries(target string) {
	dir := filepath.Dir(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name, ok := temporaryOf(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if name != filepath.Base(target) && targetHeld(filepath.Join(dir, name)) {
			continue // a backup to that name is being written now
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}

// temporaryOf tells whether file is named as vacuumInto names its temporaries (or their side files), and for
// which target name.
func temporaryOf(file string) (target string, ok bool) {
	if !strings.HasPrefix(file, ".") {
		return "", false
	}
	i := strings.LastIndex(file, ".tmp-")
	if i <= 1 {
		return "", false
	}
	rest := file[i+len(".tmp-"):]
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		rest = strings.TrimSuffix(rest, suffix)
	}
	if rest == "" || strings.Trim(rest, "0123456789") != "" {
		return "", false
	}
	return file[1:i], true
}

// targetHeld reports whether someone holds the writer lock of path (a backup writing it, or a writer).
func targetHeld(path string) bool {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		if f, err := os.Open(path); err == nil {
			held := databaseFileHeld(f)
			f.Close()
			if held {
				return true
			}
		}
	}
	if fi, err := os.Lstat(lockPath(path)); err == nil && fi.Mode().IsRegular() {
		if f, err := os.Open(lockPath(path)); err == nil {
			defer f.Close()
			return fileHeld(f)
		}
	}
	return false
}
