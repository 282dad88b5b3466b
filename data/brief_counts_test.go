package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPatentsValidByCompanyAddsUpToTheFigure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
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
	t.Parallel()
	s := openTestStore(t)
	got, err := s.PatentsValidByCompany(context.Background(), YearEnd(2025), 10)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestIncubatorStatusesOfTheSample(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	at := func(list []NamedCount) map[string]int {
		m := map[string]int{}
		for _, n := range list {
			m[n.Name] = n.Count
		}
		return m
	}
	end, err := s.IncubatorStatusesOn(ctx, YearEnd(2025))
	require.NoError(t, err)
	m := at(end)
	total, err := s.CountIncubatorApplications(ctx, IncubatorApplicationFilter{})
	require.NoError(t, err)
	sum := 0
	for _, n := range end {
		sum += n.Count
	}
	assert.LessOrEqual(t, sum, total, "each application counts once at most")
	assert.Equal(t, st.IncubatorSigned, m[IAppSigned]+m[IAppGraduated]+m[IAppExited]+
		signedThenWithdrawn(t, s), "every company signed by the year end is signed, graduated or gone since")
	moves, err := s.IncubatorMovesIn(ctx, 2025)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, at(moves)[IAppSigned], st.TeamsIntroduced, "the teams are among the year's signings")
	before, err := s.IncubatorStatusesOn(ctx, YearEnd(1990))
	require.NoError(t, err)
	assert.Empty(t, before, "nothing was submitted in 1990")
}

// signedThenWithdrawn counts the applications withdrawn after they were signed, by the end of 2025.
func signedThenWithdrawn(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(DISTINCT application_id) FROM incubator_application_history
		WHERE from_status = 'signed' AND to_status = 'withdrawn' AND day <= '2025-12-31'`).Scan(&n))
	return n
}

func TestCoopsByInstitutionOfTheSample(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	list, err := s.CoopsByInstitution(ctx, 2025)
	require.NoError(t, err)
	require.Len(t, list, st.CoopInstitutions)
	active, err := s.CountCooperations(ctx, CooperationFilter{Year: 2025})
	require.NoError(t, err)
	partners, err := s.CoopPartners(ctx, 2025)
	require.NoError(t, err)
	sum := 0
	for i, n := range list {
		sum += n.Cooperations
		assert.GreaterOrEqual(t, n.Cooperations, n.Companies)
		assert.Equal(t, partners[i].Count, n.Companies)
	}
	assert.Equal(t, active, sum, "every active cooperation is counted under its institution")
	assert.Equal(t, "大连理工大学", list[0].Name)
}
