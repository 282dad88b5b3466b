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
}

// historyEntities are the record kinds of the audit log, in the order the kind filter offers them.
var historyEntities = []string{"company", "annual_output", "institution", "cooperation", "coop_base", "coop_outcome",
	"incubator", "incubator_application", "plan_application", "patent", "park_project", "setting", "brief_register"}

// historyImportChoices is how many of the latest imports the import filter offers.
const historyImportChoices = 50

// historyScreen is the History section (操作记录): every change, newest first, with filters, what each change
// did field by field, and Undo for a change or a whole import.
type historyScreen struct {
	env   *env
	store historyStore
	win   fyne.Window

	list          *recordList[data.HistoryEntry]
	from, to      *widget.Entry
	fromDay       time.Time // zero: no bound
	toDay         time.Time // the last day shown; zero: no bound
	detail        *widget.Label
	undoBtn       *widget.Button
	undoWhy       *widget.Label // why the selected change cannot be undone, beside the disabled button
	undoImportBtn *widget.Button
	importNames   map[int64]string
	undone        chan struct{} // closed when the last undo finished; tests wait on it
}

func newHistoryScreen(e *env, st historyStore, win fyne.Window) *historyScreen {
	return &historyScreen{env: e, store: st, win: win, importNames: map[int64]string{}}
}

