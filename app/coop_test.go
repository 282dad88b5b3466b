package app

import (
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

// coopWorld is a window over a database with two companies, two institutions, one cooperation with an
// outcome and one base.
type coopWorld struct {
	env        *env
	win        fyne.Window
	st         *data.Store
	acme, blue data.Company
	dut, dicp  data.Institution
	coop       data.Cooperation
	base       data.CoopBase
}

func newCoopWorld(t *testing.T) *coopWorld {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.Open(datatest.EmptyFile(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	w := &coopWorld{env: testEnv(a, testDay), win: a.NewWindow("coop"), st: st}
	w.win.Resize(fyne.NewSize(1280, 760))
	w.acme = data.Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}
	w.blue = data.Company{USCC: "91110000600037341L", Name: "大连蓝海生物有限公司", Field: "biomedicine"}
	w.dut = data.Institution{Name: "大连理工大学", Kind: "university", City: "大连"}
	w.dicp = data.Institution{Name: "中国科学院大连化学物理研究所", Kind: "institute", City: "大连"}
	for _, c := range []*data.Company{&w.acme, &w.blue} {
		require.NoError(t, st.CreateCompany(bg(), c))
	}
	for _, in := range []*data.Institution{&w.dut, &w.dicp} {
		require.NoError(t, st.CreateInstitution(bg(), in))
	}
	w.coop = data.Cooperation{CompanyID: w.acme.ID, InstitutionID: w.dut.ID, Programme: "万名院士助创行动",
		Started: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, st.CreateCooperation(bg(), &w.coop))
	o := data.CoopOutcome{CooperationID: w.coop.ID, Kind: "product", Title: "海洋防腐涂料", Year: 2024}
	require.NoError(t, st.CreateCoopOutcome(bg(), &o))
	w.base = data.CoopBase{Name: "海洋材料联合研发基地", CompanyID: w.acme.ID, InstitutionID: w.dut.ID,
		Established: time.Date(2022, 6, 18, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, st.CreateCoopBase(bg(), &w.base))
	return w
}

func (w *coopWorld) show(o fyne.CanvasObject) { w.win.SetContent(o) }

// overlayText is every label text in the topmost dialog, joined by newlines.
func overlayText(t *testing.T, win fyne.Window) string {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	require.NotNil(t, top, "no dialog is open")
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *widget.Label:
			texts = append(texts, c.Text)
		case *widget.RichText:
			texts = append(texts, c.String())
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
			return
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wd).Objects() {
				walk(child)
			}
		}
	}
	walk(top)
	return strings.Join(texts, "\n")
}

func TestAddInstitutionThroughTheForm(t *testing.T) {
	w := newCoopWorld(t)
	s := newInstitutionScreen(w.env, w.st, w.win)
	w.show(s.build())
	assert.Equal(t, "共 2 条", s.list.countLabel.Text)

	test.Tap(s.list.addBtn)
	f := s.form
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "an empty name cannot be saved")
	test.Type(f.name, "大连海事大学")
	test.Type(f.city, "大连")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)

	list, err := w.st.Institutions(bg(), data.InstitutionFilter{Query: "海事"})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "university", list[0].Kind)
	assert.Equal(t, "共 3 条", s.list.countLabel.Text)
	test.Type(s.list.search, "海事")
	assert.Equal(t, "大连海事大学", s.list.cellText(0, 0))
	assert.Equal(t, "高校", s.list.cellText(0, 1))

	// A clash is refused, named, and nothing is written.
	test.Tap(s.list.addBtn)
	f = s.form
	test.Type(f.name, "大连理工大学")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "“大连理工大学”已经登记过")
	f.name.SetText("")
	assert.True(t, f.saveBtn.Disabled(), "an emptied name keeps Save disabled")
	n, err := w.st.CountInstitutions(bg(), data.InstitutionFilter{})
	require.NoError(t, err)
	assert.Equal(t, 3, n)
}

func TestInstitutionKindFilterAndPage(t *testing.T) {
	w := newCoopWorld(t)
	s := newInstitutionScreen(w.env, w.st, w.win)
	w.show(s.build())
	s.list.filters["kind"].SetSelected("科研院所")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
	assert.Equal(t, "中国科学院大连化学物理研究所", s.list.cellText(0, 0))
	s.list.filters["kind"].SetSelected("全部")

	assert.Equal(t, "大连理工大学", s.list.cellText(0, 0), "names in pinyin order: 大 (dà) before 中 (zhōng)")
	s.list.onSort(data.InstSortName) // already by name: reverses
	assert.Equal(t, "大连理工大学", s.list.cellText(1, 0))
	assert.Equal(t, "1", s.list.cellText(1, 3), "cooperations counted")
	assert.Equal(t, "1", s.list.cellText(1, 4), "bases counted")
	s.list.table.Select(widget.TableCellID{Row: 1, Col: 0})
	test.Tap(s.list.openBtn)
	p := s.page
	require.NotNil(t, p)
	assert.Equal(t, "大连理工大学", p.title.Text)
	assert.Equal(t, "大连测试科技有限公司", p.coops.cellText(0, 0), "the page lists what links to the institution")
	assert.Equal(t, "海洋材料联合研发基地", p.bases.cellText(0, 0))
	test.Tap(p.backBtn)
	assert.Nil(t, s.page)
}

