package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A year's declared figures (the lead's decision for issue 18 item 8) come in on the 往年申报数据 sheet: known
// by company and year, each figure optional, refused on its cell with the form's rules, and refused on the year
// for a year the company has an output row of — in the database or in the same file. A declared row already
// superseded by a later output row may still be corrected.
func TestImportOfDeclaredFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	require.NoError(t, s.CreateOutput(ctx, &AnnualOutput{CompanyID: c.ID, Year: 2024, Output: 1000, AddedValue: 100}))
	row := func(n int, kv ...string) ImportRow {
		return importRow("declared", n, append([]string{"uscc", c.USCC, "name", c.Name}, kv...)...)
	}

	plan, err := s.PlanImport(ctx, []ImportRow{row(2, "year", "2023", "revenue", "8000000", "rd_expense", "450000",
		"employees", "60", "st_staff", "", "source", "2025年高企申报材料")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.New, 1)
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "revenue", New: "800.00"})
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "d.xlsx"})
	require.NoError(t, err)
	list, err := s.DeclaredFiguresOf(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	d := list[0]
	assert.Equal(t, 2023, d.Year)
	assert.Equal(t, Yuan(8_000_000), *d.Revenue)
	assert.Equal(t, 60, *d.Employees)
	assert.Nil(t, d.STStaff, "an empty cell is not declared")
	assert.Nil(t, d.TotalIncome, "an absent column is not declared")
	assert.Equal(t, "2025年高企申报材料", d.Source)
	changes, err := s.ImportChanges(ctx, res.ImportID)
	require.NoError(t, err)
	assert.Equal(t, []ImportLogChange{{Entity: "declared_figures", EntityID: d.ID, Action: "create", Name: c.Name + " 2023"}}, changes)

	// Exported and written into the template as kept; sent back, nothing changes.
	tbl, err := s.Export(ctx, "declared")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{c.USCC, c.Name, "2023", "800.0000", "45.0000", "60", "", "", "", "", "", "", "", "", "2025年高企申报材料"}}, tbl.Rows)
	td, err := s.TemplateData(ctx, c.USCC, 2025)
	require.NoError(t, err)
	require.Len(t, td.Rows["declared"], 1, "declared rows whatever the report year")
	var kv []string
	for k, v := range td.Rows["declared"][0] {
		kv = append(kv, k, v)
	}
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, kv...)})
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	assert.Empty(t, plan.New)
	assert.Empty(t, plan.Changed)

	// Net assets may be negative (a company in debt), as the form allows; nothing else may.
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "year", "2021", "revenue", "100", "net_assets", "-1200000")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "net_assets", New: "-120.00"})
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "year", "2021", "revenue", "-100")})
	require.NoError(t, err)
	require.Len(t, plan.Issues, 1)
	assert.Equal(t, "revenue", plan.Issues[0].Field)
	plan, err = s.PlanImport(ctx, []ImportRow{importRow("outputs", 2, "uscc", c.USCC, "year", "2024", "net_assets", "-1200000")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues, "on the output sheet too")
	require.Len(t, plan.Changed, 1)
	assert.Equal(t, []FieldChange{{Field: "net_assets", Old: "", New: "-120.00"}}, plan.Changed[0].Fields)

	// Refusals, each on the field's cell.
	for name, tc := range map[string]struct {
		field string
		kv    []string
	}{
		"a year with an output row":             {"year", []string{"year", "2024", "revenue", "1"}},
		"S&T staff above staff":                 {"st_staff", []string{"year", "2022", "employees", "10", "st_staff", "11"}},
		"domestic R&D above R&D":                {"rd_domestic", []string{"year", "2022", "rd_expense", "10", "rd_domestic", "11"}},
		"sales above total income":              {"revenue", []string{"year", "2022", "revenue", "12", "total_income", "11"}},
		"high-tech income above total income":   {"hightech_income", []string{"year", "2022", "hightech_income", "12", "total_income", "11"}},
		"nothing declared":                      {"revenue", []string{"year", "2022", "source", "申报书"}},
		"a year to come":                        {"year", []string{"year", "2999", "revenue", "1"}},
		"no year":                               {"year", []string{"year", "", "revenue", "1"}},
		"a company the bureau does not know of": {"uscc", []string{"uscc", sampleUSCC(5), "year", "2022", "revenue", "1"}},
	} {
		r := row(3, tc.kv...)
		plan, err := s.PlanImport(ctx, []ImportRow{r})
		require.NoError(t, err)
		require.NotEmpty(t, plan.Issues, name)
		assert.Equal(t, tc.field, plan.Issues[0].Field, "%s: %+v", name, plan.Issues[0])
		assert.Equal(t, r.Cell(tc.field), plan.Issues[0].Cell, name)
	}

	// A new declared row for a year the same file adds an output row of is refused; the output row alone is not.
	out := importRow("outputs", 2, "uscc", c.USCC, "year", "2022", "output", "1000", "added_value", "100")
	plan, err = s.PlanImport(ctx, []ImportRow{out, row(2, "year", "2022", "revenue", "5")})
	require.NoError(t, err)
	require.Len(t, plan.Issues, 1)
	assert.Equal(t, "declared", plan.Issues[0].Sheet[len("sheet-"):])
	assert.Equal(t, "year", plan.Issues[0].Field)

	// So is one of a year another file of the same import gives an output row of, whichever comes first.
	outPlan, err := s.PlanImport(ctx, []ImportRow{importRow("outputs", 2, "uscc", c.USCC, "year", "2019", "output", "1000", "added_value", "100")})
	require.NoError(t, err)
	decPlan, err := s.PlanImport(ctx, []ImportRow{row(4, "year", "2019", "revenue", "5")})
	require.NoError(t, err)
	require.Empty(t, decPlan.Issues, "alone, the file is fine")
	for _, order := range [][]ImportPlan{{outPlan, decPlan}, {decPlan, outPlan}} {
		joined := JoinImports(order)
		var found []ImportIssue
		for _, p := range joined {
			found = append(found, p.Issues...)
		}
		require.Len(t, found, 1)
		assert.Equal(t, ImportIssue{File: "t.xlsx", Sheet: "sheet-declared", Row: 4, Cell: "C4", Field: "year", Value: "2019",
			Err: found[0].Err}, found[0])
		_, err = s.ApplyImports(ctx, order, []ImportMeta{{FileName: "a.xlsx"}, {FileName: "b.xlsx"}})
		assert.Equal(t, Invalid, ErrorCode(err))
	}

	// An output row of the year added after the preview refuses the plan: preview again.
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "year", "2020", "revenue", "5")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.NoError(t, s.CreateOutput(ctx, &AnnualOutput{CompanyID: c.ID, Year: 2020, Output: 1000, AddedValue: 100}))
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "late.xlsx"})
	assert.Equal(t, Conflict, ErrorCode(err), "%v", err)

	// An output row for the declared year is taken (the output row wins), and the declared row may still be
	// corrected.
	plan, err = s.PlanImport(ctx, []ImportRow{importRow("outputs", 2, "uscc", c.USCC, "year", "2023", "output", "1000", "added_value", "100"),
		row(2, "year", "2023", "revenue", "8100000")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	assert.Len(t, plan.New, 1)
	assert.Len(t, plan.Changed, 1)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "d2.xlsx"})
	require.NoError(t, err)
	list, err = s.DeclaredFiguresOf(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(8_100_000), *list[0].Revenue)
	assert.True(t, list[0].Superseded)
}
