package reports

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// openStore opens a fresh, empty database file for a test.
func openStore(t *testing.T) *data.Store {
	t.Helper()
	return datatest.EmptyStore(t)
}

// loadWork loads the work brief of a year with the bundled fonts and a fixed date.
func loadWork(t *testing.T, s *data.Store, year int, lang string) WorkBrief {
	t.Helper()
	b, err := LoadWorkBrief(context.Background(), s, year, lang, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	b.Fonts = defaultFonts(t)
	return b
}

func sampleWorkBrief(t *testing.T, lang string) WorkBrief {
	t.Helper()
	s := datatest.SampleStore(t)
	return loadWork(t, s, 2025, lang)
}

func writeWorkPDF(t *testing.T, b WorkBrief) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteWorkBriefPDF(&buf, b))
	path := filepath.Join(t.TempDir(), "work.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// flat is the text of a PDF without line breaks or spaces, so that a name broken over two lines is found.
func flat(t *testing.T, path string) string {
	return strings.Join(strings.Fields(pdfText(t, path)), "")
}

func TestWorkBriefPDFSaysEveryPublishedFigure(t *testing.T) {
	t.Parallel()
	text := flat(t, writeWorkPDF(t, sampleWorkBrief(t, "zh")))
	for _, want := range []string{
		"科技工作简报", "草稿", "旅顺口区科学技术局", "2025年12月31日", "科技服务平台助力高新技术产业发展",
		"47.45亿元", "12.09亿元", "增长9.1%", "增长8.0%",
		"“万名院士助创行动”", "全区33家企业",
		"大连理工大学、大连海事大学、中国科学院大连化学物理研究所等33所高校院所", "合作基地11个", "新产品32项",
		"向大连创新园引进科技创业团队6个", "累计达到106家", "全区4家企业申报区级科技计划项目",
		"专利申请63件", "专利授权31件", "有效专利206件",
		"一、", "二、", "三、", "四、", "五、“两园一廊”建设",
		"现代海洋产业园", "大连海宝渔业有限公司牵头的海洋牧场建设项目", "“两园”即现代海洋产业园和现代园艺产业园，“一廊”即现代都市休闲旅游产业长廊", "下一步", "3000亩", "小南村", "蝶恋花", "太空博物馆",
		"报：区委、区政府", "（共印20份）",
	} {
		assert.Contains(t, text, want)
	}
	order := []string{"47.45亿元", "大连理工大学", "大连创新园", "专利申请63件", "两园一廊", "太空博物馆", "报："}
	for i := 1; i < len(order); i++ {
		assert.Less(t, strings.Index(text, order[i-1]), strings.Index(text, order[i]),
			"%s comes before %s, as in the published article", order[i-1], order[i])
	}
}

func TestWorkBriefPDFInEnglish(t *testing.T) {
	t.Parallel()
	path := writeWorkPDF(t, sampleWorkBrief(t, "en"))
	text := strings.Join(strings.Fields(pdfText(t, path)), " ")
	for _, want := range []string{
		"4.745 billion yuan", "1.209 billion yuan", "9.1", "33 companies of the district", "33 universities and institutes",
		"11 science and technology cooperation bases", "32 projects", "6 technological start-up teams",
		"106 companies had signed into incubators", "4 companies applied", "63 patent applications", "31 authorizations", "206 valid patents",
		"Two Parks and One Corridor", "the \"Two Parks\" are",
	} {
		assert.Contains(t, text, want)
	}
	// The names are the data's, in Chinese; a line may break inside them.
	for _, name := range []string{"大连理工大学", "大连创新园", "大连海宝渔业有限公司", "太空博物馆"} {
		assert.Contains(t, flat(t, path), name)
	}
	assert.NotContains(t, text, "brief.work.", "every text has a translation")
	assert.NotContains(t, text, "brief17.", "every text has a translation")
}

// tinyDistrict is a district unlike the sample: one company, one partner, one park project.
func tinyDistrict(t *testing.T) *data.Store {
	t.Helper()
	ctx := context.Background()
	s := openStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	c := data.Company{USCC: "91350100M000100Y43", Name: "大连小岛科技有限公司", Field: "electronics",
		LegalRep: "王五", Founded: time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, s.CreateCompany(ctx, &c))
	for _, o := range []data.AnnualOutput{{CompanyID: c.ID, Year: 2024, Output: 200_000_000, AddedValue: 50_000_000},
		{CompanyID: c.ID, Year: 2025, Output: 150_000_000, AddedValue: 40_000_000}} {
		require.NoError(t, s.CreateOutput(ctx, &o))
	}
	in := data.Institution{Name: "沈阳农业大学", Kind: "university", City: "沈阳"}
	require.NoError(t, s.CreateInstitution(ctx, &in))
	co := data.Cooperation{CompanyID: c.ID, InstitutionID: in.ID, Programme: "科技特派员服务",
		Started: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, s.CreateCooperation(ctx, &co))
	p := data.ParkProject{ParkID: parks[1].ID, Title: "葡萄大棚示范项目", Lead: "大连小岛科技有限公司", Status: data.ProjectBuilding}
	require.NoError(t, s.CreateParkProject(ctx, &p))
	return s
}

func TestWorkBriefFromOtherDataSaysOtherThings(t *testing.T) {
	t.Parallel()
	b := loadWork(t, tinyDistrict(t), 2025, "zh")
	text := flat(t, writeWorkPDF(t, b))
	for _, want := range []string{
		"1.50亿元", "0.40亿元", "下降25.0%", "下降20.0%", "有效高新技术企业0家",
		"“科技特派员服务”", "全区1家企业与沈阳农业大学建立合作关系（共1所高校院所）。",
		"未引进科技创业团队", "尚无签约入驻孵化器的企业", "没有企业申报区级科技计划项目", "没有新的专利申请和授权",
		"有效专利0件",
		"园内登记项目1个：大连小岛科技有限公司牵头的葡萄大棚示范项目正在建设。", "暂无登记的项目",
	} {
		assert.Contains(t, text, want)
	}
	for _, published := range []string{"47.45", "大连理工大学", "大连创新园", "海宝", "太空博物馆", "206"} {
		assert.NotContains(t, text, published, "a figure or name of the sample in a brief of other data")
	}
	assert.NotContains(t, text, "0项", "nothing to report is said in words, not as a zero")
	en := strings.Join(strings.Fields(pdfText(t, writeWorkPDF(t, loadWork(t, tinyDistrict(t), 2025, "en")))), " ")
	assert.Contains(t, en, "1 company of the district")
	assert.Contains(t, en, "(1 university or institute in all)")
	assert.Contains(t, en, "there were 0 valid patents")
}

func TestWorkBriefRefusesAnEmptyYear(t *testing.T) {
	t.Parallel()
	_, err := LoadWorkBrief(context.Background(), openStore(t), 2025, "zh", time.Time{})
	require.Error(t, err)
	assert.Equal(t, data.Invalid, data.ErrorCode(err))
}

func openWorkXLSX(t *testing.T, b WorkBrief) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteWorkBriefXLSX(&buf, b))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWorkBriefXLSXHoldsTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleWorkBrief(t, "zh")
	f := openWorkXLSX(t, b)
	rows, err := f.GetRows("概况")
	require.NoError(t, err)
	got := map[string][]string{}
	for _, r := range rows[headerRow:] {
		got[r[0]] = r[1:]
	}
	for name, want := range map[string][]string{
		"高新技术产品产值": {"47.45", "亿元"}, "高新技术产品增加值": {"12.09", "亿元"},
		"产值增长（%）": {"9.1", "%"}, "开展产学研合作的企业": {"33", "家"}, "合作高校院所": {"33", "所"},
		"产学研合作基地": {"11", "个"}, "合作项目和新产品": {"32", "项"}, "引进科技创业团队": {"6", "个"},
		"签约入驻孵化器企业（累计）": {"106", "家"}, "申报区级科技计划项目企业": {"4", "家"},
		"专利申请": {"63", "件"}, "专利授权": {"31", "件"}, "有效专利": {"206", "件"},
		"主要合作活动": {"万名院士助创行动"},
	} {
		assert.Equal(t, want, got[name], name)
	}
	raw, err := f.GetCellValue("概况", dataRef("B", 3), excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "47.45", raw, "the output is a number, shown with two decimals")
	// Each figure's sheet lists as many records as the figure counts.
	for sheet, n := range map[string]int{"合作高校院所": 33, "产学研合作基地": 11, "合作项目和新产品": 32,
		"引进科技创业团队": 6, "签约入驻孵化器企业（累计）": 106, "专利申请": 63, "专利授权": 31, "有效专利": 206} {
		rows, err := f.GetRows(sheet)
		require.NoError(t, err, sheet)
		assert.Len(t, rows, n+headerRow, sheet)
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, "%s has a frozen header", sheet)
	}
	partners, err := f.GetRows("主要合作高校院所")
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "大连理工大学", "4"}, partners[headerRow])
	projects, err := f.GetRows("园区项目")
	require.NoError(t, err)
	assert.Len(t, projects, 7+headerRow)
	assert.Equal(t, "大连海宝渔业有限公司", projects[headerRow][2])

	// The output and added value of the years with data, as the brief says them, and their chart.
	const trend = "近两年" // the sample has output of two years
	assert.Equal(t, b.Stats.PrevOutput, wanCell(t, f, trend, dataRef("B", 1)))
	assert.Equal(t, b.Stats.Output, wanCell(t, f, trend, dataRef("B", 2)))
	assert.Equal(t, b.Stats.AddedValue, wanCell(t, f, trend, dataRef("C", 2)))
	var buf bytes.Buffer
	require.NoError(t, WriteWorkBriefXLSX(&buf, b))
	chart := chartXML(t, buf.Bytes())
	assert.Contains(t, chart, fmt.Sprintf("'近两年'!$B$%d:$B$%d", firstRow, firstRow+1),
		"the chart draws the output from the cells written")
}

