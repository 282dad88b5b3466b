package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// On a server a batch of an import's audit rows goes in while the writer goes on with the next records
// (importWriter.sendQueued). A batch that fails there fails the import as a whole, with the audit rows' own
// error, and leaves nothing behind; one that does not leaves the audit rows in the order the records were
// written. The same holds on SQLite, where every batch is written in turn.
func TestAnAuditBatchWrittenMeanwhileFailsTheWholeImport(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	before := snapshot(t, s)
	const companies, years = 1000, 5
	// The audit row of the hundredth output is in the first batch (1,000 companies, then outputs), which on a
	// server goes in while the writer reads the ids of the second batch of outputs.
	stmts := []string{`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log
		WHEN NEW.entity = 'annual_output' AND NEW.entity_id = 100 BEGIN SELECT RAISE(ABORT, 'no'); END`}
	if s.Server() {
		stmts = []string{
			`CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$`,
			`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log FOR EACH ROW
				WHEN (NEW.entity = 'annual_output' AND NEW.entity_id = 100) EXECUTE FUNCTION no_audit()`,
		}
	}
	for _, q := range stmts {
		_, err := s.db.Exec(q)
		require.NoError(t, err)
	}
	require.Less(t, companies+100, bulkRows)
	plan, err := s.PlanImport(ctx, importRowsOf(companies, years, 1))
	require.NoError(t, err)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "many.xlsx"})
	require.Error(t, err)
	assert.Equal(t, Internal, ErrorCode(err))
	assert.Contains(t, err.Error(), "cannot write the audit rows")
	after := snapshot(t, s)
	assert.Equal(t, before, after, "nothing of the import is left")

	_, err = s.db.Exec(`DROP TRIGGER no_audit` + map[bool]string{true: ` ON audit_log`}[s.Server()])
	require.NoError(t, err)
	plan, err = s.PlanImport(ctx, importRowsOf(companies, years, 1))
	require.NoError(t, err)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "many.xlsx"})
	require.NoError(t, err)
	// The audit rows, by id, name the companies (in the order of the file, so by id), then the outputs.
	rows, err := s.db.QueryContext(ctx, `SELECT entity, entity_id FROM audit_log WHERE import_id = ? ORDER BY id`, res.ImportID)
	require.NoError(t, err)
	defer rows.Close()
	var order []string
	last := map[string]int64{}
	for rows.Next() {
		var entity string
		var id int64
		require.NoError(t, rows.Scan(&entity, &id))
		if len(order) == 0 || order[len(order)-1] != entity {
			order = append(order, entity)
		}
		assert.Greater(t, id, last[entity], "%s %d after %d", entity, id, last[entity])
		last[entity] = id
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []string{"company", "annual_output"}, order)
	var n int
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE import_id = ?`, res.ImportID).Scan(&n))
	assert.Equal(t, companies*(years+1), n)
}
