package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The base list filtered to a year shows the bases the dashboard counts for that year, no more.
func TestCoopBasesOfAYearAreThoseTheFiguresCount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	for _, year := range []int{2019, 2024, 2025} {
		st, err := s.Stats(ctx, year)
		require.NoError(t, err)
		list, err := s.CoopBases(ctx, CoopBaseFilter{Year: year})
		require.NoError(t, err)
		n, err := s.CountCoopBases(ctx, CoopBaseFilter{Year: year})
		require.NoError(t, err)
		assert.Equal(t, st.CoopBases, len(list), "%d", year)
		assert.Equal(t, st.CoopBases, n, "%d", year)
	}
	all, err := s.CoopBases(ctx, CoopBaseFilter{})
	require.NoError(t, err)
	assert.Len(t, all, len(sampleBases), "no year: every base, those of later years too")
}
