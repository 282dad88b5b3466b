//go:build !linux

package postgres

import "syscall"

// controlUserTimeout does nothing where TCP_USER_TIMEOUT is not Linux's: keep-alive alone bounds the wait.
func controlUserTimeout(string, string, syscall.RawConn) error { return nil }
