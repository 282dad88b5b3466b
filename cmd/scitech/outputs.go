package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
	"scitech/usertext"
)

// refuseOutputs stops a command before it writes anything when a file it is to write is the database (under
// any spelling: relative, "..", a link, a hard link), one of the files SQLite keeps beside it, a file the
// command reads, or another file the same command is to write: the file would be replaced under SQLite's
// feet or the user's original destroyed, and the command would still say it succeeded. Any other SQLite
// database, or a -wal/-shm/-journal/.lock beside one, is refused too (data.RefuseDatabaseTarget): another copy
// of the program may be writing it, and a brief renamed over it or its -wal destroyed it. It prints why and
// returns the exit status (2, as for any file that must not be written), or exitOK. A file whose folder cannot
// take it is refused too (canWriteBeside), and so is a folder, a device or a pipe in the file's place.
func refuseOutputs(tr *assets.Translator, stderr io.Writer, db string, outputs []string, inputs ...string) int {
	for i, out := range outputs {
		if out == "" {
			continue
		}
		protected := append([]string{dbFile(db)}, inputs...)
		for j, other := range outputs {
			if j != i {
				protected = append(protected, other)
			}
		}
		if err := data.RefuseOverwrite(out, protected...); err != nil {
			fmt.Fprintln(stderr, usertext.Error(tr, err))
			return exitFor(err)
		}
		if err := data.RefuseDatabaseTarget(out); err != nil {
			fmt.Fprintln(stderr, usertext.Error(tr, err))
			return exitUsage // a file named that must not be written, as err.file.protected
		}
		if info, err := os.Stat(out); err == nil && !info.Mode().IsRegular() {
			err := &data.Error{Code: data.Invalid, Key: "err.file.not_regular", Args: map[string]any{"Path": out},
				Message: out + " is not a file (a folder, a device or a pipe); it is neither read nor written"}
			fmt.Fprintln(stderr, usertext.Error(tr, err))
			return exitUsage // found only at the rename, it came after brief --issue had registered the brief
		}
		if err := canWriteBeside(out); err != nil {
			fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", out, err)
			return exitUsage
		}
	}
	return exitOK
}

// canWriteBeside tells whether a file can be made in the folder of path, as writeFileAtomic will make one: a
// folder that is missing or read-only is found before the command does its work — and, for brief --issue,
// before the brief takes the year's next issue number, which a retry would then skip.
func canWriteBeside(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".scitech-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// fontFiles are the font files on the disk a brief is printed with (those chosen in Settings and the
// system's), which the brief reads and so must not overwrite; the bundled fonts have no file.
func fontFiles(fonts *reports.FontSet) []string {
	var files []string
	for _, role := range reports.Roles {
		for _, f := range fonts.Fonts(role) {
			if !strings.HasPrefix(f.Name, "bundled:") {
				files = append(files, f.Name)
			}
		}
	}
	return files
}
