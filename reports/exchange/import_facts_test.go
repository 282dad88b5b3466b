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

// The 企业情况 sheet (issue 18 item 3) as a company might fill it: kinds and levels by their labels, odd values
// in each column refused on their cells by the reader or the plan; the good rows alone go in.
func TestReadWorkbookReadsCompanyFacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	uscc := companyUSCC(t, s, haibao)
	c, err := s.CompanyByUSCC(ctx, uscc)
	require.NoError(t, err)
	before, err := s.CompanyFacts(ctx, c.ID)
	require.NoError(t, err)
	p := writeWorkbook(t, t.TempDir(), "facts.xlsx", testSheet{"企业情况", [][]any{
		{"统一社会信用代码", "企业名称", "事项类别", "年份", "日期", "级别", "排名", "金额（万元）", "编号", "说明"},
		{uscc, haibao, "往期高企证书", 2021, "2021-11-30", "", "", "", "GR202121000777", ""}, // 2: good
		{uscc, haibao, "科技奖励", 2023, "", "国家级", 2, "", "J-2023-1", "二等奖"},              // 3: good
		{uscc, haibao, "商标", 2023, "", "", "", "", "", ""},                             // 4: no such kind
		{uscc, haibao, "科技奖励", 2023, "", "世界级", 1, "", "J-2023-2", ""},                 // 5: no such level
		{uscc, haibao, "科技奖励", 2023, "", "省级", "第二", "", "J-2023-3", ""},               // 6: a rank in words
		{uscc, haibao, "股权融资", 2024, "2024-13-01", "", "", 100, "", ""},                // 7: no 13th month
		{uscc, haibao, "股权融资", 2024, "2024-03-01", "", "", -100, "R-2", ""},            // 8: negative amount
		{uscc, haibao, "往期高企证书", 2020, "2021-11-30", "", "", "", "GR2", ""},            // 9: year not the issue's
		{uscc, haibao, "科技奖励", 2022, "", "", "", "", "J-2022-9", ""},                   // 10: an award without level
	}})
	read, err := ReadWorkbook(ctx, p, ReadOptions{})
	require.NoError(t, err)
	byCell := map[string]string{}
	for _, is := range read.Issues {
		var de *data.Error
		require.True(t, errors.As(is.Err, &de))
		byCell[is.Cell] = de.Key
	}
	assert.Equal(t, map[string]string{"C4": "err.import.code", "F5": "err.import.code", "G6": "err.import.int",
		"E7": "err.import.date", "H8": "err.import.amount_negative"}, byCell, "the reader's refusals, by cell")
	require.Len(t, read.Rows, 9)
	assert.Equal(t, "certificate", rowValue(read.Rows[0], "fact_kind"))
	assert.Equal(t, "national", rowValue(read.Rows[1], "level"))

	plan, err := s.PlanImport(ctx, read.Rows)
	require.NoError(t, err)
	planned := map[string]string{}
	for _, is := range plan.Issues {
		planned[is.Cell] = is.Field
	}
	assert.Equal(t, map[string]string{"D9": "year", "F10": "level"}, planned, "the plan's refusals, each on the field's cell")
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "facts.xlsx"})
	assert.Equal(t, data.Invalid, data.ErrorCode(err), "a file with problems writes nothing")
	after, err := s.CompanyFacts(ctx, c.ID)
	require.NoError(t, err)
	assert.Len(t, after, len(before))

	plan, err = s.PlanImport(ctx, read.Rows[:2])
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.New, 2)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "facts.xlsx"})
	require.NoError(t, err)
	after, err = s.CompanyFacts(ctx, c.ID)
	require.NoError(t, err)
	assert.Len(t, after, len(before)+2)
}
