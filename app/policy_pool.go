package app

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/reports"
)

// poolFormat is a way to print the 高企培育库: as a list in the brief layout (PDF) or as a workbook (XLSX).
type poolFormat struct {
	ext   string
	write func(io.Writer, reports.PolicyPool) error
}

var (
	poolPDF  = poolFormat{".pdf", reports.WritePolicyPoolPDF}
	poolXLSX = poolFormat{".xlsx", reports.WritePolicyPoolXLSX}
)

// poolButtons are the policy list's buttons that print the 高企培育库 of the year chosen.
func (s *policyScreen) poolButtons() fyne.CanvasObject {
	s.poolPDFBtn = &widget.Button{Text: s.env.T("policyui.pool_pdf"), Icon: theme.DocumentPrintIcon(),
		OnTapped: func() { s.onPool(poolPDF) }}
	s.poolXLSXBtn = &widget.Button{Text: s.env.T("policyui.pool_xlsx"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { s.onPool(poolXLSX) }}
	return container.NewHBox(s.poolPDFBtn, s.poolXLSXBtn)
}

// onPool asks where to save the 培育库, then writes it.
func (s *policyScreen) onPool(f poolFormat) {
	_, y := s.chosen()
	s.env.askSave(s.win, fileBrief, s.env.T("policyui.pool_file", map[string]any{"Year": y}), f.ext,
		func(w fyne.URIWriteCloser) { s.writePool(w, f, y) })
}

// writePool checks every company for 高企 in year off the main goroutine, keeping with their lines only the
// checks that enter the 培育库 (the list keeps summaries only), closest first.
func (s *policyScreen) writePool(w fyne.URIWriteCloser, f poolFormat, year int) {
	p := reports.PolicyPool{Year: year}
	s.poolPDFBtn.Disable()
	s.poolXLSXBtn.Disable()
	var err error
	inBackground(func() {
		if p.BriefHeader, err = printHeader(s.env, s.store); err == nil {
			err = s.store.PolicyChecks(bg(), data.PolicyGaoqi, year, "", func(pc *data.PolicyCheck) error {
				p.Checked++
				if reports.InPolicyPool(pc) {
					p.Checks = append(p.Checks, *pc)
				}
				return nil
			})
		}
		if err == nil {
			reports.RankPolicyPool(p.Checks)
			err = writeAll(w, func(buf io.Writer) error { return f.write(buf, p) })
		}
		err = finishWrite(w, err)
	}, func() {
		s.poolPDFBtn.Enable()
		s.poolXLSXBtn.Enable()
		s.written = s.env.tellWritten(s.win, "policyui.pool_written", w, err)
	})
}
