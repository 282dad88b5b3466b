package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recordTable is the table of a record list, behaving as a clerk's list does on Windows: a click selects the
// whole row (each cell of the selected row draws the selection, listCell), a double click or Enter opens it,
// and Up and Down move the selection. It tells its list its width, which the columns are fitted to.
type recordTable struct {
	widget.Table
	open    func()              // opens the selected row
	step    func(delta int)     // moves the selection up (-1) or down (+1)
	resized func(width float32) // the table was given a new width
	width   float32             // the width last told
	widths  map[int]float32     // each column's width as its list set it (SetColumnWidth)
}

func newRecordTable(t *recordTable) *recordTable {
	t.ExtendBaseWidget(t)
	return t
}

// Tapped selects the row under the pointer and takes the keyboard, so that Enter, Up and Down act on the list.
// (The table focuses itself by its own identity, which the canvas does not know inside this wrapper.)
func (t *recordTable) Tapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

// DoubleTapped opens the row under the pointer. Fyne's driver delivers a double click instead of its first
// click, so the row is selected here first; a double click beside the rows opens nothing.
func (t *recordTable) DoubleTapped(e *fyne.PointEvent) {
	t.UnselectAll()
	t.Tapped(e)
	t.open()
}

// TypedKey opens the selected row on Enter and moves the selection with Up and Down; other keys behave as
// the table's (Left and Right move the focused cell, Space selects it).
func (t *recordTable) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.open()
	case fyne.KeyUp:
		t.step(-1)
	case fyne.KeyDown:
		t.step(1)
	default:
		t.Table.TypedKey(e)
	}
}

// Resize lays the table out and, when its width changed, has the columns fitted to it.
func (t *recordTable) Resize(s fyne.Size) {
	t.Table.Resize(s)
	if s.Width != t.width {
		t.width = s.Width
		if t.resized != nil {
			t.resized(s.Width)
		}
	}
}

// SetColumnWidth sets a column's width as its list fitted it; the last column also takes whatever width the
// columns leave of the table's, so that a selected row's band runs to the table's right edge instead of
// stopping where the texts end (a wide window, short texts). The list sets every column in turn, the last last.
func (t *recordTable) SetColumnWidth(id int, width float32) {
	if t.widths == nil {
		t.widths = map[int]float32{}
	}
	t.widths[id] = width
	cols := 0
	if t.Length != nil {
		_, cols = t.Length()
	}
	if id != cols-1 || t.width == 0 {
		t.Table.SetColumnWidth(id, width)
		return
	}
	th := t.Theme()
	// What the list fits the columns to (fitColumns): the table less the lines between columns and room for
	// the vertical scroll bar.
	spare := t.width - th.Size(theme.SizeNamePadding)*float32(cols-1) - 2*th.Size(theme.SizeNameScrollBarSmall)
	for i := range cols {
		spare -= t.widths[i]
	}
	t.Table.SetColumnWidth(id, width+max(0, spare))
}

// listCell is a cell of a record list: its text, over a band drawn when its row is selected. The band reaches
// half the padding beyond the cell on either side, so that the bands of a row's cells meet over the column
// lines and the row reads as one.
type listCell struct {
	widget.BaseWidget
	band  *canvas.Rectangle
	label *widget.Label
}

func newListCell() *listCell {
	c := &listCell{band: canvas.NewRectangle(color.Transparent), label: &widget.Label{Truncation: fyne.TextTruncateEllipsis}}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer lays the band under the label.
func (c *listCell) CreateRenderer() fyne.WidgetRenderer { return &listCellRenderer{c} }

type listCellRenderer struct{ c *listCell }

func (r *listCellRenderer) Layout(s fyne.Size) {
	p := r.c.Theme().Size(theme.SizeNamePadding)
	r.c.band.Move(fyne.NewPos(-p/2, 0))
	r.c.band.Resize(fyne.NewSize(s.Width+p, s.Height))
	r.c.label.Resize(s)
}

func (r *listCellRenderer) MinSize() fyne.Size { return r.c.label.MinSize() }

func (r *listCellRenderer) Refresh() {
	r.c.band.Refresh()
	r.c.label.Refresh()
}

func (r *listCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.band, r.c.label}
}

func (r *listCellRenderer) Destroy() {}

// selectedRowColor is the theme's selection colour laid over its background, opaque: the table draws its own
// translucent mark under the cell that was clicked, which an opaque band covers, so the whole row has one colour.
func selectedRowColor(th fyne.Theme) color.Color {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	sr, sg, sb, sa := th.Color(theme.ColorNameSelection, v).RGBA()
	br, bg, bb, _ := th.Color(theme.ColorNameBackground, v).RGBA()
	mix := func(s, b uint32) uint8 { return uint8((s + b*(0xffff-sa)/0xffff) >> 8) } // s is premultiplied
	return color.NRGBA{R: mix(sr, br), G: mix(sg, bg), B: mix(sb, bb), A: 0xff}
}
