package reports

import (
	"image/color"
	"slices"
)

// PlacedKind says what a PlacedRun is: a run of text, a rectangle or a line.
type PlacedKind int

// The kinds of mark a brief sets on its pages.
const (
	PlacedText PlacedKind = iota // a run of text in one font
	PlacedRect                   // a rectangle, filled (rules, bars, swatches) or stroked (table cells)
	PlacedLine                   // a straight line (a chart's axis and grid)
)

// PlacedRun is one mark a brief sets on a page, as the PDF gets it, so that a preview can draw the pages
// without reading the PDF back. Places are in millimetres from the page's top-left corner.
type PlacedRun struct {
	Kind PlacedKind
	Page int // from 1
	// X, Y: a text run's baseline starts there; a rectangle's top-left corner; a line's start.
	X, Y float64
	// W, H: a text run's width (H is 0); a rectangle's size; a line runs from (X, Y) to (X+W, Y+H).
	W, H  float64
	Text  string  // a text run's characters
	Font  *Font   // a text run's font (its Data can be given to a renderer)
	Size  float64 // a text run's size in points
	Color color.NRGBA
	// Fill says a rectangle is filled in Color; otherwise it is stroked, as lines are, LineWidth mm wide.
	Fill      bool
	LineWidth float64
}

// Placement is a brief as set: every mark on every page, in the order set, and the page size in millimetres.
// Missing lists the characters no font has (the brief would be refused unless the fonts mark them).
type Placement struct {
	Pages         int
	Width, Height float64
	Runs          []PlacedRun
	Missing       []rune
}

// OnPage returns the marks of one page (from 1), in the order they were set.
func (p Placement) OnPage(page int) []PlacedRun {
	var out []PlacedRun
	for _, r := range p.Runs {
		if r.Page == page {
			out = append(out, r)
		}
	}
	return out
}

// placement ends the document's last page (its page number is set then) and returns what was set, without
// writing the PDF: a preview needs the marks, not the file. The document cannot be added to afterwards.
func (d *briefDoc) placement() Placement {
	d.ensure(0)
	if d.pdf.PageNo() > 0 {
		d.pdf.Close()
	}
	w, h := d.pdf.GetPageSize()
	return Placement{Pages: d.pdf.PageCount(), Width: w, Height: h, Runs: slices.Clone(d.placed),
		Missing: sortedRunes(d.missing)}
}

// place records a mark on the current page.
func (d *briefDoc) place(r PlacedRun) {
	r.Page = d.pdf.PageNo()
	d.placed = append(d.placed, r)
}

// rect draws a rectangle as gofpdf's Rect does ("F" fills, "D" strokes) and records it.
func (d *briefDoc) rect(x, y, w, h float64, style string) {
	d.pdf.Rect(x, y, w, h, style)
	fill := style == "F"
	c := rgb(d.pdf.GetDrawColor())
	if fill {
		c = rgb(d.pdf.GetFillColor())
	}
	d.place(PlacedRun{Kind: PlacedRect, X: x, Y: y, W: w, H: h, Color: c, Fill: fill, LineWidth: d.pdf.GetLineWidth()})
}

// line draws a line in the draw colour and records it.
func (d *briefDoc) line(x1, y1, x2, y2 float64) {
	d.pdf.Line(x1, y1, x2, y2)
	d.place(PlacedRun{Kind: PlacedLine, X: x1, Y: y1, W: x2 - x1, H: y2 - y1, Color: rgb(d.pdf.GetDrawColor()),
		LineWidth: d.pdf.GetLineWidth()})
}

func rgb(r, g, b int) color.NRGBA { return color.NRGBA{uint8(r), uint8(g), uint8(b), 255} }
