package data

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Company facts (issue 18 item 3) come in on the 企业情况 sheet, known by company, kind, year and number: new
// ones written, a second import unchanged, a change of the others fields an update, each refusal on its cell.
func TestImportOfCompanyFacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	row := func(n int, kv ...string) ImportRow {
		return importRow("facts", n, append([]string{"uscc", c.USCC, "company", c.Name}, kv...)...)
	}
	good := []ImportRow{
		row(2, "fact_kind", "certificate", "year", "2022", "fact_date", "2022-12-14", "number", "GR202221000123"),
		row(3, "fact_kind", "award", "year", "2023", "level", "national", "rank", "2", "number", "2023-J-202-2-05-D02",
			"note", "国家科学技术进步奖二等奖"),
		row(4, "fact_kind", "annual_report", "year", "2024", "fact_date", "2025-05-20", "number", ""),
		row(5, "fact_kind", "financing", "year", "2025", "fact_date", "2025-03-28", "amount", "30000000", "note", "A轮"),
	}
	plan, err := s.PlanImport(ctx, good)
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.New, 4)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "facts.xlsx"})
	require.NoError(t, err)
	facts, err := s.CompanyFacts(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, facts, 4)
	byKind := map[string]CompanyFact{}
	for _, f := range facts {
		byKind[f.Kind] = f
	}
	assert.Equal(t, time.Date(2022, 12, 14, 0, 0, 0, 0, time.UTC), byKind["certificate"].Date)
	assert.Equal(t, "GR202221000123", byKind["certificate"].Number)
	assert.Equal(t, 2, byKind["award"].Rank)
	assert.Equal(t, "national", byKind["award"].Level)
	assert.Equal(t, Yuan(30_000_000), byKind["financing"].Amount)
	changes, err := s.ImportChanges(ctx, res.ImportID)
	require.NoError(t, err)
	require.Len(t, changes, 4)
	assert.Equal(t, "company_fact", changes[0].Entity)
	ids := map[int64]bool{}
	for _, ch := range changes {
		ids[ch.EntityID] = true
	}
	for _, f := range facts {
		assert.True(t, ids[f.ID], "the audit row of %s names its fact", f.Kind)
	}
	names := map[string]bool{}
	for _, ch := range changes {
		names[ch.Name] = true
	}
	assert.True(t, names[c.Name+" 2023 2023-J-202-2-05-D02"], "a fact by its number: %v", names)
	assert.True(t, names[c.Name+" 2025 A轮"], "else by its note: %v", names)

	// The export, and the template's rows, sent back, change nothing.
	tbl, err := s.Export(ctx, "facts")
	require.NoError(t, err)
	require.Len(t, tbl.Rows, 4)
	assert.Equal(t, []string{c.USCC, c.Name, "financing", "2025", "2025-03-28", "", "", "3000.0000", "", "A轮"}, tbl.Rows[3])
	d, err := s.TemplateData(ctx, c.USCC, 0)
	require.NoError(t, err)
	require.Len(t, d.Rows["facts"], 4)
	var back []ImportRow
	for i, r := range d.Rows["facts"] {
		var kv []string
		for k, v := range r {
			kv = append(kv, k, v)
		}
		back = append(back, importRow("facts", i+2, kv...))
	}
	plan, err = s.PlanImport(ctx, back)
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	assert.Empty(t, plan.New)
	assert.Empty(t, plan.Changed)
	assert.Equal(t, 4, plan.Unchanged)

	// A note changed is an update of that fact; a new number is a new fact.
	plan, err = s.PlanImport(ctx, []ImportRow{row(3, "fact_kind", "award", "year", "2023", "number", "2023-J-202-2-05-D02",
		"note", "国家科技进步奖二等奖（第二完成单位）"), row(4, "fact_kind", "award", "year", "2023", "level", "provincial",
		"rank", "1", "number", "LN-2023-001")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.Changed, 1)
	assert.Equal(t, []FieldChange{{Field: "note", Old: "国家科学技术进步奖二等奖", New: "国家科技进步奖二等奖（第二完成单位）"}}, plan.Changed[0].Fields)
	require.Len(t, plan.New, 1)

	for name, tc := range map[string]struct {
		field string
		kv    []string
	}{
		"a certificate without its number":           {"number", []string{"fact_kind", "certificate", "year", "2021", "fact_date", "2021-11-30"}},
		"a certificate in another year than its day": {"year", []string{"fact_kind", "certificate", "year", "2020", "fact_date", "2021-11-30", "number", "GR2021"}},
		"an award without its level":                 {"level", []string{"fact_kind", "award", "year", "2022", "number", "X"}},
		"a kind the program does not know":           {"fact_kind", []string{"fact_kind", "patent", "year", "2022"}},
		"a year to come":                             {"year", []string{"fact_kind", "accident", "year", "2999"}},
		"a note too long":                            {"note", []string{"fact_kind", "accident", "year", "2022", "note", strings.Repeat("注", 201)}},
	} {
		r := row(6, tc.kv...)
		plan, err := s.PlanImport(ctx, []ImportRow{r})
		require.NoError(t, err)
		require.NotEmpty(t, plan.Issues, name)
		assert.Equal(t, tc.field, plan.Issues[0].Field, "%s: %+v", name, plan.Issues[0])
		assert.Equal(t, r.Cell(tc.field), plan.Issues[0].Cell, name)
	}

	// One fact given twice in a file with other values is refused on the second row.
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "fact_kind", "accident", "year", "2022", "note", "一"),
		row(3, "fact_kind", "accident", "year", "2022", "note", "二")})
	require.NoError(t, err)
	require.Len(t, plan.Issues, 1)
	assert.Equal(t, 3, plan.Issues[0].Row)
}
