package data

import (
	"errors"

	"scitech/data/dialect"
	"scitech/data/postgres"
	"scitech/data/sqlite"
)

// Keys of the Storage errors: what happened to the file, each with what the user can do about it.
const (
	keyDiskFull   = "err.db.disk_full"
	keyReadOnly   = "err.db.readonly_file"
	keyBusy       = "err.db.busy"
	keyCannotOpen = "err.db.cannot_open"
	keyIO         = "err.db.io"
	keyDamaged    = "err.db.damaged"

	keyServerTimeout     = "err.server.timeout"     // the server cancelled a statement that ran past its statement_timeout
	keyServerConnections = "err.server.connections" // the server's connections are used up (53300)
)

// serverBusyKey is the key of a server error of class Busy that is not another desk's writing: a statement the
// server cancelled, or a connection it refused because its connections are used up; "" for any other.
func serverBusyKey(err error) string {
	switch {
	case postgres.TimedOut(err):
		return keyServerTimeout
	case postgres.TooManyConnections(err):
		return keyServerConnections
	}
	return ""
}

// storageError maps a cause the user can do something about to a Storage error: SQLite's disk full, read-only
// database, busy after the busy timeout (another program holds the file), cannot open, I/O error and damaged
// file, and the operating system's refusals to create or write a file (read-only file system, no permission,
// no space); and a server's lost connection, refused login, busy writer, cancelled statement or full disk
// (serverKeys), whose error names the server (Args Server and Path). It returns nil for any other cause. msg,
// the English context, stays in the log text.
func storageError(err error, msg string) *Error {
	key := storageKey(err)
	if key == "" {
		return nil
	}
	text, ok := storageMessages[key]
	if ok {
		return &Error{Code: Storage, Key: key, Message: msg + ": " + text, Err: err}
	}
	// A server's: its connection named it (postgres.ServerError, which Err's text begins with), and every
	// message names it.
	server := "the database server"
	if se := (*postgres.ServerError)(nil); errors.As(err, &se) && se.Server != "" {
		server = se.Server
	}
	return &Error{Code: Storage, Key: key, Args: map[string]any{"Server": server, "Path": server},
		Message: msg + ": " + serverMessages[key], Err: err}
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
	class, server := errorClass(err)
	if key := serverBusyKey(err); server && class == dialect.Busy && key != "" {
		return key
	}
	if server {
		return serverKeys[class]
	}
	switch class {
	case dialect.Full:
		return keyDiskFull
	case dialect.ReadOnly, dialect.Denied:
		return keyReadOnly // the file or its folder refuses the program, whether SQLite or the system said so
	case dialect.Busy:
		return keyBusy
	case dialect.NoDatabase:
		return keyCannotOpen
	case dialect.IO:
		return keyIO
	case dialect.Damaged:
		return keyDamaged
	}
	return ""
}

// The dialects' classification without a store: what a class of error is does not depend on the database
// (only the constraint a dialect names does, which Undo asks its store's dialect for).
var (
	fileErrors   = sqlite.New()
	serverErrors = postgres.New()
)

// errorClass says what a database error means, whichever database it came from, and whether a server said it.
// Shared code tests the class, never a driver's message text (a server may even translate its messages).
func errorClass(err error) (class dialect.ErrorClass, server bool) {
	if postgres.FromServer(err) {
		class, _ = serverErrors.Classify(err)
		return class, true
	}
	class, _ = fileErrors.Classify(err)
	return class, false
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
