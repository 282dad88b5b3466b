package data

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An import of more new records than one statement inserts (batchRows on SQLite, bulkRows on a server) writes
// every record with the audit row that names it, by its id, as the record is; its undo takes every record back.
func TestAnImportOfManyStatementsKeepsEveryAuditRowAndItsUndo(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	before := snapshot(t, s)
	const companies, years = 1000, 5
	require.Greater(t, companies*years, bulkRows)
	plan, err := s.PlanImport(ctx, importRowsOf(companies, years, 1))
	require.NoError(t, err)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "many.xlsx"})
	require.NoError(t, err)
	require.Equal(t, companies*(years+1), res.New)

	// Every output row has one audit row, which holds the row as it is in the table.
	rows, err := s.db.QueryContext(ctx, `SELECT a.entity_id, a.after, o.company_id, o.year, o.output
		FROM audit_log a JOIN annual_output o ON o.id = a.entity_id
		WHERE a.import_id = ? AND a.entity = 'annual_output' AND a.action = 'create'`, res.ImportID)
	require.NoError(t, err)
	seen := map[int64]bool{}
	for rows.Next() {
		var id, company, output int64
		var year int
		var after string
		require.NoError(t, rows.Scan(&id, &after, &company, &year, &output))
		var o AnnualOutput
		require.NoError(t, json.Unmarshal([]byte(after), &o))
		assert.Equal(t, AnnualOutput{ID: id, CompanyID: company, Year: year, Output: Yuan(output)},
			AnnualOutput{ID: o.ID, CompanyID: o.CompanyID, Year: o.Year, Output: o.Output})
		assert.False(t, seen[id], "one audit row a record")
		seen[id] = true
	}
	require.NoError(t, rows.Err())
	assert.Len(t, seen, companies*years)
	var audited, outputs, changes int
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE import_id = ?`, res.ImportID).Scan(&audited))
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM annual_output`).Scan(&outputs))
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM change c JOIN change_group g ON g.id = c.group_id
		WHERE g.import_id = ?`, res.ImportID).Scan(&changes))
	assert.Equal(t, companies*(years+1), audited)
	assert.Equal(t, companies*years, outputs)
	assert.GreaterOrEqual(t, changes, companies*(years+1), "the change history holds every new row")

	require.NoError(t, s.UndoImport(ctx, res.ImportID))
	assert.Equal(t, before, snapshot(t, s), "the undo takes every record back")
	assertForeignKeysHold(t, s)
}
