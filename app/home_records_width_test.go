package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A name longer than a 明细 column may grow is read whole, wrapped in a taller row as the lists wrap their
// long texts (record_columns.go), not cut with "…" at 520 px with no way to read the rest; and the dialog takes
// the window's height, not a fixed 560 px.
func TestFigureRecordsWrapLongNamesAndFitTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1280, 760))
	long := strings.Repeat("海洋牧场人工鱼礁布设与资源养护技术", 3) + "研究"
	tbl := data.Table{Columns: []string{"plan.name", "company.name"}, Rows: [][]string{
		{"船用北斗导航终端", "大连海事通导电子有限公司"},
		{long, "大连海宝渔业有限公司"},
	}, Refs: []data.RecordRef{{}, {}}, Total: 2}
	r := newFigureRecords(testEnv(a, testDay), w, tbl, "明细", nil)
	r.show("明细")
	roomFor(t, w, r.table, long)
	roomFor(t, w, r.table, "船用北斗导航终端")
	assert.Greater(t, len(drawnLines(shownInWindow(t, w, long))), 1, "the long name is wrapped")
	pop, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	require.True(t, ok, "the dialog is shown")
	dialogSize := pop.Content.Size()
	assert.LessOrEqual(t, dialogSize.Width, w.Canvas().Size().Width, "the dialog is within the window")
	assert.Greater(t, dialogSize.Height, float32(560), "the dialog takes the window's height")
}
