package app

import (
	"sort"
	"strings"
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

// incubateDay is the day the incubation and plan screens of the tests live on, so default dates are known.
var incubateDay = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)

// newIncubateTestWindow opens a window over a database file in t.TempDir() through Fyne's test driver.
func newIncubateTestWindow(t *testing.T) (fyne.Window, *data.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.Open(datatest.EmptyFile(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	st.SetOperator("科员甲")
	win := a.NewWindow("test")
	win.Resize(fyne.NewSize(1280, 760))
	return win, st
}

func openIncubatorScreen(t *testing.T, win fyne.Window, st *data.Store) *incubatorScreen {
	s := newIncubatorScreen(testEnv(fyne.CurrentApp(), incubateDay), st, win)
	win.SetContent(s.build())
	return s
}

// incShowsText reports whether a label anywhere under o, inside widgets too, shows text containing s.
func incShowsText(o fyne.CanvasObject, s string) bool {
	switch c := o.(type) {
	case *widget.Label:
		return strings.Contains(c.Text, s)
	case *fyne.Container:
		for _, child := range c.Objects {
			if incShowsText(child, s) {
				return true
			}
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			if incShowsText(child, s) {
				return true
			}
		}
	}
	return false
}

func incDate(s string) time.Time {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// seedIncubator stores an incubator and an application to it, submitted on 2025-03-01.
func seedIncubator(t *testing.T, st *data.Store) (data.Incubator, data.IncubatorApplication) {
	in := data.Incubator{Name: "大连创新园", Level: "provincial", AreaM2: 12000}
	require.NoError(t, st.CreateIncubator(bg(), &in))
	a := data.IncubatorApplication{IncubatorID: in.ID, ApplicantKind: "team", Applicant: "海洋传感创业团队",
		Leader: "李四", Submitted: incDate("2025-03-01")}
	require.NoError(t, st.CreateIncubatorApplication(bg(), &a))
	return in, a
}

func TestAddIncubatorAndApplicationThroughTheForms(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	s := openIncubatorScreen(t, win, st)

	test.Tap(s.apps.addBtn)
	assert.NotNil(t, win.Canvas().Overlays().Top(), "without incubators, the clerk is told to add one first")
	assert.Nil(t, s.appForm)
	win.Canvas().Overlays().Top().Hide()

	s.tabs.SelectIndex(1)
	test.Tap(s.incubators.addBtn)
	f := s.incForm
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "an empty form cannot be saved")
	test.Type(f.name, "大连创新园")
	f.level.SetSelectedIndex(1)
	test.Type(f.address, "旅顺口区")
	test.Type(f.area, "12,000")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)
	incs, err := st.Incubators(bg(), data.IncubatorFilter{})
	require.NoError(t, err)
	require.Len(t, incs, 1)
	assert.Equal(t, data.Incubator{ID: incs[0].ID, Name: "大连创新园", Level: "provincial", Address: "旅顺口区", AreaM2: 12000}, incs[0].Incubator)
	assert.Equal(t, "大连创新园", s.incubators.cellText(0, 0))
	assert.Equal(t, "省级", s.incubators.cellText(0, 1))
	assert.Equal(t, "共 1 条", s.incubators.countLabel.Text)

	s.tabs.SelectIndex(0)
	test.Tap(s.apps.addBtn)
	af := s.appForm
	require.NotNil(t, af)
	assert.Equal(t, 0, af.incubator.SelectedIndex(), "the only incubator is chosen already")
	assert.Equal(t, "2025-06-30", af.submitted.Text, "submitted today by default")
	assert.True(t, af.saveBtn.Disabled())
	af.kind.SetSelectedIndex(0)
	test.Type(af.applicant, "海洋传感创业团队")
	test.Type(af.leader, "李四")
	af.field.SetSelectedIndex(1)
	require.False(t, af.saveBtn.Disabled())
	test.Tap(af.saveBtn)

	apps, err := st.IncubatorApplications(bg(), data.IncubatorApplicationFilter{})
	require.NoError(t, err)
	require.Len(t, apps, 1)
	a := apps[0]
	assert.Equal(t, "team", a.ApplicantKind)
	assert.Equal(t, "electronics", a.Field)
	assert.Equal(t, "submitted", a.Status)
	assert.Equal(t, "海洋传感创业团队", s.apps.cellText(0, 0))
	assert.Equal(t, "创业团队", s.apps.cellText(0, 1))
	assert.Equal(t, "大连创新园", s.apps.cellText(0, 2))
	assert.Equal(t, "已申请", s.apps.cellText(0, 5))
	assert.Equal(t, "共 1 条", s.apps.countLabel.Text)
	hist, err := st.IncubatorApplicationHistory(bg(), a.ID)
	require.NoError(t, err)
	assert.Len(t, hist, 1)
}

func TestApplicationForACompanyTakesItsName(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	c := data.Company{USCC: "91350100M000100Y43", Name: "大连海宝渔业有限公司", Field: "biomedicine"}
	require.NoError(t, st.CreateCompany(bg(), &c))
	seedIncubator(t, st)
	s := openIncubatorScreen(t, win, st)
	test.Tap(s.apps.addBtn)
	f := s.appForm
	test.Type(f.company.entry, "大连某不存在公司")
	assert.True(t, f.saveBtn.Disabled(), "only a registered company is accepted")
	f.company.entry.SetText("")
	test.Type(f.company.entry, "大连海宝渔业有限公司")
	assert.Equal(t, "大连海宝渔业有限公司", f.applicant.Text, "the applicant takes the company's name")
	assert.Equal(t, "company", f.kind.code())
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)
	apps, err := st.IncubatorApplications(bg(), data.IncubatorApplicationFilter{CompanyID: c.ID})
	require.NoError(t, err)
	require.Len(t, apps, 1)
	assert.Equal(t, "大连海宝渔业有限公司", apps[0].CompanyName)
}

