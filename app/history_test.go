package app

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// historyCompany is a company the history tests create, with a valid code.
func historyCompany(code, name string) data.Company {
	return data.Company{USCC: code, Name: name, Field: "electronics"}
}

// historyImport imports n new companies through the store, as the Exchange section would.
func historyImport(t *testing.T, st *data.Store, n int) data.ImportResult {
	t.Helper()
	var rows []data.ImportRow
	layout := data.NewImportLayout("uscc", "name", "field")
	for i := 0; i < n; i++ {
		body := "91210212MC" + strconv.Itoa(100000+i) + "0"
		check, ok := data.USCCCheckChar(body[:17])
		require.True(t, ok)
		code := body[:17] + string(check)
		rows = append(rows, data.NewImportRow("企业名单.xlsx", "企业", "companies", i+2, layout,
			map[string]string{"uscc": code, "name": "导入企业" + strconv.Itoa(i), "field": "energy"}))
	}
	plan, err := st.PlanImport(bg(), rows)
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	res, err := st.ApplyImport(bg(), plan, data.ImportMeta{FileName: "企业名单.xlsx"})
	require.NoError(t, err)
	return res
}

// historyRow finds the row of the list whose cells contain every text given; -1 if none.
func historyRow(s *historyScreen, texts ...string) int {
	for r := 0; r < s.list.count; r++ {
		var line []string
		for c := range s.list.cfg.Columns {
			line = append(line, s.list.cellText(r, c))
		}
		all := strings.Join(line, " | ")
		found := true
		for _, t := range texts {
			found = found && strings.Contains(all, t)
		}
		if found {
			return r
		}
	}
	return -1
}

func selectHistoryRow(t *testing.T, s *historyScreen, row int) {
	t.Helper()
	require.GreaterOrEqual(t, row, 0, "the row is listed")
	s.list.table.Select(widget.TableCellID{Row: row, Col: 0})
}

// undoThroughTheScreen taps a button, confirms, and waits for the undo to finish.
func undoThroughTheScreen(t *testing.T, u *UI, btn func() *historyScreen) {
	t.Helper()
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm")))
	select {
	case <-btn().undone:
	case <-time.After(20 * time.Second):
		t.Fatal("the undo did not finish")
	}
}

func TestHistoryScreenListsChangesInTheUsersWordsAndUndoesOne(t *testing.T) {
	u, st := newTestUI(t, false)
	c := historyCompany("91350100M000100Y43", "大连测试科技有限公司")
	require.NoError(t, st.CreateCompany(bg(), &c))
	st.SetOperator("李四")
	c.Name = "大连改名科技有限公司"
	require.NoError(t, st.UpdateCompany(bg(), &c))

	u.ShowSection("nav.history")
	h := u.history
	require.Equal(t, 2, h.list.count)
	assert.Equal(t, "李四", h.list.cellText(0, 1))
	assert.Equal(t, "修改", h.list.cellText(0, 2))
	assert.Equal(t, "企业 大连改名科技有限公司", h.list.cellText(0, 3))
	assert.Equal(t, "企业名称：大连测试科技有限公司 → 大连改名科技有限公司", h.list.cellText(0, 4))
	assert.Contains(t, h.list.cellText(1, 4), "统一社会信用代码：91350100M000100Y43")
	assert.Contains(t, h.list.cellText(1, 4), "高新技术领域：电子信息", "codes in words")
	assert.True(t, h.undoBtn.Disabled(), "nothing selected")

	// Undoing the creation is refused while the rename stands, naming who renamed it.
	selectHistoryRow(t, h, 1)
	assert.Contains(t, h.detail.Text, "企业名称：大连测试科技有限公司")
	require.False(t, h.undoBtn.Disabled())
	test.Tap(h.undoBtn)
	undoThroughTheScreen(t, u, func() *historyScreen { return h })
	refusal := strings.ReplaceAll(overlayText(t, u.win), "\n", "") // the dialog breaks its lines to fit
	assert.Contains(t, refusal, "李四")
	assert.Contains(t, refusal, "修改了企业 大连改名科技有限公司")
	_, err := st.CompanyByUSCC(bg(), c.USCC)
	require.NoError(t, err, "nothing was undone")
	u.win.Canvas().Overlays().Top().Hide()

	// Undo the rename, then the creation.
	selectHistoryRow(t, h, historyRow(h, "修改", "大连改名科技有限公司"))
	test.Tap(h.undoBtn)
	assert.Contains(t, overlayText(t, u.win), "李四")
	undoThroughTheScreen(t, u, func() *historyScreen { return h })
	got, err := st.CompanyByUSCC(bg(), c.USCC)
	require.NoError(t, err)
	assert.Equal(t, "大连测试科技有限公司", got.Name)
	require.Equal(t, 3, h.list.count, "the undo is listed")
	assert.Equal(t, "撤销（修改）", h.list.cellText(0, 2))
	assert.Equal(t, "修改（已撤销）", h.list.cellText(1, 2))

	selectHistoryRow(t, h, historyRow(h, "新增"))
	test.Tap(h.undoBtn)
	undoThroughTheScreen(t, u, func() *historyScreen { return h })
	_, err = st.CompanyByUSCC(bg(), c.USCC)
	assert.Equal(t, data.NotFound, data.ErrorCode(err))
}

