package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

func yuanPtr(v data.Yuan) *data.Yuan { return &v }
func intPtr(v int) *int              { return &v }

// letterCompany is a company with every figure the rules read for 2023–2025: 35 S&T staff of 120, R&D
// 4.61 % of sales over the three years (a 高企 near miss at sales under 5000万), high-tech income 70 %.
func letterCompany(id int64, name string, rdScale int64) data.PolicyInput {
	c := data.Company{ID: id, USCC: "91210212MA0TEST0" + string(rune('0'+id%10)) + "X", Name: name, Field: "materials",
		Founded: time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)}
	var outs []data.AnnualOutput
	for i, y := range []int{2023, 2024, 2025} {
		sales := data.Yuan(20_000_000 + int64(i)*5_000_000) // 2000万, 2500万, 3000万: 7500万 in all
		rd := data.Yuan(int64(1_150_000+i*50_000) * rdScale / 100)
		outs = append(outs, data.AnnualOutput{CompanyID: id, Year: y, Revenue: sales, RDExpense: rd, Employees: 120,
			STStaff: intPtr(35), TotalIncome: yuanPtr(sales + 1_000_000), HighTechIncome: yuanPtr((sales + 1_000_000) * 7 / 10),
			RDDomestic: yuanPtr(rd * 9 / 10), TotalCosts: yuanPtr(sales * 8 / 10), NetAssets: yuanPtr(data.Yuan(10_000_000 + int64(i)*3_000_000)),
			TotalAssets: yuanPtr(40_000_000), Conversions: intPtr(3)})
	}
	return data.PolicyInput{Company: c, Outputs: outs, ClassI: 1, ClassII: 4}
}

func checksOf(t *testing.T, in data.PolicyInput, year int) []data.PolicyCheck {
	t.Helper()
	var out []data.PolicyCheck
	for _, p := range []data.Policy{data.PolicyGaoqi, data.PolicyKexiao} {
		rs, err := data.RuleSetFor(p, year)
		require.NoError(t, err)
		out = append(out, data.CheckPolicy(rs, in, year))
	}
	return out
}

func sampleLetter(t *testing.T, lang string) PolicyLetter {
	return PolicyLetter{
		BriefHeader: BriefHeader{Settings: data.DefaultBriefSettings, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
			Lang: lang, Fonts: defaultFonts(t)},
		Checks: checksOf(t, letterCompany(7, "大连旅顺新材料科技有限公司", 100), 2025),
	}
}

func writeFile(t *testing.T, name string, write func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, write(&buf))
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

func letterPDF(t *testing.T, l PolicyLetter) string {
	return writeFile(t, "letter.pdf", func(b *bytes.Buffer) error { return WritePolicyLetterPDF(b, l) })
}

// The sample company's checks are what the letter's text is checked against.
func TestLetterCompanyIsANearMissOnRD(t *testing.T) {
	t.Parallel()
	checks := checksOf(t, letterCompany(7, "甲", 100), 2025)
	g := checks[0]
	assert.Equal(t, data.VerdictNear, g.Verdict)
	var rd data.PolicyLine
	for _, l := range g.Lines {
		if l.Rule == "gaoqi.rd_ratio" {
			rd = l
		}
	}
	assert.Equal(t, data.VerdictNear, rd.Verdict)
	assert.Equal(t, "4.80%", rd.Ratio)
	assert.Equal(t, data.VerdictMeets, checks[1].Verdict)
}

// rawText is the text of a PDF in reading order, each table cell's lines together, spaces and line ends
// dropped (a cell's text wraps where the column ends).
func rawText(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", path, "-").Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), "")
}

// The letter's body is set in the bundled FangSong, as the briefs are.
func TestPolicyLetterPDFSetsItsBodyInFangSong(t *testing.T) {
	t.Parallel()
	needTool(t, "pdffonts")
	fang := defaultFonts(t).Primary(RoleBody).PostScriptName
	for _, lang := range assets.Languages {
		out, err := exec.Command("pdffonts", letterPDF(t, sampleLetter(t, lang))).Output()
		require.NoError(t, err)
		assert.Contains(t, string(out), "+"+fang+" ", lang)
	}
}

