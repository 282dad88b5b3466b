package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// Issue 19 (A19's D9): a server's address typed wrong is never taken as a file's name, wherever it stands — --db,
// --to, --from, --pdf or a file to write. Each command exits 2 naming it without its password, and nothing is
// made under that name (before, postgress://clerk:PW@host/db became the folders ./postgress:/clerk:PW@host/ with a
// new database in them, reported as done).
func TestMistypedServerURLIsRefusedEverywhere(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	s, err := data.Open(db)
	require.NoError(t, err)
	require.NoError(t, s.LoadSample(context.Background()))
	require.NoError(t, s.Close())
	work := t.TempDir()
	t.Chdir(work) // a mistyped address would land here as folders

	const pw = "s3cretPW"
	for _, args := range [][]string{
		{"stats", "--year", "2025", "--db", "pg://clerk:" + pw + "@h/db"},
		{"demo", "--db", "postgress://clerk:" + pw + "@h/db"},
		{"import", filepath.Join(dir, "none.xlsx"), "--db", "postgre://clerk:" + pw + "@h/db"},
		{"check", "--db", "postgres//clerk:" + pw + "@h/db"},
		{"backup", "postgress://clerk:" + pw + "@h/db", "--db", db},
		{"export", "companies", "x://clerk:" + pw + "@h/out.xlsx", "--db", db},
		{"brief", "output", "--year", "2025", "--pdf", "pg://clerk:" + pw + "@h/b.pdf", "--db", db},
		{"migrate", "--from", db, "--to", "postgre://clerk:" + pw + "@h/db"},
		{"migrate", "--from", "postgress://clerk:" + pw + "@h/db", "--to", filepath.Join(dir, "new.db")},
		{"restore", filepath.Join(dir, "none.db"), "--db", "postgress://clerk:" + pw + "@h/db"},
	} {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut)
		assert.Equal(t, exitUsage, code, "%v: %s", args, errOut.String())
		assert.NotContains(t, out.String()+errOut.String(), pw, "%v names the password", args)
		assert.True(t, strings.Contains(errOut.String(), "不是数据库服务器的地址") ||
			strings.Contains(errOut.String(), "is not the address of a database server"), "%v: %s", args, errOut.String())
	}
	made, err := os.ReadDir(work)
	require.NoError(t, err)
	assert.Empty(t, made, "nothing is made under a mistyped address")
	_, err = os.Stat(filepath.Join(dir, "new.db"))
	assert.True(t, os.IsNotExist(err), "no new file from a mistyped source")
}

// A server address that cannot be used is told by what is wrong in it — a port that is no number, a parameter
// the program does not take — not by a general "cannot be read", and without its password.
func TestUnusableServerURLSaysWhatIsWrong(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"postgres://clerk:s3cretPW@h:notaport/db", "notaport"},
		{"postgres://clerk:s3cretPW@h/db?gssencmode=disable", "gssencmode"},
	} {
		var out, errOut bytes.Buffer
		code := run([]string{"stats", "--year", "2025", "--db", c.url}, &out, &errOut)
		assert.Equal(t, exitUsage, code, c.url)
		assert.Contains(t, errOut.String(), c.want, c.url)
		assert.NotContains(t, errOut.String(), "s3cretPW", c.url)
	}
}
