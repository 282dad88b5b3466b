package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/reports/exchange"
	"scitech/usertext"
)

// exchangeStore is what the Excel exchange asks of the database.
type exchangeStore interface {
	exchange.ImportPlanner
	ImportHistory(ctx context.Context, limit int) ([]data.ImportLogEntry, error)
	ImportChanges(ctx context.Context, importID int64) ([]data.ImportLogChange, error)
	ApplyImports(ctx context.Context, plans []data.ImportPlan, metas []data.ImportMeta) ([]data.ImportResult, error)
	TemplateData(ctx context.Context, uscc string, year int) (data.TemplateData, error)
	companySearch
	Path() string // the database file, which no file the screen writes may land on
}

// previewLines is how many lines of changes and problems a file's preview lists; the rest are counted.
const previewLines = 200

// exchangeScreen is the Excel 交换 section: import workbooks (each read and compared with the database and
// with the other files before anything is written, then committed all together or dropped), write fill-in
// templates, and the import history.
type exchangeScreen struct {
	env   *env
	store exchangeStore
	win   fyne.Window

	imports  []exchange.FileImport // files read and planned, each alone against the database, waiting for commit
	view     []exchange.FileImport // the same checked against each other (exchange.JoinFiles): what is shown
	release  func()                // lets go of the protection of the files read (protectFiles)
	cancel   context.CancelFunc    // stops the file being read
	done     chan struct{}         // closed when the last file finished reading; tests wait on it
	busy     bool
	addBtn   *widget.Button
	stopBtn  *widget.Button
	commit   *widget.Button
	clearBtn *widget.Button
	progress *widget.ProgressBarInfinite
	status   *widget.Label
	results  *fyne.Container

	company     *companyPicker
	year        *widget.Entry
	templateBtn *widget.Button
	tplStatus   *widget.Label

	history *recordList[data.ImportLogEntry]
	changes *widget.Label
}

func newExchangeScreen(e *env, st exchangeStore, win fyne.Window) *exchangeScreen {
	return &exchangeScreen{env: e, store: st, win: win}
}

func (x *exchangeScreen) build() fyne.CanvasObject {
	return container.NewAppTabs(
		container.NewTabItemWithIcon(x.env.T("exchange.import"), theme.UploadIcon(), x.buildImport()),
		container.NewTabItemWithIcon(x.env.T("exchange.template"), theme.DocumentIcon(), x.buildTemplate()),
		container.NewTabItemWithIcon(x.env.T("exchange.history"), theme.HistoryIcon(), x.buildHistory()),
	)
}

func (x *exchangeScreen) buildImport() fyne.CanvasObject {
	x.addBtn = &widget.Button{Text: x.env.T("exchange.add_file"), Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance, OnTapped: x.onAddFile}
	x.stopBtn = &widget.Button{Text: x.env.T("action.cancel"), Icon: theme.CancelIcon(), OnTapped: x.onStop}
	x.commit = &widget.Button{Text: x.env.T("exchange.commit"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: x.onCommit}
	x.clearBtn = &widget.Button{Text: x.env.T("exchange.clear"), Icon: theme.ContentClearIcon(), OnTapped: x.onClear}
	x.progress = widget.NewProgressBarInfinite()
	x.progress.Stop()
	x.progress.Hide()
	x.stopBtn.Hide()
	x.status = widget.NewLabel(x.env.T("exchange.import.hint"))
	x.status.Wrapping = fyne.TextWrapWord
	x.results = container.NewVBox()
	x.update()
	bar := container.NewHBox(x.addBtn, x.stopBtn, layoutSpacer(), x.clearBtn, x.commit)
	top := container.NewVBox(bar, x.progress, x.status)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(x.results))
}

// update enables the buttons that make sense now: commit only when files are read and none has a problem.
func (x *exchangeScreen) update() {
	setEnabled(x.commit, !x.busy && len(x.imports) > 0 && x.problems() == 0 && !x.unplanned())
	setEnabled(x.clearBtn, !x.busy && len(x.imports) > 0)
	setEnabled(x.addBtn, !x.busy)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (x *exchangeScreen) onAddFile() {
	d := dialog.NewFileOpen(rememberOpen(fileWorkbook, func(r fyne.URIReadCloser, err error) {
		if err != nil {
			x.env.showError(x.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		x.addFile(path)
	}), x.win)
	startIn(d, fileWorkbook)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".XLSX"}))
	showFileDialog(d, x.win)
}