// A letter needs checks of one company and one year.
func TestPolicyLetterRefusesNoChecksOrMixedChecks(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	assert.ErrorContains(t, WritePolicyLetterPDF(&buf, PolicyLetter{}), "needs the company's checks")
	l := sampleLetter(t, "zh")
	l.Checks = append(l.Checks, checksOf(t, letterCompany(8, "乙", 100), 2025)[0])
	assert.ErrorContains(t, WritePolicyLetterXLSX(&buf, l), "one company and one year")
	assert.Zero(t, buf.Len(), "nothing written")
}

// The workbook has a sheet per policy with a line per rule, read back cell by cell, and prints on A4.
func TestPolicyLetterXLSXHasALinePerRule(t *testing.T) {
	t.Parallel()
	l := sampleLetter(t, "zh")
	path := writeFile(t, "letter.xlsx", func(b *bytes.Buffer) error { return WritePolicyLetterXLSX(b, l) })
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"高新技术企业认定", "科技型中小企业评价"}, f.GetSheetList())
	rows, err := f.GetRows("高新技术企业认定")
	require.NoError(t, err)
	require.Len(t, rows, headerRow+9+1+1+1+8, "title, caption, header, nine rules, the verdict, a blank, the score's items")
	items := rows[headerRow+9+2:]
	assert.Equal(t, []string{"评分项", "得分", "评定方式"}, items[0])
	assert.Equal(t, []string{"知识产权技术先进程度", "0–8分", "专家评定（按0分至满分计）"}, items[1])
	assert.Equal(t, []string{"科技成果转化能力", "13–18分", "按登记数据核算"}, items[5])
	rows = rows[:headerRow+9+1]
	assert.Equal(t, "2025年度政策体检——高新技术企业认定", rows[0][0])
	assert.Contains(t, rows[1][0], "大连旅顺新材料科技有限公司")
	assert.Equal(t, []string{"条款", "条件", "贵单位数据", "测算值", "结论", "说明"}, rows[headerRow-1])
	rd := rows[headerRow+4]
	assert.Equal(t, "《高新技术企业认定管理办法》第十一条第（五）项", rd[0])
	assert.Contains(t, rd[2], "2025年 125.00")
	assert.Equal(t, []string{"4.80%", "接近", "低于门槛"}, rd[3:6])
	last := rows[len(rows)-1]
	assert.Equal(t, "高新技术企业认定结论（规则版本 2016）", last[0])
	assert.Contains(t, last[4], "接近（创新能力评价")
	areas := map[string]string{}
	names := f.GetDefinedName()
	for _, n := range names {
		areas[n.Scope+" "+n.Name] = n.RefersTo
	}
	assert.Equal(t, "'科技型中小企业评价'!$A$1:$F$14", areas["科技型中小企业评价 _xlnm.Print_Area"])
	hf, err := f.GetHeaderFooter("高新技术企业认定")
	require.NoError(t, err)
	assert.Contains(t, hf.OddHeader, "大连旅顺新材料科技有限公司", "each page names the company")
}

// The 培育库 keeps 高企 checks that meet, may meet or nearly meet the rules, closest first.
func TestPolicyPoolKeepsCandidatesClosestFirst(t *testing.T) {
	t.Parallel()
	near := checksOf(t, letterCompany(1, "丙近", 100), 2025)[0]   // R&D 4.80 %: near
	meets := checksOf(t, letterCompany(2, "乙符", 110), 2025)[0]  // R&D 5.28 %
	fails := checksOf(t, letterCompany(3, "甲不", 50), 2025)[0]   // R&D 2.40 %
	kexiao := checksOf(t, letterCompany(4, "丁科", 110), 2025)[1] // another policy
	require.Equal(t, data.VerdictFails, fails.Verdict)
	var pool []data.PolicyCheck
	for _, pc := range []data.PolicyCheck{near, fails, kexiao, meets} {
		if InPolicyPool(&pc) {
			pool = append(pool, pc)
		}
	}
	RankPolicyPool(pool)
	names := make([]string, len(pool))
	for i, pc := range pool {
		names[i] = pc.Name
	}
	assert.Equal(t, []string{"乙符", "丙近"}, names, "verdicts %s, %s", meets.Verdict, near.Verdict)
}

