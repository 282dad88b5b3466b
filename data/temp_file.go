package data

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// CreateTemp is os.CreateTemp (a new file in dir, named by pattern with its last "*" replaced by digits),
// except for the permission: the file gets the one any new file gets, 0666 less the user's umask (so usually
// readable by the other users), where os.CreateTemp makes it 0600. Files the program writes whole to a
// temporary name and then renames into place — briefs, workbooks, backups — were hidden that way from the
// other users of a shared folder.
func CreateTemp(dir, pattern string) (*os.File, error) {
	if strings.ContainsRune(pattern, os.PathSeparator) {
		return nil, &os.PathError{Op: "createtemp", Path: pattern, Err: errors.New("pattern contains path separator")}
	}
	prefix, suffix := pattern, ""
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if os.IsExist(err) && try < 10000 {
			continue
		}
		return f, err
	}
}

// TakeMode gives f the permission of the file at path, when a regular file is there: a file renamed over another
// keeps the permission the replaced one had. Otherwise f keeps the permission it was created with.
func TakeMode(f *os.File, path string) error {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	return f.Chmod(info.Mode().Perm())
}
