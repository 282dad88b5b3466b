package reports

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// The letter states, on one page, the company, each rule's clause, condition and bar, the company's own figures,
// the ratio or score and the verdict, for both policies, signed by the bureau and dated.
func TestPolicyLetterPDFStatesTheFiguresAndVerdicts(t *testing.T) {
	t.Parallel()
	path := letterPDF(t, sampleLetter(t, "zh"))
	text := rawText(t, path)
	assert.Equal(t, 1, strings.Count(pdfText(t, path), "\f"), "one page, tables at 小五 (letterSizes[0])")
	// Each cell's text, in the order the letter sets them: a cell's lines stay together whatever the size.
	for _, want := range []string{
		"旅顺口区科学技术局", "关于2025年度政策体检情况的函", "大连旅顺新材料科技有限公司：",
		"一、高新技术企业认定：接近（创新能力评价33–82分）", "第十一条",
		"第（一）项", "注册时间≥365日", "成立天数3958天", "符合",
		"第（四）项", "科技人员占比≥10%", "科技人员数35人；职工总数120人", "29.16%",
		"第（五）项", "研发费用占比≥5%", "2023–2025年合计：研发费用360.00万元；销售收入7500.00万元", "4.80%", "接近",
		"第（六）项", "高新收入占比≥60%", "高新技术收入2170.00万元；总收入3100.00万元", "70.00%",
		"第（七）项", "创新能力评价>70分", "33–82分", "可能",
		"二、科技型中小企业评价：符合（综合评价76分）", "第六条", "职工总数≤500人", "职工总数120人",
		"《高新技术企业认定管理办法》", "《科技型中小企业评价办法》", "特此函告。", "旅顺口区科学技术局", "2026年3月2日",
	} {
		i := strings.Index(text, want)
		require.GreaterOrEqual(t, i, 0, "%q not in\n%s", want, text)
		text = text[i+len(want):]
	}
	assert.NotContains(t, rawText(t, path), "—1—", "the first page of a letter carries no number (GB/T 9704 10.1)")
}

// A rule that fails says why in the figures' cell, and missing figures are named there.
func TestPolicyLetterSaysWhyARuleFailsOrLacksData(t *testing.T) {
	t.Parallel()
	in := letterCompany(7, "大连旅顺新材料科技有限公司", 100)
	in.ClassI, in.ClassII = 0, 0
	in.Outputs[2].STStaff = nil
	in.Facts = []data.CompanyFact{{Kind: "accident", Year: 2025}}
	in.Company.CertNo, in.Company.CertIssued = "GR202421000123", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	l := sampleLetter(t, "zh")
	l.Checks = checksOf(t, in, 2025)
	text := rawText(t, letterPDF(t, l))
	assert.Contains(t, text, "Ⅰ类知识产权0项；Ⅱ类知识产权0项不符合")
	assert.Contains(t, text, "科技人员占比≥10%缺科技人员数")
	assert.Contains(t, text, "高新技术企业认定：不符合")
	assert.Contains(t, text, "诚信与安全无不良记录2025年重大安全、质量事故不符合", "the fact and its year, no reason repeating it")
	assert.Contains(t, text, "直接认定：持有有效高新技术企业证书符合", "a direct recognition says its route")
}

// An English letter cites the clauses and bars in English, and reads as English around the company's name.
func TestPolicyLetterPDFInEnglish(t *testing.T) {
	t.Parallel()
	path := letterPDF(t, sampleLetter(t, "en"))
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", path, "-").Output()
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"To 大连旅顺新材料科技有限公司:", "1. High-tech enterprise: near miss",
		"2. Tech SME: meets", "Art. 11 (5)", "R&D / sales: ≥ 5%", "4.80%", "S&T staff: 35 people",
		"March 2, 2026"} {
		assert.Contains(t, text, want)
	}
	rest := strings.NewReplacer("大连旅顺新材料科技有限公司", "", "旅顺口区科学技术局", "").Replace(text)
	for _, r := range rest {
		require.False(t, r >= 0x2E80, "Chinese in the English letter (%q):\n%s", r, rest)
	}
}