func TestInvalidIncubatorFieldsKeepSaveDisabled(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	seedIncubator(t, st)
	s := openIncubatorScreen(t, win, st)

	s.tabs.SelectIndex(1)
	test.Tap(s.incubators.addBtn)
	f := s.incForm
	test.Type(f.name, "另一个孵化器")
	f.level.SetSelectedIndex(0)
	require.False(t, f.saveBtn.Disabled())
	test.Type(f.area, "-5")
	assert.True(t, f.saveBtn.Disabled(), "a negative area")
	f.area.SetText("12.5")
	assert.True(t, f.saveBtn.Disabled(), "an area that is not whole")
	f.area.SetText("")
	f.name.SetText("大连创新园")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "已有名为“大连创新园”的孵化器", "a duplicate name is refused with its reason")
	n, _ := st.CountIncubators(bg(), data.IncubatorFilter{})
	assert.Equal(t, 1, n)
	f.close()

	s.tabs.SelectIndex(0)
	test.Tap(s.apps.addBtn)
	af := s.appForm
	af.kind.SetSelectedIndex(1)
	test.Type(af.applicant, "某企业")
	require.False(t, af.saveBtn.Disabled())
	af.submitted.SetText("2025-13-01")
	assert.True(t, af.saveBtn.Disabled(), "a date that does not exist")
	af.submitted.SetText("2099-01-01")
	assert.True(t, af.saveBtn.Disabled(), "a date in the future")
	af.submitted.SetText("")
	assert.True(t, af.saveBtn.Disabled(), "no date")
	af.submitted.SetText("2025-04-01")
	af.applicant.SetText(" ")
	assert.True(t, af.saveBtn.Disabled(), "no applicant")
}

// The page offers exactly the steps the workflow allows from each status.
func TestApplicationPageOffersOnlyAllowedSteps(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	in, _ := seedIncubator(t, st)
	paths := map[string][]string{
		"submitted": nil, "reviewing": {"reviewing"}, "approved": {"reviewing", "approved"},
		"rejected": {"reviewing", "rejected"}, "signed": {"reviewing", "approved", "signed"},
		"graduated": {"reviewing", "approved", "signed", "graduated"}, "exited": {"reviewing", "approved", "signed", "exited"},
		"withdrawn": {"withdrawn"},
	}
	s := openIncubatorScreen(t, win, st)
	for status, path := range paths {
		a := data.IncubatorApplication{IncubatorID: in.ID, ApplicantKind: "team", Applicant: "团队 " + status, Submitted: incDate("2025-01-01")}
		require.NoError(t, st.CreateIncubatorApplication(bg(), &a))
		for i, to := range path {
			require.NoError(t, st.MoveIncubatorApplication(bg(), a.ID, to, incDate("2025-01-02").AddDate(0, 0, i), ""))
		}
		a, err := st.IncubatorApplication(bg(), a.ID)
		require.NoError(t, err)
		s.openApplication(a)
		var got []string
		for to, b := range s.page.flow.stepBtns {
			got = append(got, to)
			assert.Equal(t, "→ "+zh.T("iapp.status."+to), b.Text)
		}
		sort.Strings(got)
		want := data.NextIncubatorStatuses(status)
		sort.Strings(want)
		assert.Equal(t, want, got, status)
		assert.Len(t, s.page.flow.buttons.Objects, len(want), "no other buttons in the step bar")
		assert.Equal(t, len(want) == 0, s.page.flow.closed.Visible(), "a closed application says so")
		assert.Len(t, s.page.flow.steps, len(path)+1)
		s.closePage()
	}
}