func TestHistoryScreenFiltersAndUndoesAnImport(t *testing.T) {
	u, st := newTestUI(t, false)
	c := historyCompany("91350100M000100Y43", "大连测试科技有限公司")
	require.NoError(t, st.CreateCompany(bg(), &c))
	out := data.AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 12_345_600, AddedValue: 1_000_000}
	require.NoError(t, st.CreateOutput(bg(), &out))
	st.SetOperator("王五")
	res := historyImport(t, st, 3)

	u.ShowSection("nav.history")
	h := u.history
	require.Equal(t, 5, h.list.count)
	row := historyRow(h, "年度产值")
	require.GreaterOrEqual(t, row, 0)
	assert.Contains(t, h.list.cellText(row, 4), "高新技术产品产值：1234.56 万元", "amounts in 万元")

	h.list.filters["entity"].SetSelected(zh.T("history.entity.annual_output"))
	assert.Equal(t, 1, h.list.count)
	h.list.filters["entity"].SetSelected(zh.T("list.all"))
	h.list.filters["operator"].SetSelected("王五")
	assert.Equal(t, 3, h.list.count)
	h.list.filters["operator"].SetSelected(zh.T("list.all"))

	test.Type(h.from, "2099-01-01")
	assert.Equal(t, 0, h.list.count, "nothing from 2099")
	h.from.SetText("")
	test.Type(h.to, time.Now().AddDate(0, 0, -1).Format("2006-01-02"))
	assert.Equal(t, 0, h.list.count, "nothing up to yesterday")
	h.to.SetText(time.Now().Format("2006-01-02"))
	assert.Equal(t, 5, h.list.count, "the last day counts whole")

	assert.True(t, h.undoImportBtn.Disabled())
	h.list.filters["import"].SetSelectedIndex(1)
	require.Equal(t, 3, h.list.count, "the import's records")
	require.False(t, h.undoImportBtn.Disabled())
	test.Tap(h.undoImportBtn)
	assert.Contains(t, overlayText(t, u.win), "企业名单.xlsx")
	undoThroughTheScreen(t, u, func() *historyScreen { return h })
	n, err := st.CountCompanies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, n, "the imported companies are gone, the one made by hand stays")
	for r := 0; r < h.list.count; r++ {
		assert.Contains(t, h.list.cellText(r, 2), "已撤销")
	}
	h.list.filters["import"].SetSelected(zh.T("list.all"))
	assert.Equal(t, 2+3+3, h.list.count, "the import's three and the undo's three")
	assert.NotZero(t, res.ImportID)
}

func TestARecordsPageShowsItsOwnHistory(t *testing.T) {
	u, st := newTestUI(t, false)
	c := historyCompany("91350100M000100Y43", "大连测试科技有限公司")
	require.NoError(t, st.CreateCompany(bg(), &c))
	st.SetOperator("李四")
	c.Phone = "0411-1234567"
	require.NoError(t, st.UpdateCompany(bg(), &c))
	other := historyCompany("91110000600037341L", "大连其他科技有限公司")
	require.NoError(t, st.CreateCompany(bg(), &other))

	u.ShowSection("nav.companies")
	u.companies.openPage(c)
	p := u.companies.page
	require.NotNil(t, p.history)
	assert.Empty(t, p.history.entries, "read only when opened")
	test.Tap(p.history.toggle)
	require.True(t, p.history.body.Visible())
	require.Len(t, p.history.entries, 2, "its own changes only")
	assert.Equal(t, "update", p.history.entries[0].Action)
	assert.True(t, p.history.toggle.Visible())
	item := p.history.items.Objects[0].(*widget.Label)
	assert.Contains(t, item.Text, "李四")
	assert.Contains(t, item.Text, "联系电话：0411-1234567")
	assert.Equal(t, fyne.TextWrapWord, item.Wrapping, "a change is read whole in the narrow pane")

	// An edit made on the page shows in its history at once.
	p.company.Phone = "0411-7654321"
	require.NoError(t, st.UpdateCompany(bg(), &p.company))
	p.setCompany(p.company)
	require.Len(t, p.history.entries, 3)
}

// The 从 and 至 dates are read whole, with room to spare: in the 130 px the entries had, a date reached the
// entry's check mark and the YYYY-MM-DD hint filled the empty entry to its edge, which scrolled it (a shadow
// over its first letter on the screen).
func TestHistoryDateEntriesHoldADate(t *testing.T) {
	u, _ := newTestUI(t, false)
	u.ShowSection("nav.history")
	h := u.history
	test.Type(h.from, "2025-01-01")
	require.Nil(t, h.from.Validate())
	for _, e := range []*widget.Entry{h.from, h.to} {
		var view *container.Scroll
		walkDrawn(e, func(o fyne.CanvasObject) bool {
			if s, ok := o.(*container.Scroll); ok && view == nil {
				view = s
			}
			return true
		})
		require.NotNil(t, view, "an entry shows its text through a scroll")
		assert.GreaterOrEqual(t, view.Size().Width, view.Content.MinSize().Width+theme.InnerPadding(),
			"%q (hint %q) has room in its entry", e.Text, e.PlaceHolder)
	}
}
