package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func cellText(l *companyList, row, col int) string { return l.list.cellText(row, col) }

func TestAddCompanyThroughTheForm(t *testing.T) {
	u, st := newTestUI(t, false)
	u.ShowSection("nav.companies")
	s := u.companies
	l := s.list
	assert.True(t, l.editBtn.Disabled(), "nothing selected, nothing to edit")
	test.Tap(l.addBtn)
	f := s.form
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "an empty form cannot be saved")

	test.Type(f.uscc, "91350100m000100y43")
	test.Type(f.name, "大连旅顺测试科技有限公司")
	f.field.SetSelectedIndex(0)
	f.park.SetSelectedIndex(1)
	test.Type(f.founded, "2016-05-20")
	test.Type(f.certNo, "GR202421200001")
	test.Type(f.certIssued, "2024-12-02")
	assert.Contains(t, f.certExpires.Text, "2027-12-02", "the expiry is computed as the date is typed")
	require.False(t, f.saveBtn.Disabled(), "a correct form can be saved")
	test.Tap(f.saveBtn)

	c, err := st.CompanyByUSCC(bg(), "91350100M000100Y43")
	require.NoError(t, err)
	assert.Equal(t, "大连旅顺测试科技有限公司", c.Name)
	assert.Equal(t, "electronics", c.Field)
	assert.Equal(t, "现代海洋产业园", c.ParkName)
	assert.Equal(t, "2027-12-02", data.FormatDate(c.CertExpires()))

	assert.Equal(t, "共 1 家企业", l.countLabel.Text)
	assert.Equal(t, "大连旅顺测试科技有限公司", cellText(s, 0, 0))
	assert.Equal(t, "91350100M000100Y43", cellText(s, 0, 1))
	assert.Equal(t, "电子信息", cellText(s, 0, 2))
	log, err := st.AuditLog(bg(), "company", c.ID)
	require.NoError(t, err)
	assert.Len(t, log, 1)
}

func TestWrongUSCCKeepsSaveDisabled(t *testing.T) {
	u, st := newTestUI(t, false)
	u.ShowSection("nav.companies")
	test.Tap(u.companies.list.addBtn)
	f := u.companies.form
	test.Type(f.name, "大连测试有限公司")
	f.field.SetSelectedIndex(2)
	test.Type(f.uscc, "91350100M000100Y44") // the check character should be 3
	assert.True(t, f.saveBtn.Disabled())
	assert.Contains(t, f.uscc.Validator(f.uscc.Text).Error(), "校验位应为 3")
	test.Tap(f.saveBtn)
	n, err := st.CountCompanies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	assert.Zero(t, n, "a disabled Save writes nothing")

	f.uscc.SetText("")
	test.Type(f.uscc, "91350100M000100Y43")
	assert.False(t, f.saveBtn.Disabled())

	f.founded.SetText("2016-13-01")
	assert.True(t, f.saveBtn.Disabled(), "a wrong date keeps Save disabled")
	assert.Contains(t, f.founded.Validator(f.founded.Text).Error(), "不是日期")
}

func TestSavingAClashingCompanyShowsTheReason(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.companies")
	taken, err := st.Companies(bg(), data.CompanyFilter{Limit: 1})
	require.NoError(t, err)
	test.Tap(u.companies.list.addBtn)
	f := u.companies.form
	test.Type(f.uscc, "91350100M000100Y43")
	test.Type(f.name, "重复的公司")
	f.field.SetSelectedIndex(0)
	test.Type(f.certNo, "GR1") // a number without a date: only the whole-record check finds it
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "发证日期：填写了证书编号时必须填写发证日期")
	f.certNo.SetText("")

	// A code another company holds is named as it is typed (company_form_test.go); should another clerk
	// register it between the typing and the save, Save checks again and names that company.
	other := data.Company{USCC: "91350100M000100Y43", Name: "另一位科员刚登记的公司", Field: "energy"}
	require.NoError(t, st.CreateCompany(bg(), &other))
	test.Tap(f.saveBtn)
	assert.Equal(t, "统一社会信用代码：已登记为“另一位科员刚登记的公司”", f.problem.Text)
	assert.Equal(t, widget.DangerImportance, f.problem.Importance)
	n, err := st.CountCompanies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, 37, n)
	assert.NotEmpty(t, taken)
}

