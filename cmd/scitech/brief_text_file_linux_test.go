package main

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// specialTextFiles are the files no brief text can be that Linux has: a pipe, which brief --text waited on for
// ever, and /dev/zero, which it read 4 GB deep in 20 s.
func specialTextFiles(t *testing.T, dir string) []hostileText {
	fifo := filepath.Join(dir, "fifo.txt")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	return []hostileText{{"fifo", fifo, 2, "不是普通文件"}, {"zero", "/dev/zero", 2, "不是普通文件"}}
}