func TestDeleteInstitutionAsksNamingLinks(t *testing.T) {
	w := newCoopWorld(t)
	s := newInstitutionScreen(w.env, w.st, w.win)
	w.show(s.build())
	test.Type(s.list.search, "理工")
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.deleteBtn)
	msg := overlayText(t, w.win)
	assert.Contains(t, msg, "确定删除“大连理工大学”吗")
	assert.Contains(t, msg, "产学研合作 1 条、合作成果 1 条、合作基地 1 条")
	test.Tap(overlayButton(t, w.win, "取消"))
	_, err := w.st.Institution(bg(), w.dut.ID)
	require.NoError(t, err, "nothing is deleted before the user confirms")

	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.deleteBtn)
	test.Tap(overlayButton(t, w.win, "确定"))
	_, err = w.st.Institution(bg(), w.dut.ID)
	assert.Equal(t, data.NotFound, data.ErrorCode(err))
	_, err = w.st.Cooperation(bg(), w.coop.ID)
	assert.Equal(t, data.NotFound, data.ErrorCode(err), "its cooperation goes with it")
	assert.Equal(t, "共 0 条", s.list.countLabel.Text)
}

func TestAddCooperationThroughTheForm(t *testing.T) {
	w := newCoopWorld(t)
	s := newCooperationScreen(w.env, w.st, w.win)
	w.show(s.build())
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)

	test.Tap(s.list.addBtn)
	f := s.form
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled())
	test.Type(f.company.entry, "蓝海")
	assert.Equal(t, []string{"大连蓝海生物有限公司"}, f.company.options, "typing offers the matching companies")
	assert.True(t, f.saveBtn.Disabled(), "part of a name is not a company")
	assert.Equal(t, "企业：请从下拉列表中选择已登记的企业", f.problem.Text, "a disabled Save says why")
	f.company.entry.SetText("大连蓝海生物有限公司")
	f.institution.entry.SetText("中国科学院大连化学物理研究所")
	f.programme.sel.SetSelected("万名院士助创行动")
	test.Type(f.started, "2024-05-01")
	test.Type(f.ended, "2024-04-30")
	assert.True(t, f.saveBtn.Disabled(), "an end before the start keeps Save disabled")
	assert.Contains(t, f.ended.Validator(f.ended.Text).Error(), "早于开始日期 2024-05-01")
	f.ended.SetText("2025-12-31")
	f.started.SetText("2024-13-01")
	assert.True(t, f.saveBtn.Disabled(), "a wrong date keeps Save disabled")
	f.started.SetText("2024-05-01")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)

	list, err := w.st.Cooperations(bg(), data.CooperationFilter{CompanyID: w.blue.ID})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "中国科学院大连化学物理研究所", list[0].InstitutionName)
	assert.Equal(t, "2025-12-31", data.FormatDate(list[0].Ended))
	assert.Equal(t, "共 2 条", s.list.countLabel.Text)
	test.Type(s.list.search, "蓝海")
	assert.Equal(t, "大连蓝海生物有限公司", s.list.cellText(0, 0))
	assert.Equal(t, "2024-05-01", s.list.cellText(0, 3))
	assert.Equal(t, "2025-12-31", s.list.cellText(0, 4))

	// The same company, institution and start again is refused, naming the start.
	test.Tap(s.list.addBtn)
	f = s.form
	f.company.entry.SetText("大连蓝海生物有限公司")
	f.institution.entry.SetText("中国科学院大连化学物理研究所")
	test.Type(f.started, "2024-05-01")
	test.Tap(f.saveBtn)
	assert.Contains(t, f.problem.Text, "开始日期：该企业与该高校院所已有一项 2024-05-01 开始的合作")
}

func TestCooperationYearFilter(t *testing.T) {
	w := newCoopWorld(t)
	ended := data.Cooperation{CompanyID: w.blue.ID, InstitutionID: w.dicp.ID,
		Started: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Ended: time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, w.st.CreateCooperation(bg(), &ended))
	s := newCooperationScreen(w.env, w.st, w.win)
	w.show(s.build())
	years := s.list.filters["year"]
	assert.Equal(t, "全部", years.Options[0])
	assert.Equal(t, "2020", years.Options[len(years.Options)-1])
	for year, want := range map[string]string{"2022": "共 1 条", "2023": "共 1 条", "2021": "共 1 条"} {
		years.SetSelected(year)
		assert.Equal(t, want, s.list.countLabel.Text, year)
	}
	years.SetSelected("2022")
	assert.Equal(t, "大连蓝海生物有限公司", s.list.cellText(0, 0))
	years.SetSelected("2023")
	assert.Equal(t, "大连测试科技有限公司", s.list.cellText(0, 0))
	assert.Equal(t, "进行中", s.list.cellText(0, 4))

	years.SetSelected("全部")
	s.list.filters["institution"].SetSelected("中国科学院大连化学物理研究所")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
	s.list.filters["institution"].SetSelected("全部")
	s.list.filters["company"].SetSelected("大连测试科技有限公司")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text)
}

