package reports

import (
	"io"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// WritePolicyLetterXLSX writes a company's 政策体检 as a workbook: a sheet per policy with a line per rule
// (clause, threshold, the company's figures, ratio or score, verdict, why) and the policy's verdict under them,
// each sheet titled with the year and the policy, captioned with the bureau, the company and the date, and set
// to print on A4 like the briefs' sheets.
func WritePolicyLetterXLSX(w io.Writer, l PolicyLetter) error {
	if err := l.refuse(); err != nil {
		return err
	}
	name, year := l.company()
	uscc := l.Checks[0].USCC
	return l.writeXLSX(w, year, "policy_letter.xlsx.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, l.BriefHeader, year, "policy_letter.xlsx.title")
		// A letter has no issue: the page header and caption name the company it is for.
		x.head.issue = name
		x.head.caption = t.T("policy_letter.xlsx.caption", map[string]any{"Unit": l.Settings.IssuingUnit,
			"Company": name, "USCC": uscc, "Date": formatDate(t, l.Date)})
		wrap, err := wrapStyle(x)
		steps := make([]func() error, len(l.Checks))
		for i, pc := range l.Checks {
			steps[i] = func() error {
				if err != nil {
					return err
				}
				return letterSheet(x, t, pc, wrap)
			}
		}
		return steps
	})
}

// letterSheetWidths are the columns of a check-up sheet, in characters: together they fit across a portrait A4
// page, and their cells wrap rather than widen the columns, so that the sheet prints like the letter.
var letterSheetWidths = []float64{22, 26, 36, 10, 8, 16}

// wrapStyle is a bordered cell whose text wraps, set at the top of its row.
func wrapStyle(x *workbook) (int, error) {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	return x.f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
}

// wrappedRow writes a row of text cells that wrap within their columns, the row as tall as its tallest cell.
// The cells are not measured for the columns' widths (x.row would widen a column to a long text's one line).
func (x *workbook) wrappedRow(sheet string, r, style int, widths []float64, values ...string) error {
	h := 0.0
	for i, v := range values {
		ref, _ := excelize.CoordinatesToCellName(i+1, r)
		if err := x.f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
		if err := x.f.SetCellStyle(sheet, ref, ref, style); err != nil {
			return err
		}
		h = max(h, rowHeight(v, widths[i], 11))
	}
	x.reach(sheet, len(values), r)
	return x.f.SetRowHeight(sheet, r, h)
}

// letterSheet writes one policy's rules on a sheet of its own.
func letterSheet(x *workbook, t *assets.Translator, pc data.PolicyCheck, wrap int) error {
	name := t.T("policy_letter.sheet." + string(pc.Policy))
	headers := []string{t.T("policy_letter.col.clause"), t.T("policy_letter.threshold_col"), t.T("policy_letter.col.figures"),
		t.T("policy_letter.col.ratio"), t.T("policy_letter.col.verdict"), t.T("policy_letter.col.note")}
	if err := x.sheet(name, headers, letterSheetWidths); err != nil {
		return err
	}
	r := firstRow
	for i, row := range policyRows(t, pc, false) {
		clause := row.clause
		if t.Lang == "zh" {
			clause = pc.Lines[i].Clause // the sheet has room for the clause with its text's title
		}
		if err := x.wrappedRow(name, r, wrap, letterSheetWidths, clause, row.threshold, sentenceCase(row.figures), row.ratio,
			sentenceCase(row.verdict), sentenceCase(row.note)); err != nil {
			return err
		}
		r++
	}
	verdict := sentenceCase(t.T("policy.verdict." + string(pc.Verdict)))
	if s := checkScore(t, pc); s != "" {
		verdict = t.T("policy_letter.verdict_note", map[string]any{"Verdict": verdict, "Note": s})
	}
	if err := x.wrappedRow(name, r, wrap, letterSheetWidths, t.T("policy_letter.overall",
		map[string]any{"Policy": policyName(t, pc.Policy), "Version": pc.Version}), "", "", "", verdict,
		sentenceCase(PolicyFieldNames(t, pc.Missing))); err != nil {
		return err
	}
	return scoreItems(x, t, name, r+2, pc, wrap)
}

// scoreItems writes the items of the check's score under its lines, each with its points: exact (or a band's
// range) where the records decide it, 0 to the maximum where the experts rate it, so that the sheet shows how
// the score's range comes about.
func scoreItems(x *workbook, t *assets.Translator, sheet string, r int, pc data.PolicyCheck, wrap int) error {
	s := scoreOf(pc)
	if len(s.Items) == 0 {
		return nil
	}
	if err := x.row(sheet, r, x.total(t.T("policy_letter.score_items")), x.total(t.T("policy_letter.score_points")),
		x.total(t.T("policy_letter.score_by"))); err != nil {
		return err
	}
	for i, it := range s.Items {
		points := t.T("policy_letter.points", map[string]any{"N": it.Min})
		if it.Min != it.Max {
			points = t.T("policy_letter.points_range", map[string]any{"Min": it.Min, "Max": it.Max})
		}
		by := t.T("policy_letter.score_by.records")
		if it.Expert {
			by = t.T("policy_letter.score_by.experts")
		}
		if err := x.wrappedRow(sheet, r+1+i, wrap, letterSheetWidths, sentenceCase(t.T("policy.score."+it.Item)), points,
			sentenceCase(by)); err != nil {
			return err
		}
	}
	return nil
}
