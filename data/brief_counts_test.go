package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPatentsValidByCompanyAddsUpToTheFigure(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.LoadSample(ctx))
	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	all, err := s.PatentsValidByCompany(ctx, YearEnd(2025), 0)
	require.NoError(t, err)
	sum := 0
	for i, c := range all {
		sum += c.Count
		if i > 0 {
			assert.GreaterOrEqual(t, all[i-1].Count, c.Count, "the most patents first")
		}
	}
	assert.Equal(t, st.PatentsValid, sum, "every valid patent is counted under its company once")
	top, err := s.PatentsValidByCompany(ctx, YearEnd(2025), 10)
	require.NoError(t, err)
	require.Len(t, top, min(10, len(all)))
	assert.Equal(t, all[:len(top)], top)
}

func TestPatentsValidByCompanyOfAnEmptyDatabase(t *testing.T) {
	s := openTestStore(t)
	got, err := s.PatentsValidByCompany(context.Background(), YearEnd(2025), 10)
	require.NoError(t, err)
	assert.Empty(t, got)
}
