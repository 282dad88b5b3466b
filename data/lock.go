package data

import (
	"encoding/json"
	"errors"
	"fmt"
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

// writerLock is the lock a Store holds on its database for as long as it is open for writing: an operating
// system lock on a file beside the database, released by the system when the process ends however it ends,
// so a crash never leaves a stale lock behind. The file holds who took the lock, for the message the next
// copy shows.
type writerLock struct {
	f *os.File
}

// lockPath is the lock file of a database.
func lockPath(db string) string { return db + ".lock" }

// acquireWriterLock takes the database's writer lock, or returns a *Error (code Conflict, key err.db.locked)
// naming the holder, wrapping ErrLocked.
func acquireWriterLock(db string) (*writerLock, error) {
	p := lockPath(db)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, internal(err, "cannot open the lock file "+p)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if !errors.Is(err, errWouldBlock) {
			return nil, internal(err, "cannot lock "+p)
		}
		h := readLockHolder(p)
		return nil, &Error{Code: Conflict, Key: "err.db.locked",
			Args: map[string]any{"Holder": h.String(), "Program": h.Program, "PID": h.PID, "User": h.User, "Host": h.Host,
				"Since": h.Since.Local().Format("2006-01-02 15:04"), "Path": db},
			Message: "the database is open for writing in " + h.String(), Err: ErrLocked}
	}
	h := LockHolder{PID: os.Getpid(), User: currentOperator(), Program: filepath.Base(os.Args[0]), Since: time.Now()}
	h.Host, _ = os.Hostname()
	h.Program = strings.TrimSuffix(h.Program, filepath.Ext(h.Program))
	body, _ := json.Marshal(h)
	// The holder is written where the lock does not reach (see lockFile), so another copy can read it.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt(body, 0)
		_ = f.Sync()
	}
	return &writerLock{f: f}, nil
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

// release gives the lock up. The file stays: removing it would let one copy lock the removed file while
// another creates and locks a new one.
func (l *writerLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	_ = unlockFile(l.f)
	_ = l.f.Close()
	l.f = nil
}
