package data

import (
	"errors"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Keys of the Storage errors: what happened to the file, each with what the user can do about it.
const (
	keyDiskFull   = "err.db.disk_full"
	keyReadOnly   = "err.db.readonly_file"
	keyBusy       = "err.db.busy"
	keyCannotOpen = "err.db.cannot_open"
	keyIO         = "err.db.io"
	keyDamaged    = "err.db.damaged"
)

// storageError maps a cause the user can do something about to a Storage error: SQLite's disk full, read-only
// database, busy after the busy timeout (another program holds the file), cannot open, I/O error and damaged
// file, and the operating system's refusals to create or write a file (read-only file system, no permission,
// no space). It returns nil for any other cause. msg, the English context, stays in the log text.
func storageError(err error, msg string) *Error {
	key := storageKey(err)
	if key == "" {
		return nil
	}
	return &Error{Code: Storage, Key: key, Message: msg + ": " + storageMessages[key], Err: err}
}

var storageMessages = map[string]string{
	keyDiskFull:   "the disk is full",
	keyReadOnly:   "the database file or its folder is read-only",
	keyBusy:       "another program holds the database file",
	keyCannotOpen: "the database file cannot be opened",
	keyIO:         "the disk reported an error",
	keyDamaged:    "the database file is damaged",
}

func storageKey(err error) string {
	if err == nil {
		return ""
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return keyDiskFull
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			return keyReadOnly
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return keyBusy
		case sqlite3.SQLITE_CANTOPEN:
			return keyCannotOpen
		case sqlite3.SQLITE_IOERR:
			if se.Code() == sqlite3.SQLITE_IOERR_NOMEM {
				return ""
			}
			return keyIO
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return keyDamaged
		}
		return ""
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC:
			return keyDiskFull
		case syscall.EROFS, syscall.EACCES, syscall.EPERM:
			return keyReadOnly
		}
	}
	if errors.Is(err, fs.ErrPermission) {
		return keyReadOnly
	}
	return ""
}

// Explain returns err as the user should see it: a cause the user can act on that reached the caller bare
// (a driver error no internal() wrapped, such as rows.Err()) becomes its Storage error; anything else,
// *Error included, is returned unchanged.
func Explain(err error) error {
	var e *Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	var list Errors
	if errors.As(err, &list) {
		return err
	}
	if se := storageError(err, "the database"); se != nil {
		return se
	}
	return err
}