// addFile reads and plans a workbook off the main goroutine, showing the rows read; nothing is written.
func (x *exchangeScreen) addFile(path string) {
	ctx, cancel := context.WithCancel(context.Background())
	x.cancel, x.busy, x.done = cancel, true, make(chan struct{})
	x.progress.Show()
	x.progress.Start()
	x.stopBtn.Show()
	x.status.SetText(x.env.T("exchange.reading", map[string]any{"File": filepath.Base(path), "Rows": 0}))
	x.update()
	go func() {
		defer close(x.done)
		progress := func(rows int) {
			fyne.Do(func() {
				x.status.SetText(x.env.T("exchange.reading", map[string]any{"File": filepath.Base(path), "Rows": rows}))
			})
		}
		fi, err := exchange.PlanFile(ctx, x.store, path, progress)
		cancelled := ctx.Err() != nil
		fyne.Do(func() { x.fileRead(path, fi, err, cancelled) })
	}()
}

func (x *exchangeScreen) fileRead(path string, fi exchange.FileImport, err error, cancelled bool) {
	x.busy = false
	x.progress.Stop()
	x.progress.Hide()
	x.stopBtn.Hide()
	switch {
	case cancelled:
		x.status.SetText(x.env.T("exchange.cancelled", map[string]any{"File": filepath.Base(path)}))
	case err != nil:
		x.status.SetText("")
		x.env.showError(x.win, err)
	default:
		x.imports = append(x.imports, fi)
		x.refresh()
		x.status.SetText(x.summaryText())
	}
	x.update()
}

// refresh checks the files read against each other and shows each one's card: a file added or removed can
// change what the others do (a record two files set differently is a problem of the later one).
func (x *exchangeScreen) refresh() {
	if x.release != nil {
		x.release()
	}
	x.release = protectFiles(x.inputs()...) // no save dialog of the window may write over a file being imported
	x.view = exchange.JoinFiles(x.imports)
	x.results.RemoveAll()
	for _, fi := range x.view {
		x.results.Add(x.fileCard(fi))
	}
}

// problems counts the problems of every file read, those listed and those only counted.
func (x *exchangeScreen) problems() int {
	n := 0
	for _, f := range x.view {
		n += f.Plan.IssueCount()
	}
	return n
}

// unplanned tells whether a file read had too many problems to be compared with the database.
func (x *exchangeScreen) unplanned() bool {
	for _, f := range x.view {
		if f.Plan.Unplanned {
			return true
		}
	}
	return false
}

// inputs are the files read, which no file the screen writes may land on.
func (x *exchangeScreen) inputs() []string {
	out := make([]string, 0, len(x.imports)+1)
	for _, f := range x.imports {
		out = append(out, f.Read.File)
	}
	return append(out, x.store.Path())
}

func (x *exchangeScreen) onStop() {
	if x.cancel != nil {
		x.cancel()
	}
}

// summaryText says what committing would do, or why it cannot be done yet.
func (x *exchangeScreen) summaryText() string {
	if problems := x.problems(); problems > 0 {
		key := "exchange.blocked"
		if x.unplanned() {
			key = "exchange.blocked_least" // a file not compared may hold more problems than were counted
		}
		return x.env.T(key, map[string]any{"N": problems})
	}
	return x.env.T("exchange.ready", map[string]any{"Files": len(x.imports)})
}

