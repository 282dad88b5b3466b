package app

import (
	"bytes"
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/reports"
)

// policyLetterStore is what writing a check-up letter asks of the database: the bureau's name as the sender and
// the fonts chosen for everything printed.
type policyLetterStore interface {
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
	BriefFonts(ctx context.Context) (map[string]string, error)
}

// letterFormat is a way to print a company's 政策体检: the one-page letter (PDF) or its workbook (XLSX).
type letterFormat struct {
	ext   string
	write func(io.Writer, reports.PolicyLetter) error
}

var (
	letterPDF  = letterFormat{".pdf", reports.WritePolicyLetterPDF}
	letterXLSX = letterFormat{".xlsx", reports.WritePolicyLetterXLSX}
)

// letterButtons are the check-up's buttons that print it as a letter to the company.
func (c *policyCheckup) letterButtons() []fyne.CanvasObject {
	c.pdfBtn = &widget.Button{Text: c.env.T("policyui.letter_pdf"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance,
		OnTapped: func() { c.onLetter(letterPDF) }}
	c.xlsxBtn = &widget.Button{Text: c.env.T("policyui.letter_xlsx"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { c.onLetter(letterXLSX) }}
	c.pdfBtn.Disable() // until the checks are read
	c.xlsxBtn.Disable()
	return []fyne.CanvasObject{c.pdfBtn, c.xlsxBtn}
}

// onLetter asks where to save the letter, then writes it.
func (c *policyCheckup) onLetter(f letterFormat) {
	d := dialog.NewFileSave(rememberSave(fileBrief, func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			c.env.showError(c.win, err)
			return
		}
		if w != nil {
			c.writeLetter(w, f)
		}
	}), c.win)
	startIn(d, fileBrief)
	d.SetFileName(c.env.T("policyui.letter_file", map[string]any{"Name": c.checks[0].Name, "Year": c.year}) + f.ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.ext}))
	showFileDialog(d, c.win)
}

// writeLetter writes the letter of the checks shown off the main goroutine, dated today, in the window's
// language, from the bureau named in Settings and in the fonts chosen there; the file gets its bytes only
// once the letter is whole.
func (c *policyCheckup) writeLetter(w fyne.URIWriteCloser, f letterFormat) {
	checks := c.checks
	st, _ := c.store.(policyLetterStore)
	l := reports.PolicyLetter{Checks: checks}
	l.Date, l.Lang = c.env.today(), c.env.tr.Lang
	c.pdfBtn.Disable()
	c.xlsxBtn.Disable()
	var err error
	inBackground(func() {
		if st != nil {
			if l.Settings, err = st.BriefSettings(bg()); err == nil {
				var custom map[string]string
				if custom, err = st.BriefFonts(bg()); err == nil {
					l.Fonts, err = reports.ResolveFonts(fontRoles(custom))
				}
			}
		}
		var buf bytes.Buffer
		if err == nil {
			err = f.write(&buf, l)
		}
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		err = finishWrite(w, err)
	}, func() {
		c.pdfBtn.Enable()
		c.xlsxBtn.Enable()
		if err != nil {
			c.env.showError(c.win, err)
			return
		}
		c.written = shownPath(w.URI())
		c.env.showWritten(c.win, c.env.T("policyui.letter_written"), c.written, c.written)
	})
}
