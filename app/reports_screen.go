package app

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/reports"
)

// reportStore is what the Briefs screen asks of the database.
type reportStore interface {
	registerStore
	fontSettingsStore
	reports.Register
	OutputYears(ctx context.Context) ([]int, error)
}

// briefFormat is a file a brief can be written to.
type briefFormat struct {
	ext string
}

var (
	pdfFormat  = briefFormat{".pdf"}
	xlsxFormat = briefFormat{".xlsx"}
)

// write writes a loaded brief in the format.
func (f briefFormat) write(b *reports.Brief, w io.Writer) error {
	if f == pdfFormat {
		return b.WritePDF(w)
	}
	return b.WriteXLSX(w)
}

// reportsScreen writes the briefs: the user picks the year, then a file; the brief is made off the main
// goroutine behind a progress dialog that can cancel it.
type reportsScreen struct {
	env   *env
	store reportStore
	win   fyne.Window
	// fonts are the fonts briefs are printed with; nil (or a nil FontSet) means the bundled defaults.
	fonts func(ctx context.Context) (*reports.FontSet, error)

	kind     *widget.Select
	year     *widget.Select
	header   *widget.Label
	pdfBtn   *widget.Button
	xlsxBtn  *widget.Button
	issueBtn *widget.Button
	editBtn  *widget.Button // 编辑文字: the brief's words, with a preview of its pages
	status   *widget.Label
	// edited are the texts the user edited, by kind, year and language; a brief made or issued of one of them
	// prints its text. Read and written on the main goroutine.
	edited map[editKey]*reports.BriefText
	editor *briefEditor // the editor open, for tests
	// previewed, when not nil, is given to the editor: sent on after each preview is drawn (for tests).
	previewed chan previewShot
	// previewDo, when not nil, is given to the editor to draw its previews with (for tests; fyne.Do otherwise).
	previewDo func(func())
	openBtn   *widget.Button // 打开: the file just written, in the system's viewer
	written   string         // that file
	register  *briefRegister

	progress dialog.Dialog
	cancel   context.CancelFunc
	done     chan struct{} // closed when the last brief finished; tests wait on it
	asked    chan struct{} // when not nil, sent on once the missing-characters question is shown (for tests)
}

// editKey names the brief a text was edited for.
type editKey struct {
	kind string
	year int
	lang string
}

func newReportsScreen(e *env, st reportStore, win fyne.Window) *reportsScreen {
	return &reportsScreen{env: e, store: st, win: win, register: newBriefRegister(e, st, win),
		edited: map[editKey]*reports.BriefText{},
		fonts:  func(ctx context.Context) (*reports.FontSet, error) { return briefFontSet(ctx, st) }}
}

// askMissing runs off the main goroutine once a brief is loaded: when some of its texts hold characters no
// font has, it asks the user on the main goroutine and waits for the answer. It returns the fonts to print
// with — marking those characters with 〓 when the user goes on — and false when the user goes back to fix
// the records or cancels the brief.
func (r *reportsScreen) askMissing(ctx context.Context, b *reports.Brief, fonts *reports.FontSet) (*reports.FontSet, bool) {
	list := reports.CheckBrief(b.Value, fonts)
	if len(list) == 0 {
		return fonts, true
	}
	answer := make(chan bool, 1)
	fyne.Do(func() {
		r.progress.Hide()
		r.env.confirmMissingChars(r.win, list, func(goOn bool) {
			if goOn {
				r.progress.Show()
			}
			answer <- goOn
		})
		if r.asked != nil {
			r.asked <- struct{}{}
		}
	})
	select {
	case goOn := <-answer:
		if !goOn {
			return nil, false
		}
		if fonts == nil {
			var err error
			if fonts, err = reports.ResolveFonts(nil); err != nil {
				return nil, false
			}
		}
		marked := fonts.WithMarkMissing(true)
		b.SetFonts(marked)
		return marked, true
	case <-ctx.Done():
		return nil, false
	}
}

