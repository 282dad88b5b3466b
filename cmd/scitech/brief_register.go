package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
)

// runBriefs lists the brief register; with "save ID" it writes an issued brief's stored files again, and with
// "correct ID" it issues a correction (更正) of an issued brief whose data changed, writing its files as
// brief --issue does.
func runBriefs(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("briefs", stderr)
	pdfPath := fs.String("pdf", "", "PDF file to write")
	xlsxPath := fs.String("xlsx", "", "XLSX file to write")
	mark := fs.Bool("mark-missing", false, "correct: print characters no font has as 〓 instead of refusing the brief")
	textPath := fs.String("text", "", "correct: the correction's text as edited (a file brief --text-out wrote)")
	textOut := fs.String("text-out", "", "save: write the text the brief was issued with, to edit for a correction")
	keep := fs.Bool("keep-figures", false, "correct: issue an edited text even with figures the data does not give")
	pos, err := parseFlags(tr, fs, args)
	if err != nil {
		return exitUsage
	}
	var id int64
	switch {
	case len(pos) == 0:
	case pos[0] != "save" && pos[0] != "correct" || len(pos) != 2:
		fmt.Fprint(stderr, "用法 / usage: scitech briefs [save ID [--pdf F] [--xlsx F] [--text-out T] | correct ID [--pdf F] [--xlsx F] "+
			"[--mark-missing] [--text T [--keep-figures]]]\n\n"+usage)
		return exitUsage
	default:
		if id, err = strconv.ParseInt(pos[1], 10, 64); err != nil || id <= 0 {
			fmt.Fprintf(stderr, "简报编号应为正整数 / the brief's id must be a positive whole number, not %q\n", pos[1])
			return exitUsage
		}
		if pos[0] == "save" && *pdfPath == "" && *xlsxPath == "" && *textOut == "" {
			fmt.Fprintln(stderr, "请给出 --pdf、--xlsx 或 --text-out / give --pdf, --xlsx or --text-out")
			return exitUsage
		}
	}
	if code := refuseOutputs(tr, stderr, *db, []string{*pdfPath, *xlsxPath, *textOut}); code != exitOK {
		return code
	}
	open := openStoreToRead // only a correction writes (the register)
	if id != 0 && pos[0] == "correct" {
		open = openStore
	}
	s, code := open(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if id == 0 {
		return listIssuedBriefs(tr, s, stdout, stderr)
	}
	issued, err := s.IssuedBrief(context.Background(), id)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	if pos[0] == "correct" {
		return correctIssuedBrief(tr, s, issued, correction{db: *db, pdf: *pdfPath, xlsx: *xlsxPath, text: *textPath,
			mark: *mark, keep: *keep}, stdout, stderr)
	}
	text, code := issuedText(tr, s, issued, *textOut, stderr)
	if code != exitOK {
		return code // before the PDF is written: exit 1 says nothing was
	}
	return saveIssuedBrief(tr, s, id, *pdfPath, *xlsxPath, briefOutput{*textOut, text}, stdout, stderr)
}

// issuedText gives the text an issued brief was set from, to be written byte for byte to path, in the format
// brief --text and briefs correct --text read: the start of a correction's text. A brief issued before the
// register kept texts has none, which is said (exit 1); brief --text-out gives the text its data gives now.
// No path, nothing to write.
func issuedText(tr *assets.Translator, s *data.Store, issued data.IssuedBrief, path string, stderr io.Writer) (func(io.Writer) error, int) {
	if path == "" {
		return nil, exitOK
	}
	body, err := s.IssuedBriefFile(context.Background(), issued.ID, data.BriefText)
	if err == nil && body == nil {
		err = &data.Error{Code: data.NotFound, Key: "register.err.no_text", Args: map[string]any{"No": issued.IssueNo},
			Message: "the brief was issued before the register kept the texts of briefs"}
	}
	if err != nil {
		return nil, refuse(tr, stderr, err)
	}
	return func(w io.Writer) error { _, err := w.Write(body); return err }, exitOK
}

// correction is what `briefs correct` was given: the database, the files to write, the edited text's file, and
// --mark-missing and --keep-figures.
type correction struct {
	db, pdf, xlsx, text string
	mark, keep          bool
}

// correctIssuedBrief issues a correction of an issued brief: made from the records as they are, in its kind,
// year and language, with the fonts of Settings (and the edited text of --text, checked as brief --issue checks
// it), it takes the year's next number and its header names the issue it replaces. Characters no font has are
// listed first, as brief does; the files are staged while the register holds the number, so one that cannot be
// written registers nothing (see issueBrief).
func correctIssuedBrief(tr *assets.Translator, s *data.Store, issued data.IssuedBrief, c correction, stdout, stderr io.Writer) int {
	ctx := context.Background()
	fonts, err := settingsBriefFonts(ctx, s)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	inputs := fontFiles(fonts)
	if c.text != "" {
		inputs = append(inputs, c.text) // the edited text is never overwritten by the files it makes
	}
	if code := refuseOutputs(tr, stderr, c.db, []string{c.pdf, c.xlsx}, inputs...); code != exitOK {
		return code
	}
	var text *reports.BriefText
	if k := reports.BriefKindNamed(issued.Kind); k != nil {
		b, err := k.Load(ctx, s, issued.Year, issued.Lang, data.Today(), fonts)
		if err != nil {
			return refuse(tr, stderr, err)
		}
		var code int
		if text, code = readBriefText(tr, b, c.text, stderr); code != exitOK {
			return code
		}
		if printMissingChars(tr, stderr, b.Value, fonts, c.mark) {
			if !c.mark {
				return exitRefused
			}
			fonts = fonts.WithMarkMissing(true)
		}
	}
	reg := &stagingRegister{Store: s, pdfPath: c.pdf, xlsxPath: c.xlsx}
	defer reg.discard()
	fix, err := reports.CorrectBrief(ctx, reg, s, issued, data.Today(), fonts, issueText(text, c.keep))
	var se *stageError
	switch {
	case errors.As(err, &se):
		return cannotWrite(tr, stderr, se.path, se.err)
	case err != nil:
		return refuse(tr, stderr, err)
	}
	fmt.Fprintf(stdout, "第%d期\t更正第%d期\t%s\t%d\n", fix.IssueNo, fix.ReplacesNo, fix.Title, fix.ID)
	putStaged(tr, reg, fix, stdout, stderr)
	return exitOK
}

// putStaged puts the files staged while a brief was issued in their places, printing each path; one that
// cannot be put there is told as a warning with the command that saves it again, since the brief is issued.
func putStaged(tr *assets.Translator, reg *stagingRegister, issued data.IssuedBrief, stdout, stderr io.Writer) {
	for _, f := range reg.staged {
		if err := f.put(); err != nil {
			flag := f.format // --pdf, --xlsx; the text is saved with --text-out
			if flag == data.BriefText {
				flag = "text-out"
			}
			fmt.Fprintf(stderr, "第%d期已登记，但 %s 没有写成 / issue %d is registered, but %s was not written: %s\n"+
				"请用 / save it with: scitech briefs save %d --%s %s\n",
				issued.IssueNo, f.path, issued.IssueNo, f.path, errorText(tr, err), issued.ID, flag, f.path)
			continue
		}
		fmt.Fprintln(stdout, f.path)
	}
}

// listIssuedBriefs prints the register, the latest issued first, one brief a line in tab-separated columns,
// saying whether the data each was made from has changed since.
func listIssuedBriefs(tr *assets.Translator, s *data.Store, stdout, stderr io.Writer) int {
	ctx := context.Background()
	list, err := s.ListIssuedBriefs(ctx)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "id\tyear\tissue\tkind\tlang\tdate\tchanged\tcorrection\ttitle")
	for _, b := range list {
		changed, err := reports.DataChanged(ctx, s, b)
		if err != nil {
			return refuse(tr, stderr, err)
		}
		yes := "no"
		if changed {
			yes = "yes"
		}
		fmt.Fprintf(w, "%d\t%d\t第%d期\t%s\t%s\t%s\t%s\t%s\t%s\n", b.ID, b.Year, b.IssueNo, b.Kind, b.Lang,
			data.FormatDate(b.Date), yes, correctionText(b), b.Title)
	}
	return flushOr(w, stderr)
}

// correctionText is the register's link of a brief: 更正第X期 for a correction, 由第Y期更正 for a brief a
// correction replaced (both for a correction corrected in turn), - for neither.
func correctionText(b data.IssuedBrief) string {
	var parts []string
	if b.Replaces != 0 {
		parts = append(parts, fmt.Sprintf("更正第%d期", b.ReplacesNo))
	}
	if b.ReplacedBy != 0 {
		parts = append(parts, fmt.Sprintf("由第%d期更正", b.ReplacedByNo))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

func flushOr(w *tabwriter.Writer, stderr io.Writer) int {
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	return exitOK
}
