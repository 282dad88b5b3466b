package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/reports"
)

// registerStore is what the list of issued briefs asks of the database; issuing is for corrections (更正).
type registerStore interface {
	reports.BriefSource
	reports.Register
	fontSettingsStore
	ListIssuedBriefs(ctx context.Context) ([]data.IssuedBrief, error)
	IssuedBriefFile(ctx context.Context, id int64, format string) ([]byte, error)
}

// changeMark is what a row says of the data its brief was made from.
type changeMark int

const (
	markChecking changeMark = iota
	markUnchanged
	markChanged
)

// briefRegister lists the issued briefs below the brief maker: number, title, kind, year and date, whether the
// data has changed since, which brief a correction replaces and by which it was replaced, and the stored files to
// save again. Whether the data changed is worked out off the main goroutine, each brief made again from the
// records as they are; a brief whose data changed, not corrected yet, can be corrected (更正).
type briefRegister struct {
	env   *env
	store registerStore
	win   fyne.Window

	list  *widget.List
	empty *widget.Label

	items   []data.IssuedBrief
	marks   map[int64]changeMark
	checked chan struct{} // closed when the marks of the last reload are known; tests wait on it
	saved   chan struct{} // closed when the last save finished; tests wait on it
	done    chan struct{} // closed when the last correction finished; tests wait on it
	cancel  context.CancelFunc
	// progress shows while a correction is made; its Cancel cancels it through stop.
	progress dialog.Dialog
	stop     context.CancelFunc
	// background runs the check of the marks off the main goroutine. Fyne's test driver runs fyne.Do on the
	// calling goroutine, so tests that go on using widgets run the check in place instead.
	background func(func())
}

func newBriefRegister(e *env, st registerStore, win fyne.Window) *briefRegister {
	return &briefRegister{env: e, store: st, win: win, marks: map[int64]changeMark{}, background: func(f func()) { go f() }}
}

func (g *briefRegister) build() fyne.CanvasObject {
	g.list = &widget.List{Length: g.length, CreateItem: g.createItem, UpdateItem: g.updateItem}
	g.list.ExtendBaseWidget(g.list)
	g.empty = widget.NewLabel(g.env.T("register.empty"))
	g.empty.Importance = widget.LowImportance
	g.empty.Wrapping = fyne.TextWrapWord
	g.reload()
	return widget.NewCard(g.env.T("register.title"), "", container.NewBorder(g.empty, nil, nil, nil, g.list))
}

func (g *briefRegister) length() int { return len(g.items) }

// registerRow is one issued brief in the list; the buttons act on the brief the row shows at the time.
type registerRow struct {
	widget.BaseWidget
	no, link, title, detail, mark *widget.Label // link: 更正第X期, or 已由第Y期更正
	correct, pdf, xlsx            *widget.Button
	box                           *fyne.Container
	id                            int64
}