func (r *reportsScreen) build() fyne.CanvasObject {
	kinds := make([]string, len(reports.BriefKinds))
	for i, k := range reports.BriefKinds {
		kinds[i] = r.env.T(k.Label)
	}
	r.kind = &widget.Select{Options: kinds}
	r.kind.ExtendBaseWidget(r.kind)
	r.kind.SetSelectedIndex(0)
	years, err := r.store.OutputYears(bg())
	if err != nil {
		r.env.showError(r.win, err)
	}
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	if len(opts) == 0 {
		opts = []string{strconv.Itoa(r.env.today().Year() - 1)}
	}
	r.year = &widget.Select{Options: opts}
	r.year.ExtendBaseWidget(r.year)
	r.year.SetSelectedIndex(0)
	r.kind.OnChanged = r.onBriefChosen
	r.year.OnChanged = r.onBriefChosen
	r.header = &widget.Label{Wrapping: fyne.TextWrapWord} // one line in Chinese; in English it would widen the window
	if b, err := r.store.BriefSettings(bg()); err == nil {
		r.header.SetText(r.env.T("brief17.reports.header", map[string]any{"Name": b.BriefName, "Unit": b.IssuingUnit}))
	}
	r.pdfBtn = &widget.Button{Text: r.env.T("reports.make_pdf"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance,
		OnTapped: func() { r.onWrite(pdfFormat) }}
	r.xlsxBtn = &widget.Button{Text: r.env.T("reports.make_xlsx"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { r.onWrite(xlsxFormat) }}
	r.issueBtn = &widget.Button{Text: r.env.T("register.issue"), Icon: theme.ConfirmIcon(), OnTapped: r.onIssue}
	r.editBtn = &widget.Button{Text: r.env.T("brief17.reports.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: r.onEdit}
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	r.openBtn = &widget.Button{Text: r.env.T("open.file"), Icon: theme.FileIcon(), OnTapped: r.onOpenWritten}
	r.openBtn.Hide()
	hint := widget.NewLabel(r.env.T("brief17.reports.settings_hint"))
	hint.Importance = widget.LowImportance
	form := widget.NewForm(
		widget.NewFormItem(r.env.T("reports.kind"), r.kind),
		widget.NewFormItem(r.env.T("reports.year"), r.year),
	)
	card := widget.NewCard(r.env.T("reports.title"), "", container.NewVBox(form, r.header, hint,
		container.NewHBox(r.editBtn, r.pdfBtn, r.xlsxBtn, r.issueBtn), container.NewBorder(nil, nil, nil, r.openBtn, r.status)))
	return container.NewPadded(container.NewBorder(card, nil, nil, nil, r.register.build()))
}

// selectedKind is the brief kind chosen, the first when nothing is.
func (r *reportsScreen) selectedKind() *reports.BriefKind {
	return reports.BriefKinds[max(r.kind.SelectedIndex(), 0)]
}

// briefFonts are the fonts to print with: those r.fonts gives, nil for the defaults.
func (r *reportsScreen) briefFonts(ctx context.Context) (*reports.FontSet, error) {
	if r.fonts == nil {
		return nil, nil
	}
	return r.fonts(ctx)
}

// load loads a brief of the kind with the fonts to print with; every brief the screen makes comes through here.
func (r *reportsScreen) load(ctx context.Context, kind *reports.BriefKind, year int) (*reports.Brief, error) {
	fonts, err := r.briefFonts(ctx)
	if err != nil {
		return nil, err
	}
	return kind.Load(ctx, r.store, year, r.env.tr.Lang, r.env.today(), fonts)
}

func (r *reportsScreen) selectedYear() int {
	y, _ := strconv.Atoi(r.year.Selected)
	return y
}

// onWrite asks where to save, then makes the brief. The font files chosen in Settings, which the brief reads,
// may not be chosen as its file while the dialog is open.
func (r *reportsScreen) onWrite(f briefFormat) {
	year := r.selectedYear()
	release := protectFiles(r.chosenFontFiles()...)
	d := dialog.NewFileSave(rememberSave(fileBrief, func(w fyne.URIWriteCloser, err error) {
		release()
		if err != nil {
			r.env.showError(r.win, err)
			return
		}
		if w == nil {
			return // the user cancelled
		}
		r.writeTo(w, f, year)
	}), r.win)
	startIn(d, fileBrief)
	d.SetFileName(r.env.T(r.selectedKind().File, map[string]any{"Year": year}) + f.ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.ext}))
	showFileDialog(d, r.win)
}

// chosenFontFiles are the font files chosen in Settings for the briefs, none when the store keeps none.
func (r *reportsScreen) chosenFontFiles() []string {
	st, ok := r.store.(interface {
		BriefFonts(ctx context.Context) (map[string]string, error)
	})
	if !ok {
		return nil
	}
	custom, err := st.BriefFonts(bg())
	if err != nil {
		return nil // the brief itself will say why the fonts cannot be read
	}
	var files []string
	for _, path := range custom {
		files = append(files, path)
	}
	return files
}

// writeTo makes the brief in a goroutine; the file is written only once the brief is complete, so a cancel
// or an error leaves no half-written file behind.
func (r *reportsScreen) writeTo(w fyne.URIWriteCloser, f briefFormat, year int) {
	ctx, cancel := context.WithCancel(context.Background())
	r.run(ctx, cancel, w, f, year)
}

func (r *reportsScreen) run(ctx context.Context, cancel context.CancelFunc, w fyne.URIWriteCloser, f briefFormat, year int) {
	r.cancel = cancel
	r.done = make(chan struct{})
	kind := r.selectedKind() // read on the main goroutine; the brief is made off it
	text := r.editedText(kind, year)
	r.showProgress()
	go func() {
		defer close(r.done)
		var buf bytes.Buffer
		b, err := r.load(ctx, kind, year)
		hand := 0
		if err == nil && text != nil {
			b.SetText(text)
			hand = len(b.HandFigures())
		}
		goOn := true
		if err == nil && ctx.Err() == nil {
			_, goOn = r.askMissing(ctx, b, b.Fonts())
		}
		if err == nil && ctx.Err() == nil && goOn {
			err = f.write(b, &buf)
		}
		cancelled := ctx.Err() != nil || !goOn
		if err == nil && !cancelled {
			_, err = w.Write(buf.Bytes())
		}
		if cancelled && err == nil {
			discardWrite(w) // the file chosen keeps what it had
		} else {
			err = finishWrite(w, err)
		}
		fyne.Do(func() {
			r.finish(w.URI(), err, cancelled)
			if hand > 0 && err == nil && !cancelled {
				// A draft is written as edited, but the figures the data does not give are told here too.
				r.status.SetText(r.status.Text + " " + r.env.T("brief17.reports.hand_figures", map[string]any{"N": hand}))
			}
		})
	}()
}

func (r *reportsScreen) showProgress() {
	bar := widget.NewProgressBarInfinite()
	cancel := &widget.Button{Text: r.env.T("action.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { r.cancel() }}
	r.progress = dialog.NewCustomWithoutButtons(r.env.T("reports.working"), container.NewVBox(bar, cancel), r.win)
	r.progress.Show()
	r.pdfBtn.Disable()
	r.xlsxBtn.Disable()
	r.issueBtn.Disable()
	r.editBtn.Disable()
}

func (r *reportsScreen) finish(uri fyne.URI, err error, cancelled bool) {
	r.endProgress()
	r.openBtn.Hide()
	switch {
	case cancelled:
		r.status.SetText("")
	case err != nil:
		r.env.showError(r.win, err)
	default:
		r.status.SetText(r.env.T("reports.done", map[string]any{"File": shownPath(uri)}))
		r.written = uri.Path()
		r.openBtn.Show()
	}
}

// onOpenWritten opens the brief just written in the system's viewer (the PDF reader, Excel).
func (r *reportsScreen) onOpenWritten() { r.env.openWithMessage(r.win, r.written) }

func (r *reportsScreen) endProgress() {
	r.progress.Hide()
	r.pdfBtn.Enable()
	r.xlsxBtn.Enable()
	r.issueBtn.Enable()
	r.editBtn.Enable()
}

// onIssue asks before issuing: the number a brief is issued with is kept for good.
func (r *reportsScreen) onIssue() {
	year := r.selectedYear()
	title := r.env.T(r.selectedKind().File, map[string]any{"Year": year})
	// Not env.confirm: the button says what it does (签发), as the number issued is kept for good.
	msg := newDialogText(r.env.T("register.confirm", map[string]any{"Title": title, "Year": year}), r.win)
	dialog.NewCustomConfirm(r.env.T("register.confirm.title"), r.env.T("register.issue"), r.env.T("action.cancel"), msg,
		func(ok bool) {
			if ok {
				ctx, cancel := context.WithCancel(context.Background())
				r.issue(ctx, cancel, year)
			}
		}, r.win).Show()
}

// issue registers the chosen brief with the year's next number, off the main goroutine: the brief is made with
// that number and stored in one transaction, so a cancel or an error registers nothing.
func (r *reportsScreen) issue(ctx context.Context, cancel context.CancelFunc, year int) {
	r.cancel = cancel
	r.done = make(chan struct{})
	kind := r.selectedKind()
	text := r.editedText(kind, year)
	r.showProgress()
	go func() {
		defer close(r.done)
		var issued data.IssuedBrief
		// Characters no font has are asked about before the register's transaction starts: it must not wait
		// for the user.
		fonts, err := r.briefFonts(ctx)
		var b *reports.Brief
		if err == nil {
			b, err = kind.Load(ctx, r.store, year, r.env.tr.Lang, r.env.today(), fonts)
		}
		goOn := true
		if err == nil && ctx.Err() == nil {
			fonts, goOn = r.askMissing(ctx, b, fonts)
		}
		if err == nil && ctx.Err() == nil && goOn && text != nil {
			b.SetText(text)
			goOn = r.askFigures(ctx, b.HandFigures())
		}
		if err == nil && ctx.Err() == nil && goOn {
			issued, err = reports.IssueBrief(ctx, r.store, r.store, kind, year, r.env.tr.Lang, r.env.today(), fonts,
				issuedText(text))
		}
		fyne.Do(func() { r.issued(issued, err, ctx.Err() != nil || !goOn) })
	}()
}

func (r *reportsScreen) issued(b data.IssuedBrief, err error, cancelled bool) {
	r.endProgress()
	r.openBtn.Hide() // 打开 beside "已签发…" would open the draft written before, not the issued brief
	switch {
	case cancelled:
		r.status.SetText("")
	case err != nil:
		r.env.showError(r.win, err)
	default:
		r.status.SetText(r.env.T("register.issued", map[string]any{"Title": b.Title, "No": b.IssueNo}))
		r.register.reload()
		r.register.offerSave(b)
	}
}

// issuedText sets the edited text, if any, on the brief the register issues.
func issuedText(text *reports.BriefText) func(*reports.Brief) error {
	if text == nil {
		return nil
	}
	return func(b *reports.Brief) error {
		b.SetText(text)
		return nil
	}
}

// editedText is the text edited for a brief of the kind and year in the window's language; nil when none.
func (r *reportsScreen) editedText(kind *reports.BriefKind, year int) *reports.BriefText {
	return r.edited[editKey{kind.Name, year, r.env.tr.Lang}]
}

// askFigures runs off the main goroutine before an edited brief is issued: when its text has figures the data
// does not give, it names them and asks whether to issue it so, and waits for the answer.
func (r *reportsScreen) askFigures(ctx context.Context, hand []reports.HandFigure) bool {
	if len(hand) == 0 {
		return true
	}
	lines := make([]string, len(hand))
	for i, f := range hand {
		lines[i] = r.env.T("brief17.issue.figure", map[string]any{"Figure": f.Figure, "Context": reports.FigureContext(f)})
	}
	msg := r.env.T("brief17.issue.figures", map[string]any{"N": len(hand), "List": strings.Join(lines, "\n")})
	answer := make(chan bool, 1)
	fyne.Do(func() {
		r.progress.Hide()
		d := dialog.NewCustomConfirm(r.env.T("brief17.issue.figures.title"), r.env.T("register.issue"),
			r.env.T("action.cancel"), newDialogText(msg, r.win), func(ok bool) {
				if ok {
					r.progress.Show()
				}
				answer <- ok
			}, r.win)
		d.Show()
		if r.asked != nil {
			r.asked <- struct{}{}
		}
	})
	select {
	case ok := <-answer:
		return ok
	case <-ctx.Done():
		return false
	}
}

// onEdit loads the chosen brief off the main goroutine and opens its text in the editor: the text edited
// before for it, else the one its data gives. The text kept is what 生成 and 签发 print for that brief.
func (r *reportsScreen) onEdit() {
	kind, year := r.selectedKind(), r.selectedYear()
	key := editKey{kind.Name, year, r.env.tr.Lang}
	start := r.edited[key]
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.done = make(chan struct{})
	r.showProgress()
	go func() {
		defer close(r.done)
		b, err := r.load(ctx, kind, year)
		fyne.Do(func() {
			r.endProgress()
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				r.env.showError(r.win, err)
				return
			}
			r.editor = newBriefEditor(r.env, r.win, b, start, func(text *reports.BriefText) { r.keepText(key, text) })
			r.editor.previewed = r.previewed
			if r.previewDo != nil {
				r.editor.do = r.previewDo
			}
			r.editor.show()
		})
	}()
}

// onBriefChosen says, for the kind and year now chosen, whether 生成 and 签发 print an edited text.
func (r *reportsScreen) onBriefChosen(string) {
	if r.status == nil {
		return // still building
	}
	r.openBtn.Hide()
	if r.editedText(r.selectedKind(), r.selectedYear()) != nil {
		r.status.SetText(r.env.T("brief17.reports.edited"))
		return
	}
	r.status.SetText("")
}

// keepText keeps the text the editor closed with (nil: the data's own) and says so under the buttons.
func (r *reportsScreen) keepText(key editKey, text *reports.BriefText) {
	if text == nil {
		delete(r.edited, key)
		r.status.SetText("")
		return
	}
	r.edited[key] = text
	r.status.SetText(r.env.T("brief17.reports.edited"))
}
