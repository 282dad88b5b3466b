package exchange

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
)

// A workbook is read only when it is a regular file of a size a workbook can have, and both are known before
// the first byte is read: a FIFO would block the import for ever, a device (/dev/zero) be read to the cap.

// readCapped reads the whole file, refusing one that is not a regular file or is over the cap before reading
// it, and one that changes while it is read.
func readCapped(filePath string, maxBytes int64) ([]byte, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	st, err := os.Stat(filePath)
	if err != nil {
		return nil, fileError(filePath, "err.import.read", "cannot be opened", err, "Reason", err.Error())
	}
	if err := regularOfSize(filePath, st, maxBytes); err != nil {
		return nil, err
	}
	fh, err := openNoWait(filePath)
	if err != nil {
		return nil, fileError(filePath, "err.import.read", "cannot be opened", err, "Reason", err.Error())
	}
	defer fh.Close()
	opened, err := fh.Stat()
	if err != nil {
		return nil, fileError(filePath, "err.import.read", "cannot be opened", err, "Reason", err.Error())
	}
	if err := regularOfSize(filePath, opened, maxBytes); err != nil {
		return nil, err
	}
	if !os.SameFile(st, opened) {
		return nil, changedWhileRead(filePath)
	}
	b, err := io.ReadAll(io.LimitReader(fh, opened.Size()+1))
	if err != nil {
		return nil, fileError(filePath, "err.import.read", "cannot be read", err, "Reason", err.Error())
	}
	if int64(len(b)) != opened.Size() {
		return nil, changedWhileRead(filePath) // or a file whose size says nothing, as those under /proc
	}
	return b, nil
}

// regularOfSize refuses a file by its kind and size, as the file system tells them.
func regularOfSize(filePath string, st fs.FileInfo, maxBytes int64) error {
	switch {
	case st.IsDir():
		return fileError(filePath, "err.import.read", "is a folder, not a file", nil, "Reason", "folder")
	case !st.Mode().IsRegular():
		return fileError(filePath, "err.import.not_file", "is not a file but "+kindOf(st.Mode()), nil, "Kind", kindOf(st.Mode()))
	case st.Size() > maxBytes:
		return fileError(filePath, "err.import.too_large", fmt.Sprintf("is %.1f MB, over the limit of %d MB", float64(st.Size())/(1<<20), maxBytes>>20), nil,
			"SizeMB", fmt.Sprintf("%.1f", float64(st.Size())/(1<<20)), "MaxMB", strconv.FormatInt(maxBytes>>20, 10), "MaxBytes", maxBytes)
	}
	return nil
}

// kindOf names a file's kind in the message (the translations name it in words of their own).
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	}
	return "other"
}

func changedWhileRead(filePath string) error {
	return fileError(filePath, "err.import.changed", "changed while it was read; import it again once it is saved", nil)
}