// fileCard shows one file's preview: the counts, the sheets it ignored, and the first lines of what it
// would change and of its problems (of which the plan keeps the first data.MaxImportIssues), with a button to
// write the error workbook when it has problems.
func (x *exchangeScreen) fileCard(fi exchange.FileImport) fyne.CanvasObject {
	p := fi.Plan
	summary := usertext.ImportSummary(x.env.tr, p)
	lines := container.NewVBox()
	if len(fi.Read.Ignored) > 0 {
		lines.Add(lowLabel(x.env.T("apply.ignored", map[string]any{"Sheets": strings.Join(fi.Read.Ignored, x.env.T("delete.sep"))})))
	}
	shown := 0
	addLine := func(prefix, text string, imp widget.Importance) {
		if shown < previewLines {
			l := &widget.Label{Text: prefix + "  " + text, Importance: imp, Truncation: fyne.TextTruncateEllipsis}
			lines.Add(l)
		}
		shown++
	}
	for _, is := range p.Issues {
		addLine(x.env.T("apply.problem"), usertext.ImportIssue(x.env.tr, is), widget.DangerImportance)
	}
	for _, is := range p.Warnings {
		addLine(x.env.T("apply.warning"), usertext.ImportIssue(x.env.tr, is), widget.WarningImportance)
	}
	for _, c := range p.New {
		addLine(x.env.T("apply.new"), usertext.ImportChange(x.env.tr, c), widget.MediumImportance)
	}
	for _, c := range p.Changed {
		addLine(x.env.T("apply.changed"), usertext.ImportChange(x.env.tr, c), widget.MediumImportance)
		for _, f := range c.Fields {
			addLine("    ", usertext.ImportFieldChange(x.env.tr, f), widget.MediumImportance)
		}
	}
	if more := max(shown-previewLines, 0) + p.MoreIssues + p.MoreWarnings; more > 0 {
		lines.Add(lowLabel(x.env.T("exchange.more", map[string]any{"N": more})))
	}
	actions := container.NewHBox()
	if p.IssueCount() > 0 {
		actions.Add(&widget.Button{Text: x.env.T("exchange.errors"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { x.onErrorWorkbook(fi) }})
	}
	card := widget.NewCard(filepath.Base(fi.Read.File), "", nil)
	actions.Add(&widget.Button{Text: x.env.T("exchange.remove"), Icon: theme.DeleteIcon(), OnTapped: func() { x.onRemove(card) }})
	head := &widget.Label{Text: summary, Wrapping: fyne.TextWrapWord} // the counts are never cut off by the buttons
	card.SetContent(container.NewVBox(container.NewBorder(nil, nil, nil, actions, head), lines))
	return card
}

// onRemove drops one file from the import (nothing of it is written), so the others can go in without it.
func (x *exchangeScreen) onRemove(card fyne.CanvasObject) {
	for i, o := range x.results.Objects {
		if o == card {
			x.imports = append(x.imports[:i:i], x.imports[i+1:]...)
			x.refresh()
			break
		}
	}
	x.status.SetText(x.summaryText())
	if len(x.imports) == 0 {
		x.status.SetText(x.env.T("exchange.cleared"))
	}
	x.update()
}

// onErrorWorkbook writes a copy of the file with each bad cell marked red and commented (the first
// data.MaxImportIssues, with a note of how many more), to send back. It is never written onto a file the
// import reads or onto the database.
func (x *exchangeScreen) onErrorWorkbook(fi exchange.FileImport) {
	protected := x.inputs()
	base := strings.TrimSuffix(filepath.Base(fi.Read.File), filepath.Ext(fi.Read.File))
	x.env.askSave(x.win, fileWorkbook, base+x.env.T("exchange.errors.suffix"), ".xlsx",
		func(w fyne.URIWriteCloser) { x.saveErrorWorkbook(fi, protected, w) })
}

// saveErrorWorkbook writes a file's problems workbook to w, unless w is one of the protected files (an input,
// the database), which is left as it is.
func (x *exchangeScreen) saveErrorWorkbook(fi exchange.FileImport, protected []string, w fyne.URIWriteCloser) {
	// The guard of file_dialogs_guard.go refuses these before Fyne opens them; this is the second line, for a
	// writer that did not pass through it.
	if err := data.RefuseOverwrite(w.URI().Path(), protected...); err != nil {
		if a, ok := w.(interface{ Abort() error }); ok {
			_ = a.Abort()
		} else {
			_ = w.Close() // not deleted: it is an input or the database
		}
		x.env.showError(x.win, err)
		return
	}
	var buf bytes.Buffer
	err := exchange.WriteProblemsWorkbook(fi, &buf, x.env.tr.Lang)
	if err == nil {
		_, err = w.Write(buf.Bytes())
	}
	if err = finishWrite(w, err); err != nil {
		x.env.showError(x.win, err)
		return
	}
	x.status.SetText(x.env.T("apply.errors_written", map[string]any{"File": shownPath(w.URI())}))
}

// onCommit writes every file in one transaction; changes the user should check are asked about first.
func (x *exchangeScreen) onCommit() {
	warnings := 0
	for _, f := range x.view {
		warnings += f.Plan.WarningCount()
	}
	if warnings > 0 {
		x.env.confirm(x.win, x.env.T("exchange.commit"), x.env.T("exchange.confirm_warnings", map[string]any{"N": warnings}), x.commitAll)
		return
	}
	x.commitAll()
}

// commitAll writes all the files read or none of them: they are given to ApplyImports as each was planned,
// and it joins them itself. On an error the files stay, nothing of them written.
func (x *exchangeScreen) commitAll() {
	plans, metas := make([]data.ImportPlan, len(x.imports)), make([]data.ImportMeta, len(x.imports))
	for i, fi := range x.imports {
		plans[i], metas[i] = fi.Plan, fi.Meta
	}
	results, err := x.store.ApplyImports(bg(), plans, metas)
	if err != nil {
		x.env.showError(x.win, err)
		return
	}
	done := make([]string, len(results))
	for i, res := range results {
		done[i] = x.env.T("apply.written", map[string]any{"File": filepath.Base(x.imports[i].Read.File), "New": res.New,
			"Changed": res.Changed, "Unchanged": res.Unchanged, "ID": res.ImportID})
	}
	x.imports = nil
	x.refresh()
	x.status.SetText(strings.Join(done, "\n"))
	x.update()
	if x.history != nil {
		x.history.reload()
	}
}

// onClear drops the files read: nothing is written.
func (x *exchangeScreen) onClear() {
	x.imports = nil
	x.refresh()
	x.status.SetText(x.env.T("exchange.cleared"))
	x.update()
}

func (x *exchangeScreen) buildTemplate() fyne.CanvasObject {
	x.company = newCompanyPicker(x.env, x.store, 0, "", true, nil)
	x.company.entry.PlaceHolder = x.env.T("exchange.template.company_hint")
	x.year = &widget.Entry{PlaceHolder: strconv.Itoa(x.env.today().Year() - 1), Validator: x.validateOptionalYear}
	x.year.ExtendBaseWidget(x.year)
	x.templateBtn = &widget.Button{Text: x.env.T("exchange.template.write"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: x.onTemplate}
	x.tplStatus = widget.NewLabel("")
	x.tplStatus.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		&widget.FormItem{Text: x.env.T("exchange.template.company"), Widget: x.company.entry, HintText: x.env.T("exchange.template.company_note")},
		&widget.FormItem{Text: x.env.T("exchange.template.year"), Widget: x.year, HintText: x.env.T("exchange.template.year_note")},
	)
	hint := widget.NewLabel(x.env.T("exchange.template.hint"))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(hint, form, container.NewHBox(x.templateBtn), x.tplStatus))
}

