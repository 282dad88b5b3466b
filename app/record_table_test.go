package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A selected row is marked across the whole table: when the columns need less than the window gives, the last
// one takes the rest, so that its band reaches the right edge. It stopped where the columns ended, short of the
// row's end at 1366 px (the 证书到期日 column half uncovered).
func TestSelectedRowIsMarkedToTheTablesEdge(t *testing.T) {
	l, _, _ := newFakeList(t)
	w := l.cfg.Win
	test.TapAt(l.table, posIn(l.table, shownLabel(t, w, "企业003")))
	require.Equal(t, 3, l.selRow)
	year := shownLabel(t, w, "2023") // the last column of the selected row
	found := findObject(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*listCell)
		return ok && c.label == year
	})
	require.NotNil(t, found)
	band := found.(*listCell).band
	d := fyne.CurrentApp().Driver()
	right := d.AbsolutePositionForObject(band).X + band.Size().Width
	edge := d.AbsolutePositionForObject(l.table).X + l.table.Size().Width - 2*theme.ScrollBarSmallSize()
	assert.GreaterOrEqual(t, right, edge, "the selected row's band reaches the table's right edge, but for the scroll bar")
	assert.Equal(t, selectedRowColor(l.table.Theme()), band.FillColor)
}
