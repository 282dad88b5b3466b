//go:build windows

package sqlite_test

import (
	"testing"

	"scitech/data/sqlite"
)

// On Windows an absolute path gets the empty authority and keeps its drive letter (SQLite drops the slash
// before it again), and a UNC path keeps both of its leading slashes after the empty authority.
func TestURIOfWindowsPaths(t *testing.T) {
	t.Parallel()
	if got, want := sqlite.URI(`C:\Users\王\项目#1\scitech.db`, "mode", "ro"),
		"file:///C:/Users/%E7%8E%8B/%E9%A1%B9%E7%9B%AE%231/scitech.db?mode=ro"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := sqlite.URI(`\\bureau-nas\科技 局\scitech.db`),
		"file:////bureau-nas/%E7%A7%91%E6%8A%80%20%E5%B1%80/scitech.db"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
