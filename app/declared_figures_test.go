package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// The 往年申报数据 tab: a year with an output row and S&T staff above staff are refused, each naming its field;
// declared 2023 figures fill the 2023 year of the 高企 check-up's three-year window, and clearing the declared
// sales on the form makes the check-up name them missing again; an output row added for the year supersedes
// the declared row, which the tab marks.
func TestCompanyPageDeclaredFiguresChangeTheCheckup(t *testing.T) {
	u, st := newTestUI(t, true)
	lacking := "" // a company whose 2025 check lacks the year 2023 (its statistics begin in 2024)
	require.NoError(t, st.PolicyChecks(bg(), data.PolicyGaoqi, 2025, "", func(c *data.PolicyCheck) error {
		if lacking == "" && slices.Contains(c.Missing, "annual_output.2023") {
			lacking = c.Name
		}
		return nil
	}))
	require.NotEmpty(t, lacking)
	p := openCompanyPage(t, u, st, lacking)
	require.NotNil(t, p.declared)
	n := p.declared.list.count
	p.onCheckup(st)
	before := p.checkup.checks[0]
	require.Equal(t, data.PolicyGaoqi, before.Policy)
	require.Equal(t, 2025, p.checkup.year)
	require.Contains(t, before.Missing, "annual_output.2023")
	p.checkup.onBack()

	test.Tap(p.declared.list.addBtn)
	f := p.declared.form
	require.NotNil(t, f)
	f.year.SetText("2024")
	test.Type(f.yuan["revenue"], "30000")
	test.Type(f.yuan["rd_expense"], "1500")
	test.Type(f.count["employees"], "500")
	test.Type(f.count["st_staff"], "600")
	test.Type(f.source, "2025年高企申报材料")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	assert.Equal(t, "科技人员：科技人员数不能多于职工总数", f.problem.Text, "S&T staff above staff is refused, naming the field")
	assert.Equal(t, widget.DangerImportance, f.problem.Importance)
	assert.True(t, f.entries["st_staff"].AlwaysShowValidationError, "the field is marked")
	f.count["st_staff"].SetText("120")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "2024年年度数据", "a year with an output row is refused, naming the year")
	f.year.SetText("2023")
	test.Tap(f.saveBtn)
	rows, err := st.DeclaredFiguresOf(bg(), p.company.ID)
	require.NoError(t, err)
	require.Len(t, rows, n+1)
	assert.Equal(t, 2023, rows[0].Year)
	require.NotNil(t, rows[0].Revenue)
	assert.Equal(t, data.Yuan(300_000_000), *rows[0].Revenue, "万元 typed, whole yuan stored")
	assert.Nil(t, rows[0].TotalIncome, "an empty field is not declared")
	row := rowOf(t, p.declared.list, "2023", 0)
	assert.Equal(t, "政策体检采用", p.declared.list.cellText(row, 1))

	p.onCheckup(st)
	assert.NotContains(t, p.checkup.checks[0].Missing, "annual_output.2023", "the declared year fills the window")
	p.checkup.onBack()

	// Clearing the declared sales: the check-up names the 2023 sales missing.
	p.declared.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.declared.list.editBtn)
	f = p.declared.form
	f.yuan["revenue"].SetText("")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	p.onCheckup(st)
	assert.Equal(t, data.VerdictMissing, p.checkup.checks[0].Verdict)
	assert.Contains(t, p.checkup.checks[0].Missing, "annual_output.revenue.2023")
	p.checkup.onBack()

	// An output row of 2023 added since supersedes the declared row.
	o := data.AnnualOutput{CompanyID: p.company.ID, Year: 2023, Output: 10_000_000, AddedValue: 1_000_000,
		Revenue: 10_000_000, Employees: 100}
	require.NoError(t, st.CreateOutput(bg(), &o))
	p.reloadOutputs()
	row = rowOf(t, p.declared.list, "2023", 0)
	assert.Equal(t, "已由年度数据取代", p.declared.list.cellText(row, 1))

	// Deleting asks first.
	p.declared.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.declared.list.deleteBtn)
	test.Tap(overlayButton(t, u.win, "确定"))
	assert.Equal(t, n, p.declared.list.count)
}

// Editing a declared figure on the form changes the company's verdict: a sample company judged on its declared
// 2023 figures is 缺数据 once their sales are cleared, and judged again once they are typed back.
func TestDeclaredSalesDecideTheVerdict(t *testing.T) {
	u, st := newTestUI(t, true)
	name, verdict := "", data.Verdict("")
	require.NoError(t, st.PolicyChecks(bg(), data.PolicyGaoqi, 2025, "", func(c *data.PolicyCheck) error {
		if name == "" && c.Verdict != data.VerdictMissing {
			for _, l := range c.Lines {
				if slices.Contains(l.Declared, 2023) {
					name, verdict = c.Name, c.Verdict
				}
			}
		}
		return nil
	}))
	require.NotEmpty(t, name, "the sample judges a company on declared 2023 figures")
	p := openCompanyPage(t, u, st, name)
	row := rowOf(t, p.declared.list, "2023", 0)
	p.declared.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.declared.list.editBtn)
	f := p.declared.form
	sales := f.yuan["revenue"].Text
	require.NotEmpty(t, sales)
	f.yuan["revenue"].SetText("")
	test.Tap(f.saveBtn)
	p.onCheckup(st)
	assert.Equal(t, data.VerdictMissing, p.checkup.checks[0].Verdict)
	assert.Contains(t, p.checkup.checks[0].Missing, "annual_output.revenue.2023")
	p.checkup.onBack()

	p.declared.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.declared.list.editBtn)
	test.Type(p.declared.form.yuan["revenue"], sales)
	test.Tap(p.declared.form.saveBtn)
	p.onCheckup(st)
	assert.Equal(t, verdict, p.checkup.checks[0].Verdict, "the figures typed back give the verdict back")
}