// CreateRenderer draws the row's widgets.
func (r *registerRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (g *briefRegister) createItem() fyne.CanvasObject {
	r := &registerRow{no: widget.NewLabel(""), link: widget.NewLabel(""), title: widget.NewLabel(""),
		detail: widget.NewLabel(""), mark: widget.NewLabel("")}
	r.no.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Importance = widget.LowImportance
	r.pdf = &widget.Button{Text: g.env.T("register.save_pdf"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { g.onSave(r.id, data.BriefPDF) }}
	r.xlsx = &widget.Button{Text: g.env.T("register.save_xlsx"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { g.onSave(r.id, data.BriefXLSX) }}
	r.correct = &widget.Button{Text: g.env.T("register.correct"), Icon: theme.DocumentCreateIcon(),
		OnTapped: func() { g.onCorrect(r.id) }}
	r.box = container.NewBorder(nil, nil, container.NewHBox(r.no, r.link),
		container.NewHBox(r.detail, r.mark, r.correct, r.pdf, r.xlsx), r.title)
	r.ExtendBaseWidget(r)
	return r
}

func (g *briefRegister) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(g.items) {
		return
	}
	r := o.(*registerRow)
	b := g.items[i]
	r.id = b.ID
	r.no.SetText(g.env.T("register.no", map[string]any{"No": b.IssueNo}))
	r.title.SetText(b.Title)
	r.detail.SetText(g.detailText(b))
	r.mark.SetText(g.markText(b.ID))
	r.mark.Importance = widget.LowImportance
	if g.marks[b.ID] == markChanged {
		r.mark.Importance = widget.DangerImportance
	}
	r.mark.Refresh()
	r.link.SetText(g.linkText(b))
	r.link.Importance = widget.MediumImportance
	if b.ReplacedBy != 0 {
		r.link.Importance = widget.WarningImportance // superseded: the correction is the brief to hand out
	}
	r.link.Hidden = r.link.Text == ""
	r.link.Refresh()
	if g.correctable(b) {
		r.correct.Enable()
	} else {
		r.correct.Disable()
	}
	r.box.Refresh() // the texts' widths changed: lay the row out again
}

// detailText is a row's kind, year and date.
func (g *briefRegister) detailText(b data.IssuedBrief) string {
	kind := b.Kind
	if k := reports.BriefKindNamed(b.Kind); k != nil {
		kind = g.env.T(k.Label)
	}
	return g.env.T("register.row.detail", map[string]any{"Kind": kind, "Year": b.Year, "Date": data.FormatDate(b.Date)})
}

// linkText names the brief a row corrects, or the correction that replaced it; "" for a brief of neither.
func (g *briefRegister) linkText(b data.IssuedBrief) string {
	switch {
	case b.ReplacedBy != 0:
		return g.env.T("register.corrected_by", map[string]any{"No": b.ReplacedByNo})
	case b.Replaces != 0:
		return g.env.T("register.corrects", map[string]any{"No": b.ReplacesNo})
	}
	return ""
}

// correctable tells whether a brief can be corrected: its data has changed, and no correction replaced it yet
// (a later correction corrects that one).
func (g *briefRegister) correctable(b data.IssuedBrief) bool {
	return b.ReplacedBy == 0 && g.marks[b.ID] == markChanged
}

func (g *briefRegister) markText(id int64) string {
	switch g.marks[id] {
	case markChanged:
		return g.env.T("register.changed")
	case markUnchanged:
		return g.env.T("register.unchanged")
	}
	return g.env.T("register.checking")
}

// reload reads the register and checks, off the main goroutine, whether each brief's data has changed.
func (g *briefRegister) reload() {
	if g.cancel != nil {
		g.cancel() // a check still running is about a list no longer shown
	}
	ctx, cancel := context.WithCancel(context.Background())
	g.cancel = cancel
	checked := make(chan struct{})
	g.checked = checked
	list, err := g.store.ListIssuedBriefs(bg())
	if err != nil {
		g.env.showError(g.win, err)
	}
	g.items, g.marks = list, map[int64]changeMark{}
	g.empty.Hidden = len(list) > 0
	g.empty.Refresh()
	g.list.Refresh()
	g.background(func() { g.check(ctx, list, checked) })
}

// check compares each brief's hash with that of the brief made again now; briefs of the same kind, year and
// language are made once.
func (g *briefRegister) check(ctx context.Context, list []data.IssuedBrief, checked chan struct{}) {
	defer close(checked)
	current := map[string]string{}
	for _, b := range list {
		key := b.Kind + "/" + b.Lang + "/" + strconv.Itoa(b.Year)
		h, ok := current[key]
		if !ok {
			var err error
			if h, err = reports.CurrentDataHash(ctx, g.store, b); err != nil {
				if ctx.Err() == nil {
					fyne.LogError("checking an issued brief", err)
				}
				return
			}
			current[key] = h
		}
		mark := markUnchanged
		if h != b.DataHash {
			mark = markChanged
		}
		id := b.ID
		fyne.Do(func() {
			if ctx.Err() == nil {
				g.marks[id] = mark
				g.list.Refresh()
			}
		})
	}
}

// onSave asks where to save a stored file of an issued brief.
func (g *briefRegister) onSave(id int64, format string) {
	b, ok := g.item(id)
	if !ok {
		return
	}
	ext := "." + format
	g.env.askSave(g.win, fileBrief, g.env.T("register.no", map[string]any{"No": b.IssueNo})+" "+b.Title, ext,
		func(w fyne.URIWriteCloser) { g.saveTo(w, id, format) })
}

func (g *briefRegister) item(id int64) (data.IssuedBrief, bool) {
	for _, b := range g.items {
		if b.ID == id {
			return b, true
		}
	}
	return data.IssuedBrief{}, false
}

// saveTo writes the stored file, byte for byte as it was issued, off the main goroutine; a failure removes
// the file begun.
func (g *briefRegister) saveTo(w fyne.URIWriteCloser, id int64, format string) {
	saved := make(chan struct{})
	g.saved = saved
	go func() {
		defer close(saved)
		body, err := g.store.IssuedBriefFile(bg(), id, format)
		if err == nil {
			_, err = w.Write(body)
		}
		err = finishWrite(w, err)
		fyne.Do(func() { g.onSaved(w.URI(), err) })
	}()
}

func (g *briefRegister) onSaved(uri fyne.URI, err error) {
	if err != nil {
		g.env.showError(g.win, err)
		return
	}
	g.env.showWritten(g.win, g.env.T("register.title"), g.env.T("register.saved", map[string]any{"File": shownPath(uri)}), uri.Path())
}

// offerSave tells the user a brief was issued and offers to save its files at once.
func (g *briefRegister) offerSave(b data.IssuedBrief) *dialog.CustomDialog {
	head := widget.NewLabel(g.env.T("register.issued", map[string]any{"Title": b.Title, "No": b.IssueNo}))
	if b.Replaces != 0 {
		head.SetText(g.env.T("register.corrected", map[string]any{"Title": b.Title, "No": b.IssueNo, "Old": b.ReplacesNo}))
	}
	head.TextStyle.Bold = true
	d := dialog.NewCustomWithoutButtons(g.env.T("register.issued.title"),
		container.NewVBox(head, widget.NewLabel(g.env.T("register.issued.save"))), g.win)
	save := func(format string) func() {
		return func() {
			d.Hide()
			g.onSave(b.ID, format)
		}
	}
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: g.env.T("action.close"), Icon: theme.CancelIcon(), OnTapped: d.Hide},
		&widget.Button{Text: g.env.T("register.save_xlsx"), Icon: theme.DocumentSaveIcon(), OnTapped: save(data.BriefXLSX)},
		&widget.Button{Text: g.env.T("register.save_pdf"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance,
			OnTapped: save(data.BriefPDF)},
	})
	d.Show()
	return d
}

