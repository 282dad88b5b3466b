package data

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handEdits are edits of a desk's file by hand (sqlite3), each leaving a value no database of the program can
// hold, with the problem check names and the error a copy gives.
var handEdits = []struct {
	name, edit     string
	table, column  string
	reason         string
	rowIDSelection string // the row edited ("": setting's brief.issuing_unit)
}{
	{"invalid UTF-8", `UPDATE company SET address = CAST(x'e6ff41' AS TEXT) WHERE id = 3`, "company", "address", reasonNotUTF8, "3"},
	{"a NUL character", `UPDATE company SET name = CAST(x'e4b8ad00e69687' AS TEXT) WHERE id = 4`, "company", "name", reasonNotUTF8, "4"},
	{"text in whole numbers", `UPDATE annual_output SET employees = 'many' WHERE id = 5`, "annual_output", "employees", reasonNotInteger, "5"},
	{"a fraction in whole numbers", `UPDATE annual_output SET employees = 12.5 WHERE id = 6`, "annual_output", "employees", reasonNotInteger, "6"},
	{"an amount that overflows the sums", `UPDATE annual_output SET output = 9223372036854775807 WHERE id = 7`, "annual_output", "output", reasonAmount, "7"},
	{"a setting's value not UTF-8", `UPDATE setting SET value = CAST(x'c3' AS TEXT) WHERE key = 'brief.issuing_unit'`, "setting", "value", reasonNotUTF8, ""},
}

// TestCopyOfAHandEditedFileNamesTheValue (issue 19, A19's D11): a desk's file holding a value the server cannot
// hold (or an amount whose sums overflow) is refused by migrate whole, naming the table, the row and the
// column (it was an "internal error" naming no row), and check on the file names the same value first.
func TestCopyOfAHandEditedFileNamesTheValue(t *testing.T) {
	server := transferServer(t)
	ctx := context.Background()
	for _, c := range handEdits {
		t.Run(c.name, func(t *testing.T) {
			desk := transferSample(t)
			_, err := desk.db.Exec(c.edit)
			require.NoError(t, err)
			row := c.rowIDSelection
			if row == "" {
				require.NoError(t, desk.db.QueryRow(`SELECT rowid FROM setting WHERE key = 'brief.issuing_unit'`).Scan(&row))
			}

			ps, err := desk.Check(ctx)
			require.NoError(t, err)
			require.NotEmpty(t, ps)
			assert.Equal(t, "bad_value", ps[0].Kind)
			assert.Equal(t, c.table, ps[0].Args["Table"])
			assert.Equal(t, row, keyText(ps[0].Args["ID"]))
			assert.Equal(t, c.column, ps[0].Args["Column"])
			assert.Equal(t, c.reason, ps[0].Args["Reason"])

			office := transferServerStore(t, transferDatabase(t, server))
			before := transferCounts(t, office)
			_, err = Transfer(ctx, desk, office)
			require.Error(t, err)
			assert.Equal(t, "err.transfer.value", ErrorKey(err), err.Error())
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, c.table, e.Args["Table"])
			assert.Equal(t, row, e.Args["ID"])
			assert.Equal(t, c.column, e.Args["Column"])
			assert.Equal(t, c.reason, e.Args["Reason"])
			assert.Equal(t, before, transferCounts(t, office), "nothing was written")

			_, err = TransferToFile(ctx, desk, filepath.Join(t.TempDir(), "copy.db"), false)
			assert.Equal(t, "err.transfer.value", ErrorKey(err), "a new file is refused such a value too")
		})
	}
}

// TestCheckNamesAnAmountBeyondTheCap: on both stores, an amount above MaxYuan (whose sums over a district could
// overflow) is named by check; the sample holds none and no other kind of value problem.
func TestCheckNamesAnAmountBeyondTheCap(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	ps, err := s.checkValues(ctx)
	require.NoError(t, err)
	assert.Empty(t, ps)
	_, err = s.db.Exec(`UPDATE park_project SET investment = ? WHERE id = (SELECT min(id) FROM park_project)`, int64(MaxYuan)+1)
	require.NoError(t, err)
	ps, err = s.Check(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, ps)
	assert.Equal(t, "bad_value", ps[0].Kind)
	assert.Equal(t, "park_project", ps[0].Args["Table"])
	assert.Equal(t, "investment", ps[0].Args["Column"])
	assert.Equal(t, reasonAmount, ps[0].Args["Reason"])
}