// The 培育库 prints as a list in the brief layout and as a workbook with a row per company.
func TestPolicyPoolPDFAndXLSX(t *testing.T) {
	t.Parallel()
	pool := []data.PolicyCheck{checksOf(t, letterCompany(2, "大连乙符科技有限公司", 110), 2025)[0],
		checksOf(t, letterCompany(1, "大连丙近科技有限公司", 100), 2025)[0]}
	p := PolicyPool{BriefHeader: BriefHeader{Settings: data.DefaultBriefSettings, Lang: "zh", Fonts: defaultFonts(t)},
		Year: 2025, Checked: 36, Checks: pool}
	flat := rawText(t, writeFile(t, "pool.pdf", func(b *bytes.Buffer) error { return WritePolicyPoolPDF(b, p) }))
	for _, want := range []string{"科技工作简报", "2025年度高新技术企业培育库", "对全区36家企业逐条核对，2家列入培育库",
		"大连乙符科技有限公司", "可能", "大连丙近科技有限公司", "接近", "研发费用占比4.80%（接近）", "报：区委、区政府"} {
		i := strings.Index(flat, want)
		require.GreaterOrEqual(t, i, 0, "%q not in\n%s", want, flat)
		flat = flat[i+len(want):]
	}

	path := writeFile(t, "pool.xlsx", func(b *bytes.Buffer) error { return WritePolicyPoolXLSX(b, p) })
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("培育库")
	require.NoError(t, err)
	require.Len(t, rows, headerRow+2)
	assert.Equal(t, "2025年度高新技术企业培育库——培育库", rows[0][0])
	r := rows[headerRow+1]
	assert.Equal(t, []string{"2", pool[1].USCC, "大连丙近科技有限公司", "接近"}, r[:4])
	assert.Contains(t, r[6], "研发费用占比 4.80%（接近）")
}

// English letters need each rule's clause, threshold and name in English; the Chinese keys mirror the rule
// sets' own text, which the Chinese letter prints, so a changed rule cannot leave them behind unnoticed.
func TestEveryRuleHasTheLetterWords(t *testing.T) {
	t.Parallel()
	zh, en := assets.NewTranslator("zh"), assets.NewTranslator("en")
	for _, rs := range data.PolicyRuleSets {
		for _, r := range rs.Rules {
			for _, k := range []string{"clause", "threshold", "rule"} {
				assert.True(t, en.Has("policy_letter."+k+"."+r.ID), "%s %s", k, r.ID)
			}
			assert.Equal(t, shortClause(r.Clause), zh.T("policy_letter.clause."+r.ID), r.ID)
			assert.Equal(t, r.Threshold, zh.T("policy_letter.threshold."+r.ID), r.ID)
		}
	}
}

// An English workbook's cells start with capitals, as the letter's do.
func TestPolicyLetterXLSXInEnglish(t *testing.T) {
	t.Parallel()
	l := sampleLetter(t, "en")
	path := writeFile(t, "letter.xlsx", func(b *bytes.Buffer) error { return WritePolicyLetterXLSX(b, l) })
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"High-tech recognition", "Tech SME evaluation"}, f.GetSheetList())
	rows, err := f.GetRows("High-tech recognition")
	require.NoError(t, err)
	first := rows[headerRow]
	assert.Equal(t, []string{"Art. 11 (1)", "Registered at least one year (365 days)", "Days registered: 3958 days", "", "Meets"},
		first[:5])
}
