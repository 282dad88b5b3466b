//go:build windows

package data

import "time"

var cpuStart = time.Now()

// cpuTime stands in for the process's CPU time on Windows, where the benchmarks are not run: the wall clock.
func cpuTime() time.Duration { return time.Since(cpuStart) }
