package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A workflow step changes the status the details show, not only the history and the buttons beside them.
func TestApplicationPageShowsTheStatusAfterAStep(t *testing.T) {
	win, st := newIncubateTestWindow(t)
	_, a := seedIncubator(t, st)
	s := openIncubatorScreen(t, win, st)
	s.openApplication(a)
	p := s.page
	assert.Contains(t, labelTexts(p.details), "已申请（2025-03-01 起）")

	test.Tap(p.flow.stepBtns["reviewing"])
	p.flow.stepDlg.day.SetText("2025-03-05")
	test.Tap(p.flow.stepDlg.saveBtn)

	shown := labelTexts(p.details)
	assert.Contains(t, shown, "评审中（2025-03-05 起）", "the details show the status as stored")
	assert.NotContains(t, shown, "已申请（2025-03-01 起）")
	assert.Contains(t, shown, "海洋传感创业团队")
}

// An edit saved from a company's page shows what the database holds, the park's name included.
func TestCompanyPageShowsTheCompanyAsStoredAfterAnEdit(t *testing.T) {
	u, st := newTestUI(t, false)
	c := historyCompany("91350100M000100Y43", "大连测试科技有限公司")
	require.NoError(t, st.CreateCompany(bg(), &c))
	parks, err := st.Parks(bg())
	require.NoError(t, err)
	require.NotEmpty(t, parks)
	u.ShowSection("nav.companies")
	u.companies.openPage(c)
	p := u.companies.page
	require.NotContains(t, labelTexts(p.details), "0411-7654321") // drawn once, as a user sees it

	c.Phone = "0411-7654321"
	c.ParkID = parks[0].ID
	require.NoError(t, st.UpdateCompany(bg(), &c))
	c.ParkName = ""
	p.setCompany(c) // as the form does after saving: the record it saved, not as the database holds it

	shown := labelTexts(p.details)
	assert.Contains(t, shown, "0411-7654321")
	assert.Contains(t, shown, parks[0].Name, "the park by name, as read again")
}
