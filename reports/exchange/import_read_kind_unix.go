//go:build !windows

package exchange

import (
	"os"
	"syscall"
)

// openNoWait opens a file for reading without blocking: a path that became a FIFO between the check of its
// kind and the open would otherwise wait for a writer for ever. The kind is checked again on the open file.
func openNoWait(filePath string) (*os.File, error) {
	return os.OpenFile(filePath, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
