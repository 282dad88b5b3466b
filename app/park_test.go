package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

// newParkTest opens the parks section alone in a test window over a fresh database (the parks are seeded).
func newParkTest(t *testing.T) (*parkScreen, *data.Store, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	st, err := data.Open(datatest.EmptyFile(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	win := a.NewWindow("parks")
	win.Resize(fyne.NewSize(1280, 760))
	s := newParkScreen(testEnv(a, testDay), st, win)
	win.SetContent(s.build())
	return s, st, win
}

func parkCell(s *parkScreen, row, col int) string {
	label := widget.NewLabel("")
	s.updateParkCell(widget.TableCellID{Row: row, Col: col}, label)
	return label.Text
}

func TestAddParkProjectThroughTheForm(t *testing.T) {
	s, st, _ := newParkTest(t)
	assert.Equal(t, "现代海洋产业园", parkCell(s, 0, 0))
	assert.Equal(t, "产业长廊", parkCell(s, 2, 1))
	assert.Equal(t, "0", parkCell(s, 0, 3))

	test.Tap(s.list.addBtn)
	f := s.form
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "no park and no title yet")
	f.park.SetSelected("现代海洋产业园")
	test.Type(f.title, "海洋牧场")
	test.Type(f.lead, "大连海宝渔业有限公司")
	f.status.SetSelected("运营中")
	test.Type(f.area, "3000.5")
	test.Type(f.investment, "1,200")
	test.Type(f.description, "人工鱼礁与底播增殖")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)

	list, err := st.ParkProjects(bg(), data.ParkProjectFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	p := list[0]
	assert.Equal(t, "海洋牧场", p.Title)
	assert.Equal(t, "现代海洋产业园", p.ParkName)
	assert.Equal(t, data.ProjectOperating, p.Status)
	assert.Equal(t, data.Mu(300050), p.Area)
	assert.Equal(t, data.Yuan(12_000_000), p.Investment)

	row := findRow(s.list, "海洋牧场")
	require.Equal(t, 0, row)
	assert.Equal(t, "现代海洋产业园", s.list.cellText(row, 1))
	assert.Equal(t, "运营中", s.list.cellText(row, 3))
	assert.Equal(t, "3000.50", s.list.cellText(row, 4))
	assert.Equal(t, "1200.00", s.list.cellText(row, 5))
	assert.Equal(t, "1", parkCell(s, 0, 3), "the park counts its new project")
	assert.Equal(t, "3000.50", parkCell(s, 0, 4))
}

func TestWrongAreaKeepsSaveDisabled(t *testing.T) {
	s, st, _ := newParkTest(t)
	test.Tap(s.list.addBtn)
	f := s.form
	f.park.SetSelected("现代园艺产业园")
	f.status.SetSelected("建设中")
	test.Type(f.title, "3000亩设施农业改造")
	test.Type(f.area, "3000.125")
	assert.True(t, f.saveBtn.Disabled())
	assert.Equal(t, "最多两位小数", f.area.Validator(f.area.Text).Error())
	f.area.SetText("-5")
	assert.True(t, f.saveBtn.Disabled())
	f.area.SetText("3000")
	test.Type(f.investment, "十万")
	assert.True(t, f.saveBtn.Disabled())
	f.investment.SetText("")
	assert.False(t, f.saveBtn.Disabled(), "no investment is allowed")
	test.Tap(f.saveBtn)
	n, err := st.CountParkProjects(bg(), data.ParkProjectFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

func TestDuplicateProjectTitleIsNamedAndParkFilters(t *testing.T) {
	s, st, win := newParkTest(t)
	parks, err := st.Parks(bg())
	require.NoError(t, err)
	for _, p := range []data.ParkProject{
		{ParkID: parks[0].ID, Title: "海洋牧场", Status: data.ProjectOperating},
		{ParkID: parks[2].ID, Title: "蝶恋花蝴蝶园", Status: data.ProjectOperating},
		{ParkID: parks[2].ID, Title: "航天博物馆", Status: data.ProjectBuilding},
	} {
		require.NoError(t, st.CreateParkProject(bg(), &p))
	}
	s.onSaved()
	assert.Equal(t, "共 3 条", s.list.countLabel.Text)

	s.parkTable.Select(widget.TableCellID{Row: 2, Col: 0})
	assert.Equal(t, "现代都市休闲旅游产业长廊", s.list.filters["park"].Selected, "tapping a park shows its projects")
	assert.Equal(t, "共 2 条", s.list.countLabel.Text)
	s.list.filters["status"].SetSelected("建设中")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
	assert.Equal(t, "航天博物馆", s.list.cellText(0, 0))

	test.Tap(s.list.addBtn)
	f := s.form
	assert.Equal(t, "现代都市休闲旅游产业长廊", f.park.Selected, "a new project goes to the park shown")
	test.Type(f.title, "蝶恋花蝴蝶园")
	test.Tap(f.saveBtn)
	assert.Equal(t, "名称：该园区已有名为“蝶恋花蝴蝶园”的项目", f.problem.Text)
	f.close()

	s.list.filters["status"].SetSelected("全部")
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.deleteBtn)
	test.Tap(overlayButton(t, win, "确定"))
	n, err := st.CountParkProjects(bg(), data.ParkProjectFilter{})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, "1", parkCell(s, 2, 3))
}
