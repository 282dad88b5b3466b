package app

import (
	"bytes"
	"context"
	"io"

	"fyne.io/fyne/v2"
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
	name := c.env.T("policyui.letter_file", map[string]any{"Name": c.checks[0].Name, "Year": c.year})
	c.env.askSave(c.win, fileBrief, name, f.ext, func(w fyne.URIWriteCloser) { c.writeLetter(w, f) })
}

// writeLetter writes the letter of the checks shown off the main goroutine; the file gets its bytes only once
// the letter is whole.
func (c *policyCheckup) writeLetter(w fyne.URIWriteCloser, f letterFormat) {
	l := reports.PolicyLetter{Checks: c.checks}
	c.pdfBtn.Disable()
	c.xlsxBtn.Disable()
	var err error
	inBackground(func() {
		if l.BriefHeader, err = printHeader(c.env, c.store); err == nil {
			err = writeAll(w, func(buf io.Writer) error { return f.write(buf, l) })
		}
		err = finishWrite(w, err)
	}, func() {
		c.pdfBtn.Enable()
		c.xlsxBtn.Enable()
		c.written = c.env.tellWritten(c.win, "policyui.letter_written", w, err)
	})
}

// printHeader is what a paper of the bureau carries, for a letter or a list: dated today, in the window's
// language, from the bureau named in Settings, in the fonts chosen there. Call it off the main goroutine.
func printHeader(e *env, store any) (reports.BriefHeader, error) {
	h := reports.BriefHeader{Date: e.today(), Lang: e.tr.Lang}
	st, ok := store.(policyLetterStore)
	if !ok {
		return h, nil
	}
	var err error
	if h.Settings, err = st.BriefSettings(bg()); err != nil {
		return h, err
	}
	custom, err := st.BriefFonts(bg())
	if err != nil {
		return h, err
	}
	h.Fonts, err = reports.ResolveFonts(fontRoles(custom))
	return h, err
}

// writeAll writes what write makes to w only once it is whole.
func writeAll(w io.Writer, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// tellWritten shows the error of a paper written, or the file it went to under the title key; it returns the file's path ("" after
// an error).
func (e *env) tellWritten(win fyne.Window, title string, w fyne.URIWriteCloser, err error) string {
	if err != nil {
		e.showError(win, err)
		return ""
	}
	path := shownPath(w.URI())
	e.showWritten(win, e.T(title), path, path)
	return path
}
