//go:build windows

package exchange

import "os"

// openNoWait opens a file for reading; on Windows a named pipe is not a path of the file system a user picks,
// and the kind is checked again on the open file.
func openNoWait(filePath string) (*os.File, error) {
	return os.Open(filePath)
}