func TestWorkflowButtonMovesTheApplication(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	_, a := seedIncubator(t, st)
	s := openIncubatorScreen(t, win, st)
	s.apps.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.apps.openBtn)
	p := s.page
	require.NotNil(t, p)
	require.Len(t, p.flow.steps, 1)
	assert.Equal(t, "2025-03-01", p.flow.cellText(0, 0))
	assert.Equal(t, "已申请", p.flow.cellText(0, 2))

	test.Tap(p.flow.stepBtns["reviewing"])
	d := p.flow.stepDlg
	require.NotNil(t, d)
	assert.Equal(t, "2025-06-30", d.day.Text, "today by default")
	d.day.SetText("2025-02-28")
	assert.True(t, d.saveBtn.Disabled(), "a day before the application was submitted")
	assert.Contains(t, d.day.Validator(d.day.Text).Error(), "早于当前状态的开始日期 2025-03-01")
	d.day.SetText("2025-03-05")
	test.Type(d.note, "材料齐全，进入评审")
	require.False(t, d.saveBtn.Disabled())
	test.Tap(d.saveBtn)

	got, err := st.IncubatorApplication(bg(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, "reviewing", got.Status)
	assert.Equal(t, incDate("2025-03-05"), got.StatusDate)
	require.Len(t, p.flow.steps, 2, "the history table grows by the step")
	assert.Equal(t, []string{"2025-03-05", "已申请", "评审中", "材料齐全，进入评审", "科员甲"},
		[]string{p.flow.cellText(1, 0), p.flow.cellText(1, 1), p.flow.cellText(1, 2), p.flow.cellText(1, 3), p.flow.cellText(1, 4)})
	assert.Contains(t, p.flow.stepBtns, "approved")
	assert.NotContains(t, p.flow.stepBtns, "reviewing", "the buttons follow the new status")
	assert.Equal(t, "评审中（2025-03-05 起）", p.details.Items[0].Widget.(*widget.Label).Text, "the details show the new status")

	// Another clerk moves it meanwhile: the stale step is refused with the statuses in words.
	require.NoError(t, st.MoveIncubatorApplication(bg(), a.ID, "rejected", incDate("2025-03-06"), ""))
	test.Tap(p.flow.stepBtns["approved"])
	p.flow.stepDlg.day.SetText("2025-03-07")
	test.Tap(p.flow.stepDlg.saveBtn)
	assert.Equal(t, "状态：不能从“未通过”改为“已批准”", p.flow.stepDlg.problem.Text)

	p.flow.stepDlg.close()
	test.Tap(p.backBtn)
	assert.Nil(t, s.page)
	assert.Equal(t, "未通过", s.apps.cellText(0, 5), "the list shows the status it has now")
}

func TestDeleteIncubatorNamesItsApplications(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	seedIncubator(t, st)
	s := openIncubatorScreen(t, win, st)
	s.tabs.SelectIndex(1)
	s.incubators.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.incubators.deleteBtn)
	top := win.Canvas().Overlays().Top()
	require.NotNil(t, top)
	assert.True(t, incShowsText(top, "入孵申请"), "the question names the applications that go with it")
	test.Tap(overlayButton(t, win, "确定"))
	n, err := st.CountIncubatorApplications(bg(), data.IncubatorApplicationFilter{})
	require.NoError(t, err)
	assert.Zero(t, n)
	assert.Equal(t, "共 0 条", s.incubators.countLabel.Text)
	assert.Equal(t, "共 0 条", s.apps.countLabel.Text)
}

func TestApplicationFiltersNarrowTheList(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	in, a := seedIncubator(t, st)
	other := data.Incubator{Name: "旅顺海洋孵化基地", Level: "district"}
	require.NoError(t, st.CreateIncubator(bg(), &other))
	b := data.IncubatorApplication{IncubatorID: other.ID, ApplicantKind: "company", Applicant: "旅顺新材料有限公司", Submitted: incDate("2024-05-01")}
	require.NoError(t, st.CreateIncubatorApplication(bg(), &b))
	require.NoError(t, st.MoveIncubatorApplication(bg(), a.ID, "reviewing", incDate("2025-03-02"), ""))
	s := openIncubatorScreen(t, win, st)
	assert.Equal(t, "共 2 条", s.apps.countLabel.Text)
	s.apps.filters["status"].SetSelected("评审中")
	assert.Equal(t, "共 1 条", s.apps.countLabel.Text)
	assert.Equal(t, "海洋传感创业团队", s.apps.cellText(0, 0))
	s.apps.filters["status"].SetSelectedIndex(0)
	s.apps.filters["year"].SetSelected("2024")
	assert.Equal(t, "旅顺新材料有限公司", s.apps.cellText(0, 0))
	s.apps.filters["year"].SetSelectedIndex(0)
	s.apps.filters["kind"].SetSelected("创业团队")
	assert.Equal(t, "共 1 条", s.apps.countLabel.Text)
	s.apps.filters["kind"].SetSelectedIndex(0)

	s.tabs.SelectIndex(1)
	s.incubators.table.Select(widget.TableCellID{Row: 0, Col: 0}) // 大连创新园, by name
	test.Tap(s.incubators.openBtn)
	assert.Equal(t, 0, s.tabs.SelectedIndex(), "opening an incubator shows its applications")
	assert.Equal(t, in.Name, s.apps.filters["incubator"].Selected)
	assert.Equal(t, "共 1 条", s.apps.countLabel.Text)
}
