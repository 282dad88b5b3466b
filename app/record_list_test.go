package app

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fakeRow struct {
	name string
	year int
}

// fakeSource serves rows the way a store does: filtered, sorted, one page at a time; it counts page reads.
type fakeSource struct {
	rows   []fakeRow
	reads  map[int]int // page reads by offset
	opened []fakeRow   // the rows the list opened (OnOpen)
}

func (s *fakeSource) match(q listQuery) []fakeRow {
	var out []fakeRow
	for _, r := range s.rows {
		if q.Text != "" && !strings.Contains(r.name, q.Text) {
			continue
		}
		if y := q.Filters["year"]; y != "" && strconv.Itoa(r.year) != y {
			continue
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		less := out[i].name < out[j].name
		if q.Sort == "year" {
			less = out[i].year < out[j].year
		}
		if q.Desc {
			return !less
		}
		return less
	})
	return out
}

func (s *fakeSource) count(q listQuery) (int, error) { return len(s.match(q)), nil }

func (s *fakeSource) page(q listQuery) ([]fakeRow, error) {
	if s.reads == nil {
		s.reads = map[int]int{}
	}
	s.reads[q.Offset]++
	rows := s.match(q)
	if q.Limit == 0 {
		return rows, nil
	}
	end := min(q.Offset+q.Limit, len(rows))
	return rows[q.Offset:end], nil
}

func newFakeList(t *testing.T) (*recordList[fakeRow], *fakeSource, *[]fakeRow) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	src := &fakeSource{}
	for i := 0; i < 250; i++ {
		src.rows = append(src.rows, fakeRow{fmt.Sprintf("企业%03d", i), 2020 + i%6})
	}
	var deleted []fakeRow
	e := testEnv(a, testDay)
	l := newRecordList(recordListConfig[fakeRow]{
		Env: e,
		Win: w,
		Columns: []listColumn[fakeRow]{
			{Key: "company.name", Width: 200, Text: func(r fakeRow) string { return r.name }, Sort: "name"},
			{Key: "output.year", Width: 80, Text: func(r fakeRow) string { return strconv.Itoa(r.year) }, Sort: "year", Right: true},
		},
		Count: src.count, Page: src.page,
		Filters:     []listFilter{{Key: "year", Label: "年度", Options: e.yearOptions(2020, 2025)}},
		Placeholder: "搜索", DefaultSort: "name", AddText: "新增", OnAdd: func() {},
		OnOpen:     func(r fakeRow) { src.opened = append(src.opened, r) },
		OnDelete:   func(r fakeRow) { deleted = append(deleted, r) },
		ExportName: "名单",
	})
	w.SetContent(l.build())
	w.Resize(fyne.NewSize(800, 600))
	return l, src, &deleted
}

// shownLabel is the label the window draws with text, found as the window renders it.
func shownLabel(t *testing.T, w fyne.Window, text string) *widget.Label {
	t.Helper()
	found := findObject(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && l.Text == text && l.Visible()
	})
	require.NotNil(t, found, "the window shows no %q", text)
	return found.(*widget.Label)
}

// posIn is where inside in the middle of o lies, as a pointer event gives it to in.
func posIn(in, o fyne.CanvasObject) fyne.Position {
	d := fyne.CurrentApp().Driver()
	return d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(in)).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

func TestRecordListRowOpensWithADoubleClickOrEnter(t *testing.T) {
	l, src, _ := newFakeList(t)
	w := l.cfg.Win
	test.TapAt(l.table, posIn(l.table, shownLabel(t, w, "企业003")))
	require.Equal(t, 3, l.selRow, "a click selects the row")
	focused := w.Canvas().Focused()
	require.NotNil(t, focused, "a click gives the list the keyboard")
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	require.Len(t, src.opened, 1, "Enter opens the selected row")
	assert.Equal(t, "企业003", src.opened[0].name)

	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	assert.Equal(t, 4, l.selRow, "Down moves the selection")
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	assert.Equal(t, 2, l.selRow, "Up moves it back")

	dt, ok := fyne.CanvasObject(l.table).(fyne.DoubleTappable)
	require.True(t, ok, "a row opens with a double click")
	dt.DoubleTapped(&fyne.PointEvent{Position: posIn(l.table, shownLabel(t, w, "企业005"))})
	require.Len(t, src.opened, 2)
	assert.Equal(t, "企业005", src.opened[1].name, "the row double-clicked opens, not the one selected before")
	assert.Equal(t, 5, l.selRow)
}

