package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecordNamesNameWhatTheHistoryKeepsByID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, parks)
	c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics", ParkID: parks[0].ID}
	require.NoError(t, s.CreateCompany(ctx, &c))
	in := Institution{Name: "大连理工大学", Kind: "university", City: "大连"}
	require.NoError(t, s.CreateInstitution(ctx, &in))
	k := Cooperation{CompanyID: c.ID, InstitutionID: in.ID, Started: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, s.CreateCooperation(ctx, &k))
	o := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1_000_000}
	require.NoError(t, s.CreateOutput(ctx, &o))
	gone := Company{USCC: "91110000600037341L", Name: "大连已注销科技有限公司", Field: "energy"}
	require.NoError(t, s.CreateCompany(ctx, &gone))
	require.NoError(t, s.DeleteCompany(ctx, gone.ID))

	refs := []RecordRef{{"park", parks[0].ID}, {"company", c.ID}, {"institution", in.ID}, {"cooperation", k.ID},
		{"annual_output", o.ID}, {"company", gone.ID}, {"company", 9999}, {"setting", 1}, {"company", c.ID}}
	names, err := s.RecordNames(ctx, refs)
	require.NoError(t, err)
	assert.Equal(t, map[RecordRef][]string{
		{"park", parks[0].ID}:   {parks[0].Name},
		{"company", c.ID}:       {"大连测试科技有限公司"},
		{"institution", in.ID}:  {"大连理工大学"},
		{"cooperation", k.ID}:   {"大连测试科技有限公司", "大连理工大学"},
		{"annual_output", o.ID}: {"大连测试科技有限公司"},
		{"company", gone.ID}:    {"大连已注销科技有限公司"}, // deleted: as the history last saw it
	}, names, "a record never seen and a kind without names are left out")

	// Deleted too, a cooperation and an output row keep the names of the records they pointed at.
	require.NoError(t, s.DeleteCooperation(ctx, k.ID))
	require.NoError(t, s.DeleteOutput(ctx, o.ID))
	names, err = s.RecordNames(ctx, []RecordRef{{"cooperation", k.ID}, {"annual_output", o.ID}})
	require.NoError(t, err)
	assert.Equal(t, []string{"大连测试科技有限公司", "大连理工大学"}, names[RecordRef{"cooperation", k.ID}])
	assert.Equal(t, []string{"大连测试科技有限公司"}, names[RecordRef{"annual_output", o.ID}])
}
