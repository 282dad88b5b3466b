package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one bar of a chart: its label under it, its value above it, and the amount that sets its height.
type bar struct {
	label  string
	value  string
	amount int64
}

// barChart draws a few vertical bars with their values and labels, for the dashboard's output charts.
type barChart struct {
	widget.BaseWidget
	bars []bar
}

func newBarChart(bars []bar) *barChart {
	c := &barChart{bars: bars}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws the bars in the primary colour on a baseline.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c, base: canvas.NewRectangle(theme.Color(theme.ColorNameForeground))}
	for _, b := range c.bars {
		rect := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		value := canvas.NewText(b.value, theme.Color(theme.ColorNameForeground))
		value.TextSize = theme.CaptionTextSize()
		value.Alignment = fyne.TextAlignCenter
		label := canvas.NewText(b.label, theme.Color(theme.ColorNameForeground))
		label.TextSize = theme.CaptionTextSize()
		label.Alignment = fyne.TextAlignCenter
		r.rects = append(r.rects, rect)
		r.values = append(r.values, value)
		r.labels = append(r.labels, label)
	}
	return r
}

type barChartRenderer struct {
	chart  *barChart
	base   *canvas.Rectangle
	rects  []*canvas.Rectangle
	values []*canvas.Text
	labels []*canvas.Text
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	n := len(r.rects)
	if n == 0 {
		return
	}
	textH := r.labels[0].MinSize().Height
	top, bottom := textH+4, size.Height-textH-6
	max := int64(1)
	for _, b := range r.chart.bars {
		if b.amount > max {
			max = b.amount
		}
	}
	slot := size.Width / float32(n)
	width := fyne.Min(slot*0.55, 90)
	for i, b := range r.chart.bars {
		h := (bottom - top) * float32(b.amount) / float32(max)
		x := slot*float32(i) + (slot-width)/2
		r.rects[i].Move(fyne.NewPos(x, bottom-h))
		r.rects[i].Resize(fyne.NewSize(width, h))
		r.values[i].Move(fyne.NewPos(slot*float32(i), bottom-h-textH-2))
		r.values[i].Resize(fyne.NewSize(slot, textH))
		r.labels[i].Move(fyne.NewPos(slot*float32(i), bottom+4))
		r.labels[i].Resize(fyne.NewSize(slot, textH))
	}
	r.base.Move(fyne.NewPos(0, bottom))
	r.base.Resize(fyne.NewSize(size.Width, 1))
}

func (r *barChartRenderer) MinSize() fyne.Size {
	w := float32(0)
	for _, l := range r.labels {
		w += fyne.Max(l.MinSize().Width+8, 48)
	}
	return fyne.NewSize(fyne.Max(w, 240), 200)
}

func (r *barChartRenderer) Refresh() { r.Layout(r.chart.Size()) }

func (r *barChartRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.base}
	for i := range r.rects {
		objs = append(objs, r.rects[i], r.values[i], r.labels[i])
	}
	return objs
}

func (r *barChartRenderer) Destroy() {}
