package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each row of a figure's records, and each item that needs attention, names the record a clerk opens from it:
// a record that exists and is the one the row shows.
func TestFigureRecordsAndAttentionNameTheirRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	// shown is what a row shows of its record: the query gives the record's text the row must hold.
	shown := map[string]string{
		"company":               `SELECT name FROM company WHERE id = ?`,
		"institution":           `SELECT name FROM institution WHERE id = ?`,
		"coop_base":             `SELECT name FROM coop_base WHERE id = ?`,
		"cooperation":           `SELECT c.name FROM cooperation k JOIN company c ON c.id = k.company_id WHERE k.id = ?`,
		"incubator_application": `SELECT applicant FROM incubator_application WHERE id = ?`,
		"plan_application":      `SELECT c.name || '：' || p.title FROM plan_application p JOIN company c ON c.id = p.company_id WHERE p.id = ?`,
		"patent":                `SELECT app_no FROM patent WHERE id = ?`,
	}
	holds := func(row []string, want string) bool {
		for _, cell := range row {
			if cell == want || len(want) > 0 && len(cell) > len(want) && cell[:len(want)] == want {
				return true
			}
		}
		return false
	}
	names := []string{"output_yuan", "added_value_yuan", "patents_valid"}
	for _, d := range figureDefs {
		names = append(names, d.name)
	}
	for _, name := range names {
		tb, err := s.FigureRecords(ctx, name, 2025, 0)
		require.NoError(t, err, name)
		require.NotEmpty(t, tb.Rows, name)
		require.Len(t, tb.Refs, len(tb.Rows), name)
		for i, ref := range tb.Refs {
			q, ok := shown[ref.Entity]
			require.True(t, ok, "%s: %v", name, ref)
			var want string
			require.NoError(t, s.db.QueryRow(q, ref.ID).Scan(&want), "%s: %v", name, ref)
			assert.True(t, holds(tb.Rows[i], want), "%s row %v shows %v (%s)", name, tb.Rows[i], ref, want)
			assert.Len(t, tb.Rows[i], len(tb.Columns), name)
		}
	}
	items, _, err := s.Attention(ctx, time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), 0)
	require.NoError(t, err)
	require.NotEmpty(t, items)
	for _, it := range items {
		q, ok := shown[it.Ref.Entity]
		require.True(t, ok, "%v", it)
		var want string
		require.NoError(t, s.db.QueryRow(q, it.Ref.ID).Scan(&want), "%v", it)
		assert.True(t, holds([]string{it.What}, want), "%s shows %v (%s)", it.What, it.Ref, want)
	}
}
