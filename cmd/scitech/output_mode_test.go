package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data/testperm"
)

// Every file a command writes — a brief, an export, a template, a problems workbook, a backup — has the
// permission any new file has (0666 less the umask, so readable by the other users of a shared folder where the
// umask allows), not the 0600 of the temporary file it is written to; a file it replaces keeps its permission.
func TestOutputsAreReadableAsTheUmaskAllows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	usual := testperm.Usual(t, dir)
	db := demoDB(t)

	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	code, _, errs := runCLI(t, "export", "companies", bad, "--db", db)
	require.Equal(t, 0, code, errs)
	x, err := excelize.OpenFile(bad)
	require.NoError(t, err)
	require.NoError(t, x.SetCellValue(x.GetSheetName(0), "A2", "not a code"))
	require.NoError(t, x.Save())
	require.NoError(t, x.Close())
	code, _, errs = runCLI(t, "import", bad, "--errors", filepath.Join(dir, "marked.xlsx"), "--db", db)
	require.Equal(t, 1, code, errs)
	for _, c := range []struct {
		args []string
		file string
	}{
		{[]string{"brief", "output", "--year", "2025", "--pdf", filepath.Join(dir, "o.pdf"), "--xlsx", filepath.Join(dir, "o.xlsx")}, "o.pdf"},
		{nil, "o.xlsx"},
		{[]string{"export", "patents", filepath.Join(dir, "p.xlsx")}, "p.xlsx"},
		{[]string{"template", filepath.Join(dir, "t.xlsx")}, "t.xlsx"},
		{[]string{"backup", filepath.Join(dir, "b.db")}, "b.db"},
		{nil, "marked.xlsx"},
	} {
		if c.args != nil {
			code, _, errs := runCLI(t, append(c.args, "--db", db)...)
			require.Equal(t, 0, code, "%v: %s", c.args, errs)
		}
		assert.Equal(t, usual, testperm.Of(t, filepath.Join(dir, c.file)), c.file)
	}

	// A file written again keeps the permission it was given.
	kept := filepath.Join(dir, "p.xlsx")
	require.NoError(t, os.Chmod(kept, 0o640))
	code, _, errs = runCLI(t, "export", "patents", kept, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, os.FileMode(0o640), testperm.Of(t, kept))
}
