package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// historyStore is what the History section and a record's own history ask of the database.
type historyStore interface {
	History(ctx context.Context, f data.HistoryFilter) ([]data.HistoryEntry, error)
	HistoryCount(ctx context.Context, f data.HistoryFilter) (int, error)
	HistoryOperators(ctx context.Context) ([]string, error)
	ImportHistory(ctx context.Context, limit int) ([]data.ImportLogEntry, error)
	Undo(ctx context.Context, group int64) error
	UndoImport(ctx context.Context, importID int64) error
	RecordNames(ctx context.Context, refs []data.RecordRef) (map[data.RecordRef][]string, error)
}

// historyEntities are the record kinds of the audit log, in the order the kind filter offers them.
var historyEntities = []string{"company", "annual_output", "declared_figures", "company_fact", "institution", "cooperation",
	"coop_base", "coop_outcome", "incubator", "incubator_application", "plan_application", "patent", "ip_right",
	"park_project", "setting", "brief_register", "sample"}

// historyImportChoices is how many of the latest imports the import filter offers.
const historyImportChoices = 50

// historyScreen is the History section (操作记录): every change, newest first, with filters, what each change
// did field by field, and Undo for a change or a whole import.
type historyScreen struct {
	env   *env
	store historyStore
	win   fyne.Window
	words *historyWords

	list          *recordList[data.HistoryEntry]
	from, to      *widget.Entry
	fromDay       time.Time // zero: no bound
	toDay         time.Time // the last day shown; zero: no bound
	detail        *widget.Label
	undoBtn       *widget.Button
	undoWhy       *widget.Label   // why the selected change cannot be undone, beside the disabled button
	bar           *fyne.Container // the dates and the buttons, laid out again when undoWhy's text changes
	undoImportBtn *widget.Button
	importNames   map[int64]string
	undone        chan struct{} // closed when the last undo finished; tests wait on it
}

func newHistoryScreen(e *env, st historyStore, win fyne.Window) *historyScreen {
	return &historyScreen{env: e, store: st, win: win, words: newHistoryWords(e, st), importNames: map[int64]string{}}
}

func (s *historyScreen) build() fyne.CanvasObject {
	s.list = newRecordList(recordListConfig[data.HistoryEntry]{
		Env: s.env,
		Win: s.win,
		Columns: []listColumn[data.HistoryEntry]{
			{Key: "history.col.at", Width: 140, Text: historyTime},
			{Key: "history.col.operator", Width: 90, Text: func(e data.HistoryEntry) string { return e.Operator }},
			{Key: "history.col.action", Width: s.actionWidth(), Text: s.words.action},
			{Key: "history.col.record", Width: 280, Flex: true, Text: s.words.record},
			{Key: "history.col.changes", Width: 470, Flex: true, Text: s.words.changes},
		},
		Count:   s.count,
		Page:    s.rows,
		Filters: s.filters(),
	})
	listView := s.list.build()
	onSel, onUnsel := s.list.table.OnSelected, s.list.table.OnUnselected
	s.list.table.OnSelected = func(id widget.TableCellID) { onSel(id); s.onSelectionChanged() }
	s.list.table.OnUnselected = func(id widget.TableCellID) { onUnsel(id); s.onSelectionChanged() }
	for _, sel := range s.list.filters {
		onChanged := sel.OnChanged
		sel.OnChanged = func(v string) { onChanged(v); s.onSelectionChanged() }
	}

	s.from = s.dateEntry(&s.fromDay)
	s.to = s.dateEntry(&s.toDay)
	s.undoBtn = &widget.Button{Text: s.env.T("history.undo"), Icon: theme.ContentUndoIcon(), OnTapped: s.onUndo}
	s.undoImportBtn = &widget.Button{Text: s.env.T("history.undo_import"), Icon: theme.ContentUndoIcon(), OnTapped: s.onUndoImport}
	s.undoWhy = &widget.Label{Importance: widget.LowImportance}
	s.detail = &widget.Label{Wrapping: fyne.TextWrapWord}
	detail := container.NewVScroll(s.detail)
	detail.SetMinSize(fyne.NewSize(0, historyDetailHeight))
	width := dateEntryWidth(s.from.PlaceHolder)
	dates := container.NewHBox(widget.NewLabel(s.env.T("history.from")), container.NewGridWrap(fyne.NewSize(width, s.from.MinSize().Height), s.from),
		widget.NewLabel(s.env.T("history.to")), container.NewGridWrap(fyne.NewSize(width, s.to.MinSize().Height), s.to))
	s.bar = container.NewBorder(nil, nil, dates, container.NewHBox(s.undoWhy, s.undoBtn, s.undoImportBtn))
	s.onSelectionChanged()
	// The detail of a change takes a field a line; a split lets the clerk give a long change more room.
	body := container.NewVSplit(listView, detail)
	body.Offset = 0.68
	return container.NewBorder(s.bar, nil, nil, nil, body)
}

