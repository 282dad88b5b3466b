package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// The policy figures on the output form: typed in 万元, empty kept as not recorded, a cross-field refusal named,
// and a figure typed changes the company's verdict.
func TestOutputFormPolicyFigures(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.companies")
	l := u.companies.list
	test.Type(l.search, "蓝海生物") // a sample company without policy figures
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(l.openBtn)
	p := u.companies.page
	require.NotNil(t, p)
	before, err := st.PolicyCheckOf(bg(), data.PolicyGaoqi, 2025, p.company.USCC)
	require.NoError(t, err)
	require.Equal(t, data.VerdictMissing, lineVerdict(before, "gaoqi.st_staff"), "this sample company has no S&T staff recorded")

	p.table.Select(widget.TableCellID{Row: 0, Col: 0}) // 2025
	test.Tap(p.editOutBtn)
	f := p.outForm
	require.Equal(t, "2025", f.year.Text)
	employees := f.employees.Text
	test.Type(f.policyCount["st_staff"], "9999")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "科技人员数不能多于职工总数")

	f.policyCount["st_staff"].SetText("100")
	test.Type(f.policyYuan["total_income"], "70000")
	test.Type(f.policyYuan["net_assets"], "-12.5")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	o, err := st.Output(bg(), p.outputs[0].ID)
	require.NoError(t, err)
	require.NotNil(t, o.STStaff)
	assert.Equal(t, 100, *o.STStaff)
	assert.Equal(t, data.Yuan(700_000_000), *o.TotalIncome, "万元 typed, whole yuan stored")
	assert.Equal(t, data.Yuan(-125_000), *o.NetAssets, "net assets may be negative")
	assert.Nil(t, o.TotalAssets, "left empty: not recorded")

	after, err := st.PolicyCheckOf(bg(), data.PolicyGaoqi, 2025, p.company.USCC)
	require.NoError(t, err)
	assert.Equal(t, data.VerdictMeets, lineVerdict(after, "gaoqi.st_staff"), "100 of %s staff is over 10 %%", employees)
}

func lineVerdict(pc data.PolicyCheck, rule string) data.Verdict {
	for _, l := range pc.Lines {
		if l.Rule == rule {
			return l.Verdict
		}
	}
	return ""
}
