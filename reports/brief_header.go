package reports

import (
	"io"
	"time"

	"scitech/assets"
	"scitech/data"
)

// BriefHeader is what every brief kind says besides its figures: the red header over them (issuing unit, brief
// name, issue number, date), the distribution under them, and the language and fonts it is printed in. Every
// kind embeds it, so it is filled in, printed, left out of DataHash and checked against the fonts in one place.
//
// None of it is data: DataHash zeroes it. Its fields have the names, types and order they had in each kind
// before they were gathered here, and each kind embeds it where they stood, so that encoding/json, which writes
// an embedded struct's fields in its place, gives the JSON, and DataHash the hash, of the briefs issued then.
type BriefHeader struct {
	Settings     data.BriefSettings // the red header: issuing unit, brief name, issue number
	Date         time.Time          // the date in the header; also stamped into the file
	Lang         string             // "zh" or "en"; empty means Chinese
	Fonts        *FontSet           // nil means ResolveFonts(nil)
	Distribution Distribution       // zero means DefaultDistribution(Lang)
}

// headed is a brief kind: a pointer to it reaches its header through the embedded BriefHeader.
type headed interface {
	header() *BriefHeader
}

func (h *BriefHeader) header() *BriefHeader { return h }

// prepare fills the defaults the zero value leaves open — the language, the distribution, the last day of the
// brief's year as its date and, for a PDF, the fonts — and gives the translator of the brief's language.
func (h *BriefHeader) prepare(year int, needFonts bool) (*assets.Translator, error) {
	t := assets.NewTranslator(h.Lang)
	h.Lang = t.Lang
	if h.Distribution.IsZero() {
		h.Distribution = DefaultDistribution(h.Lang)
	}
	if h.Date.IsZero() {
		h.Date = data.YearEnd(year)
	}
	if h.Fonts == nil && needFonts {
		fs, err := ResolveFonts(nil)
		if err != nil {
			return nil, err
		}
		h.Fonts = fs
	}
	return t, nil
}

// writeXLSX prepares the header and writes the brief's workbook: sheets gives the steps that fill its sheets, in
// order, and the file is titled by titleKey (given the year), signed by the issuing unit and dated by the brief.
func (h *BriefHeader) writeXLSX(w io.Writer, year int, titleKey string,
	sheets func(x *workbook, t *assets.Translator) []func() error) error {
	t, err := h.prepare(year, false)
	if err != nil {
		return err
	}
	x, err := newWorkbook()
	if err != nil {
		return err
	}
	defer x.f.Close()
	return x.write(w, t.T(titleKey, map[string]any{"Year": year}), h.Settings.IssuingUnit, t.Lang, h.Date,
		sheets(x, t)...)
}

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

// formatDate writes a date the way official documents do: 2025年12月31日, without leading zeros.
func formatDate(t *assets.Translator, d time.Time) string {
	return t.T("brief.date", map[string]any{"Y": d.Year(), "M": int(d.Month()), "D": d.Day(), "Month": d.Month().String()})
}

// redHeader sets the 简报 header at the top of the first page: the brief's name large in red, the issue number,
// the issuing unit on the left and the date on the right, over a red rule the width of the text area.
func (d *briefDoc) redHeader(t *assets.Translator, h BriefHeader) {
	name, unit, date := h.Settings.BriefName, h.Settings.IssuingUnit, formatDate(t, h.Date)
	size := 40.0
	for size > 20 && d.width(name, RoleTitle, size) > textWidth {
		size -= 2
	}
	d.pdf.SetTextColor(red[0], red[1], red[2])
	d.centred(marginTop+16, name, RoleTitle, size)
	d.pdf.SetTextColor(0, 0, 0)
	d.centred(marginTop+31, headerIssueLabel(t, h.Settings), RoleBody, bodyPt)
	lineY := marginTop + 43.0
	d.text(marginLeft, lineY, unit, RoleBody, bodyPt)
	d.text(marginLeft+textWidth-d.width(date, RoleBody, bodyPt), lineY, date, RoleBody, bodyPt)
	d.pdf.SetDrawColor(red[0], red[1], red[2])
	d.pdf.SetFillColor(red[0], red[1], red[2])
	d.rect(marginLeft, lineY+3, textWidth, redRuleMM, "F")
	d.pdf.SetDrawColor(0, 0, 0)
	d.y = lineY + 3 + redRuleMM
	d.snapToGrid()
	d.y += linePitch / 2
}

// headerIssueLabel is the line under the red header's name: an issued brief's 第X期, a correction's
// 第X期（更正第Y期）, and a draft's 草稿 or 第　期 as the bureau chose in Settings (a draft has no number: only
// the register gives one, as it issues the brief).
func headerIssueLabel(t *assets.Translator, s data.BriefSettings) string {
	if s.IssueNo == 0 && s.DraftMark == data.DraftMarkBlank {
		return t.T("brief.issue.blank")
	}
	return sheetIssueLabel(t, s)
}

// sheetIssueLabel is the issue of a brief as its workbook states it: as headerIssueLabel, but a draft is always
// 草稿, since a blank 第　期 in a cell reads as a figure missing rather than a number to be written in.
func sheetIssueLabel(t *assets.Translator, s data.BriefSettings) string {
	switch {
	case s.IssueNo == 0:
		return t.T("brief.issue.draft")
	case s.Corrects > 0:
		return t.T("brief.issue.corrects", map[string]any{"No": s.IssueNo, "Old": s.Corrects})
	}
	return t.T("brief.issue", map[string]any{"No": s.IssueNo})
}

// centred sets one line centred on the text area with its baseline at y.
func (d *briefDoc) centred(y float64, s string, role FontRole, size float64) {
	d.text(marginLeft+(textWidth-d.width(s, role, size))/2, y, s, role, size)
}