// A sheet holding only the first of a figure's records (at a city's scale) says so under them.
func TestWorkBriefXLSXSaysWhenASheetListsTheFirstRecords(t *testing.T) {
	t.Parallel()
	b := sampleWorkBrief(t, "zh")
	var valid *data.Table
	for i := range b.Records {
		if b.Records[i].Name == "patents_valid" {
			valid = &b.Records[i].Table
		}
	}
	require.NotNil(t, valid)
	require.Equal(t, 206, valid.Total)
	valid.Rows = valid.Rows[:5]
	f := openWorkXLSX(t, b)
	rows, err := f.GetRows("有效专利")
	require.NoError(t, err)
	require.Len(t, rows, headerRow+5+2, "title rows, header, five patents, a blank row and the note")
	assert.Equal(t, valid.Rows[4][0], rows[headerRow+4][0])
	assert.Empty(t, rows[headerRow+5])
	assert.Equal(t, []string{"共 206 条，此表列出前 5 条；全部记录请在本程序相应栏目中筛选、导出。"}, rows[headerRow+6])
	full, err := f.GetRows("专利申请")
	require.NoError(t, err)
	assert.Len(t, full, 63+headerRow, "a sheet with every record has no note")
}

func TestWorkBriefXLSXInEnglish(t *testing.T) {
	t.Parallel()
	f := openWorkXLSX(t, sampleWorkBrief(t, "en"))
	assert.Contains(t, f.GetSheetList(), "Main partner institutions")
	for _, s := range f.GetSheetList() {
		assert.LessOrEqual(t, len([]rune(s)), 31)
	}
}

