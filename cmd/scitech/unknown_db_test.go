package main

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/sqlite"
)

// TestCommandsLeaveANewerDatabaseAlone: a database on which a newer version of the program applied a
// migration is not written by any command of this one (issue 14, item 6): each says which version wrote it
// and leaves the file as it was; a backup, which only reads, still copies it.
func TestCommandsLeaveANewerDatabaseAlone(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	conn, err := sql.Open("sqlite", sqlite.URI(db))
	require.NoError(t, err)
	_, err = conn.Exec(`INSERT INTO schema_migration (version, name, applied_at) VALUES (999, '0999_future.sql', '2030-01-01T00:00:00Z')`)
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	before := fileSHA(t, db)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"stats", "--year", "2025"},
		{"check"},
		{"demo"},
		{"export", "companies", filepath.Join(dir, "companies.xlsx")},
		{"brief", "output", "--year", "2025", "--issue"},
	} {
		code, _, errs := runCLI(t, append(args, "--db", db)...)
		assert.NotEqual(t, 0, code, "%v", args)
		assert.Contains(t, errs, "第 999 版", "%v: the message names the version", args)
		assert.Equal(t, before, fileSHA(t, db), "%v: the file is as the newer program left it", args)
	}
	backup := filepath.Join(dir, "copy.db")
	code, _, errs := runCLI(t, "backup", backup, "--db", db)
	assert.Equal(t, 0, code, errs)
	assert.Equal(t, before, fileSHA(t, db))
}
