package usertext

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"scitech/assets"
	"scitech/data"
)

// inLanguages checks one text in Chinese and in English.
func inLanguages(t *testing.T, text func(tr *assets.Translator) string, zh, en string) {
	t.Helper()
	assert.Equal(t, zh, text(assets.NewTranslator("zh")), "zh")
	assert.Equal(t, en, text(assets.NewTranslator("en")), "en")
}

// textCase is a text and what it says in Chinese and in English.
type textCase struct {
	name   string
	text   func(tr *assets.Translator) string
	zh, en string
}

// checkTexts checks each case in both languages, a parallel subtest each.
func checkTexts(t *testing.T, cases []textCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inLanguages(t, tc.text, tc.zh, tc.en)
		})
	}
}

func TestImportSummary(t *testing.T) {
	t.Parallel()
	p := data.ImportPlan{New: make([]data.ImportChange, 2), Changed: make([]data.ImportChange, 1), Unchanged: 5,
		Issues: make([]data.ImportIssue, 3), MoreIssues: 4}
	inLanguages(t, func(tr *assets.Translator) string { return ImportSummary(tr, p) },
		"新增 2 条，修改 1 条，未变 5 条，问题 7 个", "2 new, 1 changed, 5 unchanged, 7 problems")
	inLanguages(t, func(tr *assets.Translator) string { return ImportMoreIssues(tr, p) },
		"……另有 4 个问题未列出（只列出前 1000 个）", "... and 4 more problems not listed (only the first 1000 are)")

	p.Unplanned = true
	inLanguages(t, func(tr *assets.Translator) string { return ImportSummary(tr, p) },
		"问题至少 7 个：问题太多，文件未与数据库比较，会新增、修改多少条未知",
		"at least 7 problems: too many for the file to be compared with the database, so what it would add or change is not known")
	inLanguages(t, func(tr *assets.Translator) string { return ImportMoreIssues(tr, p) },
		"……另有至少 4 个问题未列出（只列出前 1000 个）", "... and at least 4 more problems not listed (only the first 1000 are)")
}

func TestImportChanges(t *testing.T) {
	t.Parallel()
	c := data.ImportChange{Kind: "companies", Key: "91210212MA07TC0001", Label: "大连海宝渔业有限公司", Sheet: "企业", Row: 3}
	inLanguages(t, func(tr *assets.Translator) string { return ImportChange(tr, c) },
		"企业  91210212MA07TC0001  大连海宝渔业有限公司  (企业 第 3 行)",
		"Companies  91210212MA07TC0001  大连海宝渔业有限公司  (企业 row 3)")

	change := func(f data.FieldChange) func(*assets.Translator) string {
		return func(tr *assets.Translator) string { return ImportFieldChange(tr, f) }
	}
	checkTexts(t, []textCase{
		{"a column's header, old and new", change(data.FieldChange{Field: "park", Old: "旅顺经济开发区", New: "双岛湾"}),
			"所在园区: 旅顺经济开发区 → 双岛湾", "Park: 旅顺经济开发区 → 双岛湾"},
		{"nothing is a dash", change(data.FieldChange{Field: "uscc", New: "91210212MA07TC0001"}),
			"统一社会信用代码: — → 91210212MA07TC0001", "Credit code: — → 91210212MA07TC0001"},
		{"codes as their labels", change(data.FieldChange{Field: "above_scale", Old: "0", New: "1", Codes: data.ImportBoolCodes}),
			"规模以上企业: 否 → 是", "Above designated size: no → yes"},
	})
}

func TestImportIssue(t *testing.T) {
	t.Parallel()
	issue := func(is data.ImportIssue) func(*assets.Translator) string {
		return func(tr *assets.Translator) string { return ImportIssue(tr, is) }
	}
	checkTexts(t, []textCase{
		{"place, column, value and the reason without the field again",
			issue(data.ImportIssue{Sheet: "企业", Row: 7, Cell: "A7", Field: "uscc", Value: "123", Err: usccLength}),
			"企业 第 7 行 A7 统一社会信用代码 “123”: 应为 18 位，现为 3 位",
			"企业 row 7 A7 Credit code \"123\": must have 18 characters, not 3"},
		{"a sheet-level problem",
			issue(data.ImportIssue{Sheet: "产值", Err: &data.Error{Code: data.Invalid, Key: "err.required", Message: "is required"}}),
			"工作表 产值: 必须填写", "sheet 产值: is required"},
		{"an internal error is a generic message",
			issue(data.ImportIssue{Sheet: "企业", Row: 2, Err: errors.New("database is locked somewhere")}),
			"企业 第 2 行: 出现内部错误，详细信息已记入日志。", "企业 row 2: An internal error occurred; the details are in the log."},
	})
}

func TestImportColumnFallsBackToTheFormsLabel(t *testing.T) {
	t.Parallel()
	inLanguages(t, func(tr *assets.Translator) string { return ImportColumn(tr, "uscc") }, "统一社会信用代码", "Credit code")
	inLanguages(t, func(tr *assets.Translator) string { return ImportColumn(tr, "inst_name") }, "名称", "Name")
}