func (s *historyScreen) build() fyne.CanvasObject {
	s.list = newRecordList(recordListConfig[data.HistoryEntry]{
		Env: s.env,
		Win: s.win,
		Columns: []listColumn[data.HistoryEntry]{
			{Key: "history.col.at", Width: 140, Text: historyTime},
			{Key: "history.col.operator", Width: 90, Text: func(e data.HistoryEntry) string { return e.Operator }},
			{Key: "history.col.action", Width: 80, Text: s.env.historyAction},
			{Key: "history.col.record", Width: 240, Text: s.env.historyRecord},
			{Key: "history.col.changes", Width: 470, Text: s.env.historyChanges},
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
	detail.SetMinSize(fyne.NewSize(0, 90))
	dates := container.NewHBox(widget.NewLabel(s.env.T("history.from")), container.NewGridWrap(fyne.NewSize(130, s.from.MinSize().Height), s.from),
		widget.NewLabel(s.env.T("history.to")), container.NewGridWrap(fyne.NewSize(130, s.to.MinSize().Height), s.to))
	top := container.NewBorder(nil, nil, dates, container.NewHBox(s.undoWhy, s.undoBtn, s.undoImportBtn))
	s.onSelectionChanged()
	return container.NewBorder(top, detail, nil, nil, listView)
}

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
	return s.store.History(bg(), s.filter(q))
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
		s.detail.SetText(s.env.historyDetail(e))
		s.undoBtn.Disable()
		why = s.env.notUndoableText(e)
	default:
		s.detail.SetText(s.env.historyDetail(e))
		s.undoBtn.Enable()
	}
	s.undoWhy.SetText(why)
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
		dialog.NewInformation(s.env.T("history.undo.title"), s.env.notUndoableText(e), s.win).Show()
		return
	}
	msg := s.env.T("history.undo.confirm", map[string]any{"Action": s.env.historyAction(e), "Record": s.env.historyRecord(e),
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
	dialog.NewInformation(s.env.T("history.undo.refused"), s.env.undoRefusalText(e), s.win).Show()
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

func historyTime(e data.HistoryEntry) string { return e.At.Local().Format("2006-01-02 15:04") }

// historyAction is the action, marked when it undid another change or was undone since.
func (e *env) historyAction(h data.HistoryEntry) string {
	text := e.T("history.action." + h.Action)
	if h.UndoOf != 0 {
		text = e.T("history.undo_of", map[string]any{"Action": text})
	}
	if h.UndoneBy != 0 {
		text += e.T("history.undone")
	}
	return text
}

func (e *env) historyEntityName(entity string) string {
	if key := "history.entity." + entity; e.tr.Has(key) {
		return e.T(key)
	}
	return entity
}

// historyRecord is the kind of record and its name.
func (e *env) historyRecord(h data.HistoryEntry) string {
	text := e.historyEntityName(h.Entity)
	switch {
	case h.Label != "":
		text += " " + h.Label
	case h.EntityID != 0:
		text += " #" + strconv.FormatInt(h.EntityID, 10)
	}
	return text
}

// historyChanges lists what the change did, field by field, on one line.
func (e *env) historyChanges(h data.HistoryEntry) string {
	return strings.Join(e.historyFieldTexts(h), "；")
}

// historyDetail is the selected change in full, a field a line.
func (e *env) historyDetail(h data.HistoryEntry) string {
	head := historyTime(h) + "  " + h.Operator + "  " + e.historyAction(h) + "  " + e.historyRecord(h)
	lines := e.historyFieldTexts(h)
	if len(lines) == 0 {
		lines = []string{e.T("history.no_fields")}
	}
	return head + "\n" + strings.Join(lines, "\n")
}

func (e *env) historyFieldTexts(h data.HistoryEntry) []string {
	var out []string
	for _, c := range h.Changes {
		label := e.historyFieldLabel(h.Entity, c.Field)
		c.Old, c.New = e.historyValue(h.Entity, c.Field, c.Old), e.historyValue(h.Entity, c.Field, c.New)
		switch {
		case c.Old == "" && c.New == "":
		case c.Old == "":
			out = append(out, label+"："+c.New)
		case c.New == "" && h.Action == "delete":
			out = append(out, label+"："+c.Old)
		default:
			newText := c.New
			if newText == "" {
				newText = e.T("history.empty")
			}
			out = append(out, label+"："+c.Old+" → "+newText)
		}
	}
	return out
}

// historyCodes are the translation prefixes of columns that hold codes.
var historyCodes = map[string]string{
	"company.field": "field.", "incubator_application.field": "field.", "institution.kind": "inst.kind.",
	"coop_outcome.kind": "outcome.kind.", "incubator.level": "incubator.level.", "incubator_application.applicant_kind": "iapp.kind.",
	"incubator_application.status": "iapp.status.", "plan_application.level": "plan.level.", "plan_application.status": "plan.status.",
	"patent.kind": "patent.kind.", "patent.legal_status": "patent.status.", "park_project.status": "project.status.",
	"park.kind": "park.kind.",
}

// historyMoney are the columns that hold yuan, shown in 万元 as everywhere else.
var historyMoney = map[string]bool{
	"annual_output.output": true, "annual_output.added_value": true, "annual_output.revenue": true,
	"annual_output.rd_expense": true, "plan_application.requested": true, "plan_application.granted": true,
	"park_project.investment": true,
}

// historyValue is a stored value in the user's words: codes translated, amounts in 万元, links by number,
// yes and no for flags.
func (e *env) historyValue(entity, field, v string) string {
	col := entity + "." + field
	switch {
	case v == "":
		return ""
	case historyCodes[col] != "" && e.tr.Has(historyCodes[col]+v):
		return e.T(historyCodes[col] + v)
	case historyMoney[col]:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return e.T("history.wan", map[string]any{"Amount": data.Yuan(n).Wan()})
		}
	case strings.HasSuffix(field, "_id"):
		return e.T("history.ref", map[string]any{"ID": v})
	case col == "company.above_scale" && v == "1":
		return e.T("history.yes")
	case col == "company.above_scale":
		return e.T("history.no")
	}
	return v
}

// historyFieldKeys name the columns whose label depends on the record kind, and the settings by key.
var historyFieldKeys = map[string]string{
	"company.park_id": "company.park", "company.name": "company.name", "company.above_scale": "company.above_scale",
	"company.cert_expires": "company.cert_expires", "park.name": "history.entity.park", "park.kind": "history.field.park_kind",
	"institution.name": "fieldlabel.inst_name", "institution.kind": "fieldlabel.inst_kind", "institution.city": "fieldlabel.inst_city",
	"coop_base.name": "fieldlabel.base_name", "coop_outcome.kind": "fieldlabel.outcome_kind", "coop_outcome.title": "fieldlabel.outcome_title",
	"incubator.name": "fieldlabel.incubator_name", "incubator.level": "fieldlabel.incubator_level", "incubator.address": "fieldlabel.incubator_address",
	"plan_application.level": "fieldlabel.plan_level", "plan_application.plan": "fieldlabel.plan_name",
	"plan_application.title": "fieldlabel.plan_title", "plan_application.requested": "fieldlabel.requested_funds",
	"plan_application.granted": "fieldlabel.granted_funds", "park_project.status": "fieldlabel.project_status",
	"park_project.area_cmu":      "fieldlabel.area",
	"setting.brief.issuing_unit": "settings.issuing_unit", "setting.brief.name": "settings.brief_name",
	"setting.brief.issue_no": "settings.issue_no", "setting.brief.font.title": "fieldlabel.brief_font_title",
	"setting.brief.font.body": "fieldlabel.brief_font_body", "setting.brief.font.heading": "fieldlabel.brief_font_heading",
	"setting.brief.font.subheading": "fieldlabel.brief_font_subheading",
}

// historyFieldLabel is a field's label as the forms show it, else the history's own name for the column.
func (e *env) historyFieldLabel(entity, field string) string {
	if key, ok := historyFieldKeys[entity+"."+field]; ok && e.tr.Has(key) {
		return e.T(key)
	}
	if key := "history.field." + field; e.tr.Has(key) {
		return e.T(key)
	}
	return e.fieldLabel(field)
}
