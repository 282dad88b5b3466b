package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/app"
	"scitech/data"
)

func TestCheckListsEachProblemOnALine(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	code, out, errs := runCLI(t, "check", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, app.T("check.ok")+"\n", out)

	// Two output rows whose added value is above the output, written behind the program's back (past the
	// table's own CHECK, as an older version of the file or another tool might have left them).
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(db)+"?_pragma=ignore_check_constraints(1)")
	require.NoError(t, err)
	_, err = raw.Exec(`UPDATE annual_output SET added_value = output + 10000 WHERE id IN
		(SELECT id FROM annual_output ORDER BY id LIMIT 2)`)
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	code, out, errs = runCLI(t, "check", "--db", db)
	assert.Equal(t, 1, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// SQLite's integrity check names each row that breaks the table's CHECK, and the program's own check
	// names the company and year.
	require.Len(t, lines, 5, out)
	assert.Equal(t, "发现 4 个问题：", lines[0])
	assert.Equal(t, "数据库文件损坏：CHECK constraint failed in annual_output", lines[1])
	assert.Regexp(t, `^\S+ 2024年：增加值[0-9.]+万元高于产值[0-9.]+万元$`, lines[3])
	assert.Regexp(t, `^\S+ 2025年：增加值[0-9.]+万元高于产值[0-9.]+万元$`, lines[4])

	t.Setenv("SCITECH_LANG", "en")
	code, out, _ = runCLI(t, "check", "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "is above the output")
}

func TestCheckUsage(t *testing.T) {
	code, _, errs := runCLI(t, "check", "extra", "--db", filepath.Join(t.TempDir(), "x.db"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "scitech check [--db PATH]")
}

// The Storage errors reach the user as their own message, in both languages, and exit 2 (a file that cannot
// be read or written), as they do from every command (exitFor).
func TestStorageErrorsAreToldInWords(t *testing.T) {
	for _, key := range []string{"err.db.disk_full", "err.db.readonly_file", "err.db.busy", "err.db.cannot_open",
		"err.db.io", "err.db.damaged"} {
		for _, lang := range []string{"zh", "en"} {
			app.SetLanguage(lang)
			e := &data.Error{Code: data.Storage, Key: key, Message: "x"}
			text := app.ErrorText(e)
			assert.NotEqual(t, app.T("err.internal"), text, key)
			assert.NotEqual(t, "x", text, "%s has a %s text", key, lang)
			var b strings.Builder
			assert.Equal(t, exitUsage, refuse(&b, e))
			assert.Equal(t, text+"\n", b.String())
		}
	}
	app.SetLanguage("zh")
}
