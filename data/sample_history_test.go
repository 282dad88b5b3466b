package data

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Loading the sample set is one change in the history, not 1,203 additions, and undoing it takes the whole set
// away.
func TestLoadingTheSampleIsOneChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.LoadSample(ctx))
	entries, err := s.History(ctx, HistoryFilter{})
	require.NoError(t, err)
	require.Len(t, entries, 1)
	e := entries[0]
	assert.Equal(t, "sample", e.Entity)
	assert.Equal(t, "create", e.Action)
	assert.True(t, e.Undoable())

	log, err := s.AuditLog(ctx, "sample", 0)
	require.NoError(t, err)
	require.Len(t, log, 1)
	var after map[string]int
	require.NoError(t, json.Unmarshal([]byte(log[0].After), &after))
	var records int
	require.NoError(t, s.db.QueryRow(`SELECT (SELECT count(*) FROM company) + (SELECT count(*) FROM annual_output)
		+ (SELECT count(*) FROM institution) + (SELECT count(*) FROM cooperation) + (SELECT count(*) FROM coop_base)
		+ (SELECT count(*) FROM coop_outcome) + (SELECT count(*) FROM incubator) + (SELECT count(*) FROM incubator_application)
		+ (SELECT count(*) FROM incubator_application_history) + (SELECT count(*) FROM plan_application)
		+ (SELECT count(*) FROM plan_application_history) + (SELECT count(*) FROM patent) + (SELECT count(*) FROM park_project)
		+ (SELECT count(*) FROM company_fact) + (SELECT count(*) FROM ip_right)
		+ (SELECT count(*) FROM declared_figures)`).
		Scan(&records))
	assert.Equal(t, map[string]int{"companies": len(sampleCompanies), "records": records}, after)

	require.NoError(t, s.Undo(ctx, e.Group))
	n, err := s.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err)
	assert.Zero(t, n)
	require.NoError(t, s.db.QueryRow(`SELECT (SELECT count(*) FROM patent) + (SELECT count(*) FROM institution)
		+ (SELECT count(*) FROM incubator_application)`).Scan(&n))
	assert.Zero(t, n, "undone as a whole")
	require.NoError(t, s.LoadSample(ctx), "and loaded again into the emptied database")
}
