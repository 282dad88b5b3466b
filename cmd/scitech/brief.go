package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
	"scitech/usertext"
)

// runBrief writes a brief to the PDF and/or XLSX files named; with --issue it first registers the brief with the
// year's next 第X期 and writes the files the register keeps. Each file is written whole or not at all.
func runBrief(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("brief", stderr)
	year := fs.Int("year", 0, "report year")
	pdfPath := fs.String("pdf", "", "PDF file to write")
	xlsxPath := fs.String("xlsx", "", "XLSX file to write")
	lang := fs.String("lang", "zh", "language of the brief: zh or en")
	issue := fs.Bool("issue", false, "register the brief with the year's next issue number")
	mark := fs.Bool("mark-missing", false, "print characters no font has as 〓 instead of refusing the brief")
	textPath := fs.String("text", "", "the brief's text as edited (a file --text-out wrote)")
	textOut := fs.String("text-out", "", "write the brief's text to this file, to edit it")
	keepFigures := fs.Bool("keep-figures", false, "issue an edited text even with figures the data does not give")
	pos, err := parseFlags(tr, fs, args)
	if err != nil {
		return exitUsage
	}
	known := strings.Join(reports.BriefKindNames(), ", ")
	switch {
	case len(pos) != 1:
		fmt.Fprint(stderr, "需要简报种类 / the brief kind is required: "+known+"\n\n"+usage)
		return exitUsage
	case reports.BriefKindNamed(pos[0]) == nil:
		fmt.Fprintf(stderr, "未知的简报种类 / unknown brief kind: %s (known: %s)\n", pos[0], known)
		return exitUsage
	case *year == 0:
		fmt.Fprintln(stderr, "缺少 --year / --year is required")
		return exitUsage
	case *pdfPath == "" && *xlsxPath == "" && *textOut == "" && !*issue:
		fmt.Fprintln(stderr, "请给出 --pdf、--xlsx 或 --text-out / give --pdf, --xlsx or --text-out")
		return exitUsage
	case *lang != "zh" && *lang != "en":
		fmt.Fprintf(stderr, "--lang 只能是 zh 或 en / --lang must be zh or en, not %q\n", *lang)
		return exitUsage
	}
	outputs := []string{*pdfPath, *xlsxPath, *textOut}
	// --text-out onto the --text file would rewrite the secretary's file from what the brief read of it:
	// their own # notes dropped, their layout lost.
	inputs := []string{*textPath}
	if code := refuseOutputs(tr, stderr, *db, outputs, inputs...); code != exitOK {
		return code
	}
	open := openStoreToRead // only --issue writes (the register)
	if *issue {
		open = openStore
	}
	s, code := open(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	kind := reports.BriefKindNamed(pos[0])
	fonts, err := settingsBriefFonts(context.Background(), s)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	if code := refuseOutputs(tr, stderr, *db, outputs, append(inputs, fontFiles(fonts)...)...); code != exitOK {
		return code
	}
	// Characters no font has are listed by record and field before anything is written or registered.
	b, err := kind.Load(context.Background(), s, *year, *lang, data.Today(), fonts)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	text, code := readBriefText(tr, b, *textPath, stderr)
	if code != exitOK {
		return code
	}
	if printMissingChars(tr, stderr, b.Value, fonts, *mark) {
		if !*mark {
			return exitRefused
		}
		fonts = fonts.WithMarkMissing(true)
		b.SetFonts(fonts)
	}
	if *issue {
		// --text-out is staged with the PDF and workbook, the text the register keeps: an issue refused (a
		// figure typed by hand) writes nothing, as its exit 1 says.
		return issueBriefPrepared(tr, s, kind, *year, *lang, fonts, outputPaths{*pdfPath, *xlsxPath, *textOut}, stdout, stderr,
			issueText(text, *keepFigures))
	}
	textFile := briefOutput{*textOut, func(w io.Writer) error { _, err := w.Write(b.TextBytes()); return err }}
	if text != nil {
		printHandFigures(tr, stderr, b.HandFigures())
	}
	return writeOutputs(tr, []briefOutput{textFile, {*pdfPath, b.WritePDF}, {*xlsxPath, b.WriteXLSX}}, stdout, stderr)
}

// readBriefText reads the text file --text names, if any, and sets the brief to print it. A file that cannot be
// read, or is no file (a pipe, a device, a folder), is exit 2; one the brief cannot print (not UTF-8, a
// control character, an unknown tag, an anchor of no table, larger than any brief's text) is refused, exit 1.
func readBriefText(tr *assets.Translator, b *reports.Brief, path string, stderr io.Writer) (*reports.BriefText, int) {
	if path == "" {
		return nil, exitOK
	}
	body, err := readTextFile(path)
	if de := (*data.Error)(nil); errors.As(err, &de) {
		return nil, refuse(tr, stderr, err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "无法读取 / cannot read %s: %v\n", path, err)
		return nil, exitUsage
	}
	text, err := b.ParseText(body)
	if err != nil {
		return nil, refuse(tr, stderr, err)
	}
	b.SetText(&text)
	return &text, exitOK
}

// issueText sets an edited text on the brief the register issues. Its figures are checked there, against the
// data the brief is made from at that moment: one the data does not give refuses the issue, unless keep says
// the secretary checked it.
func issueText(text *reports.BriefText, keep bool) func(*reports.Brief) error {
	if text == nil {
		return nil
	}
	return func(b *reports.Brief) error {
		b.SetText(text)
		if hf := b.HandFigures(); len(hf) > 0 && !keep {
			return reports.HandFiguresError(hf)
		}
		return nil
	}
}

// printHandFigures warns of each figure of the edited text that the data does not give: a draft is written
// with them, and 签发 refuses them unless --keep-figures.
func printHandFigures(tr *assets.Translator, stderr io.Writer, hf []reports.HandFigure) {
	for _, f := range hf {
		fmt.Fprintln(stderr, tr.T("brief17.cli.hand_figure", map[string]any{"Figure": f.Figure,
			"Context": reports.FigureContext(f)}))
	}
}

// issueBrief registers a brief and writes the files the register keeps to the paths given. The files are
// written whole and synced to temporary files beside their places while the register holds the issue number,
// and the number is committed only once they are: a file that cannot be written (a full disk) leaves nothing
// registered, so the retry takes the same 第X期. Only the renames come after the commit; one that fails then
// is told as a warning with the command that saves the file again, and the exit is 0, since the brief is
// issued.
func issueBrief(tr *assets.Translator, s *data.Store, kind *reports.BriefKind, year int, lang string, fonts *reports.FontSet,
	pdfPath, xlsxPath string, stdout, stderr io.Writer) int {
	return issueBriefPrepared(tr, s, kind, year, lang, fonts, outputPaths{pdf: pdfPath, xlsx: xlsxPath}, stdout, stderr, nil)
}

// issueBriefPrepared is issueBrief with prepare called on the brief before it is made (see reports.IssueBrief):
// an edited text is set there.
func issueBriefPrepared(tr *assets.Translator, s *data.Store, kind *reports.BriefKind, year int, lang string,
	fonts *reports.FontSet, out outputPaths, stdout, stderr io.Writer, prepare func(*reports.Brief) error) int {
	reg := &stagingRegister{Store: s, pdfPath: out.pdf, xlsxPath: out.xlsx, textPath: out.text}
	defer reg.discard()
	issued, err := reports.IssueBrief(context.Background(), reg, s, kind, year, lang, data.Today(), fonts, prepare)
	var se *stageError
	switch {
	case errors.As(err, &se):
		return cannotWrite(tr, stderr, se.path, se.err)
	case err != nil:
		return refuse(tr, stderr, err)
	}
	fmt.Fprintf(stdout, "第%d期\t%s\t%d\n", issued.IssueNo, issued.Title, issued.ID)
	putStaged(tr, reg, issued, stdout, stderr)
	return exitOK
}

// outputPaths are the files an issued brief is written to: PDF, workbook and (brief --text-out) its text.
type outputPaths struct {
	pdf, xlsx, text string
}

// stagingRegister is the store's brief register that, while it holds the year's next number, writes the brief's
// files beside their places (see issueBrief) and fails the issue when they cannot be written.
type stagingRegister struct {
	*data.Store
	pdfPath, xlsxPath, textPath string
	staged                      []*stagedFile
}

// IssueBrief issues the brief through the store, staging its files before the register row is committed.
func (r *stagingRegister) IssueBrief(ctx context.Context, b data.BriefIssue,
	render func(ctx context.Context, issueNo int) (data.RenderedBrief, error)) (data.IssuedBrief, error) {
	return r.Store.IssueBrief(ctx, b, func(ctx context.Context, no int) (data.RenderedBrief, error) {
		rb, err := render(ctx, no)
		if err == nil {
			err = r.stage(rb)
		}
		return rb, err
	})
}

// stage writes the rendered files to temporary files beside their places; those of an earlier attempt (the
// store may render again after a busy database) are discarded first.
func (r *stagingRegister) stage(rb data.RenderedBrief) error {
	r.discard()
	for _, out := range []struct {
		path, format string
		body         []byte
	}{{r.pdfPath, data.BriefPDF, rb.PDF}, {r.xlsxPath, data.BriefXLSX, rb.XLSX}, {r.textPath, data.BriefText, rb.Text}} {
		if out.path == "" {
			continue
		}
		f, err := stageFile(out.path, func(w io.Writer) error { _, err := w.Write(out.body); return err })
		if err != nil {
			r.discard()
			return &stageError{path: out.path, err: err}
		}
		f.format = out.format
		r.staged = append(r.staged, f)
	}
	return nil
}

// discard removes the staged files not yet put in place.
func (r *stagingRegister) discard() {
	for _, f := range r.staged {
		f.discard()
	}
	r.staged = nil
}

// stageError is a brief's file that could not be written before the issue was committed.
type stageError struct {
	path string
	err  error
}

func (e *stageError) Error() string { return "cannot write " + e.path + ": " + e.err.Error() }
func (e *stageError) Unwrap() error { return e.err }

// saveIssuedBrief writes the stored files of an issued brief, byte for byte, to the paths given, and text (its
// stored text, briefs save --text-out) with them.
func saveIssuedBrief(tr *assets.Translator, s *data.Store, id int64, pdfPath, xlsxPath string, text briefOutput,
	stdout, stderr io.Writer) int {
	stored := func(format string) func(io.Writer) error {
		return func(w io.Writer) error {
			b, err := s.IssuedBriefFile(context.Background(), id, format)
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}
	}
	return writeOutputs(tr, []briefOutput{{pdfPath, stored(data.BriefPDF)}, {xlsxPath, stored(data.BriefXLSX)}, text}, stdout, stderr)
}

// writeBriefFiles writes each file whose path is given and prints its path (writeOutputs).
func writeBriefFiles(tr *assets.Translator, pdfPath string, pdf func(io.Writer) error, xlsxPath string, xlsx func(io.Writer) error,
	stdout, stderr io.Writer) int {
	return writeOutputs(tr, []briefOutput{{pdfPath, pdf}, {xlsxPath, xlsx}}, stdout, stderr)
}

// briefOutput is a file a command writes, when its path is given, with what write gives.
type briefOutput struct {
	path  string
	write func(io.Writer) error
}

// writeOutputs writes the files whose paths are given, each whole, and prints their paths. All are made and
// synced beside their places before any is put there: one that cannot be made (a full disk, a folder gone)
// leaves none written and the exit is 2, where it left the files before it in place, their paths printed,
// under an exit that tells the user the command failed.
func writeOutputs(tr *assets.Translator, outs []briefOutput, stdout, stderr io.Writer) int {
	var staged []*stagedFile
	defer func() {
		for _, f := range staged {
			f.discard()
		}
	}()
	for _, out := range outs {
		if out.path == "" {
			continue
		}
		f, err := stageFile(out.path, out.write)
		if err != nil {
			return cannotWrite(tr, stderr, out.path, err)
		}
		staged = append(staged, f)
	}
	for _, f := range staged {
		if err := f.put(); err != nil {
			return cannotWrite(tr, stderr, f.path, err)
		}
		fmt.Fprintln(stdout, f.path)
	}
	return exitOK
}

// cannotWrite tells that path could not be written and returns the exit status: a *data.Error as any refusal,
// else exit 2 with the system's reason.
func cannotWrite(tr *assets.Translator, stderr io.Writer, path string, err error) int {
	if de := (*data.Error)(nil); errors.As(err, &de) {
		return refuse(tr, stderr, err)
	}
	fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", path, err)
	return exitUsage
}

// errorText is err as the user reads it: a *data.Error in the user's language, else the system's words.
func errorText(tr *assets.Translator, err error) string {
	if de := (*data.Error)(nil); errors.As(err, &de) {
		return usertext.Error(tr, err)
	}
	return err.Error()
}

// writeFileAtomic writes to a temporary file beside path and renames it into place, so a failure never
// leaves a half-written file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := stageFile(path, write)
	if err != nil {
		return err
	}
	return f.put()
}

