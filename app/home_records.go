package app

import (
	"bytes"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
	"scitech/reports/exchange"
)

// figureAmounts are the record columns that hold amounts or years: right-aligned, as figures are read.
var figureAmounts = map[string]bool{"figure.col.output": true, "figure.col.added_value": true, "output.year": true}

// figureRecords is the 明细 of a dashboard figure: the records behind it in a dialog. A row opens its record
// (the dialog closes), 导出 writes the rows to a workbook, amounts are right-aligned, and each column is as wide
// as its longest text so that names are read whole; a text longer than a column may grow (maxColumnWidth, as in
// the lists) wraps in a taller row, as a list's Wrap column does. Escape closes it, the table having the
// keyboard or not.
type figureRecords struct {
	env   *env
	win   fyne.Window
	t     data.Table
	name  string // the figure's translated name and year, for the workbook
	open  func(data.RecordRef)
	table *escapeTable // once a row is clicked it has the keyboard
	width []float32    // each column's width (columnWidth)

	note      *widget.Label // that a row opens its record, and what was exported
	partial   *widget.Label // how much of a long list is shown; nil when the list is whole
	exportBtn *widget.Button
	closeBtn  *widget.Button
	dialog    *dialog.CustomDialog
	exported  chan struct{} // closed when the last export is written; tests wait on it
}

func newFigureRecords(e *env, win fyne.Window, t data.Table, name string, open func(data.RecordRef)) *figureRecords {
	r := &figureRecords{env: e, win: win, t: t, name: name, open: open}
	r.table = newEscapeTable(win)
	r.table.Length = func() (int, int) { return len(t.Rows), len(t.Columns) }
	r.table.CreateCell = func() fyne.CanvasObject { return &widget.Label{} }
	r.table.UpdateCell = r.updateCell
	r.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	r.table.UpdateHeader = r.updateHeader
	r.table.ShowHeaderRow = true
	r.table.OnSelected = r.onSelected
	r.width = make([]float32, len(t.Columns))
	for i := range t.Columns {
		r.width[i] = r.columnWidth(i)
		r.table.SetColumnWidth(i, r.width[i])
	}
	r.fitRows()
	r.note = &widget.Label{Text: e.T("home.records.hint"), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	if t.Partial() {
		r.partial = &widget.Label{Text: e.T("home.records.partial", map[string]any{"N": len(t.Rows), "Total": t.Total}),
			Wrapping: fyne.TextWrapWord}
	}
	r.exportBtn = &widget.Button{Text: e.T("home.records.export"), Icon: theme.DownloadIcon(), OnTapped: r.onExport}
	r.closeBtn = &widget.Button{Text: e.T("action.close"), Icon: theme.CancelIcon(), OnTapped: r.close}
	return r
}

// show opens the dialog, as wide as its columns and as tall as the window allows.
func (r *figureRecords) show(title string) {
	top := container.NewVBox(r.note)
	if r.partial != nil {
		top.Add(r.partial)
	}
	r.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, nil, nil, nil, r.table), r.win)
	r.dialog.SetButtons([]fyne.CanvasObject{r.closeBtn, r.exportBtn})
	width := float32(0)
	for i := range r.t.Columns {
		width += r.columnWidth(i) + theme.Padding()
	}
	// The dialog's own margins and the table's scroll bar come on top of the columns.
	width += 10*theme.Padding() + theme.ScrollBarSize()
	limit := r.win.Canvas().Size()
	r.dialog.Resize(fyne.NewSize(max(600, min(width, limit.Width*0.9)), limit.Height*0.9))
	r.dialog.Show()
}

func (r *figureRecords) close() { r.dialog.Hide() }

// cellText is a cell as the table shows it, codes (项目, 新产品) in words.
func (r *figureRecords) cellText(row, col int) string {
	if row >= len(r.t.Rows) || col >= len(r.t.Rows[row]) {
		return ""
	}
	v := r.t.Rows[row][col]
	if r.env.tr.Has("value." + v) {
		return r.env.T("value." + v)
	}
	return v
}

