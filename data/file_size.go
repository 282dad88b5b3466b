package data

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// checkFileSize refuses a database file cut short (F2 of issue 14): SQLite reads the missing tail of the last
// page as zeros, so a file that lost up to a few hundred bytes passes integrity_check while the text at the
// end of that page is gone. A database file is a whole number of pages, and at least as many as its header
// says when the header's count is current (its change counter equals its version-valid-for number). A file
// with a -wal of content is left to SQLite (see fileSizeProblem). name is how errors call the file.
func checkFileSize(file, name string) error {
	detail, err := fileSizeProblem(file)
	if err != nil {
		return &Error{Code: Invalid, Key: "err.backup.unreadable", Args: map[string]any{"Path": name},
			Message: "cannot read " + name, Err: err}
	}
	if detail != "" {
		return damaged(name, detail)
	}
	return nil
}

// fileSizeProblem says how a database file's size disagrees with its header ("" when it does not). Beside a
// -wal or -journal with content the main file is not the whole database — a writer killed during a checkpoint
// leaves it shorter than its header says, and SQLite completes it from the -wal on the next open — so the
// sizes tell nothing there.
func fileSizeProblem(file string) (string, error) {
	for _, suffix := range []string{"-wal", "-journal"} {
		if fi, err := os.Stat(file + suffix); err == nil && fi.Size() > 0 {
			return "", nil
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil {
		return fmt.Sprintf("the file is %d bytes, shorter than a database's header", fi.Size()), nil
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return fmt.Sprintf("its header gives a page size of %d bytes", pageSize), nil
	}
	size := fi.Size()
	if size%pageSize != 0 {
		return fmt.Sprintf("the file is %d bytes, not a whole number of %d-byte pages: it was cut short", size, pageSize), nil
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	current := binary.BigEndian.Uint32(head[24:28]) == binary.BigEndian.Uint32(head[92:96])
	if current && pages > 0 && size < pages*pageSize {
		return fmt.Sprintf("the file is %d bytes, but its header counts %d pages of %d bytes (%d bytes): it was cut short",
			size, pages, pageSize, pages*pageSize), nil
	}
	return "", nil
}
