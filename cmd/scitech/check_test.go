package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

func TestCheckListsEachProblemOnALine(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	code, out, errs := runCLI(t, "check", "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, zh.T("check.ok")+"\n", out)

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
	t.Parallel()
	code, _, errs := runCLI(t, "check", "extra", "--db", filepath.Join(t.TempDir(), "x.db"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "scitech check [--db PATH]")
}

// The Storage errors reach the user as their own message, in both languages, and exit 2 (a file that cannot
// be read or written), as they do from every command (exitFor).
func TestStorageErrorsAreToldInWords(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"err.db.disk_full", "err.db.readonly_file", "err.db.busy", "err.db.cannot_open",
		"err.db.io", "err.db.damaged"} {
		for _, lang := range []string{"zh", "en"} {
			tr := assets.NewTranslator(lang)
			e := &data.Error{Code: data.Storage, Key: key, Message: "x"}
			text := usertext.Error(tr, e)
			assert.NotEqual(t, tr.T("err.internal"), text, key)
			assert.NotEqual(t, "x", text, "%s has a %s text", key, lang)
			var b strings.Builder
			assert.Equal(t, exitUsage, refuse(tr, &b, e))
			assert.Equal(t, text+"\n", b.String())
		}
	}
}

// `scitech check` is what the user is told to run on a damaged database, so it reads a damaged file as far as
// SQLite can and says what is wrong, one problem a line (exit 1), never "cannot open" and never "run scitech
// check"; it creates no database where there is none and writes nothing into an empty or foreign file
// (issue 14, item 11).
func TestCheckSaysWhatIsWrongWithADamagedFile(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	body, err := os.ReadFile(db)
	require.NoError(t, err)
	dir := t.TempDir()
	damaged := map[string][]byte{"middle.db": append([]byte(nil), body...), "cut.db": body[:len(body)/3],
		"text.db": []byte(strings.Repeat("企业名单\n", 500)), "empty.db": nil}
	for i := len(body) / 2; i < len(body)/2+8192; i++ {
		damaged["middle.db"][i] = 0x5a
	}
	want := map[string]string{"middle.db": "数据库文件损坏：", "cut.db": "数据库文件损坏：",
		"text.db": "不是本程序的数据库", "empty.db": "是空文件（0 字节）"}
	for name, b := range damaged {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, b, 0o644))
		code, out, errs := runCLI(t, "check", "--db", path)
		assert.Equal(t, exitRefused, code, "%s: %s%s", name, out, errs)
		assert.Regexp(t, `^发现 \d+ 个问题：\n`, out, name)
		assert.Contains(t, out, want[name], name)
		assert.NotContains(t, out+errs, "scitech check", name)
		assert.NotContains(t, errs, "无法打开数据库", name)
		after, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, string(b), string(after), "%s: the check wrote nothing into the file", name)
	}
	missing := filepath.Join(dir, "typo.db")
	code, _, errs := runCLI(t, "check", "--db", missing)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "找不到数据库文件 "+missing)
	assert.NoFileExists(t, missing, "a check creates no database")
}
