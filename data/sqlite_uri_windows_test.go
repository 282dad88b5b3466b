//go:build windows

package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// On Windows an absolute path gets the empty authority and keeps its drive letter (SQLite drops the slash
// before it again), and a UNC path keeps both of its leading slashes after the empty authority.
func TestSQLiteURIOfWindowsPaths(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "file:///C:/Users/%E7%8E%8B/%E9%A1%B9%E7%9B%AE%231/scitech.db?mode=ro",
		sqliteURI(`C:\Users\王\项目#1\scitech.db`, uriParam{"mode", "ro"}))
	assert.Equal(t, "file:////bureau-nas/%E7%A7%91%E6%8A%80%20%E5%B1%80/scitech.db",
		sqliteURI(`\\bureau-nas\科技 局\scitech.db`))
}
