package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The policy figures come in through the import like every output figure: written, shown in the preview,
// refused on their own cell, an empty cell clearing a figure to "not recorded" and an absent column keeping it.
func TestImportOfPolicyFigures(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	row := func(kv ...string) ImportRow {
		return importRow("outputs", 2, append([]string{"uscc", c.USCC, "year", "2025", "output", "1000000", "added_value",
			"100000", "revenue", "900000", "rd_expense", "50000", "employees", "40"}, kv...)...)
	}
	plan, err := s.PlanImport(ctx, []ImportRow{row("total_income", "1000000", "rd_domestic", "40000", "st_staff", "8",
		"net_assets", "", "conversions", "0")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "x.xlsx"})
	require.NoError(t, err)
	outs, err := s.Outputs(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, outs, 1)
	o := outs[0]
	assert.Equal(t, Yuan(1_000_000), *o.TotalIncome)
	assert.Equal(t, Yuan(40_000), *o.RDDomestic)
	assert.Equal(t, 8, *o.STStaff)
	assert.Equal(t, 0, *o.Conversions, "a 0 typed is recorded")
	assert.Nil(t, o.NetAssets, "an empty cell is not recorded")
	assert.Nil(t, o.TotalAssets, "an absent column is not recorded")

	// The same file again changes nothing; a column left out keeps its figure; an empty cell clears it.
	plan, err = s.PlanImport(ctx, []ImportRow{row("total_income", "1000000", "rd_domestic", "40000", "st_staff", "8",
		"net_assets", "", "conversions", "0")})
	require.NoError(t, err)
	assert.Empty(t, plan.Changed)
	plan, err = s.PlanImport(ctx, []ImportRow{row("st_staff", "")})
	require.NoError(t, err)
	require.Len(t, plan.Changed, 1)
	assert.Equal(t, []FieldChange{{Field: "st_staff", Old: "8", New: ""}}, plan.Changed[0].Fields)

	// Each refusal is on its own cell, by field.
	for field, kv := range map[string][]string{
		"st_staff":        {"st_staff", "41"},
		"rd_domestic":     {"rd_domestic", "50001"},
		"hightech_income": {"total_income", "1000000", "hightech_income", "1000001"},
		"revenue":         {"total_income", "899999"},
	} {
		plan, err := s.PlanImport(ctx, []ImportRow{row(kv...)})
		require.NoError(t, err)
		require.Len(t, plan.Issues, 1, field)
		assert.Equal(t, field, plan.Issues[0].Field, "%+v", plan.Issues[0])
	}
}