func (r *figureRecords) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Alignment = fyne.TextAlignLeading
	if id.Col >= 0 && id.Col < len(r.t.Columns) && figureAmounts[r.t.Columns[id.Col]] {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(r.shownText(id.Row, id.Col))
}

// shownText is a cell's text broken into lines of its column's width, as a list's Wrap column breaks its text
// (breakLines: never a 。 alone at the start of a line); a text that fits stays one line.
func (r *figureRecords) shownText(row, col int) string {
	text := r.cellText(row, col)
	if col < 0 || col >= len(r.width) {
		return text
	}
	size := theme.TextSize()
	measure := func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
	room := r.width[col] - 2*theme.InnerPadding()
	if room <= 0 || measure(text) <= room {
		return text
	}
	return breakLines(text, room, measure)
}

// fitRows makes a row whose text wraps as tall as its lines; the other rows keep the table's height.
func (r *figureRecords) fitRows() {
	measure := &widget.Label{Text: "名"}
	one := measure.MinSize().Height
	for row := range r.t.Rows {
		h := one
		for col := range r.t.Columns {
			if text := r.shownText(row, col); strings.Contains(text, "\n") {
				measure.SetText(text)
				h = max(h, measure.MinSize().Height)
			}
		}
		if h > one {
			r.table.SetRowHeight(row, h)
		}
	}
}

func (r *figureRecords) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Col < 0 || id.Col >= len(r.t.Columns) {
		l.SetText("")
		return
	}
	l.Alignment = fyne.TextAlignLeading
	if figureAmounts[r.t.Columns[id.Col]] {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(r.env.T(r.t.Columns[id.Col]))
}

// columnWidth fits a column to its title and its longest text, up to maxColumnWidth.
func (r *figureRecords) columnWidth(col int) float32 {
	size := theme.TextSize()
	w := fyne.MeasureText(r.env.T(r.t.Columns[col]), size, fyne.TextStyle{Bold: true}).Width
	for row := range r.t.Rows {
		w = max(w, fyne.MeasureText(r.cellText(row, col), size, fyne.TextStyle{}).Width)
	}
	return min(w+2*theme.InnerPadding()+theme.Padding(), maxColumnWidth)
}

// onSelected opens the record of the row chosen, closing the dialog over it.
func (r *figureRecords) onSelected(id widget.TableCellID) {
	r.table.UnselectAll()
	if r.open == nil || id.Row < 0 || id.Row >= len(r.t.Refs) || r.t.Refs[id.Row].ID == 0 {
		return
	}
	r.close()
	r.open(r.t.Refs[id.Row])
}

// onExport asks where to write the rows as a workbook.
func (r *figureRecords) onExport() {
	r.env.askSave(r.win, fileExport, r.name, ".xlsx", r.exportTo)
}

// exportTo writes the rows as the table shows them, amounts as numbers, and says where.
func (r *figureRecords) exportTo(w fyne.URIWriteCloser) {
	r.exported = make(chan struct{})
	defer close(r.exported)
	err := finishWrite(w, r.writeWorkbook(w))
	if err != nil {
		r.env.showError(r.win, err)
		return
	}
	r.note.SetText(r.env.T("home.records.hint") + "  ·  " + r.env.T("list.exported", map[string]any{"File": shownPath(w.URI())}))
}

func (r *figureRecords) writeWorkbook(w fyne.URIWriteCloser) error {
	t := exchange.Table{Sheet: r.env.T("home.records.sheet")}
	for _, c := range r.t.Columns {
		t.Headers = append(t.Headers, r.env.T(c))
		t.Numeric = append(t.Numeric, figureAmounts[c])
	}
	for row := range r.t.Rows {
		cells := make([]string, len(r.t.Columns))
		for col := range cells {
			cells[col] = r.cellText(row, col)
		}
		t.Rows = append(t.Rows, cells)
	}
	var buf bytes.Buffer
	if err := exchange.WriteTable(&buf, t); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