// TestWorkBriefNamesAParksLargestProjects: a park with more projects than the brief names gets its
// ProjectsNamed largest by investment and the count of all; the workbook still lists every project.
func TestWorkBriefNamesAParksLargestProjects(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	for i := 1; i <= 5; i++ { // the first park has two projects: seven in all, of different investments
		require.NoError(t, s.CreateParkProject(ctx, &data.ParkProject{ParkID: parks[0].ID, Title: fmt.Sprintf("海洋新项目%d号", i),
			Lead: "大连海宝渔业有限公司", Status: "planned", Investment: data.Yuan(i) * 10_000_000}))
	}
	b := loadWork(t, s, 2025, "zh")
	text := regexp.MustCompile(`—\d+—`).ReplaceAllString(flat(t, writeWorkPDF(t, b)), "") // page numbers
	crowded := 0
	for _, p := range b.Parks {
		if len(p.Projects) <= ProjectsNamed {
			continue
		}
		crowded++
		assert.Contains(t, text, "园内登记项目"+strconv.Itoa(len(p.Projects))+"个", p.Park.Name)
		byInvestment := slices.Clone(p.Projects)
		slices.SortStableFunc(byInvestment, func(a, b data.ParkProject) int { return cmp.Compare(b.Investment, a.Investment) })
		for i, pr := range byInvestment {
			if i < ProjectsNamed {
				assert.Contains(t, text, pr.Title, "%s: one of the largest projects is named", p.Park.Name)
			} else {
				assert.NotContains(t, text, pr.Title, "%s: a smaller project is left to the workbook", p.Park.Name)
			}
		}
	}
	require.Positive(t, crowded, "the scaled district has a park with more projects than the brief names")
	f := openWorkXLSX(t, b)
	rows, err := f.GetRows(assets.NewTranslator("zh").T("brief.work.sheet.projects"))
	require.NoError(t, err)
	total := 0
	for _, p := range b.Parks {
		total += len(p.Projects)
	}
	assert.Len(t, rows, total+headerRow, "the workbook lists every project under its header")
}
