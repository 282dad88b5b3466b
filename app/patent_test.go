package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

// newPatentTest opens the patents section alone in a test window over a fresh database with two companies.
func newPatentTest(t *testing.T) (*patentScreen, *data.Store, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	st, err := data.Open(datatest.EmptyFile(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	for _, c := range []data.Company{
		{USCC: "91350100M000100Y43", Name: "大连海宝渔业有限公司", Field: "biomedicine"},
		{USCC: "91110000600037341L", Name: "大连旅顺测试科技有限公司", Field: "electronics"},
	} {
		require.NoError(t, st.CreateCompany(bg(), &c))
	}
	win := a.NewWindow("patents")
	win.Resize(fyne.NewSize(1280, 760))
	s := newPatentScreen(testEnv(a, testDay), st, win)
	win.SetContent(s.build())
	return s, st, win
}

func patentsIn(t *testing.T, st *data.Store) []data.Patent {
	t.Helper()
	list, err := st.Patents(bg(), data.PatentFilter{})
	require.NoError(t, err)
	return list
}

// findRow is the row of the list whose first column reads text, or -1.
// companyNamed is the company of that name in st (the companies' order is the pinyin of their names).
func companyNamed(t *testing.T, st *data.Store, name string) data.Company {
	t.Helper()
	companies, err := st.Companies(bg(), data.CompanyFilter{Query: name})
	require.NoError(t, err)
	require.Len(t, companies, 1, name)
	return companies[0]
}

func findRow[R any](l *recordList[R], text string) int {
	for row := 0; row < l.count; row++ {
		if l.cellText(row, 0) == text {
			return row
		}
	}
	return -1
}

func TestAddPatentThroughTheForm(t *testing.T) {
	s, st, _ := newPatentTest(t)
	test.Tap(s.list.addBtn)
	f := s.form
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "an empty form cannot be saved")

	test.Type(f.company.entry, "海宝")
	require.Contains(t, f.company.options, "大连海宝渔业有限公司", "typing offers the matching companies")
	f.company.entry.SetText("大连海宝渔业有限公司")
	test.Type(f.appNo, "ZL 2017 1 0601862.3")
	assert.Equal(t, "发明（2017 年申请）", f.kind.Text, "the number gives the kind as it is typed")
	test.Type(f.title, "一种海参育苗装置")
	test.Type(f.filed, "2017-08-14")
	f.status.SetSelected("授权")
	assert.True(t, f.saveBtn.Disabled(), "a granted patent needs its grant date")
	assert.Error(t, f.granted.Validator(f.granted.Text))
	test.Type(f.granted, "2019-05-21")
	assert.Equal(t, "2037-08-13（20 年）　今日：有效", f.term.Text)
	require.False(t, f.saveBtn.Disabled(), "a correct form can be saved")
	test.Tap(f.saveBtn)

	saved := patentsIn(t, st)
	require.Len(t, saved, 1)
	p := saved[0]
	assert.Equal(t, "201710601862.3", p.AppNo, "stored normalised")
	assert.Equal(t, data.PatentInvention, p.Kind)
	assert.Equal(t, "大连海宝渔业有限公司", p.CompanyName)
	assert.Equal(t, "2019-05-21", data.FormatDate(p.StatusDate), "the status date defaults to the grant")

	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
	row := findRow(s.list, "201710601862.3")
	require.Equal(t, 0, row)
	assert.Equal(t, "一种海参育苗装置", s.list.cellText(row, 1))
	assert.Equal(t, "大连海宝渔业有限公司", s.list.cellText(row, 2))
	assert.Equal(t, "发明", s.list.cellText(row, 3))
	assert.Equal(t, "授权", s.list.cellText(row, 6))
	assert.Equal(t, "有效", s.list.cellText(row, 7))
	log, err := st.AuditLog(bg(), "patent", p.ID)
	require.NoError(t, err)
	assert.Len(t, log, 1)
}

func TestWrongCheckDigitKeepsSaveDisabled(t *testing.T) {
	s, st, _ := newPatentTest(t)
	test.Tap(s.list.addBtn)
	f := s.form
	f.company.entry.SetText("大连海宝渔业有限公司")
	test.Type(f.title, "一种海参育苗装置")
	test.Type(f.filed, "2017-08-14")
	test.Type(f.appNo, "201710601862.4") // the check character should be 3
	assert.True(t, f.saveBtn.Disabled())
	assert.Equal(t, "—", f.kind.Text)
	assert.Equal(t, "校验位是 4，应为 3，有数字输错了", f.appNo.Validator(f.appNo.Text).Error())
	test.Tap(f.saveBtn)
	assert.Empty(t, patentsIn(t, st), "a disabled Save writes nothing")

	f.appNo.SetText("")
	test.Type(f.appNo, "201710601862.3")
	assert.False(t, f.saveBtn.Disabled())

	f.filed.SetText("2018-08-14")
	assert.True(t, f.saveBtn.Disabled(), "the filing year must be the number's")
	assert.Equal(t, "是 2018 年，但申请号是 2017 年的", f.filed.Validator(f.filed.Text).Error())
	f.filed.SetText("2017-08-14")
	f.status.SetSelected("授权")
	test.Type(f.granted, "2017-08-01")
	assert.True(t, f.saveBtn.Disabled(), "a grant before the filing is refused")
	assert.Equal(t, "早于申请日", f.granted.Validator(f.granted.Text).Error())
	f.status.SetSelected("审查中")
	assert.Equal(t, "审查中、撤回或驳回的专利不应有授权日", f.granted.Validator(f.granted.Text).Error())
	f.granted.SetText("")
	assert.False(t, f.saveBtn.Disabled())
	f.status.SetSelected("未缴年费终止")
	assert.True(t, f.saveBtn.Disabled(), "a lapse needs a grant date and its own date")
}

func TestDuplicatePatentNumberIsNamed(t *testing.T) {
	s, st, _ := newPatentTest(t)
	companies, err := st.Companies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	first := data.Patent{CompanyID: companies[0].ID, AppNo: "201710601862.3", Title: "甲", Filed: time.Date(2017, 8, 14, 0, 0, 0, 0, time.UTC),
		LegalStatus: data.PatentPending}
	require.NoError(t, st.CreatePatent(bg(), &first))
	s.list.reload()

	test.Tap(s.list.addBtn)
	f := s.form
	f.company.entry.SetText(companies[1].Name)
	test.Type(f.appNo, "CN2017106018623")
	test.Type(f.title, "乙")
	test.Type(f.filed, "2017-09-01")
	test.Tap(f.saveBtn)
	assert.Equal(t, "申请号：申请号 201710601862.3 已经登记过", f.problem.Text)
	assert.Len(t, patentsIn(t, st), 1)
}

func TestValidityColumnFollowsTheDay(t *testing.T) {
	s, st, _ := newPatentTest(t)
	owner := companyNamed(t, st, "大连旅顺测试科技有限公司")
	d := func(s string) time.Time { t, _ := data.ParseDate(s); return t }
	patents := []data.Patent{
		{AppNo: "201710601862.3", Title: "授权发明", Filed: d("2017-08-14"), Granted: d("2019-05-21"), LegalStatus: data.PatentGranted},
		{AppNo: "202310123456.6", Title: "审查中", Filed: d("2023-03-01"), LegalStatus: data.PatentPending},
		{AppNo: "95115608.X", Title: "旧发明", Filed: d("1995-10-09"), Granted: d("1998-04-01"), LegalStatus: data.PatentGranted},
	}
	for i := range patents {
		patents[i].CompanyID = owner.ID
		require.NoError(t, st.CreatePatent(bg(), &patents[i]))
	}
	s.list.reload()
	validity := func(no string) string {
		row := findRow(s.list, no)
		require.GreaterOrEqual(t, row, 0, no)
		return s.list.cellText(row, 7)
	}
	assert.Equal(t, "有效", validity("201710601862.3"))
	assert.Equal(t, "未授权", validity("202310123456.6"))
	assert.Equal(t, "保护期届满", validity("95115608.X"), "filed 1995, the term ended in 2015")

	s.validDay.SetText("")
	test.Type(s.validDay, "2010-12-31")
	assert.Equal(t, "当日尚未授权", validity("201710601862.3"))
	assert.Equal(t, "有效", validity("95115608.X"))

	s.list.filters["validity"].SetSelected("有效")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text, "the filter judges on the same day")
	assert.Equal(t, "95115608.X", s.list.cellText(0, 0))
	s.validDay.SetText("2019-13-01") // not a date: the list keeps the last day
	assert.Equal(t, "95115608.X", s.list.cellText(0, 0))
	s.validDay.SetText("2025-12-31")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
	assert.Equal(t, "201710601862.3", s.list.cellText(0, 0))

	s.list.filters["validity"].SetSelected("全部")
	test.Type(s.company, "海宝")
	assert.Equal(t, "共 0 条", s.list.countLabel.Text, "the company filter reads part of the name")
	s.company.SetText("旅顺")
	assert.Equal(t, "共 3 条", s.list.countLabel.Text)
}

