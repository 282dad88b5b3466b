package exchange

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

var ipHeaders = []any{"统一社会信用代码", "企业名称", "知识产权类别", "登记号/证书号", "名称", "登记（授权）日期", "已用于认定年份"}

// The IP rights sheet (issue 18 item 2) as a company might fill it: kinds by their zh or en label, odd values in
// each new column refused on their cell by the reader or, for the number's form and the years, by the plan —
// and nothing of such a file is written.
func TestReadWorkbookReadsIPRights(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	uscc := companyUSCC(t, s, haibao)
	long := strings.Repeat("9", 5000)
	p := writeWorkbook(t, t.TempDir(), "ip.xlsx", testSheet{"知识产权", [][]any{
		ipHeaders,
		{uscc, "", "软件著作权", "2024sr0356999", "渔船监测软件V1.0", "2024-03-12", ""},
		{uscc, "", "Plant variety", "CNA20240012.3", "旅顺樱桃1号", "2024年5月1日", ""},
		{uscc, "", "商标", "12345678", "商标", "2024-05-01", ""},                         // 3: no such kind
		{uscc, "", "软件著作权", "2024SR12", "短号软件", "2024-05-01", ""},                    // 4: not the form of a number
		{uscc, "", "软件著作权", "2024SR0000004", "年份是字", "2024-05-01", "二〇二四"},           // 5: a year in words
		{uscc, "", "软件著作权", "2024SR0000005", "负年份", "2024-05-01", -2024},             // 6
		{uscc, "", "软件著作权", "2024SR0000006", "五位年份", "2024-05-01", 20245},            // 7
		{uscc, "", "软件著作权", "2024SR0000007", "小数年份", "2024-05-01", 2024.5},           // 8
		{uscc, "", "软件著作权", "2024SR0000008", "未来日期", "明天", ""},                       // 9
		{uscc, "", "集成电路布图设计专有权", long, "长号", "2024-05-01", ""},                      // 10: 5,000 digits
		{uscc, "", "软件著作权", "2024SR0000010", "未来年份", "2024-05-01", 2999},             // 11
		{uscc, "", "软件著作权", "1066SR0000011", "古年份", "2024-05-01", ""},                // 12
		{"91210200MA0QCJ5X4T", "", "软件著作权", "2024SR0000012", "他人", "2024-05-01", ""}, // 13: not registered
	}})
	read, err := ReadWorkbook(ctx, p, ReadOptions{})
	require.NoError(t, err)
	byCell := map[string]string{}
	for _, is := range read.Issues {
		var de *data.Error
		require.True(t, errors.As(is.Err, &de))
		byCell[is.Cell] = de.Key
	}
	assert.Equal(t, map[string]string{"C4": "err.import.code", "G6": "err.import.year", "G7": "err.import.year",
		"G8": "err.import.year", "G9": "err.import.year", "F10": "err.import.date"}, byCell, "the reader's refusals, by cell")
	require.Len(t, read.Rows, 13)
	assert.Equal(t, "ip_rights", read.Rows[0].Kind)
	assert.Equal(t, map[string]string{"uscc": uscc, "company": "", "ip_kind": "plant_variety", "reg_no": "CNA20240012.3",
		"title": "旅顺樱桃1号", "ip_granted": "2024-05-01", "used_in": ""}, read.Rows[1].Map())

	plan, err := s.PlanImport(ctx, read.Rows)
	require.NoError(t, err)
	planned := map[string]string{}
	for _, is := range plan.Issues {
		planned[is.Cell] = is.Field
	}
	assert.Equal(t, map[string]string{"D5": "reg_no", "D11": "reg_no", "G12": "used_in", "D13": "reg_no", "A14": "uscc"},
		planned, "the plan's refusals, each on the field's cell")
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "ip.xlsx"})
	assert.Equal(t, data.Invalid, data.ErrorCode(err), "a file with problems writes nothing")
	c, err := s.CompanyByUSCC(ctx, uscc)
	require.NoError(t, err)
	rights, err := s.IPRights(ctx, c.ID)
	require.NoError(t, err)
	for _, r := range rights {
		assert.NotEqual(t, "2024SR0356999", r.RegNo)
	}

	// The two good rows alone go in.
	plan, err = s.PlanImport(ctx, read.Rows[:2])
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.New, 2)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "ip.xlsx"})
	require.NoError(t, err)
	after, err := s.IPRights(ctx, c.ID)
	require.NoError(t, err)
	assert.Len(t, after, len(rights)+2)
}

// A company's older workbook may call its patents sheet 知识产权, the IP rights sheet's title now: its patent
// headers overrule the name, and its rows are read as patents.
func TestAPatentsSheetCalled知识产权IsReadAsPatents(t *testing.T) {
	t.Parallel()
	p := writeWorkbook(t, t.TempDir(), "old.xlsx", testSheet{"知识产权", [][]any{
		{"专利申请号", "专利类型", "专利名称", "统一社会信用代码", "企业名称", "申请日期", "授权日期", "法律状态"},
		{"201710601862.3", "发明", "一种装置", "91210200MA0QCJ5X4T", "大连海宝", "2017-07-20", "", "有效"},
	}})
	read, keys := readIssues(t, p)
	assert.NotContains(t, keys, "err.import.missing_column")
	require.Len(t, read.Rows, 1)
	assert.Equal(t, "patents", read.Rows[0].Kind)
	assert.Equal(t, "201710601862.3", rowValue(read.Rows[0], "app_no"))

	// The IP rights sheet under its own title stays one, though it names a company and a title as a patents
	// sheet does.
	q := writeWorkbook(t, t.TempDir(), "ip.xlsx", testSheet{"知识产权", [][]any{ipHeaders,
		{"91210200MA0QCJ5X4T", "大连海宝", "软件著作权", "2024SR0356120", "软件", "2024-03-12", ""}}})
	read, keys = readIssues(t, q)
	assert.Empty(t, keys)
	require.Len(t, read.Rows, 1)
	assert.Equal(t, "ip_rights", read.Rows[0].Kind)
}
