//go:build !linux && !windows

package data

import "os"

// lockDatabaseFile would lock the database file itself, as on Linux and Windows. On the BSDs and macOS there
// are no open-file-description locks, a process's fcntl locks are dropped when SQLite closes any of its
// handles, and flock shares one mechanism with the fcntl locks SQLite takes: there only the lock file beside
// the database's real path is locked (links are followed; hard links are refused by Open).
func lockDatabaseFile(*os.File) error { return nil }

func unlockDatabaseFile(*os.File) error { return nil }

// databaseFileHeld is false: here the lock file beside the real path tells (see refuseInUse).
func databaseFileHeld(*os.File) bool { return false }
