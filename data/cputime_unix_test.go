//go:build !windows

package data

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and system time so far: steadier than the wall clock on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