func (x *exchangeScreen) validateOptionalYear(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return x.env.validateYearField(s)
}

// onTemplate asks where to save, then writes the company's template (or a blank one) off the main goroutine.
func (x *exchangeScreen) onTemplate() {
	if err := x.company.validate(x.company.entry.Text); err != nil {
		x.tplStatus.SetText(err.Error())
		return
	}
	if err := x.year.Validate(); err != nil {
		x.tplStatus.SetText(err.Error())
		return
	}
	year, _ := strconv.Atoi(strings.TrimSpace(x.year.Text))
	uscc := ""
	if id := x.company.id(); id != 0 {
		list, err := x.store.Companies(bg(), data.CompanyFilter{Query: x.company.name(), Limit: companyPickerChoices})
		if err != nil {
			x.env.showError(x.win, err)
			return
		}
		for _, c := range list {
			if c.ID == id {
				uscc = c.USCC
			}
		}
	}
	name := x.env.T("exchange.template.file")
	if uscc != "" {
		name = x.company.name() + name
	}
	x.env.askSave(x.win, fileWorkbook, name, ".xlsx", func(w fyne.URIWriteCloser) { x.writeTemplate(w, uscc, year) })
}

func (x *exchangeScreen) writeTemplate(w fyne.URIWriteCloser, uscc string, year int) {
	x.templateBtn.Disable()
	lang := x.env.tr.Lang
	go func() {
		var buf bytes.Buffer
		td, err := x.store.TemplateData(bg(), uscc, year)
		if err == nil {
			err = exchange.WriteTemplate(&buf, td, lang)
		}
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		err = finishWrite(w, err) // a failed template leaves the file that was there
		fyne.Do(func() {
			x.templateBtn.Enable()
			if err != nil {
				x.env.showError(x.win, err)
				return
			}
			x.tplStatus.SetText(x.env.T("reports.done", map[string]any{"File": shownPath(w.URI())}))
		})
	}()
}

