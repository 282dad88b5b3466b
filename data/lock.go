package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockHolder says which copy of the program holds a database for writing, as its lock file tells.
type LockHolder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	User    string    `json:"user"`
	Program string    `json:"program"`
	Since   time.Time `json:"since"`
}

// String is the holder as a person reads it: "scitech (PID 4242) of wang on BUREAU-PC, since 2026-11-26 09:12".
func (h LockHolder) String() string {
	return fmt.Sprintf("%s (PID %d) of %s on %s, since %s", h.Program, h.PID, h.User, h.Host,
		h.Since.Local().Format("2006-01-02 15:04"))
}

// ErrLocked is the cause of the error Open returns when another copy of the program writes to the database.
var ErrLocked = errors.New("another copy of the program holds the database")

// writerLock is the lock a Store holds on its database for as long as it is open for writing. One file has
// many names (a symbolic link, a linked folder, a hard link, on Windows a short 8.3 name, a UNC path or a
// mapped drive), so the lock is taken on the database file itself: every name opens the same file, and so
// meets the same lock. The lock is the operating system's, released when the process ends however it ends,
// so a crash never leaves a stale lock behind. A second lock on the .lock file beside the database's real
// path holds who took it, for the message the next copy shows, and keeps out earlier versions of the
// program, which lock that file only.
type writerLock struct {
	db      *os.File // the database file, locked (lockDatabaseFile)
	created bool     // the database file did not exist before the lock was taken
	side    *os.File // the .lock file, locked, holding the holder
}

// lockPath is the lock file of a database: beside its real path, the one SQLite itself uses (it follows
// links), so that every name of the database finds the same holder.
func lockPath(db string) string {
	if real := resolvePath(db); real != "" {
		return real + ".lock"
	}
	return db + ".lock"
}

// acquireWriterLock takes the database's writer lock, or returns a *Error (code Conflict, key err.db.locked)
// naming the holder, wrapping ErrLocked (key err.db.locked_elsewhere when the holder cannot be told). The
// database file is created (empty, which SQLite takes for a new database) when there is none yet, so that
// there is a file to lock.
func acquireWriterLock(db string) (*writerLock, error) {
	p := lockPath(db)
	if err := refuseSideLinks(db); err != nil {
		return nil, err // the holder written through a link would overwrite the file it names
	}
	l := &writerLock{}
	f, created, err := openDatabaseFile(db)
	if err != nil {
		return nil, err
	}
	l.db, l.created = f, created
	if err := lockDatabaseFile(f); err != nil {
		l.release()
		if !errors.Is(err, errWouldBlock) {
			return nil, internal(err, "cannot lock "+db)
		}
		return nil, lockedError(db, p)
	}
	side, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		l.release()
		return nil, internal(err, "cannot open the lock file "+p)
	}
	if err := lockFile(side); err != nil {
		side.Close()
		l.release()
		if !errors.Is(err, errWouldBlock) {
			return nil, internal(err, "cannot lock "+p)
		}
		return nil, lockedError(db, p)
	}
	l.side = side
	writeLockHolder(side)
	return l, nil
}

// openDatabaseFile opens the database file to lock it, creating it when it does not exist; a file this user
// may only read is opened for reading, which is enough to lock it (SQLite then refuses the writes).
func openDatabaseFile(db string) (f *os.File, created bool, err error) {
	f, err = os.OpenFile(db, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		return f, true, nil
	}
	if !errors.Is(err, fs.ErrExist) { // a folder that cannot be written, a full disk: say so
		return nil, false, internal(err, "cannot create the database file "+db)
	}
	if err := refuseNotRegular(db); err != nil {
		return nil, false, err // before opening: opening a pipe to read waits for a writer
	}
	f, err = os.OpenFile(db, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrPermission) {
		f, err = os.Open(db)
	}
	if err != nil {
		return nil, false, internal(err, "cannot open the database file "+db)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, false, notRegular(db) // SQLite would wait on a pipe forever, read /dev/zero as empty
	}
	return f, false, nil
}

