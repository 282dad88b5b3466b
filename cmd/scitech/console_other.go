//go:build !windows

package main

// attachConsole does nothing outside Windows: there a program started from a terminal writes to it already.
func attachConsole([]string) {}
