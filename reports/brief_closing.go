package reports

import (
	"strings"

	"scitech/assets"
)

// closingLine is one printed line of the distribution: the label on the first line of an entry only, and
// the text lined up after the label.
type closingLine struct {
	label, text string
	textX       float64
}

const closingPitch = 7.5 // mm between the distribution lines

// closingLines breaks the 报/送/发 entries; an empty entry is left out and long ones wrap under their text.
func (d *briefDoc) closingLines(t *assets.Translator, dist Distribution) []closingLine {
	indent := closingPt * mmPerPt
	var lines []closingLine
	for _, e := range [][2]string{{"brief.dist.report", dist.Report}, {"brief.dist.send", dist.Send},
		{"brief.dist.issue", dist.Issue}} {
		if strings.TrimSpace(e[1]) == "" {
			continue
		}
		label := t.T(e[0])
		lw := d.width(label, RoleBody, closingPt)
		for i, l := range breakLines(e[1], textWidth-2*indent-lw, d.measure(RoleBody, closingPt)) {
			if i > 0 {
				label = ""
			}
			lines = append(lines, closingLine{label, l, marginLeft + indent + lw})
		}
	}
	return lines
}

// distribution closes the brief with the 版记 as GB/T 9704 7.4 places it: at the foot of the brief's last
// page, which is an even page (the back of a sheet), ending on the bottom edge of the text area — a rule, the 报/送/发 lines indented one character, a rule, and the number of copies on the right. When the text
// ends on an odd page the 版记 takes the even page after it; when it ends on an even page too full to hold it,
// a blank page and the 版记's page follow, neither numbered (GB/T 9704 7.5).
func (d *briefDoc) distribution(t *assets.Translator, dist Distribution) {
	indent := closingPt * mmPerPt
	lines := d.closingLines(t, dist)
	height := float64(len(lines))*closingPitch + 3
	if dist.Copies > 0 {
		height += closingPitch
	}
	d.ensure(0) // a heading waiting for text sets here, never alone over the 版记
	switch {
	case d.pdf.PageNo()%2 == 1:
		d.newPage()
	case d.y+height > textBottom:
		d.unnumbered[d.pdf.PageNo()+1] = true
		d.unnumbered[d.pdf.PageNo()+2] = true
		d.newPage()
		d.newPage()
	}
	y := textBottom - height
	d.rule(y, blackRuleMM)
	y += 1.5
	for _, l := range lines {
		b := baseline(y, closingPitch, closingPt)
		d.text(marginLeft+indent, b, l.label, RoleBody, closingPt)
		d.text(l.textX, b, l.text, RoleBody, closingPt)
		y += closingPitch
	}
	d.rule(y+0.5, blackRuleMM)
	if dist.Copies > 0 {
		s := t.T("brief.dist.copies", map[string]any{"N": dist.Copies})
		x := marginLeft + textWidth - indent - d.width(s, RoleBody, closingPt)
		d.text(x, baseline(y+1.5, closingPitch, closingPt), s, RoleBody, closingPt)
	}
	d.y = textBottom
}

// rule draws a black rule across the text area with its top at y.
func (d *briefDoc) rule(y, thickness float64) {
	d.pdf.SetFillColor(0, 0, 0)
	d.rect(marginLeft, y, textWidth, thickness, "F")
}
