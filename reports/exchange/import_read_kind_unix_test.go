//go:build !windows

package exchange

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A workbook that is not a regular file (a FIFO, a device) is refused by its kind before anything is read:
// a FIFO no one writes to would otherwise hang the import for ever, /dev/zero be read 50 MB deep.
func TestReadWorkbookRefusesWhatIsNotAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.xlsx")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	for _, p := range []string{fifo, "/dev/zero", "/dev/null"} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := ReadWorkbook(context.Background(), p, ReadOptions{})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute): // a deadlock guard, not a timing assertion
				t.Fatal("the reader is still waiting on the file")
			}
			assertFileError(t, err, "err.import.not_file", p)
			werr := WriteErrorWorkbook(p, []data.ImportIssue{{Sheet: "S", Cell: "A1"}}, discard{}, "en")
			assertFileError(t, werr, "err.import.not_file", p)
		})
	}
	t.Run("folder", func(t *testing.T) {
		_, err := ReadWorkbook(context.Background(), dir, ReadOptions{})
		assertFileError(t, err, "err.import.read", dir)
	})
}
