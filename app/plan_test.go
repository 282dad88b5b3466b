package app

import (
	"sort"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

func openPlanScreen(t *testing.T, win fyne.Window, st *data.Store) *planScreen {
	s := newPlanScreen(testEnv(fyne.CurrentApp(), incubateDay), st, win)
	win.SetContent(s.build())
	return s
}

func seedPlanCompany(t *testing.T, st *data.Store) data.Company {
	c := data.Company{USCC: "91350100M000100Y43", Name: "大连海宝渔业有限公司", Field: "biomedicine"}
	require.NoError(t, st.CreateCompany(bg(), &c))
	return c
}

func TestAddPlanApplicationThroughTheForm(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	c := seedPlanCompany(t, st)
	s := openPlanScreen(t, win, st)
	test.Tap(s.list.addBtn)
	f := s.form
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "an empty form cannot be saved")
	assert.Equal(t, "2025", f.year.Text, "this year by default")
	assert.Equal(t, "2025-06-30", f.registered.Text, "registered today by default")
	assert.True(t, f.granted.Disabled(), "no grant before approval")

	test.Type(f.company.entry, "大连海宝渔业有限公司")
	test.Type(f.planName, "旅顺口区科技计划")
	test.Type(f.title, "海参育苗智能监测系统")
	test.Type(f.requested, "12.5")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)

	plans, err := st.PlanApplications(bg(), data.PlanApplicationFilter{})
	require.NoError(t, err)
	require.Len(t, plans, 1)
	p := plans[0]
	assert.Equal(t, c.ID, p.CompanyID)
	assert.Equal(t, "district", p.Level)
	assert.Equal(t, data.Yuan(125_000), p.Requested, "typed in 万元")
	assert.Equal(t, "draft", p.Status)
	assert.Equal(t, incDate("2025-06-30"), p.StatusDate)
	assert.Equal(t, "海参育苗智能监测系统", s.list.cellText(0, 2))
	assert.Equal(t, "大连海宝渔业有限公司", s.list.cellText(0, 3))
	assert.Equal(t, "草稿", s.list.cellText(0, 4))
	assert.Equal(t, "12.50", s.list.cellText(0, 6), "in 万元")
	assert.Equal(t, "—", s.list.cellText(0, 7), "no grant before approval")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
}

func TestInvalidPlanFieldsKeepSaveDisabled(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	seedPlanCompany(t, st)
	s := openPlanScreen(t, win, st)
	test.Tap(s.list.addBtn)
	f := s.form
	test.Type(f.company.entry, "大连海宝渔业有限公司")
	test.Type(f.planName, "区科技计划")
	test.Type(f.title, "项目")
	require.False(t, f.saveBtn.Disabled())
	for _, bad := range []struct {
		entry *escapeEntry
		text  string
	}{{f.requested, "-3"}, {f.requested, "十万"}, {f.requested, "1.23456"}, {f.year, "25"}, {f.year, "1800"},
		{f.registered, "2099-01-01"}, {f.title, ""}} {
		old := bad.entry.Text
		bad.entry.SetText(bad.text)
		assert.True(t, f.saveBtn.Disabled(), "%q", bad.text)
		bad.entry.SetText(old)
		assert.False(t, f.saveBtn.Disabled())
	}
	f.company.entry.SetText("没有登记的公司")
	assert.True(t, f.saveBtn.Disabled(), "an unregistered company")
	test.Tap(f.saveBtn)
	n, _ := st.CountPlanApplications(bg(), data.PlanApplicationFilter{})
	assert.Zero(t, n, "a disabled Save writes nothing")
}

