package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/data/datatest"
)

// Every sample company's 2025 letter, both policies, fits one page in both languages (pdfinfo's Pages), however
// many of its figures and reasons wrap: the English one's longer words used to push the signature onto a
// second page for all 36.
func TestEverySampleLettersFitsOnePage(t *testing.T) {
	t.Parallel()
	needTool(t, "pdfinfo")
	ctx := context.Background()
	s := datatest.SampleStore(t)
	byCompany := map[int64][]data.PolicyCheck{}
	var order []int64
	for _, p := range []data.Policy{data.PolicyGaoqi, data.PolicyKexiao} {
		require.NoError(t, s.PolicyChecks(ctx, p, 2025, "", func(pc *data.PolicyCheck) error {
			if _, ok := byCompany[pc.CompanyID]; !ok {
				order = append(order, pc.CompanyID)
			}
			byCompany[pc.CompanyID] = append(byCompany[pc.CompanyID], *pc)
			return nil
		}))
	}
	require.GreaterOrEqual(t, len(order), 36)
	fonts := defaultFonts(t)
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		for _, id := range order {
			checks := byCompany[id]
			require.Len(t, checks, 2)
			l := PolicyLetter{BriefHeader: BriefHeader{Settings: data.DefaultBriefSettings,
				Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Lang: lang, Fonts: fonts}, Checks: checks}
			path := filepath.Join(dir, lang+"-"+checks[0].USCC+".pdf")
			var buf bytes.Buffer
			require.NoError(t, WritePolicyLetterPDF(&buf, l))
			require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
			assert.Equal(t, "1", pdfPages(t, path), "%s letter of %s", lang, checks[0].Name)
		}
	}
}

// pdfPages is the page count pdfinfo reads from a PDF.
func pdfPages(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	require.NoError(t, err)
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("pdfinfo gave no page count for %s", path)
	return ""
}

// The 培育库 sets a company's full name on one line, however long (sixteen characters in the sample), and in
// English its verdicts and scores whole: at 小四 in columns of fixed widths it broke 大连中科催化新能源 / 有限公司,
// "Near / miss" and "39-88 / points".
func TestPolicyPoolSetsNamesVerdictsAndScoresOnOneLine(t *testing.T) {
	t.Parallel()
	long := []string{"大连旅顺检测认证技术服务有限公司", "大连旅顺渤海冷链物流科技有限公司"}
	pool := []data.PolicyCheck{checksOf(t, letterCompany(2, long[0], 110), 2025)[0],
		checksOf(t, letterCompany(1, long[1], 100), 2025)[0]}
	for _, lang := range []string{"zh", "en"} {
		p := PolicyPool{BriefHeader: BriefHeader{Settings: data.DefaultBriefSettings, Lang: lang, Fonts: defaultFonts(t)},
			Year: 2025, Checked: 36, Checks: pool}
		text := pdfText(t, writeFile(t, "pool.pdf", func(b *bytes.Buffer) error { return WritePolicyPoolPDF(b, p) }))
		for _, name := range long {
			assert.Contains(t, text, name, lang)
		}
		if lang == "en" {
			for _, whole := range []string{"Near miss", "Possible", "Score ", "33-82"} {
				assert.Contains(t, text, whole)
			}
		}
	}
}

// A three-year figure whose first year comes from the company's own declaration (no output row of the bureau's
// for it) says so: the letter after its sums, the check-up workbook at that year's value, the 培育库 by a mark on
// the name explained under the table and in a column of its workbook.
func TestLetterAndPoolSayWhichYearsWereDeclared(t *testing.T) {
	t.Parallel()
	in := letterCompany(7, "大连旅顺新材料科技有限公司", 100)
	o := in.Outputs[0]
	in.Outputs = in.Outputs[1:]
	in.Declared = []data.DeclaredFigures{{CompanyID: 7, Year: 2023, Revenue: &o.Revenue, RDExpense: &o.RDExpense,
		Employees: &o.Employees, TotalIncome: o.TotalIncome, HighTechIncome: o.HighTechIncome, RDDomestic: o.RDDomestic,
		STStaff: o.STStaff, Source: "2025年高企申报材料"}}
	l := sampleLetter(t, "zh")
	l.Checks = checksOf(t, in, 2025)
	require.Contains(t, l.Checks[0].Lines[4].Declared, 2023, "data reads the declared row")
	assert.Contains(t, rawText(t, letterPDF(t, l)), "2023–2025年合计：研发费用360.00万元；销售收入7500.00万元（2023年为企业申报数据）")
	xlsx := writeFile(t, "letter.xlsx", func(b *bytes.Buffer) error { return WritePolicyLetterXLSX(b, l) })
	assert.Contains(t, sheetText(t, xlsx), "2023年（申报） 115.00")

	p := PolicyPool{BriefHeader: BriefHeader{Settings: data.DefaultBriefSettings, Lang: "zh", Fonts: defaultFonts(t)},
		Year: 2025, Checked: 36, Checks: l.Checks[:1]}
	flat := rawText(t, writeFile(t, "pool.pdf", func(b *bytes.Buffer) error { return WritePolicyPoolPDF(b, p) }))
	assert.Contains(t, flat, "大连旅顺新材料科技有限公司*")
	assert.Contains(t, flat, "标*的企业")
	pool := writeFile(t, "pool.xlsx", func(b *bytes.Buffer) error { return WritePolicyPoolXLSX(b, p) })
	f, err := excelize.OpenFile(pool)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("培育库")
	require.NoError(t, err)
	assert.Equal(t, "申报数据年度", rows[headerRow-1][8])
	assert.Equal(t, "2023", rows[headerRow][8])
}

