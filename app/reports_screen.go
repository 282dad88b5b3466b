package app

import (
	"bytes"
	"context"
	"io"
	"strconv"

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
	reports.OutputSource
	reports.WorkSource
	reports.PatentSource
	reports.IncubatorSource
	reports.CoopSource
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

// briefKind is a brief the screen offers: its name in the kind select, the name of its file, and how it is
// loaded and written.
type briefKind struct {
	label string // translation key
	file  string // translation key of the file name, given {{.Year}}
	write func(ctx context.Context, st reportStore, w io.Writer, f briefFormat, year int) error
}

var briefKinds = []briefKind{
	{label: "reports.kind.output", file: "brief.output.title", write: writeOutputBrief},
	{label: "reports.kind.work", file: "brief.work.file", write: writeWorkBrief},
	{label: "reports.kind.patents", file: "brief.patents.file", write: writePatentBrief},
	{label: "reports.kind.incubators", file: "brief.incubators.file", write: writeIncubatorBrief},
	{label: "reports.kind.cooperation", file: "brief.coop.file", write: writeCoopBrief},
}

func writeOutputBrief(ctx context.Context, st reportStore, w io.Writer, f briefFormat, year int) error {
	b, err := reports.LoadOutputBrief(ctx, st, year, Language(), data.Today())
	if err != nil || ctx.Err() != nil {
		return err
	}
	if f == pdfFormat {
		return reports.WriteOutputBriefPDF(w, b)
	}
	return reports.WriteOutputBriefXLSX(w, b)
}

func writeWorkBrief(ctx context.Context, st reportStore, w io.Writer, f briefFormat, year int) error {
	b, err := reports.LoadWorkBrief(ctx, st, year, Language(), data.Today())
	if err != nil || ctx.Err() != nil {
		return err
	}
	if f == pdfFormat {
		return reports.WriteWorkBriefPDF(w, b)
	}
	return reports.WriteWorkBriefXLSX(w, b)
}

func writePatentBrief(ctx context.Context, st reportStore, w io.Writer, f briefFormat, year int) error {
	b, err := reports.LoadPatentBrief(ctx, st, year, Language(), data.Today())
	if err != nil || ctx.Err() != nil {
		return err
	}
	if f == pdfFormat {
		return reports.WritePatentBriefPDF(w, b)
	}
	return reports.WritePatentBriefXLSX(w, b)
}

func writeIncubatorBrief(ctx context.Context, st reportStore, w io.Writer, f briefFormat, year int) error {
	b, err := reports.LoadIncubatorBrief(ctx, st, year, Language(), data.Today())
	if err != nil || ctx.Err() != nil {
		return err
	}
	if f == pdfFormat {
		return reports.WriteIncubatorBriefPDF(w, b)
	}
	return reports.WriteIncubatorBriefXLSX(w, b)
}

func writeCoopBrief(ctx context.Context, st reportStore, w io.Writer, f briefFormat, year int) error {
	b, err := reports.LoadCoopBrief(ctx, st, year, Language(), data.Today())
	if err != nil || ctx.Err() != nil {
		return err
	}
	if f == pdfFormat {
		return reports.WriteCoopBriefPDF(w, b)
	}
	return reports.WriteCoopBriefXLSX(w, b)
}

// reportsScreen writes the briefs: the user picks the year, then a file; the brief is made off the main
// goroutine behind a progress dialog that can cancel it.
type reportsScreen struct {
	store reportStore
	win   fyne.Window

	kind    *widget.Select
	year    *widget.Select
	header  *widget.Label
	pdfBtn  *widget.Button
	xlsxBtn *widget.Button
	status  *widget.Label

	progress dialog.Dialog
	cancel   context.CancelFunc
	done     chan struct{} // closed when the last brief finished; tests wait on it
}

func newReportsScreen(st reportStore, win fyne.Window) *reportsScreen {
	return &reportsScreen{store: st, win: win}
}

func (r *reportsScreen) build() fyne.CanvasObject {
	kinds := make([]string, len(briefKinds))
	for i, k := range briefKinds {
		kinds[i] = T(k.label)
	}
	r.kind = &widget.Select{Options: kinds}
	r.kind.ExtendBaseWidget(r.kind)
	r.kind.SetSelectedIndex(0)
	years, err := r.store.OutputYears(bg())
	if err != nil {
		showError(r.win, err)
	}
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	if len(opts) == 0 {
		opts = []string{strconv.Itoa(data.Today().Year() - 1)}
	}
	r.year = &widget.Select{Options: opts}
	r.year.ExtendBaseWidget(r.year)
	r.year.SetSelectedIndex(0)
	r.header = widget.NewLabel("")
	if b, err := r.store.BriefSettings(bg()); err == nil {
		r.header.SetText(T("reports.header", map[string]any{"Name": b.BriefName, "No": b.IssueNo, "Unit": b.IssuingUnit}))
	}
	r.pdfBtn = &widget.Button{Text: T("reports.make_pdf"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance,
		OnTapped: func() { r.onWrite(pdfFormat) }}
	r.xlsxBtn = &widget.Button{Text: T("reports.make_xlsx"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { r.onWrite(xlsxFormat) }}
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(T("reports.settings_hint"))
	hint.Importance = widget.LowImportance
	form := widget.NewForm(
		widget.NewFormItem(T("reports.kind"), r.kind),
		widget.NewFormItem(T("reports.year"), r.year),
	)
	card := widget.NewCard(T("reports.title"), "", container.NewVBox(form, r.header, hint,
		container.NewHBox(r.pdfBtn, r.xlsxBtn), r.status))
	return container.NewPadded(container.NewVBox(card))
}

// selectedKind is the brief kind chosen, the first when nothing is.
func (r *reportsScreen) selectedKind() briefKind {
	return briefKinds[max(r.kind.SelectedIndex(), 0)]
}

func (r *reportsScreen) selectedYear() int {
	y, _ := strconv.Atoi(r.year.Selected)
	return y
}

// onWrite asks where to save, then makes the brief.
func (r *reportsScreen) onWrite(f briefFormat) {
	year := r.selectedYear()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(r.win, err)
			return
		}
		if w == nil {
			return // the user cancelled
		}
		r.writeTo(w, f, year)
	}, r.win)
	d.SetFileName(T(r.selectedKind().file, map[string]any{"Year": year}) + f.ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.ext}))
	d.Show()
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
	r.showProgress()
	go func() {
		defer close(r.done)
		var buf bytes.Buffer
		err := kind.write(ctx, r.store, &buf, f, year)
		if err == nil && ctx.Err() == nil {
			_, err = w.Write(buf.Bytes())
		}
		closeErr := w.Close()
		if err == nil {
			err = closeErr
		}
		if err != nil || ctx.Err() != nil {
			_ = storage.Delete(w.URI())
		}
		fyne.Do(func() { r.finish(w.URI(), err, ctx.Err() != nil) })
	}()
}

func (r *reportsScreen) showProgress() {
	bar := widget.NewProgressBarInfinite()
	cancel := &widget.Button{Text: T("action.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { r.cancel() }}
	r.progress = dialog.NewCustomWithoutButtons(T("reports.working"), container.NewVBox(bar, cancel), r.win)
	r.progress.Show()
	r.pdfBtn.Disable()
	r.xlsxBtn.Disable()
}

func (r *reportsScreen) finish(uri fyne.URI, err error, cancelled bool) {
	r.progress.Hide()
	r.pdfBtn.Enable()
	r.xlsxBtn.Enable()
	switch {
	case cancelled:
		r.status.SetText("")
	case err != nil:
		showError(r.win, err)
	default:
		r.status.SetText(T("reports.done", map[string]any{"File": uri.Path()}))
	}
}