func TestPlanWorkflowButtonsAndGrantedFunds(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	c := seedPlanCompany(t, st)
	p := data.PlanApplication{CompanyID: c.ID, Level: "district", Plan: "区科技计划", Title: "海参育苗", Year: 2025,
		Requested: 300_000, StatusDate: incDate("2025-03-01")}
	require.NoError(t, st.CreatePlanApplication(bg(), &p))
	s := openPlanScreen(t, win, st)
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.openBtn)
	page := s.page
	require.NotNil(t, page)

	for i, to := range []string{"submitted", "recommended", "approved"} {
		var offered []string
		for k := range page.flow.stepBtns {
			offered = append(offered, k)
		}
		sort.Strings(offered)
		want := data.NextPlanStatuses(page.plan.Status)
		sort.Strings(want)
		assert.Equal(t, want, offered, "only the allowed next steps from %s", page.plan.Status)
		require.Contains(t, page.flow.stepBtns, to)
		test.Tap(page.flow.stepBtns[to])
		page.flow.stepDlg.day.SetText(data.FormatDate(incDate("2025-04-01").AddDate(0, 0, i)))
		test.Tap(page.flow.stepDlg.saveBtn)
		assert.Equal(t, to, page.plan.Status)
		assert.Len(t, page.flow.steps, i+2, "one history row per step")
	}
	assert.Equal(t, "已立项", page.flow.cellText(3, 2))
	assert.Equal(t, "科员甲", page.flow.cellText(3, 4))

	test.Tap(page.editBtn)
	f := s.form
	require.False(t, f.granted.Disabled(), "approved: the grant can be entered")
	assert.Nil(t, f.registered, "the registration date belongs to the history now")
	test.Type(f.granted, "50") // more than requested is allowed
	test.Tap(f.saveBtn)
	got, err := st.PlanApplication(bg(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, data.Yuan(500_000), got.Granted)
	assert.Equal(t, "50.00", page.details.Items[7].Widget.(*widget.Label).Text, "the page shows the saved grant")

	test.Tap(page.backBtn)
	assert.Equal(t, "已立项", s.list.cellText(0, 4))
	assert.Equal(t, "50.00", s.list.cellText(0, 7))
	s.list.filters["status"].SetSelected("草稿")
	assert.Equal(t, "共 0 条", s.list.countLabel.Text)
	s.list.filters["status"].SetSelected("已立项")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
	s.list.filters["level"].SetSelected("市级")
	assert.Equal(t, "共 0 条", s.list.countLabel.Text)
}

func TestDeletePlanApplicationAsksFirst(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	c := seedPlanCompany(t, st)
	p := data.PlanApplication{CompanyID: c.ID, Level: "district", Plan: "区科技计划", Title: "海参育苗", Year: 2025,
		StatusDate: incDate("2025-03-01")}
	require.NoError(t, st.CreatePlanApplication(bg(), &p))
	s := openPlanScreen(t, win, st)
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.deleteBtn)
	n, _ := st.CountPlanApplications(bg(), data.PlanApplicationFilter{})
	assert.Equal(t, 1, n, "nothing is deleted before the user confirms")
	test.Tap(overlayButton(t, win, "确定"))
	n, _ = st.CountPlanApplications(bg(), data.PlanApplicationFilter{})
	assert.Zero(t, n)
	assert.Equal(t, "共 0 条", s.list.countLabel.Text)
}

// The incubate screens build keys from codes (prefix + code); every code has a text in every language.
func TestEveryIncubateCodeIsTranslated(t *testing.T) {
	t.Parallel()
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		for prefix, codes := range map[string][]string{
			"iapp.status.": data.IncubatorWorkflow.Statuses, "plan.status.": data.PlanWorkflow.Statuses,
			"incubator.level.": data.IncubatorLevels, "plan.level.": data.PlanLevels, "iapp.kind.": data.ApplicantKinds,
		} {
			for _, c := range codes {
				assert.True(t, tr.Has(prefix+c), "%s: %s%s", lang, prefix, c)
			}
		}
		for _, f := range []string{"incubator_name", "incubator_level", "incubator_address", "area_m2", "incubator",
			"applicant_kind", "applicant", "leader", "summary", "submitted", "status", "step_date", "step_note",
			"plan_level", "plan_name", "plan_title", "requested_funds", "granted_funds", "registered"} {
			assert.True(t, tr.Has("fieldlabel."+f), "%s: fieldlabel.%s", lang, f)
		}
	}
}
