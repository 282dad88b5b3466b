package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
)

// drawnText is the text a widget draws, every line of it joined: a cut text ends in an ellipsis.
func drawnText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *canvas.Text:
			b.WriteString(c.Text)
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return b.String()
}

// readable checks that the window shows text whole, inside the table and, wrapped or not, within its row.
func readable(t *testing.T, w fyne.Window, table fyne.CanvasObject, text string) {
	t.Helper()
	label := shownLabel(t, w, text)
	assert.Equal(t, text, drawnText(label), "%q is drawn whole", text)
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