// lockedError is the error of a database another copy of the program holds, naming the holder as the lock
// file p tells.
func lockedError(db, p string) error {
	h := readLockHolder(p)
	if h.PID == 0 {
		// The holder reached the file by another name (a hard link, on Windows another share's path), so its
		// lock file is elsewhere; or it has locked the file and not yet written its name.
		return &Error{Code: Conflict, Key: "err.db.locked_elsewhere", Args: map[string]any{"Path": db},
			Message: "the database is open for writing in another copy of the program", Err: ErrLocked}
	}
	return &Error{Code: Conflict, Key: "err.db.locked",
		Args: map[string]any{"Holder": h.String(), "Program": h.Program, "PID": h.PID, "User": h.User, "Host": h.Host,
			"Since": h.Since.Local().Format("2006-01-02 15:04"), "Path": db},
		Message: "the database is open for writing in " + h.String(), Err: ErrLocked}
}

// writeLockHolder writes who holds the lock into the locked lock file, where the lock does not reach (see
// lockFile), so another copy can read it.
func writeLockHolder(f *os.File) {
	h := LockHolder{PID: os.Getpid(), User: currentOperator(), Program: filepath.Base(os.Args[0]), Since: time.Now()}
	h.Host, _ = os.Hostname()
	h.Program = strings.TrimSuffix(h.Program, filepath.Ext(h.Program))
	body, _ := json.Marshal(h)
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt(body, 0)
		_ = f.Sync()
	}
}

// readLockHolder reads who holds a lock; an unreadable file gives a holder with what is known.
func readLockHolder(p string) LockHolder {
	var h LockHolder
	body, err := os.ReadFile(p)
	if err == nil {
		_ = json.Unmarshal(body, &h)
	}
	if h.Program == "" {
		h.Program = "scitech"
	}
	if h.User == "" {
		h.User = "?"
	}
	if h.Host == "" {
		h.Host = "?"
	}
	return h
}

// release gives the lock up. The lock file stays: removing it would let one copy lock the removed file while
// another creates and locks a new one. The database file stays too, but for one this lock created and nothing
// wrote (a restore that failed before putting a file in place): that one is removed while the lock file is
// still held, so no empty database is left where there was none.
func (l *writerLock) release() {
	if l == nil {
		return
	}
	if l.db != nil {
		// Only while the lock file is held: otherwise the file may already be another copy's new database.
		name, unused := l.db.Name(), l.created && l.side != nil && l.unused()
		_ = unlockDatabaseFile(l.db)
		_ = l.db.Close()
		l.db = nil
		if unused {
			_ = os.Remove(name)
		}
	}
	if l.side != nil {
		_ = l.side.Truncate(0)
		_ = unlockFile(l.side)
		_ = l.side.Close()
		l.side = nil
	}
}

// unused reports whether the locked database file is still empty and still the file its name names.
func (l *writerLock) unused() bool {
	fi, err := l.db.Stat()
	if err != nil || fi.Size() != 0 {
		return false
	}
	now, err := os.Stat(l.db.Name())
	return err == nil && os.SameFile(fi, now)
}

// refuseInUse returns a *Error (code Conflict, key err.backup.target_in_use, naming the holder) when the file
// at path is a database another copy of the program holds for writing. A backup renamed over it would pull
// the file from under that copy, whose changes would from then on go to a file no name reaches. Nothing is
// created or kept: the locks are only tried.
func refuseInUse(path string) error {
	if requireDatabaseFile(path) != nil {
		return nil // no database: no copy of the program writes it
	}
	held := false
	if f, err := os.Open(path); err == nil {
		held = databaseFileHeld(f)
		f.Close()
	}
	p := lockPath(path)
	if fi, err := os.Lstat(p); !held && err == nil && fi.Mode().IsRegular() {
		if f, err := os.Open(p); err == nil {
			held = fileHeld(f)
			f.Close()
		}
	}
	if !held {
		return nil
	}
	h := readLockHolder(p)
	return &Error{Code: Conflict, Key: "err.backup.target_in_use",
		Args:    map[string]any{"Path": path, "Holder": h.String(), "PID": h.PID},
		Message: path + " is a database open for writing in " + h.String() + "; a backup does not replace it", Err: ErrLocked}
}
