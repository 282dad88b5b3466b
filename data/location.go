package data

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Where the database lives: DBFileName in the default folder (the user's config folder, %APPDATA%\scitech on
// Windows) unless the user chose another folder in Settings. The choice is kept in a small pointer file in the
// default folder, read before any database is opened. A chosen folder that has gone (a drive unplugged, a folder
// renamed) is reported, never replaced by a new empty database.

// File names of the database and of the pointer file.
const (
	DBFileName       = "scitech.db"
	LocationFileName = "location.json"
)

// location is the content of the pointer file.
type location struct {
	Folder string `json:"folder"`
	Chosen string `json:"chosen,omitempty"` // when the folder was chosen, RFC 3339; for the bureau's IT
}

// LocationFile is the pointer file of a default folder.
func LocationFile(defaultDir string) string { return filepath.Join(defaultDir, LocationFileName) }

// ReadLocation is the folder chosen in Settings, "" when none is (the database is in the default folder).
// An unreadable or damaged pointer file is an error with key err.location.unreadable.
func ReadLocation(defaultDir string) (string, error) {
	file := LocationFile(defaultDir)
	body, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	var loc location
	if err == nil {
		err = json.Unmarshal(body, &loc)
	}
	if err == nil && loc.Folder != "" && !filepath.IsAbs(loc.Folder) {
		err = errors.New("the folder is not an absolute path")
	}
	if err != nil {
		return "", &Error{Code: Invalid, Key: "err.location.unreadable", Args: map[string]any{"File": file},
			Message: "cannot read the database location file " + file, Err: err}
	}
	return filepath.Clean(loc.Folder), nil
}

// WriteLocation keeps folder as the database's folder from the next start; "" (or the default folder itself)
// goes back to the default. The pointer file is replaced atomically: written under a temporary name, flushed
// to the disk, then renamed, so a power cut leaves the old choice or the new one, never half a file.
func WriteLocation(defaultDir, folder string, now time.Time) error {
	file := LocationFile(defaultDir)
	if folder == "" || sameFolder(folder, defaultDir) {
		if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return locationWriteError(file, err)
		}
		return nil
	}
	if !filepath.IsAbs(folder) {
		return &Error{Code: Invalid, Key: "err.location.relative", Args: map[string]any{"Folder": folder},
			Message: "the database folder must be an absolute path: " + folder}
	}
	body, err := json.MarshalIndent(location{Folder: filepath.Clean(folder), Chosen: now.Format(time.RFC3339)}, "", "  ")
	if err != nil {
		return internal(err, "cannot encode the database location")
	}
	if err := os.MkdirAll(defaultDir, 0o755); err != nil {
		return locationWriteError(file, err)
	}
	if err := writeFileAtomic(file, append(body, '\n')); err != nil {
		return locationWriteError(file, err)
	}
	return nil
}

// DatabasePath is the database to open: DBFileName in the chosen folder, else in defaultDir; chosen says which.
// A chosen folder that is missing or not a folder gives its path with an error of key err.location.missing, for
// the window to say so instead of creating a new empty database there.
func DatabasePath(defaultDir string) (path string, chosen bool, err error) {
	folder, err := ReadLocation(defaultDir)
	if err != nil {
		return filepath.Join(defaultDir, DBFileName), false, err
	}
	if folder == "" {
		return filepath.Join(defaultDir, DBFileName), false, nil
	}
	path = filepath.Join(folder, DBFileName)
	if info, serr := os.Stat(folder); serr != nil || !info.IsDir() {
		return path, true, &Error{Code: NotFound, Key: "err.location.missing",
			Args:    map[string]any{"Folder": folder, "File": LocationFile(defaultDir)},
			Message: "the database folder chosen in Settings does not exist: " + folder, Err: serr}
	}
	return path, true, nil
}

// CheckLocationFolder says whether a folder can hold the database: it exists, is a folder, and a file can be
// written in it (a CD, a folder without write permission and a full disk are refused with their reason).
func CheckLocationFolder(folder string) error {
	info, err := os.Stat(folder)
	if err == nil && !info.IsDir() {
		err = errors.New("not a folder")
	}
	if err != nil {
		return &Error{Code: Invalid, Key: "err.location.not_folder", Args: map[string]any{"Folder": folder},
			Message: "not a folder: " + folder, Err: err}
	}
	f, err := os.CreateTemp(folder, ".scitech-write-test-*")
	if err != nil {
		if e := storageError(err, "cannot write in "+folder); e != nil {
			return e
		}
		return &Error{Code: Invalid, Key: "err.location.not_writable", Args: map[string]any{"Folder": folder},
			Message: "cannot write in " + folder, Err: err}
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// HasDatabase reports whether a folder already holds a database file.
func HasDatabase(folder string) bool {
	info, err := os.Stat(filepath.Join(folder, DBFileName))
	return err == nil && info.Mode().IsRegular()
}

// sameFolder compares two folders as the file system would (case-insensitively on Windows, where the
// separator is a backslash).
func sameFolder(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if filepath.Separator == '\\' {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func locationWriteError(file string, err error) error {
	if e := storageError(err, "cannot write the database location file"); e != nil {
		return e
	}
	return &Error{Code: Storage, Key: "err.location.write", Args: map[string]any{"File": file},
		Message: "cannot write the database location file " + file, Err: err}
}

// writeFileAtomic replaces a file by writing a temporary file beside it, flushing it, and renaming it into place.
func writeFileAtomic(path string, body []byte) error {
	f, err := CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = TakeMode(f, path)
	if err == nil {
		_, err = f.Write(body)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// DefaultDataDir is the default folder of the database and of the pointer file: scitech in the user's config
// folder (%APPDATA%\scitech on Windows, ~/.config/scitech on Linux).
func DefaultDataDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "scitech")
}
