package data

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// A file the program writes (a backup, a brief, a problems workbook, an export) must never land on the
// database or on a file the same command is reading: writing there while SQLite holds the database open
// corrupts it, and writing onto an input destroys the user's original. Paths are compared as files, not as
// text, since one file has many spellings.

// DatabaseFiles is the database file at db and the files SQLite and this program keep beside it: the -wal,
// -shm and -journal files, and the writer's .lock file. SQLite names its side files after the database's
// real path (it follows symbolic links), so when db is reached through a link the files beside the real
// file are listed too.
func DatabaseFiles(db string) []string {
	names := []string{db}
	if real := resolvePath(db); real != "" && real != db {
		names = append(names, real)
	}
	var out []string
	for _, n := range names {
		out = append(out, n, n+"-wal", n+"-shm", n+"-journal", n+".lock")
	}
	return out
}

// RefuseOverwrite returns a *Error (code Invalid, key err.file.protected, Args Path and Protected) when
// writing to target would write onto one of the protected files, or onto a side file of one (see
// DatabaseFiles: a protected workbook has none on the disk, and refusing those names costs nothing), and nil
// otherwise. Target is compared under any spelling: relative or absolute, with "..", through symbolic links,
// as a hard link of the same file, and on Windows and macOS in another case. A target that does not exist
// yet is compared by its real folder and its name. Empty paths are ignored.
func RefuseOverwrite(target string, protected ...string) error {
	if target == "" {
		return nil
	}
	for _, p := range protected {
		if p == "" {
			continue
		}
		for _, f := range DatabaseFiles(p) {
			if samePath(target, f) {
				return &Error{Code: Invalid, Key: "err.file.protected",
					Args:    map[string]any{"Path": target, "Protected": f},
					Message: "refusing to write " + target + ": it is " + f + ", which this command must not overwrite"}
			}
		}
	}
	return nil
}

// samePath reports whether a and b name one file: by identity when both exist (which catches hard links,
// Windows short names and mapped drives), by their resolved paths when neither does (a file yet to be
// written), and never when only one exists.
func samePath(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	switch {
	case errA == nil && errB == nil:
		return os.SameFile(ia, ib)
	case errA == nil || errB == nil:
		if os.IsNotExist(errA) || os.IsNotExist(errB) {
			return false
		}
	}
	ra, rb := resolvePath(a), resolvePath(b)
	if ra == "" || rb == "" {
		return false
	}
	if caseInsensitiveFS() {
		return strings.EqualFold(ra, rb)
	}
	return ra == rb
}

// caseInsensitiveFS is true where the usual file system ignores case in names (NTFS, APFS by default).
func caseInsensitiveFS() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }

// resolvePath is the absolute path of p with every symbolic link followed, also for a file that does not
// exist yet (its folder is resolved and its name kept) and for a link that points at one; "" when the path
// cannot be made absolute.
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	return resolveAbs(abs, 0)
}

// maxLinks bounds the links followed, as the system's own limit (ELOOP) does.
const maxLinks = 40

func resolveAbs(abs string, depth int) string {
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if depth > maxLinks {
		return abs
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		// A link to a file yet to be written: writing through it creates the file it names.
		if to, err := os.Readlink(abs); err == nil {
			if !filepath.IsAbs(to) {
				to = filepath.Join(filepath.Dir(abs), to)
			}
			return resolveAbs(filepath.Clean(to), depth+1)
		}
	}
	dir, base := filepath.Split(abs)
	dir = filepath.Clean(dir)
	if dir == abs || base == "" {
		return abs
	}
	return filepath.Join(resolveAbs(dir, depth+1), base)
}

// refuseNotRegular returns a *Error (code Invalid, key err.file.not_regular) when the file at path exists
// and is not a regular file: a pipe, which a read waits on forever; a device such as /dev/zero, which never
// ends; a folder. Reading one as a database, or renaming a backup over one, is never what was meant.
func refuseNotRegular(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			to, _ := os.Readlink(path)
			return &Error{Code: Invalid, Key: "err.file.dangling_link", Args: map[string]any{"Path": path, "Target": to},
				Message: path + " is a link to " + to + ", which does not exist; nothing is written through it"}
		}
	}
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	return notRegular(path)
}

func notRegular(path string) *Error {
	return &Error{Code: Invalid, Key: "err.file.not_regular", Args: map[string]any{"Path": path},
		Message: path + " is not a file (a folder, a device or a pipe); it is neither read nor written"}
}

// requireDatabaseFile returns nil when path is a regular file that begins as every SQLite database does,
// and otherwise a *Error: err.backup.unreadable when it cannot be read, err.file.not_regular, or
// err.db.not_database (nothing is read beyond the header).
func requireDatabaseFile(path string) error {
	fi, err := os.Stat(path) // before opening: opening a pipe to read waits for a writer
	var f *os.File
	if err == nil {
		if !fi.Mode().IsRegular() {
			return notRegular(path)
		}
		f, err = os.Open(path)
	}
	if err != nil {
		return &Error{Code: Invalid, Key: "err.backup.unreadable", Args: map[string]any{"Path": path},
			Message: "cannot read " + path, Err: err}
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return &Error{Code: Invalid, Key: "err.db.not_database", Args: map[string]any{"Path": path},
			Message: path + " is not a database file"}
	}
	return nil
}