func (x *exchangeScreen) buildHistory() fyne.CanvasObject {
	x.changes = widget.NewLabel(x.env.T("exchange.history.hint"))
	x.changes.Wrapping = fyne.TextWrapWord
	x.history = newRecordList(recordListConfig[data.ImportLogEntry]{
		Env: x.env,
		Win: x.win,
		Columns: []listColumn[data.ImportLogEntry]{
			{Key: "exchange.col.at", Width: 160, Text: func(e data.ImportLogEntry) string { return e.At.Local().Format("2006-01-02 15:04") }},
			{Key: "exchange.col.file", Width: 260, Text: func(e data.ImportLogEntry) string { return e.FileName }},
			{Key: "exchange.col.operator", Width: 100, Text: func(e data.ImportLogEntry) string { return e.Operator }},
			{Key: "exchange.col.new", Width: 70, Right: true, Text: func(e data.ImportLogEntry) string { return strconv.Itoa(e.New) }},
			{Key: "exchange.col.changed", Width: 70, Right: true, Text: func(e data.ImportLogEntry) string { return strconv.Itoa(e.Changed) }},
			{Key: "exchange.col.unchanged", Width: 70, Right: true, Text: func(e data.ImportLogEntry) string { return strconv.Itoa(e.Unchanged) }},
			{Key: "exchange.col.checksum", Width: 140, Text: func(e data.ImportLogEntry) string { return shortChecksum(e.Checksum) }},
		},
		Count:  x.historyCount,
		Page:   x.historyPage,
		OnOpen: x.onHistoryOpen,
	})
	split := container.NewVSplit(x.history.build(), container.NewVScroll(x.changes))
	split.Offset = 0.6
	return split
}

func shortChecksum(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// The import history is short (one row per import), so it is read whole and paged in memory.
func (x *exchangeScreen) historyCount(listQuery) (int, error) {
	h, err := x.store.ImportHistory(bg(), 0)
	return len(h), err
}

func (x *exchangeScreen) historyPage(q listQuery) ([]data.ImportLogEntry, error) {
	h, err := x.store.ImportHistory(bg(), 0)
	if err != nil || q.Limit == 0 {
		return h, err
	}
	end := min(q.Offset+q.Limit, len(h))
	if q.Offset >= end {
		return nil, nil
	}
	return h[q.Offset:end], nil
}

// onHistoryOpen lists the records an import created or changed.
func (x *exchangeScreen) onHistoryOpen(e data.ImportLogEntry) {
	changes, err := x.store.ImportChanges(bg(), e.ID)
	if err != nil {
		x.env.showError(x.win, err)
		return
	}
	lines := []string{x.env.T("exchange.history.changes", map[string]any{"File": e.FileName, "N": len(changes)})}
	for _, c := range changes {
		name := c.Name
		if name == "" {
			name = x.env.T("exchange.history.deleted")
		}
		lines = append(lines, x.env.T("exchange.action."+c.Action)+"  "+x.env.T("exchange.entity."+c.Entity)+"  "+name)
	}
	x.changes.SetText(strings.Join(lines, "\n"))
}
