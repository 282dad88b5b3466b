package data

import (
	"bytes"
	"io"
	"os"
	"strings"
)

// RefuseOverwrite protects the database a command opened; a file the program writes must not land on ANY
// database either: `brief --pdf other.db` while another copy imported into other.db turned other.db (or its
// -wal) into a PDF, and that copy's import then said success. Whether a file is a database is read from the
// file itself, so no list of known databases is needed.

// sqliteSideSuffixes are the files SQLite (and this program's writer lock) keeps beside a database.
var sqliteSideSuffixes = []string{"-wal", "-shm", "-journal", ".lock"}

// RefuseDatabaseTarget returns a *Error (code Invalid, key err.file.database, Args Path and Database) when
// target is an existing SQLite database, or the -wal, -shm, -journal or .lock file of a database beside it
// (one whose file begins with SQLite's header, or is still empty: a new database in WAL mode has its first
// pages in the -wal); nil otherwise, also for a target that does not exist.
func RefuseDatabaseTarget(target string) error {
	if target == "" {
		return nil
	}
	if isDatabaseFile(target, false) {
		return databaseTargetError(target, target)
	}
	for _, suffix := range sqliteSideSuffixes {
		if db, ok := strings.CutSuffix(target, suffix); ok && db != "" && isDatabaseFile(db, true) {
			return databaseTargetError(target, db)
		}
	}
	return nil
}

func databaseTargetError(target, db string) error {
	return &Error{Code: Invalid, Key: "err.file.database", Args: map[string]any{"Path": target, "Database": db},
		Message: "refusing to write " + target + ": it is the SQLite database " + db +
			" or a file SQLite keeps beside it, and writing there would destroy that database"}
}

// isDatabaseFile tells whether path is a regular file that begins with SQLite's header (or, when emptyToo,
// is empty). A file that cannot be read is not called a database here: writing it will fail on its own.
func isDatabaseFile(path string, emptyToo bool) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	if info.Size() == 0 {
		return emptyToo
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return bytes.Equal(head, sqliteHeader)
}
