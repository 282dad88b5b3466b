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

// distribution closes the brief at the foot of the last page: a rule, the 报/送/发 lines, a rule and the
// number of copies. Long lines wrap under their text, not under the label.
func (d *briefDoc) distribution(t *assets.Translator, dist Distribution) {
	const pitch = 7.5
	indent := closingPt * mmPerPt
	type entry struct{ label, text string }
	type line struct {
		label, text string // the label on the first line of an entry only
		textX       float64
	}
	var lines []line
	for _, e := range []entry{{"brief.dist.report", dist.Report}, {"brief.dist.send", dist.Send}, {"brief.dist.issue", dist.Issue}} {
		if strings.TrimSpace(e.text) == "" {
			continue
		}
		label := t.T(e.label)
		lw := d.width(label, RoleBody, closingPt)
		for i, l := range breakLines(e.text, textWidth-2*indent-lw, d.measure(RoleBody, closingPt)) {
			if i > 0 {
				label = ""
			}
			lines = append(lines, line{label, l, marginLeft + indent + lw})
		}
	}
	height := float64(len(lines))*pitch + 3
	if dist.Copies > 0 {
		height += pitch
	}
	if d.y+height > textBottom {
		d.newPage()
	}
	top := textBottom - height
	d.rule(top, blackRuleMM)
	y := top + 1.5
	for _, l := range lines {
		b := baseline(y, pitch, closingPt)
		d.text(marginLeft+indent, b, l.label, RoleBody, closingPt)
		d.text(l.textX, b, l.text, RoleBody, closingPt)
		y += pitch
	}
	d.rule(y+0.5, blackRuleMM)
	if dist.Copies > 0 {
		s := t.T("brief.dist.copies", map[string]any{"N": dist.Copies})
		d.text(marginLeft+textWidth-indent-d.width(s, RoleBody, closingPt), baseline(y+1.5, pitch, closingPt), s, RoleBody, closingPt)
	}
	d.y = textBottom
}

// rule draws a black rule across the text area with its top at y.
func (d *briefDoc) rule(y, thickness float64) {
	d.pdf.SetFillColor(0, 0, 0)
	d.pdf.Rect(marginLeft, y, textWidth, thickness, "F")
}