func TestCooperationPageOutcomes(t *testing.T) {
	w := newCoopWorld(t)
	s := newCooperationScreen(w.env, w.st, w.win)
	w.show(s.build())
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.openBtn)
	p := s.page
	require.NotNil(t, p)
	assert.Equal(t, "大连测试科技有限公司 — 大连理工大学", p.title.Text)
	assert.Equal(t, "海洋防腐涂料", p.outcomes.cellText(0, 2))

	test.Tap(p.outcomes.addBtn)
	f := p.outForm
	require.NotNil(t, f)
	assert.True(t, f.saveBtn.Disabled(), "a title is required")
	test.Type(f.title, "船舶压载水处理装置")
	f.year.SetText("25")
	assert.True(t, f.saveBtn.Disabled(), "a two-digit year keeps Save disabled")
	f.year.SetText("2025")
	f.kind.SetSelected("新产品")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)
	outs, err := w.st.CoopOutcomes(bg(), data.CoopOutcomeFilter{CooperationID: w.coop.ID, Year: 2025})
	require.NoError(t, err)
	require.Len(t, outs, 1)
	assert.Equal(t, "product", outs[0].Kind)
	assert.Equal(t, "共 2 条", p.outcomes.countLabel.Text)
	p.outcomes.onSort(data.OutcomeSortYear) // newest first
	assert.Equal(t, "船舶压载水处理装置", p.outcomes.cellText(0, 2))
	assert.Equal(t, "新产品", p.outcomes.cellText(0, 1))

	p.outcomes.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(p.outcomes.editBtn)
	p.outForm.title.SetText("船舶压载水处理系统")
	test.Tap(p.outForm.saveBtn)
	assert.Equal(t, "船舶压载水处理系统", p.outcomes.cellText(0, 2))

	p.outcomes.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(p.outcomes.deleteBtn)
	assert.Contains(t, overlayText(t, w.win), "船舶压载水处理系统")
	test.Tap(overlayButton(t, w.win, "确定"))
	n, err := w.st.CountCoopOutcomes(bg(), data.CoopOutcomeFilter{CooperationID: w.coop.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, n)

	// Deleting the cooperation names its outcomes, then goes back to the list.
	test.Tap(p.deleteBtn)
	assert.Contains(t, overlayText(t, w.win), "合作成果 1 条")
	test.Tap(overlayButton(t, w.win, "确定"))
	assert.Nil(t, s.page)
	assert.Equal(t, "共 0 条", s.list.countLabel.Text)
}

func TestAddBaseThroughTheForm(t *testing.T) {
	w := newCoopWorld(t)
	s := newBaseScreen(w.env, w.st, w.win)
	w.show(s.build())
	test.Tap(s.list.addBtn)
	f := s.form
	require.NotNil(t, f)
	test.Type(f.name, "生物医药联合实验室")
	f.company.entry.SetText("大连蓝海生物有限公司")
	f.institution.entry.SetText("大连理工大学")
	f.established.SetText(data.FormatDate(data.Today().AddDate(0, 0, 1))) // data judges "the future" by the system clock
	assert.True(t, f.saveBtn.Disabled(), "a base established tomorrow keeps Save disabled")
	f.established.SetText("2023-09-01")
	require.False(t, f.saveBtn.Disabled())
	test.Tap(f.saveBtn)

	list, err := w.st.CoopBases(bg(), data.CoopBaseFilter{CompanyID: w.blue.ID})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "生物医药联合实验室", list[0].Name)
	assert.Equal(t, "共 2 条", s.list.countLabel.Text)
	s.list.filters["company"].SetSelected("大连测试科技有限公司")
	assert.Equal(t, "共 1 条", s.list.countLabel.Text, "the filter lists companies with bases or cooperations")
	s.list.filters["company"].SetSelected("全部")
	test.Type(s.list.search, "生物")
	assert.Equal(t, "生物医药联合实验室", s.list.cellText(0, 0))
	assert.Equal(t, "2023-09-01", s.list.cellText(0, 3))

	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.deleteBtn)
	assert.Contains(t, overlayText(t, w.win), "确定删除“生物医药联合实验室”吗")
	test.Tap(overlayButton(t, w.win, "确定"))
	n, err := w.st.CountCoopBases(bg(), data.CoopBaseFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
