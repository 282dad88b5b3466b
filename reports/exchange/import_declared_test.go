package exchange

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

// The 往年申报数据 sheet and the patents sheet's 已用于认定年份 column (issue 18), as a company might fill them:
// odd values refused on their cells by the reader or the plan, and nothing of such a file written; the good rows
// alone go in.
func TestReadWorkbookReadsDeclaredFiguresAndPatentUsedIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	// A company of its own, with an output row of 2025: the sample's may have declared rows already.
	body := "91210212MA0X18DF0"
	check, _ := data.USCCCheckChar(body)
	uscc := body + string(check)
	c := data.Company{USCC: uscc, Name: haibao + "（申报）", Field: "electronics"}
	require.NoError(t, s.CreateCompany(ctx, &c))
	require.NoError(t, s.CreateOutput(ctx, &data.AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1000, AddedValue: 100}))
	p := writeWorkbook(t, t.TempDir(), "declared.xlsx", testSheet{"往年申报数据", [][]any{
		{"统一社会信用代码", "企业名称", "年度", "销售收入（万元）", "研究开发费用（万元）", "职工总数", "科技人员", "净资产（万元）", "数据来源"},
		{uscc, c.Name, 2023, 41000.5, 2100, 540, 80, 28000, "2025年高企申报材料"}, // 2: good
		{uscc, c.Name, 2022, "四万", "", "", "", "", ""},                     // 3: an amount in words
		{uscc, c.Name, 2021, 100, 10, 12.5, "", "", ""},                    // 4: half a person
		{uscc, c.Name, 2020, 100, 10, 10, "", -5, ""},                      // 5: negative net assets, a company in debt: taken
		{uscc, c.Name, 2025, 100, "", "", "", "", ""},                      // 6: a year with an output row
		{uscc, c.Name, 2019, 100, "", 10, 11, "", ""},                      // 7: more S&T staff than staff
		{uscc, c.Name, "23", 100, "", "", "", "", ""},                      // 8: a two-digit year
		{uscc, c.Name, 2018, 1e15, "", "", "", "", ""},                     // 9: beyond any amount
	}}, testSheet{"专利", [][]any{
		{"专利申请号", "专利名称", "统一社会信用代码", "申请日期", "授权公告日", "法律状态", "已用于认定年份"},
		{newAppNo(t, 2021, "2", 77001), "一种网箱", uscc, "2021-03-01", "2021-11-05", "granted", 2022},   // 2: good
		{newAppNo(t, 2021, "1", 77002), "一种方法", uscc, "2021-03-01", "2022-11-05", "granted", 2023},   // 3: an invention
		{newAppNo(t, 2021, "3", 77003), "一种外观", uscc, "2021-03-01", "2021-11-05", "granted", "二〇二二"}, // 4: in words
		{newAppNo(t, 2021, "2", 77004), "一种浮球", uscc, "2021-03-01", "2021-11-05", "granted", 2020},   // 5: before the grant
	}})
	read, err := ReadWorkbook(ctx, p, ReadOptions{})
	require.NoError(t, err)
	byCell := map[string]string{}
	for _, is := range read.Issues {
		var de *data.Error
		require.True(t, errors.As(is.Err, &de))
		byCell[is.Sheet+"!"+is.Cell] = de.Key
	}
	assert.Equal(t, map[string]string{"往年申报数据!D3": "err.import.amount", "往年申报数据!F4": "err.import.int",
		"往年申报数据!C8": "err.import.year", "往年申报数据!D9": "err.import.amount_large",
		"专利!G4": "err.import.year"}, byCell, "the reader's refusals, by cell")

	for _, r := range read.Rows {
		if r.Kind == "declared" && r.Row == 5 {
			assert.Equal(t, "-50000", rowValue(r, "net_assets"), "net assets may be negative")
		}
	}

	plan, err := s.PlanImport(ctx, read.Rows)
	require.NoError(t, err)
	planned := map[string]string{}
	for _, is := range plan.Issues {
		planned[is.Sheet+"!"+is.Cell] = is.Field
	}
	assert.Equal(t, map[string]string{"往年申报数据!C6": "year", "往年申报数据!G7": "st_staff", "专利!G3": "used_in", "专利!G5": "used_in"},
		planned, "the plan's refusals, each on the field's cell")
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "declared.xlsx"})
	assert.Equal(t, data.Invalid, data.ErrorCode(err), "a file with problems writes nothing")
	list, err := s.DeclaredFiguresOf(ctx, c.ID)
	require.NoError(t, err)
	assert.Empty(t, list)

	var good []data.ImportRow
	for _, r := range read.Rows {
		if r.Row == 2 {
			good = append(good, r)
		}
	}
	require.Len(t, good, 2)
	plan, err = s.PlanImport(ctx, good)
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "declared.xlsx"})
	require.NoError(t, err)
	list, err = s.DeclaredFiguresOf(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, data.Yuan(410_005_000), *list[0].Revenue)
	assert.Equal(t, data.Yuan(280_000_000), *list[0].NetAssets)
	assert.Equal(t, "2025年高企申报材料", list[0].Source)
	patents, err := s.Patents(ctx, data.PatentFilter{CompanyID: c.ID, Query: "一种网箱"})
	require.NoError(t, err)
	require.Len(t, patents, 1)
	assert.Equal(t, 2022, patents[0].UsedIn)
}