// sheetText is every cell of every sheet of a workbook, joined.
func sheetText(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// A company holding a 高企 certificate finds it at the foot of its 高企 table (第十二条: valid three years), with
// its number and dates, and — when it runs out by the end of the year after the year checked — the year it must
// apply again; in English too.
func TestPolicyLetterNamesTheCertificateHeld(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang, expires string
		want          []string
	}{
		{"zh", "2026-12-04", []string{"第十二条证书有效期三年", "现有证书GR202321000162，2023年12月4日发证，2026年12月4日到期",
			"2026年须重新认定"}},
		{"zh", "2027-12-04", []string{"2027年12月4日到期有效"}},
		{"en", "2026-12-04", []string{"Art.12Certificate:3years", "CertificateGR202321000162,issuedDecember4,2023,validtoDecember4,2026",
			"Applyagainin2026"}},
	} {
		l := sampleLetter(t, c.lang)
		l.Checks[0].Certificate = &data.PolicyCertificate{Number: "GR202321000162", Issued: "2023-12-04", Expires: c.expires}
		text := rawText(t, letterPDF(t, l))
		for _, want := range c.want {
			assert.Contains(t, text, want, c.lang)
		}
	}
	l := sampleLetter(t, "zh")
	assert.NotContains(t, rawText(t, letterPDF(t, l)), "第十二条", "no certificate, no row")
}

// A 培育库 company whose certificate runs out by the end of the next year (it must be recognised again) is marked
// △ and the note says so; its workbook gives the certificate's number and expiry; one valid longer is not marked.
func TestPolicyPoolMarksCertificatesToRenew(t *testing.T) {
	t.Parallel()
	due := checksOf(t, letterCompany(1, "大连丙近科技有限公司", 100), 2025)[0]
	due.Certificate = &data.PolicyCertificate{Number: "GR202321000162", Issued: "2023-12-04", Expires: "2026-12-04"}
	later := checksOf(t, letterCompany(2, "大连乙远科技有限公司", 100), 2025)[0]
	later.Certificate = &data.PolicyCertificate{Number: "GR202521000131", Issued: "2025-07-13", Expires: "2028-07-13"}
	p := PolicyPool{BriefHeader: BriefHeader{Settings: data.DefaultBriefSettings, Lang: "zh", Fonts: defaultFonts(t)},
		Year: 2025, Checked: 36, Checks: []data.PolicyCheck{due, later}}
	flat := rawText(t, writeFile(t, "pool.pdf", func(b *bytes.Buffer) error { return WritePolicyPoolPDF(b, p) }))
	assert.Contains(t, flat, "大连丙近科技有限公司△")
	assert.NotContains(t, flat, "大连乙远科技有限公司△")
	assert.Contains(t, flat, "标△的企业现有高新技术企业证书于2026年底前到期，须重新申请认定。")
	pool := writeFile(t, "pool.xlsx", func(b *bytes.Buffer) error { return WritePolicyPoolXLSX(b, p) })
	f, err := excelize.OpenFile(pool)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("培育库")
	require.NoError(t, err)
	assert.Equal(t, []string{"现有证书编号", "证书到期日"}, rows[headerRow-1][9:11])
	assert.Equal(t, []string{"GR202321000162", "2026-12-04"}, rows[headerRow][9:11])
}