func TestRecordListClickSelectsTheWholeRow(t *testing.T) {
	l, _, _ := newFakeList(t)
	w := l.cfg.Win
	name := shownLabel(t, w, "企业003")
	test.TapAt(l.table, posIn(l.table, name)) // a click on the name…
	year := findObject(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*listCell)
		return ok && c.label.Text == "2023" && c.Position().Y == findCell(w, name).Position().Y
	})
	require.NotNil(t, year)
	band := selectedRowColor(l.table.Theme())
	assert.Equal(t, band, findCell(w, name).band.FillColor, "…marks the name")
	assert.Equal(t, band, year.(*listCell).band.FillColor, "…and every other cell of its row")
	assert.Equal(t, color.Transparent, findCell(w, shownLabel(t, w, "企业004")).band.FillColor, "the next row is not marked")
	l.reload()
	assert.Equal(t, color.Transparent, findCell(w, shownLabel(t, w, "企业003")).band.FillColor, "reading the list again drops the selection")
}

// findCell is the list cell that holds label.
func findCell(w fyne.Window, label *widget.Label) *listCell {
	c, _ := findObject(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*listCell)
		return ok && c.label == label
	}).(*listCell)
	return c
}

func TestRecordListReadsOnlyThePagesItShows(t *testing.T) {
	l, src, _ := newFakeList(t)
	assert.Equal(t, "共 250 条", l.countLabel.Text)
	src.reads = nil
	l.reload()
	assert.Equal(t, "企业000", l.cellText(0, 0))
	assert.Equal(t, "企业099", l.cellText(99, 0))
	assert.Equal(t, "企业249", l.cellText(249, 0))
	assert.Equal(t, map[int]int{0: 1, 200: 1}, src.reads, "rows 0, 99 and 249 are on two pages; each is read once, page 100–199 never")
}

func TestRecordListSearchFilterSort(t *testing.T) {
	l, _, _ := newFakeList(t)
	test.Type(l.search, "企业00")
	assert.Equal(t, "共 10 条", l.countLabel.Text)
	l.search.SetText("")
	l.filters["year"].SetSelected("2021")
	assert.Equal(t, "共 42 条", l.countLabel.Text)
	assert.Equal(t, "2021", l.cellText(0, 1))
	l.filters["year"].SetSelectedIndex(0)
	l.onSort("year")
	assert.Equal(t, "2020", l.cellText(0, 1))
	l.onSort("year")
	assert.Equal(t, "2025", l.cellText(0, 1), "the second tap reverses the order")
}

func TestRecordListDeleteActsOnTheSelectedRow(t *testing.T) {
	l, _, deleted := newFakeList(t)
	assert.True(t, l.deleteBtn.Disabled())
	l.table.Select(widget.TableCellID{Row: 3, Col: 0})
	require.False(t, l.deleteBtn.Disabled())
	test.Tap(l.deleteBtn)
	require.Len(t, *deleted, 1)
	assert.Equal(t, "企业003", (*deleted)[0].name)
}

func TestRecordListExportWritesWhatTheListShows(t *testing.T) {
	l, _, _ := newFakeList(t)
	l.filters["year"].SetSelected("2022")
	rows := exportList(t, l)
	require.Len(t, rows, 1+42, "the header and every filtered row, not only the first page")
	assert.Equal(t, []string{"企业名称", "年度"}, rows[0])
	for _, r := range rows[1:] {
		assert.Equal(t, "2022", r[1])
	}
}