func TestDeletePatentAsksFirst(t *testing.T) {
	s, st, win := newPatentTest(t)
	companies, err := st.Companies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	p := data.Patent{CompanyID: companies[0].ID, AppNo: "202310123456.6", Title: "待删除", Filed: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC),
		LegalStatus: data.PatentPending}
	require.NoError(t, st.CreatePatent(bg(), &p))
	s.list.reload()
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.deleteBtn)
	assert.Len(t, patentsIn(t, st), 1, "nothing is deleted before the user confirms")
	test.Tap(overlayButton(t, win, "确定"))
	assert.Empty(t, patentsIn(t, st))
	assert.Equal(t, "共 0 条", s.list.countLabel.Text)
}

func TestEditPatentRecordsALapse(t *testing.T) {
	s, st, _ := newPatentTest(t)
	p := data.Patent{CompanyID: companyNamed(t, st, "大连海宝渔业有限公司").ID, AppNo: "201710601862.3", Title: "一种海参育苗装置",
		Filed: time.Date(2017, 8, 14, 0, 0, 0, 0, time.UTC), Granted: time.Date(2019, 5, 21, 0, 0, 0, 0, time.UTC),
		LegalStatus: data.PatentGranted}
	require.NoError(t, st.CreatePatent(bg(), &p))
	s.list.reload()
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.editBtn)
	f := s.form
	require.NotNil(t, f)
	assert.Equal(t, "大连海宝渔业有限公司", f.company.entry.Text, "the form opens with the patent's company")
	assert.Equal(t, "2019-05-21", f.granted.Text)
	assert.False(t, f.saveBtn.Disabled(), "an unchanged patent can be saved")
	f.status.SetSelected("未缴年费终止")
	assert.True(t, f.saveBtn.Disabled(), "a lapse needs its date")
	test.Type(f.statusDate, "2024-06-01")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)

	got, err := st.Patent(bg(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, data.PatentLapsed, got.LegalStatus)
	assert.Equal(t, "未缴年费终止 2024-06-01", s.list.cellText(0, 6))
	assert.Equal(t, "未缴年费终止", s.list.cellText(0, 7))
	s.validDay.SetText("2024-05-31")
	assert.Equal(t, "有效", s.list.cellText(0, 7), "valid the day before the lapse")
}

