package data

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IP rights besides patents come in on their own sheet (issue 18 item 2): known by kind and registration
// number, a software copyright's number normalised and checked for its form, each refusal on its own cell.
func TestImportOfIPRights(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	row := func(n int, kv ...string) ImportRow {
		base := map[string]string{"uscc": c.USCC, "company": c.Name, "ip_kind": "software_copyright", "reg_no": "2024sr 0356120",
			"title": "海洋监测平台软件V1.0", "ip_granted": "2024-03-12", "used_in": ""}
		for i := 0; i+1 < len(kv); i += 2 {
			base[kv[i]] = kv[i+1]
		}
		var pairs []string
		for _, f := range []string{"uscc", "company", "ip_kind", "reg_no", "title", "ip_granted", "used_in"} {
			if v, ok := base[f]; ok {
				pairs = append(pairs, f, v)
			}
		}
		return importRow("ip_rights", n, pairs...)
	}

	plan, err := s.PlanImport(ctx, []ImportRow{row(2), row(3, "ip_kind", "ic_layout", "reg_no", "BS.2023500123",
		"title", "电源管理芯片布图", "ip_granted", "2023-08-01")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.New, 2)
	assert.Equal(t, "海洋监测平台软件V1.0", plan.New[0].Label)
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "reg_no", New: "2024SR0356120"}, "the number as it is kept")
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "ip_kind", New: "software_copyright", Codes: "policy.ip."})
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "ip.xlsx"})
	require.NoError(t, err)
	assert.Equal(t, 2, res.New)
	rights, err := s.IPRights(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, rights, 2)
	assert.Equal(t, IPRight{ID: rights[0].ID, CompanyID: c.ID, Kind: "software_copyright", RegNo: "2024SR0356120",
		Title: "海洋监测平台软件V1.0", Granted: time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)}, rights[0])
	changes, err := s.ImportChanges(ctx, res.ImportID)
	require.NoError(t, err)
	require.Len(t, changes, 2)
	assert.Equal(t, ImportLogChange{Entity: "ip_right", EntityID: rights[0].ID, Action: "create",
		Name: "2024SR0356120 海洋监测平台软件V1.0"}, changes[0])

	// The same rows again change nothing; the number typed another way is the same right; marking it used in a
	// recognition is a change of that field only.
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "reg_no", "2024SR0356120")})
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	assert.Empty(t, plan.New)
	assert.Empty(t, plan.Changed)
	assert.Equal(t, 1, plan.Unchanged)
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "used_in", "2024")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.Changed, 1)
	assert.Equal(t, []FieldChange{{Field: "used_in", Old: "", New: "2024"}}, plan.Changed[0].Fields)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "ip2.xlsx"})
	require.NoError(t, err)
	rights, err = s.IPRights(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, 2024, rights[0].UsedIn)

	// Each refusal on its own cell, naming the field; nothing of a refused file is written.
	now := time.Now().Year()
	for field, kv := range map[string][]string{
		"reg_no":     {"reg_no", "2024SR356120"},
		"ip_kind":    {"ip_kind", "trademark"},
		"title":      {"title", ""},
		"ip_granted": {"ip_granted", time.Now().AddDate(0, 0, 2).Format("2006-01-02")},
		"used_in":    {"used_in", strconv.Itoa(now + 1)},
		"uscc":       {"uscc", "91350100M000100Y44"},
	} {
		plan, err := s.PlanImport(ctx, []ImportRow{row(5, kv...)})
		require.NoError(t, err)
		require.Len(t, plan.Issues, 1, field)
		assert.Equal(t, field, plan.Issues[0].Field, "%+v", plan.Issues[0])
		assert.Equal(t, string(rune('A'+slices.Index([]string{"uscc", "company", "ip_kind", "reg_no", "title", "ip_granted", "used_in"}, field)))+"5",
			plan.Issues[0].Cell, field)
		_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "bad.xlsx"})
		assert.Equal(t, Invalid, ErrorCode(err), field)
	}

	// A right given twice in one file with other values is refused on the second row.
	plan, err = s.PlanImport(ctx, []ImportRow{row(2), row(3, "title", "另一个名称")})
	require.NoError(t, err)
	require.Len(t, plan.Issues, 1)
	assert.Equal(t, 3, plan.Issues[0].Row)
	assert.Equal(t, "reg_no", plan.Issues[0].Field)

	// A right given to another company is moved there.
	other := newCompany()
	other.USCC, other.Name = sampleUSCC(1), "大连另一科技有限公司"
	require.NoError(t, s.CreateCompany(ctx, &other))
	plan, err = s.PlanImport(ctx, []ImportRow{row(2, "uscc", other.USCC, "company", other.Name, "used_in", "2024")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.Changed, 1)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "move.xlsx"})
	require.NoError(t, err)
	moved, err := s.IPRights(ctx, other.ID)
	require.NoError(t, err)
	require.Len(t, moved, 1)
	assert.Equal(t, "2024SR0356120", moved[0].RegNo)
}

// The export of IP rights and a company's template carry them in the sheet's fields, and read back unchanged.
func TestIPRightsExportAndTemplate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	for _, r := range []IPRight{
		{CompanyID: c.ID, Kind: "software_copyright", RegNo: "2023SR1120453", Title: "冷链温控调度软件V1.0", Granted: time.Date(2023, 9, 5, 0, 0, 0, 0, time.UTC), UsedIn: 2023},
		{CompanyID: c.ID, Kind: "plant_variety", RegNo: "CNA20240012.3", Title: "旅顺樱桃1号", Granted: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
	} {
		require.NoError(t, s.CreateIPRight(ctx, &r))
	}
	tbl, err := s.Export(ctx, "ip_rights")
	require.NoError(t, err)
	assert.Equal(t, []string{"col.uscc", "col.company", "col.ip_kind", "col.reg_no", "col.title", "col.ip_granted", "col.used_in"}, tbl.Columns)
	assert.Equal(t, [][]string{
		{c.USCC, c.Name, "software_copyright", "2023SR1120453", "冷链温控调度软件V1.0", "2023-09-05", "2023"},
		{c.USCC, c.Name, "plant_variety", "CNA20240012.3", "旅顺樱桃1号", "2024-05-01", ""},
	}, tbl.Rows)

	d, err := s.TemplateData(ctx, c.USCC, 0)
	require.NoError(t, err)
	rows := d.Rows["ip_rights"]
	require.Len(t, rows, 2)
	assert.Equal(t, map[string]string{"uscc": c.USCC, "company": c.Name, "ip_kind": "software_copyright", "reg_no": "2023SR1120453",
		"title": "冷链温控调度软件V1.0", "ip_granted": "2023-09-05", "used_in": "2023"}, rows[0], "oldest first")
	assert.Equal(t, "", rows[1]["used_in"], "not used: an empty cell")

	// The template's rows, sent back as they are, change nothing.
	var back []ImportRow
	for i, r := range rows {
		var kv []string
		for _, f := range []string{"uscc", "company", "ip_kind", "reg_no", "title", "ip_granted", "used_in"} {
			kv = append(kv, f, r[f])
		}
		back = append(back, importRow("ip_rights", i+2, kv...))
	}
	plan, err := s.PlanImport(ctx, back)
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	assert.Empty(t, plan.New)
	assert.Empty(t, plan.Changed)
	assert.Equal(t, 2, plan.Unchanged)
}