// onCorrect asks before correcting: the correction takes the year's next number for good.
func (g *briefRegister) onCorrect(id int64) {
	b, ok := g.item(id)
	if !ok || !g.correctable(b) {
		return
	}
	msg := newDialogText(g.env.T("register.correct.confirm", map[string]any{"Old": b.IssueNo, "Title": b.Title,
		"Year": b.Year}), g.win)
	dialog.NewCustomConfirm(g.env.T("register.correct.title"), g.env.T("register.correct"), g.env.T("action.cancel"), msg,
		func(ok bool) {
			if ok {
				ctx, cancel := context.WithCancel(context.Background())
				g.correct(ctx, cancel, b)
			}
		}, g.win).Show()
}

// correct issues the correction off the main goroutine, behind a progress dialog whose Cancel registers
// nothing: the brief is made from the records as they are, with the fonts set in Settings, and stored with its
// number in one transaction. A character no font has refuses it with the message the Reports screen gives.
func (g *briefRegister) correct(ctx context.Context, cancel context.CancelFunc, b data.IssuedBrief) {
	g.stop = cancel
	done := make(chan struct{})
	g.done = done
	g.showProgress()
	go func() {
		defer close(done)
		fonts, err := briefFontSet(ctx, g.store)
		var fix data.IssuedBrief
		if err == nil {
			fix, err = reports.CorrectBrief(ctx, g.store, g.store, b, g.env.today(), fonts, nil)
		}
		fyne.Do(func() { g.corrected(fix, err, ctx.Err() != nil) })
	}()
}

func (g *briefRegister) showProgress() {
	bar := widget.NewProgressBarInfinite()
	cancel := &widget.Button{Text: g.env.T("action.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { g.stop() }}
	g.progress = dialog.NewCustomWithoutButtons(g.env.T("reports.working"), container.NewVBox(bar, cancel), g.win)
	g.progress.Show()
}

func (g *briefRegister) corrected(fix data.IssuedBrief, err error, cancelled bool) {
	g.progress.Hide()
	g.stop()
	switch {
	case cancelled:
	case err != nil:
		g.env.showError(g.win, err)
	default:
		g.reload()
		g.offerSave(fix)
	}
}