func TestPatentListOpensAPatentPage(t *testing.T) {
	s, st, win := newPatentTest(t)
	companies, err := st.Companies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	for i, no := range []string{"201710601862.3", "202310123456.6"} {
		p := data.Patent{CompanyID: companies[0].ID, AppNo: no, Title: []string{"一种海参育苗装置", "一种海参育苗方法"}[i],
			Filed: time.Date(2017+6*i, 8, 14, 0, 0, 0, 0, time.UTC), LegalStatus: data.PatentPending}
		require.NoError(t, st.CreatePatent(bg(), &p))
	}
	s.list.reload()
	open := findButton(win.Canvas().Content(), "查看")
	require.NotNil(t, open, "the 专利 list has 查看 like the other lists")
	s.list.table.Select(widget.TableCellID{Row: findRow(s.list, "201710601862.3"), Col: 0})
	test.Tap(open)
	p := s.page
	require.NotNil(t, p, "查看 opens the patent's page in the list's place")
	assert.Equal(t, "一种海参育苗装置", p.title.Text)
	assert.Equal(t, 2, p.others.count, "the page lists the company's patents")
	p.others.table.Select(widget.TableCellID{Row: findRow(p.others, "202310123456.6"), Col: 0})
	test.Tap(p.others.openBtn)
	require.NotNil(t, s.page)
	assert.Equal(t, "一种海参育苗方法", s.page.title.Text, "another of the company's patents opens in its place")
	test.Tap(s.page.backBtn)
	assert.Nil(t, s.page)
	assert.Equal(t, "共 2 条", s.list.countLabel.Text)
}
