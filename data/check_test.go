package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckFindsNothingInTheSampleAndEachKindOfDamage(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.LoadSample(ctx))
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
