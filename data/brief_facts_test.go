package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCoopPartnersAndProgrammesOfTheSample(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.LoadSample(ctx))
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
