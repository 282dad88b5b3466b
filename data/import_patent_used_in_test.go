package data

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patentNo is a valid application number of a year and type digit (1 invention, 2 utility model, 3 design).
func patentNo(t *testing.T, year int, typeDigit string, serial int) string {
	t.Helper()
	digits := fmt.Sprintf("%d%s%07d", year, typeDigit, serial)
	c, ok := PatentCheckChar(digits)
	require.True(t, ok)
	return digits + "." + string(c)
}

// A patent's 已用于认定年份 (issue 18): a utility model or design counted in an earlier recognition comes in
// through the patents sheet, is exported and written into a company's template; an invention patent, a year
// before the grant or a year to come is refused on the column's cell; a sheet without the column keeps the mark.
func TestImportOfPatentUsedIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	utility, invention := patentNo(t, 2021, "2", 4242), patentNo(t, 2021, "1", 4243)
	row := func(appNo string, kv ...string) ImportRow {
		return importRow("patents", 2, append([]string{"app_no", appNo, "title", "一种装置", "uscc", c.USCC,
			"filed", "2021-03-01", "granted", "2021-11-05", "legal_status", "granted"}, kv...)...)
	}
	plan, err := s.PlanImport(ctx, []ImportRow{row(utility, "used_in", "2022")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "used_in", New: "2022"})
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "p.xlsx"})
	require.NoError(t, err)
	list, err := s.Patents(ctx, PatentFilter{CompanyID: c.ID})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 2022, list[0].UsedIn)

	// A sheet without the column keeps the mark; an empty cell clears it.
	plan, err = s.PlanImport(ctx, []ImportRow{row(utility)})
	require.NoError(t, err)
	assert.Empty(t, plan.Changed)
	plan, err = s.PlanImport(ctx, []ImportRow{row(utility, "used_in", "")})
	require.NoError(t, err)
	require.Len(t, plan.Changed, 1)
	assert.Equal(t, []FieldChange{{Field: "used_in", Old: "2022", New: ""}}, plan.Changed[0].Fields)

	tbl, err := s.Export(ctx, "patents")
	require.NoError(t, err)
	require.Len(t, tbl.Rows, 1)
	assert.Equal(t, "col.used_in", tbl.Columns[len(tbl.Columns)-1])
	assert.Equal(t, "2022", tbl.Rows[0][len(tbl.Columns)-1])
	d, err := s.TemplateData(ctx, c.USCC, 0)
	require.NoError(t, err)
	require.Len(t, d.Rows["patents"], 1)
	assert.Equal(t, "2022", d.Rows["patents"][0]["used_in"])

	for name, r := range map[string]ImportRow{
		"an invention patent is class I, never marked": row(invention, "used_in", "2022"),
		"a recognition before the grant":               row(utility, "used_in", "2020"),
		"a recognition to come":                        row(utility, "used_in", strconv.Itoa(time.Now().Year()+1)),
	} {
		plan, err := s.PlanImport(ctx, []ImportRow{r})
		require.NoError(t, err)
		require.Len(t, plan.Issues, 1, name)
		assert.Equal(t, "used_in", plan.Issues[0].Field, name)
		assert.Equal(t, r.Cell("used_in"), plan.Issues[0].Cell, name)
	}
}
