package data

import (
	"context"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCoopPartnersAndProgrammesOfTheSample(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	partners, err := s.CoopPartners(ctx, 2025)
	require.NoError(t, err)
	require.Len(t, partners, st.CoopInstitutions, "the partners are the institutions coop_institutions counts")
	var names []string
	for _, p := range partners[:3] {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"大连理工大学", "大连海事大学", "中国科学院大连化学物理研究所"}, names)
	progs, err := s.CoopProgrammes(ctx, 2025)
	require.NoError(t, err)
	require.NotEmpty(t, progs)
	assert.Equal(t, "万名院士助创行动", progs[0].Name)
}

func TestCoopPartnersOrderByCompanies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	f.coop(t, f.acme, f.dut, "2024-01-01", "2024-06-30") // over before 2025
	f.coop(t, f.acme, f.dicp, "2025-02-01", "")
	c := f.coop(t, f.blue, f.dicp, "2023-02-01", "")
	c.Programme = "校企联合研发"
	require.NoError(t, f.s.UpdateCooperation(ctx, &c))
	partners, err := f.s.CoopPartners(ctx, 2025)
	require.NoError(t, err)
	assert.Equal(t, []NamedCount{{"中国科学院大连化学物理研究所", 2}}, partners)
	partners, err = f.s.CoopPartners(ctx, 2024)
	require.NoError(t, err)
	assert.Equal(t, []NamedCount{{"大连理工大学", 1}, {"中国科学院大连化学物理研究所", 1}}, partners,
		"ties go in the order the institutions were registered")
	progs, err := f.s.CoopProgrammes(ctx, 2025)
	require.NoError(t, err)
	assert.Equal(t, []NamedCount{{"校企联合研发", 1}, {"万名院士助创行动", 1}}, progs,
		"among equals, the programme that started first")
	_, err = f.s.CoopPartners(ctx, 0)
	assert.Equal(t, Invalid, ErrorCode(err))
}

// TeamIncubators counts the teams behind teams_introduced by incubator, the most first and, among equals, in
// the order the figure's records first name them.
func TestTeamIncubatorsAgreeWithTheRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	for _, year := range []int{2023, 2024, 2025} {
		recs, err := s.FigureRecords(ctx, "teams_introduced", year, 0)
		require.NoError(t, err)
		count := map[string]int{}
		var order []string
		for _, r := range recs.Rows {
			if count[r[1]] == 0 {
				order = append(order, r[1])
			}
			count[r[1]]++
		}
		var want []NamedCount
		for _, name := range order {
			want = append(want, NamedCount{name, count[name]})
		}
		sort.SliceStable(want, func(i, j int) bool { return want[i].Count > want[j].Count })
		got, err := s.TeamIncubators(ctx, year)
		require.NoError(t, err)
		assert.Equal(t, want, got, year)
		if year == 2025 {
			assert.NotEmpty(t, got, "the sample introduces teams in 2025")
		}
	}
	_, err := s.TeamIncubators(ctx, 0)
	assert.Equal(t, Invalid, ErrorCode(err))
}
