package reports

import (
	"io"

	"scitech/assets"
)

// textPart is a table or a chart a brief's text places by its ref.
type textPart struct {
	table *table
	chart *barChart
}

// writeText writes a brief kind as a GB/T 9704 简报 (see layText). Nothing is written when a character has
// no font (the error is a *MissingCharsError).
func writeText(w io.Writer, k texted) error {
	d, err := layText(k)
	if err != nil {
		return err
	}
	return d.finish(w)
}

// layText sets a brief kind on its pages from its text: the red header, the title and subtitle, the 按语, the
// body block by block with the kind's tables and charts where the anchors stand, and the distribution lines.
// The text is the one the user set, else the one the data gives. The document is ready to finish (the PDF)
// or to give its placement (the preview).
func layText(k texted) (*briefDoc, error) {
	h := k.header()
	t, err := h.prepare(k.year(), true)
	if err != nil {
		return nil, err
	}
	bt := k.madeText(t)
	if e := *k.editedText(); e != nil {
		bt = *e
	}
	d := h.openText(t, bt)
	d.setBlocks(bt.Blocks, k.textParts(t))
	d.distribution(t, h.Distribution)
	return d, nil
}

// Placement sets the brief on its pages as its PDF would be, and returns every mark set (for the preview).
func (b *Brief) Placement() (Placement, error) {
	d, err := layText(b.Value.(texted))
	if err != nil {
		return Placement{}, err
	}
	return d.placement(), nil
}

// openText opens the brief's PDF the way every kind opens: the red header, the title, the subtitle under it
// when there is one, the 按语 when there is one, and a blank line.
func (h *BriefHeader) openText(t *assets.Translator, bt BriefText) *briefDoc {
	docTitle := bt.Title
	if bt.Subtitle != "" {
		docTitle += " " + bt.Subtitle
	}
	d := newBriefDoc(h.Fonts, docTitle, h.Date)
	d.pdf.SetAuthor(h.Settings.IssuingUnit, true)
	d.spread = t.Lang == "zh"
	d.redHeader(t, *h)
	d.paragraph(bt.Title, titleStyle)
	if bt.Subtitle != "" {
		d.paragraph(bt.Subtitle, paragraphStyle{role: RoleSubheading, size: bodyPt, pitch: linePitch, align: "C"})
	}
	d.blankLine()
	if bt.Foreword != "" {
		// 按语 stands before the body in 楷体, as editors' notes are set, and a blank line parts it from the text.
		d.paragraph(bt.Foreword, forewordStyle)
		d.blankLine()
	}
	return d
}

var (
	forewordStyle = paragraphStyle{role: RoleSubheading, size: bodyPt, pitch: linePitch, indent: true, align: "J"}
	noteStyle     = paragraphStyle{role: RoleBody, size: tablePt, pitch: linePitch * 0.7, align: "J"}
)

// setBlocks sets the body of a brief. A heading straight before a table is set with it (headedTable), and a
// note straight after a table with that table (tableWithNote); a
// heading whose paragraphs lead to a chart keeps them and the chart on one page, the chart's plot shrinking
// a little when that lets it stay. An anchor whose part the brief lacks sets nothing.
func (d *briefDoc) setBlocks(blocks []TextBlock, parts map[string]textPart) {
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.Kind {
		case BlockHeading, BlockSubheading:
			st := headingStyle
			if b.Kind == BlockSubheading {
				st = subheadingStyle
			}
			if i+1 < len(blocks) && blocks[i+1].Kind == BlockTable && parts[blocks[i+1].Text].table != nil {
				note := noteAfter(blocks, i+1)
				headedTable(d, b.Text, st, *parts[blocks[i+1].Text].table, note)
				i++
				if note != "" {
					i++
				}
				continue
			}
			d.keepWithChart(blocks[i:], parts)
			d.paragraph(b.Text, st)
		case BlockParagraph:
			d.paragraph(b.Text, bodyStyle)
		case BlockNote:
			d.paragraph(b.Text, noteStyle)
		case BlockTable:
			p := parts[b.Text]
			if p.table == nil {
				continue
			}
			if note := noteAfter(blocks, i); note != "" {
				d.tableWithNote(*p.table, note, noteStyle)
				i++
				continue
			}
			d.table(*p.table)
		case BlockChart:
			if p := parts[b.Text]; p.chart != nil {
				d.barChart(*p.chart)
			}
		}
	}
}

// noteAfter is the text of the note right after the block at i, which is set with the table there so that it
// never stands apart from it; "" when none follows.
func noteAfter(blocks []TextBlock, i int) string {
	if i+1 < len(blocks) && blocks[i+1].Kind == BlockNote {
		return blocks[i+1].Text
	}
	return ""
}

// keepWithChart: when the heading at blocks[0] leads, through paragraphs only, to a chart, the chart is
// fitted to what is left of the page after them, and all of them start on the next page if it still does not fit.
func (d *briefDoc) keepWithChart(blocks []TextBlock, parts map[string]textPart) {
	before := 0.0
	for j, b := range blocks {
		switch {
		case j == 0 || b.Kind == BlockParagraph:
			text := b.Text
			if b.Kind == BlockParagraph || j == 0 {
				text = "\u3000\u3000" + text
			}
			before += float64(len(breakLines(text, textWidth, d.measure(RoleBody, bodyPt)))) * linePitch
		case b.Kind == BlockChart && parts[b.Text].chart != nil:
			c := parts[b.Text].chart
			d.fitPlot(c, before)
			d.ensure(before + d.chartHeight(*c))
			return
		default:
			return
		}
	}
}
