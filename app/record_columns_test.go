package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// drawnText is the text a widget draws, every line of it joined: a cut text ends in an ellipsis.
func drawnText(o fyne.CanvasObject) string { return strings.Join(drawnLines(o), "") }

// readable checks that the window shows text whole, inside the table and, wrapped or not, within its row, no
// line of it beginning with a closing mark.
func readable(t *testing.T, w fyne.Window, table fyne.CanvasObject, text string) {
	t.Helper()
	label := shownWrapped(t, w, text)
	assert.Equal(t, text, drawnText(label), "%q is drawn whole", text)
	for _, line := range drawnLines(label) {
		assert.False(t, strings.HasPrefix(line, "。") || strings.HasPrefix(line, "，"), "a line of %q begins with %q", text, line)
	}
	right := posIn(table, label).X + label.Size().Width/2
	assert.LessOrEqual(t, right, table.Size().Width, "%q lies inside the table, not beyond the window's edge", text)
	assert.LessOrEqual(t, label.MinSize().Height, label.Size().Height+0.5, "%q fits the height of its row", text)
}

func TestColumnsFitTheWindowAndTheirTextsAreRead(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.plans")
	readable(t, u.win, u.plans.list.table, "旅顺口区科技计划（重点研发）")

	u.ShowSection("nav.patents")
	p := u.patents.list
	readable(t, u.win, p.table, "未授权")
	lapsed := p.env.T("patent.why.lapsed")
	assert.LessOrEqual(t, fyne.MeasureText(lapsed, p.table.Theme().Size(theme.SizeNameText), fyne.TextStyle{}).Width,
		p.sizes.widths[len(p.sizes.widths)-1], "the validity column has room for %q, which the first rows do not show", lapsed)

	u.ShowSection("nav.parks")
	for _, d := range []string{"联合多家企业建设国家级海洋牧场示范区，投放人工鱼礁、底播海珍品，开展资源养护。",
		"推动小南村申报全国休闲农业与乡村旅游示范点，完善采摘、民宿与游览设施。"} {
		readable(t, u.win, u.parks.list.table, d)
	}
}

func TestAWrappedColumnNeverStartsALineWithAClosingMark(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow("")
	text := "一二三四五六七八九十。" // ten characters fill a line of the narrowest column; its 。 must not go alone
	l := newRecordList(recordListConfig[string]{
		Env:     testEnv(a, testDay),
		Win:     w,
		Columns: []listColumn[string]{{Key: "project.description", Flex: true, Wrap: true, Text: func(s string) string { return s }}},
		Count:   func(listQuery) (int, error) { return 1, nil },
		Page:    func(listQuery) ([]string, error) { return []string{text}, nil },
	})
	w.SetContent(l.build())
	w.Resize(fyne.NewSize(174, 300)) // the column narrows to minFittedWidth
	require.Equal(t, float32(minFittedWidth), l.sizes.widths[0])
	readable(t, w, l.table, text)
	assert.Greater(t, len(drawnLines(shownWrapped(t, w, text))), 1, "the text is wrapped")
}

// shownWrapped is the label the window draws text in, whatever lines it is broken into.
func shownWrapped(t *testing.T, w fyne.Window, text string) *widget.Label {
	t.Helper()
	found := findObject(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.ReplaceAll(l.Text, "\n", "") == text && l.Visible()
	})
	require.NotNil(t, found, "the window shows no %q", text)
	return found.(*widget.Label)
}
