package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// firstWithVerdict is the name of the first sample company whose check for policy and year gives one of vs,
// and that verdict.
func firstWithVerdict(t *testing.T, st *data.Store, p data.Policy, year int, vs ...data.Verdict) (string, data.Verdict) {
	t.Helper()
	name, verdict := "", data.Verdict("")
	require.NoError(t, st.PolicyChecks(bg(), p, year, "", func(c *data.PolicyCheck) error {
		if name == "" && slices.Contains(vs, c.Verdict) {
			name, verdict = c.Name, c.Verdict
		}
		return nil
	}))
	require.NotEmpty(t, name, "the sample has a company whose %s check of %d gives one of %v", p, year, vs)
	return name, verdict
}

// A standard without its level is refused with the field named; once saved it shows in the 企业情况 tab. A
// listing as seriously dishonest recorded there in the year checked turns the company's 科小 check-up from
// 符合 (or 接近) to 不符合, and deleting it gives the verdict back.
func TestCompanyPageFactsChangeTheCheckup(t *testing.T) {
	u, st := newTestUI(t, true)
	name, verdict := firstWithVerdict(t, st, data.PolicyKexiao, 2025, data.VerdictMeets, data.VerdictNear)
	p := openCompanyPage(t, u, st, name)
	require.NotNil(t, p.facts)
	p.onCheckup(st)
	require.NotNil(t, p.checkup)
	require.Equal(t, 2025, p.checkup.year)
	require.Equal(t, data.PolicyKexiao, p.checkup.checks[1].Policy)
	assert.Equal(t, verdict, p.checkup.checks[1].Verdict)
	p.checkup.onBack()
	n := p.facts.list.count

	// A standard wants its level; the refusal names the field.
	test.Tap(p.facts.list.addBtn)
	f := p.facts.form
	require.NotNil(t, f)
	f.kind.set("standard")
	assert.False(t, f.level.Disabled(), "a standard has a level")
	assert.True(t, f.amount.Disabled(), "a standard has no amount")
	f.year.SetText("2024")
	test.Type(f.rank, "1")
	test.Type(f.number, "T/DLS 001-2024")
	assert.True(t, f.saveBtn.Disabled())
	assert.Contains(t, f.problem.Text, "级别")
	f.level.set("group")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	assert.Equal(t, n+1, p.facts.list.count)
	row := rowOf(t, p.facts.list, "团体，主导制定，编号 T/DLS 001-2024", 3)
	assert.Equal(t, "2024", p.facts.list.cellText(row, 0))

	// A listing as seriously dishonest in 2025 bars the 2025 evaluation.
	test.Tap(p.facts.list.addBtn)
	f = p.facts.form
	f.kind.set("dishonest_list")
	assert.True(t, f.level.Disabled())
	f.year.SetText("2025")
	test.Type(f.date, "2025-06-30")
	test.Type(f.note, "列入失信名单（测试）")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	facts, err := st.CompanyFacts(bg(), p.company.ID)
	require.NoError(t, err)
	require.Len(t, facts, n+2)
	assert.Equal(t, "dishonest_list", facts[0].Kind)
	assert.Equal(t, "2025-06-30", data.FormatDate(facts[0].Date))
	assert.Empty(t, facts[0].Level, "a kind without a level saves none")

	p.onCheckup(st)
	assert.Equal(t, data.VerdictFails, p.checkup.checks[1].Verdict, "the listing fails the 科小 check")

	// Deleting the listing asks first, and the check-up meets again.
	u.companies.view.showPage(p.page)
	row = rowOf(t, p.facts.list, "列入失信名单（测试）", 4)
	p.facts.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.facts.list.deleteBtn)
	test.Tap(overlayButton(t, u.win, "确定"))
	assert.Equal(t, n+1, p.facts.list.count)
	p.onCheckup(st)
	assert.Equal(t, verdict, p.checkup.checks[1].Verdict)
}

// An earlier 高企 certificate is recorded as a fact: its year follows its issue date, its details give its
// expiry; the current certificate's number is refused under 编号, and a day on or after its issue under 日期.
func TestCompanyPageRecordsAnEarlierCertificate(t *testing.T) {
	u, st := newTestUI(t, true)
	p := openCompanyPage(t, u, st, "海宝") // current certificate issued 2024-03-23
	require.Equal(t, "2024-03-23", data.FormatDate(p.company.CertIssued))
	test.Tap(p.facts.list.addBtn)
	f := p.facts.form
	f.kind.set("certificate")
	test.Type(f.number, "GR202421000100") // the current one's number first
	test.Type(f.date, "2024-05-01")
	assert.Equal(t, "2024", f.year.Text, "the year follows the issue date")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	assert.Equal(t, "编号：是企业现有的高企证书，已记在企业信息中", f.problem.Text, "the current certificate is the company's")
	f.number.SetText("GR202121000321")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "日期：", "a certificate after the current one is refused under its date")
	assert.Contains(t, f.problem.Text, "2024-03-23", "naming the current one's day")
	f.date.SetText("2021-03-02")
	assert.Equal(t, "2021", f.year.Text)
	test.Tap(f.saveBtn)
	require.Empty(t, f.problem.Text)
	row := rowOf(t, p.facts.list, "2021-03-02", 2)
	assert.Equal(t, "2021", p.facts.list.cellText(row, 0))
	assert.Equal(t, "往期高企证书", p.facts.list.cellText(row, 1))
	assert.Equal(t, "编号GR202121000321，有效期至2024-03-02", strings.Join(strings.Fields(p.facts.list.cellText(row, 3)), ""))
}
