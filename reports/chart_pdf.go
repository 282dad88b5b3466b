package reports

import (
	"math"
	"strconv"
)

// barSeries is one series of a bar chart: its name in the legend, its colour, and per category the height
// of its bar and the figure printed above it.
type barSeries struct {
	name   string
	color  [3]int
	values []float64
	labels []string
}

// barChart is a bar chart drawn on the page with rectangles and text: one group of bars per category, one
// bar per series, a value axis on the left, a legend above and the caption below.
type barChart struct {
	categories []string
	series     []barSeries
	caption    string
	plotH      float64 // the height of the plot; zero means chartPlotH
}

// The chart's measures, in millimetres and points. The whole chart fits the text area width and keeps to
// the body font so that it prints like the tables around it.
const (
	chartPt       = 10.5 // 五号: figures, axis and legend
	captionPt     = 14.0 // 四号
	chartLegendH  = 8.0
	chartLabelH   = 6.0 // room above the highest bar for its figure
	chartPlotH    = 62.0
	chartPlotMinH = 34.0 // a plot may shrink to this to stay on the page its heading starts
	chartAxisW    = 16.0 // room for the value axis's figures
	chartCatH     = 8.0  // the category labels under the axis
	chartBarGap   = 1.0
	chartBarMaxW  = 13.0
	chartGridGrey = 200
)

// Colours of the series: dark blue and orange stay apart in print and in greyscale, and neither is the
// header's red.
var chartColors = [][3]int{{46, 84, 150}, {237, 125, 49}}

// captionLines are the lines of the caption, broken to the text area.
func (d *briefDoc) captionLines(c barChart) []string {
	return breakLines(c.caption, textWidth, d.measure(RoleBody, captionPt))
}

// chartHeight is the height the chart takes with its caption.
func (d *briefDoc) chartHeight(c barChart) float64 {
	return chartLegendH + chartLabelH + c.plot() + chartCatH + float64(len(d.captionLines(c)))*linePitch
}

func (c barChart) plot() float64 {
	if c.plotH > 0 {
		return c.plotH
	}
	return chartPlotH
}

// fitPlot shrinks the plot, down to chartPlotMinH, so that the chart and the before millimetres of text ahead of it
// fit on what is left of the page; a chart that would need less than that is left at full height for the next
// page.
func (d *briefDoc) fitPlot(c *barChart, before float64) {
	c.plotH = 0
	spare := textBottom - d.y - before - d.chartHeight(*c)
	if spare < 0 && chartPlotH+spare >= chartPlotMinH {
		c.plotH = chartPlotH + spare
	}
}

// barChart draws the chart at the cursor, on a new page unless all of it fits on this one.
func (d *briefDoc) barChart(c barChart) {
	d.ensure(d.chartHeight(c))
	d.chartLegend(c)
	top := d.y + chartLegendH + chartLabelH
	bottom := top + c.plot()
	scale := d.chartAxis(c, top, bottom)
	d.chartBars(c, bottom, scale)
	d.y = bottom + chartCatH
	for _, line := range d.captionLines(c) {
		d.setLine(line, paragraphStyle{role: RoleBody, size: captionPt, pitch: linePitch, align: "C"}, true)
		d.y += linePitch
	}
	d.snapToGrid()
}

// chartLegend sets a swatch and the name of each series, centred above the plot.
func (d *briefDoc) chartLegend(c barChart) {
	const swatch, gap = 4.0, 6.0
	total := 0.0
	for _, s := range c.series {
		total += swatch + 1.5 + d.width(s.name, RoleBody, chartPt) + gap
	}
	x := marginLeft + (textWidth-total+gap)/2
	y := d.y + (chartLegendH-swatch)/2
	for _, s := range c.series {
		d.pdf.SetFillColor(s.color[0], s.color[1], s.color[2])
		d.rect(x, y, swatch, swatch, "F")
		x += swatch + 1.5
		d.text(x, baseline(y, swatch, chartPt), s.name, RoleBody, chartPt)
		x += d.width(s.name, RoleBody, chartPt) + gap
	}
}

// chartAxis draws the value axis with its grid lines and the base line, and returns millimetres per unit.
func (d *briefDoc) chartAxis(c barChart, top, bottom float64) float64 {
	highest := 0.0
	for _, s := range c.series {
		for _, v := range s.values {
			highest = math.Max(highest, v)
		}
	}
	step := niceStep(highest / 4)
	ceiling := step * math.Ceil(highest/step-1e-9)
	if ceiling <= 0 {
		ceiling = step
	}
	scale := (bottom - top) / ceiling
	left, right := marginLeft+chartAxisW, marginLeft+textWidth
	d.pdf.SetLineWidth(0.2)
	for v := 0.0; v <= ceiling+step/2; v += step {
		y := bottom - v*scale
		if v > 0 {
			d.pdf.SetDrawColor(chartGridGrey, chartGridGrey, chartGridGrey)
			d.line(left, y, right, y)
		}
		label := strconv.FormatFloat(v, 'f', -1, 64)
		d.text(left-1.5-d.width(label, RoleBody, chartPt), y+0.36*chartPt*mmPerPt, label, RoleBody, chartPt)
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.line(left, top-chartLabelH/2, left, bottom)
	d.line(left, bottom, right, bottom)
	return scale
}

// chartBars draws the bars of each category side by side, the figure above each bar and the category below.
func (d *briefDoc) chartBars(c barChart, bottom, scale float64) {
	left := marginLeft + chartAxisW
	groupW := (textWidth - chartAxisW) / float64(len(c.categories))
	n := float64(len(c.series))
	barW := math.Min(chartBarMaxW, (groupW*0.7-(n-1)*chartBarGap)/n)
	for i, cat := range c.categories {
		mid := left + (float64(i)+0.5)*groupW
		x := mid - (n*barW+(n-1)*chartBarGap)/2
		for _, s := range c.series {
			h := s.values[i] * scale
			d.pdf.SetFillColor(s.color[0], s.color[1], s.color[2])
			d.rect(x, bottom-h, barW, h, "F")
			lw := d.width(s.labels[i], RoleBody, chartPt)
			d.text(x+(barW-lw)/2, bottom-h-1.2, s.labels[i], RoleBody, chartPt)
			x += barW + chartBarGap
		}
		d.text(mid-d.width(cat, RoleBody, chartPt)/2, baseline(bottom, chartCatH, chartPt), cat, RoleBody, chartPt)
	}
}

// niceStep is the smallest of 1, 2 and 5 times a power of ten that is at least x, so that the axis reads
// in round figures.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x-1e-9 {
			return m * p
		}
	}
	return 10 * p
}
