package reports

import (
	"strings"
	"time"

	"scitech/assets"
)

// Distribution is what closes a brief: to whom it is reported (报), sent (送) and issued (发), and how many
// copies were printed. An empty line is left out; Copies 0 leaves out the copies line.
type Distribution struct {
	Report string // 报：superior bodies
	Send   string // 送：bodies of the same rank
	Issue  string // 发：bodies below
	Copies int
}

// IsZero reports whether nothing was set, in which case the brief uses DefaultDistribution.
func (d Distribution) IsZero() bool { return d == Distribution{} }

// DefaultDistribution is the distribution most of the bureau's briefs carry, in the language of the brief.
func DefaultDistribution(lang string) Distribution {
	t := assets.NewTranslator(lang)
	return Distribution{
		Report: t.T("brief.dist.default.report"),
		Send:   t.T("brief.dist.default.send"),
		Issue:  t.T("brief.dist.default.issue"),
		Copies: 20,
	}
}

// header is what the red header of a brief says.
type header struct {
	name, issue, unit, date string
}

// formatDate writes a date the way official documents do: 2025年12月31日, without leading zeros.
func formatDate(t *assets.Translator, d time.Time) string {
	return t.T("brief.date", map[string]any{"Y": d.Year(), "M": int(d.Month()), "D": d.Day(), "Month": d.Month().String()})
}

// redHeader sets the 简报 header at the top of the first page: the brief's name large in red, the issue number,
// the issuing unit on the left and the date on the right, over a red rule the width of the text area.
func (d *briefDoc) redHeader(h header) {
	size := 40.0
	for size > 20 && d.width(h.name, RoleTitle, size) > textWidth {
		size -= 2
	}
	d.pdf.SetTextColor(red[0], red[1], red[2])
	d.centred(marginTop+16, h.name, RoleTitle, size)
	d.pdf.SetTextColor(0, 0, 0)
	d.centred(marginTop+31, h.issue, RoleBody, bodyPt)
	lineY := marginTop + 43.0
	d.text(marginLeft, lineY, h.unit, RoleBody, bodyPt)
	d.text(marginLeft+textWidth-d.width(h.date, RoleBody, bodyPt), lineY, h.date, RoleBody, bodyPt)
	d.pdf.SetDrawColor(red[0], red[1], red[2])
	d.pdf.SetFillColor(red[0], red[1], red[2])
	d.pdf.Rect(marginLeft, lineY+3, textWidth, redRuleMM, "F")
	d.pdf.SetDrawColor(0, 0, 0)
	d.y = lineY + 3 + redRuleMM
	d.snapToGrid()
	d.y += linePitch / 2
}

// centred sets one line centred on the text area with its baseline at y.
func (d *briefDoc) centred(y float64, s string, role FontRole, size float64) {
	d.text(marginLeft+(textWidth-d.width(s, role, size))/2, y, s, role, size)
}

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

// distribution closes the brief at the foot of the last page, as GB/T 9704 places the 版记: a rule, the
// 报/送/发 lines indented one character, a rule, and the number of copies on the right.
func (d *briefDoc) distribution(t *assets.Translator, dist Distribution) {
	indent := closingPt * mmPerPt
	lines := d.closingLines(t, dist)
	height := float64(len(lines))*closingPitch + 3
	if dist.Copies > 0 {
		height += closingPitch
	}
	if d.y+height > textBottom {
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
	d.pdf.Rect(marginLeft, y, textWidth, thickness, "F")
}
