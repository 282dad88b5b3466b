package app

import (
	"bytes"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/reports/exchange"
)

// listColumn is one column of a record list.
type listColumn[R any] struct {
	Key   string  // translation key of the header
	Width float32 // the width while the list has no rows; otherwise its title and texts decide (fitColumns)
	Text  func(R) string
	Sort  string // sort key handed to the query; "" = not sortable
	Right bool   // right-aligned (numbers)
	// Flex marks a column of names, titles or descriptions, which may be narrowed for the table to fit the
	// window (record_columns.go); the others keep the width their texts need.
	Flex bool
	// Wrap wraps the column's text onto more lines, its rows as tall as it needs: for a description in a
	// short list.
	Wrap bool
	// Also are texts the column may show that the rows it opens on may lack (each name of its codes), measured
	// with them so that a later page's text is not cut.
	Also []string
	// Importance colours a cell by its record (an expired certificate); nil leaves every cell plain.
	Importance func(R) widget.Importance
}

// listQuery is what a list asks its store for: the search text, the sort, the filters and a page.
type listQuery struct {
	Text    string
	Sort    string
	Desc    bool
	Filters map[string]string // filter key → chosen value ("" = all)
	Offset  int
	Limit   int // 0 = every row (Export uses it)
}

// filtered tells whether a filter narrows the list.
func (q listQuery) filtered() bool {
	for _, v := range q.Filters {
		if v != "" {
			return true
		}
	}
	return false
}

// filterOption is one choice of a list filter.
type filterOption struct{ Label, Value string }

// listFilter is a drop-down above a list that narrows what it shows.
type listFilter struct {
	Key     string
	Label   string         // translated
	Options []filterOption // the first is usually {env.T("list.all"), ""}
}

// recordListConfig describes a list: its columns, how to read it, and what its buttons do.
type recordListConfig[R any] struct {
	Env         *env
	Win         fyne.Window
	Columns     []listColumn[R]
	Count       func(q listQuery) (int, error)
	Page        func(q listQuery) ([]R, error)
	Filters     []listFilter
	Placeholder string // search hint, translated; "" hides the search entry
	DefaultSort string
	DefaultDesc bool               // newest first, for lists sorted by a year or a date
	HeaderAlign widget.ButtonAlign // where the column titles sit; centred unless set
	AddText     string             // translated text of the add button; "" hides it
	OnAdd       func()
	OnOpen      func(R) // nil hides Open
	OnEdit      func(R) // nil hides Edit
	OnDelete    func(R) // nil hides Delete
	ExportName  string  // file name for Export, without .xlsx; "" hides Export

	// CountText words the count under the list (n rows match q); nil says "共 n 条". The companies' count says
	// of how many while a search narrows it.
	CountText func(n int, q listQuery) string
}

// recordListPageSize is how many rows one query reads; the table asks only for the rows it shows.
const recordListPageSize = 100

// recordList is a searchable, filterable, sortable table of records read page by page from the store, with a
// count and the buttons to add, open, edit, delete and export. Every list of the window is one of these.
type recordList[R any] struct {
	env        *env
	cfg        recordListConfig[R]
	query      listQuery
	count      int
	pages      map[int][]R
	selRow     int
	selCol     int
	exported   chan struct{} // closed when the last export finished; tests wait on it
	sizes      columnSizes   // what the columns need (record_columns.go)
	rowsFitted bool          // fitRows set rows' heights, which a later fit without wrapping sets back to one line

	search     *widget.Entry
	filters    map[string]*widget.Select
	table      *recordTable
	countLabel *widget.Label
	addBtn     *widget.Button
	openBtn    *widget.Button
	editBtn    *widget.Button
	deleteBtn  *widget.Button
	exportBtn  *widget.Button
}

func newRecordList[R any](cfg recordListConfig[R]) *recordList[R] {
	return &recordList[R]{env: cfg.Env, cfg: cfg, selRow: -1,
		query: listQuery{Sort: cfg.DefaultSort, Desc: cfg.DefaultDesc, Filters: map[string]string{}}}
}