func TestSearchSortAndCount(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.companies")
	s := u.companies
	l := s.list
	test.Type(l.search, "海宝")
	assert.Equal(t, "找到 1 家企业（共 36 家）", l.countLabel.Text)
	assert.Equal(t, "大连海宝渔业有限公司", cellText(s, 0, 0))

	l.search.SetText("")
	assert.Equal(t, "共 36 家企业", l.countLabel.Text)
	l.onSort(string(data.SortByUSCC))
	first := cellText(s, 0, 1)
	l.onSort(string(data.SortByUSCC))
	assert.True(t, l.query.Desc, "a second tap reverses the order")
	assert.Greater(t, cellText(s, 0, 1), first)
	assert.Equal(t, first, cellText(s, 35, 1))
	test.AssertRendersToMarkup(t, "company_list.xml", u.win.Canvas())
}

func TestDeleteCompanyAsksFirst(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.companies")
	s := u.companies
	l := s.list
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	name := cellText(s, 0, 0)
	test.Tap(l.deleteBtn)
	n, _ := st.CountCompanies(bg(), data.CompanyFilter{})
	assert.Equal(t, 36, n, "nothing is deleted before the user confirms")
	test.Tap(overlayButton(t, u.win, "取消"))
	n, _ = st.CountCompanies(bg(), data.CompanyFilter{})
	assert.Equal(t, 36, n)

	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(l.deleteBtn)
	test.Tap(overlayButton(t, u.win, "确定"))
	n, _ = st.CountCompanies(bg(), data.CompanyFilter{})
	assert.Equal(t, 35, n)
	assert.NotEqual(t, name, cellText(s, 0, 0))
	assert.Equal(t, "共 35 家企业", l.countLabel.Text)
}

func TestCompanyPageOutputs(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.companies")
	s := u.companies
	l := s.list
	test.Type(l.search, "海宝")
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(l.openBtn)
	p := s.page
	require.NotNil(t, p)
	assert.Equal(t, "大连海宝渔业有限公司", p.title.Text)
	require.Len(t, p.outputs, 2)
	assert.Equal(t, 2025, p.outputs[0].Year)
	test.AssertRendersToMarkup(t, "company_page.xml", u.win.Canvas())

	// Add 2026 in 万元: 1.5 % above 2025, no warning.
	test.Tap(p.addOutBtn)
	f := p.outForm
	assert.Equal(t, "2026", f.year.Text)
	test.Type(f.outputVal, "45,950.5")
	test.Type(f.addedValue, "12000.1234")
	test.Type(f.employees, "560")
	test.Type(f.rdStaff, "190")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)
	outs, err := st.Outputs(bg(), p.company.ID)
	require.NoError(t, err)
	require.Len(t, outs, 3)
	assert.Equal(t, data.Yuan(459_505_000), outs[0].Output, "万元 typed, whole yuan stored")
	assert.Equal(t, data.Yuan(120_001_234), outs[0].AddedValue)
	assert.Len(t, p.outputs, 3, "the page shows the new row")

	// Added value above output is refused and named.
	p.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(p.editOutBtn)
	f = p.outForm
	f.addedValue.SetText("99999")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "增加值不能大于产值")

	// Doubling the output asks first; confirming saves.
	f.addedValue.SetText("12000")
	f.outputVal.SetText("99000")
	test.Tap(f.saveBtn)
	require.NotNil(t, f.warning, "a change above 50 % is asked about")
	test.Tap(overlayButton(t, u.win, "确定"))
	got, err := st.Output(bg(), outs[0].ID)
	require.NoError(t, err)
	assert.Equal(t, data.Yuan(990_000_000), got.Output)

	// Delete the row after confirming.
	p.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(p.delOutBtn)
	test.Tap(overlayButton(t, u.win, "确定"))
	outs, err = st.Outputs(bg(), p.company.ID)
	require.NoError(t, err)
	assert.Len(t, outs, 2)

	test.Tap(p.backBtn)
	assert.Nil(t, s.page)
	assert.Equal(t, "找到 1 家企业（共 36 家）", l.countLabel.Text, "the list keeps its search")
}