// historyDetailHeight is the least height of the selected change's detail: its head and six fields, the
// change of most records, without scrolling.
const historyDetailHeight = 180

// filters offers the record kinds, the operators who made changes and the latest imports.
func (s *historyScreen) filters() []listFilter {
	kinds := []filterOption{{s.env.T("list.all"), ""}}
	for _, k := range historyEntities {
		kinds = append(kinds, filterOption{s.env.T("history.entity." + k), k})
	}
	operators := []filterOption{{s.env.T("list.all"), ""}}
	names, err := s.store.HistoryOperators(bg())
	if err != nil {
		fyne.LogError("reading the operators", err)
	}
	for _, n := range names {
		operators = append(operators, filterOption{n, n})
	}
	imports := []filterOption{{s.env.T("list.all"), ""}}
	log, err := s.store.ImportHistory(bg(), historyImportChoices)
	if err != nil {
		fyne.LogError("reading the imports", err)
	}
	for _, e := range log {
		name := s.env.T("history.import", map[string]any{"ID": e.ID, "File": e.FileName, "At": e.At.Local().Format("2006-01-02 15:04")})
		s.importNames[e.ID] = name
		imports = append(imports, filterOption{name, strconv.FormatInt(e.ID, 10)})
	}
	return []listFilter{
		{Key: "entity", Label: s.env.T("history.col.record"), Options: kinds},
		{Key: "operator", Label: s.env.T("history.col.operator"), Options: operators},
		{Key: "import", Label: s.env.T("history.filter.import"), Options: imports},
	}
}

// dateEntryWidth is the width of a date entry: a date or its hint, whichever is wider, with the entry's
// paddings, its check mark and room beside (a cursor, a wider digit). The 130 px it had held the hint
// exactly, so the empty entry scrolled it, and a typed date ran up to the check mark.
func dateEntryWidth(hint string) float32 {
	size := theme.TextSize()
	text := max(fyne.MeasureText(hint, size, fyne.TextStyle{}).Width, fyne.MeasureText("0000-00-00", size, fyne.TextStyle{}).Width)
	return text + 4*theme.InnerPadding() + theme.IconInlineSize() + 2*theme.Padding()
}

// dateEntry is a YYYY-MM-DD entry that bounds the list when it holds a date and not when it is empty.
func (s *historyScreen) dateEntry(day *time.Time) *widget.Entry {
	e := &widget.Entry{PlaceHolder: "YYYY-MM-DD"}
	e.Validator = func(text string) error {
		if _, ok := parseDay(text); !ok {
			return errors.New(s.env.T("history.bad_date"))
		}
		return nil
	}
	e.OnChanged = func(text string) {
		if d, ok := parseDay(text); ok && !d.Equal(*day) {
			*day = d
			s.list.reload()
			s.onSelectionChanged()
		}
	}
	e.ExtendBaseWidget(e)
	return e
}

// parseDay reads a local date; empty text is the zero time.
func parseDay(text string) (time.Time, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, true
	}
	d, err := time.ParseInLocation("2006-01-02", text, time.Local)
	return d, err == nil
}

func (s *historyScreen) filter(q listQuery) data.HistoryFilter {
	f := data.HistoryFilter{Entity: q.Filters["entity"], Operator: q.Filters["operator"], From: s.fromDay,
		Offset: q.Offset, Limit: q.Limit}
	if !s.toDay.IsZero() {
		f.To = s.toDay.AddDate(0, 0, 1)
	}
	f.ImportID, _ = strconv.ParseInt(q.Filters["import"], 10, 64)
	return f
}

func (s *historyScreen) count(q listQuery) (int, error) {
	return s.store.HistoryCount(bg(), s.filter(q))
}

func (s *historyScreen) rows(q listQuery) ([]data.HistoryEntry, error) {
	entries, err := s.store.History(bg(), s.filter(q))
	if err == nil {
		s.words.learn(entries)
	}
	return entries, err
}