// stagedFile is an output written whole and synced to a temporary file beside its place, not yet put there.
type stagedFile struct {
	path, tmp string
	format    string // data.BriefPDF or data.BriefXLSX for a brief's file
}

// stageFile writes what write gives to a new temporary file beside path, with the permission the file at
// path will have (that of the file it replaces, else that of any new file: 0666 less the umask, not the 0600 of
// os.CreateTemp), and syncs it, so that once put in place it survives a power cut.
func stageFile(path string, write func(io.Writer) error) (*stagedFile, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, err
	}
	tmp, err := data.CreateTemp(filepath.Dir(path), ".scitech-*")
	if err != nil {
		return nil, err
	}
	_, err = tmp.Write(buf.Bytes())
	if err == nil {
		err = data.TakeMode(tmp, path)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return nil, err
	}
	return &stagedFile{path: path, tmp: tmp.Name()}, nil
}

// put renames the staged file over its place. The place is looked at once more first: a database made there
// since the command began (another copy creating one) is not replaced.
func (f *stagedFile) put() error {
	err := data.RefuseDatabaseTarget(f.path)
	if err == nil {
		err = os.Rename(f.tmp, f.path)
	}
	if err != nil {
		f.discard()
	}
	return err
}

// discard removes the staged file; after put it is gone already and nothing happens.
func (f *stagedFile) discard() { _ = os.Remove(f.tmp) }