func (l *recordList[R]) build() fyne.CanvasObject {
	l.search = &widget.Entry{PlaceHolder: l.cfg.Placeholder, OnChanged: l.onSearch}
	l.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.search.ExtendBaseWidget(l.search)
	l.countLabel = widget.NewLabel("")
	l.addBtn = &widget.Button{Text: l.cfg.AddText, Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: l.cfg.OnAdd}
	l.openBtn = &widget.Button{Text: l.env.T("list.open"), Icon: theme.VisibilityIcon(), OnTapped: l.onOpen}
	l.editBtn = &widget.Button{Text: l.env.T("action.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: l.onEdit}
	l.deleteBtn = &widget.Button{Text: l.env.T("action.delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: l.onDelete}
	l.exportBtn = &widget.Button{Text: l.env.T("list.export"), Icon: theme.DownloadIcon(), OnTapped: l.onExport}
	l.table = newRecordTable(&recordTable{Table: widget.Table{
		Length:        func() (int, int) { return l.count, len(l.cfg.Columns) },
		CreateCell:    func() fyne.CanvasObject { return newListCell() },
		UpdateCell:    l.updateCell,
		CreateHeader:  l.createHeader,
		UpdateHeader:  l.updateHeader,
		ShowHeaderRow: true,
		OnSelected:    l.onSelected,
		OnUnselected:  l.onUnselected,
	}, open: l.onActivate, step: l.step, resized: func(float32) { l.fitColumns() }})
	l.measureTitles()
	l.fitColumns() // the widths of an empty list, before its rows are counted
	l.reload()
	return container.NewBorder(l.topBar(), l.countLabel, nil, nil, l.table)
}

func (l *recordList[R]) createHeader() fyne.CanvasObject {
	return &widget.Button{Importance: widget.LowImportance, Alignment: l.cfg.HeaderAlign}
}

// topBar holds the search entry and the buttons, with the filters in a row of their own under them so that
// a list with several filters still fits the window.
func (l *recordList[R]) topBar() fyne.CanvasObject {
	filters := container.NewHBox()
	l.filters = map[string]*widget.Select{}
	for _, f := range l.cfg.Filters {
		filters.Add(widget.NewLabel(f.Label))
		filters.Add(l.filterSelect(f))
	}
	buttons := container.NewHBox()
	for _, b := range []struct {
		btn  *widget.Button
		show bool
	}{{l.openBtn, l.cfg.OnOpen != nil}, {l.editBtn, l.cfg.OnEdit != nil}, {l.deleteBtn, l.cfg.OnDelete != nil},
		{l.exportBtn, l.cfg.ExportName != ""}, {l.addBtn, l.cfg.AddText != "" && l.cfg.OnAdd != nil}} {
		if b.show {
			buttons.Add(b.btn)
		}
	}
	var middle fyne.CanvasObject = layoutSpacer()
	if l.cfg.Placeholder != "" {
		middle = l.search
	}
	bar := container.NewBorder(nil, nil, nil, buttons, middle)
	if len(l.cfg.Filters) == 0 {
		return bar
	}
	return container.NewVBox(bar, container.NewHScroll(filters))
}

func (l *recordList[R]) filterSelect(f listFilter) *widget.Select {
	labels := make([]string, len(f.Options))
	for i, o := range f.Options {
		labels[i] = o.Label
	}
	s := &widget.Select{Options: labels}
	s.ExtendBaseWidget(s)
	if len(labels) > 0 {
		s.SetSelectedIndex(0)
	}
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 {
			l.query.Filters[f.Key] = f.Options[i].Value
			l.reload()
		}
	}
	l.filters[f.Key] = s
	return s
}

// reload counts again and drops the cached pages, keeping search, filters and sort.
func (l *recordList[R]) reload() {
	l.pages = map[int][]R{}
	n, err := l.cfg.Count(l.query)
	if err != nil {
		l.env.showError(l.cfg.Win, err)
	}
	l.count = n
	l.countLabel.SetText(l.countText())
	l.table.UnselectAll()
	l.selRow = -1
	l.updateButtons()
	l.measureTexts()
	l.fitColumns()
	l.table.Refresh()
}

func (l *recordList[R]) rowAt(i int) (R, bool) {
	var zero R
	if i < 0 || i >= l.count {
		return zero, false
	}
	p := i / recordListPageSize
	rows, ok := l.pages[p]
	if !ok {
		q := l.query
		q.Offset, q.Limit = p*recordListPageSize, recordListPageSize
		var err error
		if rows, err = l.cfg.Page(q); err != nil {
			fyne.LogError("reading a list page", err)
			return zero, false
		}
		l.pages[p] = rows
	}
	if k := i - p*recordListPageSize; k < len(rows) {
		return rows[k], true
	}
	return zero, false
}

// countText says how many rows the list shows.
func (l *recordList[R]) countText() string {
	if l.cfg.CountText != nil {
		return l.cfg.CountText(l.count, l.query)
	}
	return l.env.T("list.count", map[string]any{"N": l.count})
}

func (l *recordList[R]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*listCell)
	label := cell.label
	col := l.cfg.Columns[id.Col]
	label.Alignment = fyne.TextAlignLeading
	if col.Right {
		label.Alignment = fyne.TextAlignTrailing
	}
	wrap := l.wraps(id.Col, id.Row)
	label.Truncation = fyne.TextTruncateEllipsis
	if wrap {
		label.Truncation = fyne.TextTruncateOff
	}
	r, ok := l.rowAt(id.Row)
	label.Importance = widget.MediumImportance
	if ok && col.Importance != nil {
		label.Importance = col.Importance(r)
	}
	text := ""
	if ok {
		text = col.Text(r)
	}
	if wrap {
		text = l.wrapped(id.Col, text)
	}
	var band color.Color = color.Transparent
	if id.Row == l.selRow {
		band = selectedRowColor(l.table.Theme())
	}
	if cell.band.FillColor != band {
		cell.band.FillColor = band
		cell.band.Refresh()
	}
	label.SetText(text)
}

// cellText is the text of a cell as the table shows it.
func (l *recordList[R]) cellText(row, col int) string {
	cell := newListCell()
	l.updateCell(widget.TableCellID{Row: row, Col: col}, cell)
	return cell.label.Text
}

func (l *recordList[R]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		b.SetText("")
		return
	}
	col := l.cfg.Columns[id.Col]
	b.Icon = nil
	if col.Sort != "" && l.query.Sort == col.Sort {
		b.Icon = theme.MenuDropUpIcon() // ▲ ascending, ▼ descending, as Windows Explorer shows it
		if l.query.Desc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = nil
	if col.Sort != "" {
		b.OnTapped = func() { l.onSort(col.Sort) }
	}
	b.SetText(l.env.T(col.Key))
}

// onSort sorts by a column; the sorted column tapped again reverses the order.
func (l *recordList[R]) onSort(key string) {
	if l.query.Sort == key {
		l.query.Desc = !l.query.Desc
	} else {
		l.query.Sort, l.query.Desc = key, false
	}
	l.reload()
}

func (l *recordList[R]) onSearch(text string) {
	l.query.Text = text
	l.reload()
}

// onSelected selects the whole row of the cell clicked: every cell of it draws the band (updateCell).
func (l *recordList[R]) onSelected(id widget.TableCellID) {
	l.selRow, l.selCol = id.Row, id.Col
	l.updateButtons()
	l.table.Refresh()
}

func (l *recordList[R]) onUnselected(widget.TableCellID) {
	l.selRow = -1
	l.updateButtons()
	l.table.Refresh()
}

// step moves the selection by delta rows, from the first row when none is selected.
func (l *recordList[R]) step(delta int) {
	row := l.selRow + delta
	if l.selRow < 0 {
		row = 0
	}
	if row >= 0 && row < l.count {
		l.table.Select(widget.TableCellID{Row: row, Col: max(l.selCol, 0)})
	}
}

// onActivate opens the selected row (a double click, Enter): its page where the list has pages, else its form.
func (l *recordList[R]) onActivate() {
	switch {
	case l.cfg.OnOpen != nil:
		l.onOpen()
	case l.cfg.OnEdit != nil:
		l.onEdit()
	}
}

func (l *recordList[R]) updateButtons() {
	for _, b := range []*widget.Button{l.openBtn, l.editBtn, l.deleteBtn} {
		if l.selRow < 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// selected is the record of the selected row.
func (l *recordList[R]) selected() (R, bool) { return l.rowAt(l.selRow) }

func (l *recordList[R]) onOpen()   { l.withSelected(l.cfg.OnOpen) }
func (l *recordList[R]) onEdit()   { l.withSelected(l.cfg.OnEdit) }
func (l *recordList[R]) onDelete() { l.withSelected(l.cfg.OnDelete) }

func (l *recordList[R]) withSelected(fn func(R)) {
	if r, ok := l.selected(); ok && fn != nil {
		fn(r)
	}
}

// onExport asks where to save, then writes every row the list shows now (all pages) to an XLSX file.
func (l *recordList[R]) onExport() {
	l.env.askSave(l.cfg.Win, fileExport, l.cfg.ExportName, ".xlsx", l.exportTo)
}

// exportTo writes the rows off the main goroutine; the file gets its bytes only once the workbook is whole.
func (l *recordList[R]) exportTo(w fyne.URIWriteCloser) {
	q := l.query
	q.Offset, q.Limit = 0, 0
	l.exported = make(chan struct{})
	l.exportBtn.Disable()
	go func() {
		defer close(l.exported)
		err := finishWrite(w, l.writeExport(w, q))
		fyne.Do(func() {
			l.exportBtn.Enable()
			if err != nil {
				l.env.showError(l.cfg.Win, err)
				return
			}
			l.countLabel.SetText(l.countText() + "  ·  " +
				l.env.T("list.exported", map[string]any{"File": shownPath(w.URI())}))
		})
	}()
}

func (l *recordList[R]) writeExport(w fyne.URIWriteCloser, q listQuery) error {
	rows, err := l.cfg.Page(q)
	if err != nil {
		return err
	}
	t := exchange.Table{Sheet: l.cfg.ExportName}
	for _, c := range l.cfg.Columns {
		t.Headers = append(t.Headers, l.env.T(c.Key))
		t.Numeric = append(t.Numeric, c.Right)
	}
	for _, r := range rows {
		cells := make([]string, len(l.cfg.Columns))
		for i, c := range l.cfg.Columns {
			cells[i] = c.Text(r)
		}
		t.Rows = append(t.Rows, cells)
	}
	var buf bytes.Buffer
	if err := exchange.WriteTable(&buf, t); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// yearOptions offers "all" and the years from newest to oldest, for a year filter.
func (e *env) yearOptions(from, to int) []filterOption {
	opts := []filterOption{{e.T("list.all"), ""}}
	for y := to; y >= from; y-- {
		opts = append(opts, filterOption{strconv.Itoa(y), strconv.Itoa(y)})
	}
	return opts
}

// listOrPage is a section's place in the window: its list, or one record's page in the list's place, and back
// to the list as it was (search, filters and sort kept, its rows read again: the record may have changed or
// gone). The section shows stack.
type listOrPage struct {
	stack  *fyne.Container // holds the list or the page
	list   fyne.CanvasObject
	reload func()
	paged  bool // a page stands in the list's place
}

func newListOrPage(list fyne.CanvasObject, reload func()) *listOrPage {
	return &listOrPage{stack: container.NewStack(list), list: list, reload: reload}
}

// showPage puts a record's page in the list's place.
func (v *listOrPage) showPage(page fyne.CanvasObject) {
	v.paged = true
	v.show(page)
}

// showList goes back from a page to the list and reads its rows again.
func (v *listOrPage) showList() {
	v.paged = false
	v.show(v.list)
	v.reload()
}

// setList puts a list built anew in the old one's place, at once unless a page stands there.
func (v *listOrPage) setList(list fyne.CanvasObject, reload func()) {
	v.list, v.reload = list, reload
	if !v.paged {
		v.show(list)
	}
}

func (v *listOrPage) show(o fyne.CanvasObject) {
	v.stack.Objects = []fyne.CanvasObject{o}
	v.stack.Refresh()
}