// actionWidth fits the 操作 column to its longest text in the window's language (an undone undo, 撤销（修改）
// （已撤销）), so that no action is cut to an ellipsis.
func (s *historyScreen) actionWidth() float32 {
	width := fyne.MeasureText(s.env.T("history.col.action"), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	for _, a := range []string{"create", "update", "delete"} {
		text := s.words.action(data.HistoryEntry{Action: a, UndoOf: 1, UndoneBy: 1})
		width = max(width, fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return width + 4*theme.Padding()
}

// reload reads the list again, keeping the filters.
func (s *historyScreen) reload() {
	s.list.reload()
	s.onSelectionChanged()
}

// onSelectionChanged shows the selected change in full and enables what can be done with it.
func (s *historyScreen) onSelectionChanged() {
	e, ok := s.list.selected()
	why := ""
	switch {
	case !ok:
		s.detail.SetText(s.env.T("history.select"))
		s.undoBtn.Disable()
	case !e.Undoable():
		s.detail.SetText(s.words.detail(e))
		s.undoBtn.Disable()
		why = s.env.notUndoableText(e)
	default:
		s.detail.SetText(s.words.detail(e))
		s.undoBtn.Enable()
	}
	if s.undoWhy.Text != why {
		s.undoWhy.SetText(why)
		s.bar.Refresh()
	}
	if s.importToUndo() != 0 {
		s.undoImportBtn.Enable()
	} else {
		s.undoImportBtn.Disable()
	}
}

// importToUndo is the import of the selected change, else the one the filter shows; 0 for none.
func (s *historyScreen) importToUndo() int64 {
	if e, ok := s.list.selected(); ok && e.ImportID != 0 {
		return e.ImportID
	}
	id, _ := strconv.ParseInt(s.list.query.Filters["import"], 10, 64)
	return id
}

func (s *historyScreen) onUndo() {
	e, ok := s.list.selected()
	if !ok {
		return
	}
	if !e.Undoable() {
		s.env.inform(s.win, s.env.T("history.undo.title"), s.env.notUndoableText(e))
		return
	}
	msg := s.env.T("history.undo.confirm", map[string]any{"Action": s.words.action(e), "Record": s.words.record(e),
		"Operator": e.Operator, "At": historyTime(e)})
	s.env.confirm(s.win, s.env.T("history.undo.title"), msg, func() {
		s.runUndo(func() error { return s.store.Undo(bg(), e.Group) })
	})
}

// notUndoableText says why a change cannot be undone: an issued brief is registered for good (its number and
// the hash of its data stand), anything else predates the rows the history keeps.
func (e *env) notUndoableText(h data.HistoryEntry) string {
	if h.Entity == "brief_register" {
		return e.T("err.undo.brief")
	}
	return e.T("history.not_undoable")
}

func (s *historyScreen) onUndoImport() {
	id := s.importToUndo()
	if id == 0 {
		return
	}
	name := s.importNames[id]
	if name == "" {
		name = "#" + strconv.FormatInt(id, 10)
	}
	s.env.confirm(s.win, s.env.T("history.undo_import.title"), s.env.T("history.undo_import.confirm", map[string]any{"Import": name}), func() {
		s.runUndo(func() error { return s.store.UndoImport(bg(), id) })
	})
}

// runUndo undoes off the main goroutine behind a progress dialog (an import may have touched many records),
// then shows the refusal or the list as it is now.
func (s *historyScreen) runUndo(undo func() error) {
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(s.env.T("history.undoing"), bar, s.win)
	progress.Show()
	s.undone = make(chan struct{})
	done := s.undone
	go func() {
		err := undo()
		fyne.Do(func() {
			defer close(done)
			bar.Stop()
			progress.Hide()
			if err != nil {
				s.showUndoRefusal(err)
				return
			}
			s.reload()
		})
	}()
}

// showUndoRefusal says why an undo was refused, naming the later change in the user's words.
func (s *historyScreen) showUndoRefusal(err error) {
	var e *data.Error
	if !errors.As(err, &e) || e.Code == data.Internal {
		s.env.showError(s.win, err)
		return
	}
	s.env.inform(s.win, s.env.T("history.undo.refused"), s.env.undoRefusalText(e))
}

// undoRefusalText fills the refusal's message with the record kind and action translated.
func (e *env) undoRefusalText(refusal *data.Error) string {
	args := map[string]any{}
	for k, v := range refusal.Args {
		args[k] = v
	}
	entity, _ := refusal.Args["Entity"].(string)
	if entity != "" {
		record := e.historyEntityName(entity)
		if label, _ := refusal.Args["Record"].(string); label != "" {
			record += " " + label
		}
		args["Record"] = record
		args["Entity"] = e.historyEntityName(entity)
	}
	if action, _ := refusal.Args["Action"].(string); action != "" {
		args["Action"] = e.T("history.action." + action)
	}
	if !e.tr.Has(refusal.Key) {
		return e.errorText(refusal)
	}
	return e.T(refusal.Key, args)
}
