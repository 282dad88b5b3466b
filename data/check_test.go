package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckFindsNothingInTheSampleAndEachKindOfDamage(t *testing.T) {
	sqliteOnly(t) // damages a database file through PRAGMAs
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	ps, err := s.Check(ctx)
	require.NoError(t, err)
	require.Empty(t, ps, "the sample set is consistent")

	// Damage the records the way a hand-edited file or a bug would, on one connection that lets it.
	conn, err := s.db.Conn(ctx)
	require.NoError(t, err)
	for _, q := range []string{
		`PRAGMA foreign_keys = OFF`,
		`PRAGMA ignore_check_constraints = ON`,
		`INSERT INTO patent (company_id, app_no, kind, title, filed, granted, legal_status, status_date)
			VALUES (99999, '201020000001.4', 'utility', '无主专利', '2010-03-01', '2010-09-01', 'expired', '2020-03-01')`,
		`UPDATE annual_output SET added_value = output + 1 WHERE id = (SELECT min(id) FROM annual_output)`,
		`INSERT INTO patent (company_id, app_no, kind, title, filed, granted, legal_status, status_date)
			VALUES ((SELECT min(id) FROM company), '201320000002.6', 'utility', '过期仍在册的专利', '2013-05-01', '2013-11-01', 'granted', '2013-11-01')`,
		`DELETE FROM incubator_application_history WHERE application_id = (SELECT min(id) FROM incubator_application)`,
		`PRAGMA ignore_check_constraints = OFF`,
		`PRAGMA foreign_keys = ON`,
	} {
		_, err := conn.ExecContext(ctx, q)
		require.NoError(t, err, q)
	}
	require.NoError(t, conn.Close())

	ps, err = s.Check(ctx)
	require.NoError(t, err)
	kinds := map[string][]Problem{}
	for _, p := range ps {
		kinds[p.Kind] = append(kinds[p.Kind], p)
	}
	require.Len(t, kinds["foreign_key"], 1)
	assert.Equal(t, "patent", kinds["foreign_key"][0].Entity)
	require.Len(t, kinds["added_value"], 1)
	require.Len(t, kinds["patent_term"], 1)
	assert.Equal(t, "201320000002.6", kinds["patent_term"][0].Name)
	assert.Equal(t, "2023-04-30", kinds["patent_term"][0].Args["End"])
	require.Len(t, kinds["workflow_history"], 1)
	assert.Equal(t, "incubator_application", kinds["workflow_history"][0].Entity)
	require.Len(t, kinds["integrity"], 1, "SQLite's own check also sees the broken CHECK constraint")
	assert.Contains(t, kinds["integrity"][0].Args["Detail"], "CHECK constraint failed in annual_output")
	for _, p := range ps {
		assert.NotEmpty(t, p.Message)
	}
}

// damagedCopies writes copies of a sample database damaged in the ways a disk, a cut copy or a wrong file
// damage one, and returns them by name.
func damagedCopies(t *testing.T) map[string]string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(good)
	require.NoError(t, err)
	require.NoError(t, s.LoadSample(ctx))
	require.NoError(t, s.Close())
	body, err := os.ReadFile(good)
	require.NoError(t, err)
	copies := map[string][]byte{
		"middle":    append([]byte(nil), body...),
		"cut short": body[:len(body)/3],
		"header":    append([]byte(nil), body...),
		"schema":    append([]byte(nil), body...),
		"text":      []byte(strings.Repeat("not a database at all\n", 200)),
		"empty":     {},
	}
	for i := len(body) / 2; i < len(body)/2+8192; i++ {
		copies["middle"][i] = 0x5a
	}
	copy(copies["header"], "SQLite format 4\x00")
	for i := 100; i < 4096; i++ {
		copies["schema"][i] = 0xff
	}
	paths := map[string]string{}
	for name, b := range copies {
		paths[name] = filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".db")
		require.NoError(t, os.WriteFile(paths[name], b, 0o644))
	}
	return paths
}

// CheckFile reads a file the store cannot open as far as SQLite can, and says what is wrong with it — not a
// database, empty, or SQLite's own findings — without writing a byte (issue 14, item 11: `scitech check` on
// a damaged file said only that it could not be opened, and told the user to run scitech check).
func TestCheckFileSaysWhatIsWrongWithADamagedFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, path := range damagedCopies(t) {
		before, err := os.ReadFile(path)
		require.NoError(t, err)
		ps, err := CheckFile(ctx, path)
		require.NoError(t, err, name)
		require.NotEmpty(t, ps, name)
		switch name {
		case "text", "header":
			assert.Equal(t, "not_database", ps[0].Kind, name)
		case "empty":
			assert.Equal(t, "empty_file", ps[0].Kind, name)
		default:
			assert.Equal(t, "integrity", ps[0].Kind, name)
			assert.NotEmpty(t, ps[0].Args["Detail"], name)
		}
		after, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, before, after, "%s: the check writes nothing", name)
	}
	_, err := CheckFile(ctx, filepath.Join(t.TempDir(), "none.db"))
	assert.Error(t, err, "no file, nothing to check")
}

// A store opened on a file damaged in the middle lists the damage SQLite finds, and the program's own checks
// that cannot read past it say so as a problem instead of ending the check with an error.
func TestCheckListsDamageItCannotReadPast(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := Open(damagedCopies(t)["middle"])
	require.NoError(t, err)
	defer s.Close()
	ps, err := s.Check(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, ps)
	assert.Equal(t, "integrity", ps[0].Kind)
}
