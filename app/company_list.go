package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// companyStore is what the company screens ask of the database.
type companyStore interface {
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
	CountCompanies(ctx context.Context, f data.CompanyFilter) (int, error)
	Company(ctx context.Context, id int64) (data.Company, error)
	CreateCompany(ctx context.Context, c *data.Company) error
	UpdateCompany(ctx context.Context, c *data.Company) error
	DeleteCompany(ctx context.Context, id int64) error
	CompanyLinks(ctx context.Context, id int64) (data.Links, error)
	CompanyRecords(ctx context.Context, id int64) ([]data.LinkedRecords, error)
	Parks(ctx context.Context) ([]data.Park, error)
	outputStore
}

// companyColumn is one column of the company table.
type companyColumn struct {
	key   string
	sort  data.CompanySort
	width float32
	text  func(c data.Company) string
}

var companyColumns = []companyColumn{
	{"company.name", data.SortByName, 250, func(c data.Company) string { return c.Name }},
	{"company.uscc", data.SortByUSCC, 180, func(c data.Company) string { return c.USCC }},
	{"company.field", data.SortByField, 140, func(c data.Company) string { return fieldLabel(c.Field) }},
	{"company.park", data.SortByPark, 190, func(c data.Company) string { return c.ParkName }},
	{"company.founded", data.SortByFounded, 100, func(c data.Company) string { return data.FormatDate(c.Founded) }},
	{"company.cert_expires", data.SortByCert, 170, certText},
}

// companyPageSize is how many rows one SQL query reads; the table asks only for the rows it shows.
const companyPageSize = 100

// companyList is the Companies section: a searchable, sortable table read page by page from SQL,
// with the buttons to add, edit, delete and open a company.
type companyList struct {
	store companyStore
	win   fyne.Window

	filter   data.CompanyFilter
	total    int // all companies
	count    int // companies matching the search
	pages    map[int][]data.Company
	selected int // row index in the table, -1 for none

	view       *fyne.Container // the list, or a company's page in its place
	list       fyne.CanvasObject
	search     *widget.Entry
	table      *widget.Table
	countLabel *widget.Label
	addBtn     *widget.Button
	editBtn    *widget.Button
	deleteBtn  *widget.Button
	openBtn    *widget.Button
	form       *companyForm // the form open now, if any
	page       *companyPage // the company page open now, if any
}

func newCompanyList(st companyStore, win fyne.Window) *companyList {
	return &companyList{store: st, win: win, filter: data.CompanyFilter{Sort: data.SortByName}, selected: -1}
}

func (l *companyList) build() fyne.CanvasObject {
	l.search = &widget.Entry{PlaceHolder: T("company.search"), OnChanged: l.onSearchChanged}
	l.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.countLabel = widget.NewLabel("")
	l.addBtn = &widget.Button{Text: T("company.add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: l.onAdd}
	l.openBtn = &widget.Button{Text: T("company.open"), Icon: theme.VisibilityIcon(), OnTapped: l.onOpen}
	l.editBtn = &widget.Button{Text: T("action.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: l.onEdit}
	l.deleteBtn = &widget.Button{Text: T("action.delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: l.onDelete}
	l.table = &widget.Table{
		Length:        l.tableSize,
		CreateCell:    l.createCell,
		UpdateCell:    l.updateCell,
		CreateHeader:  l.createHeader,
		UpdateHeader:  l.updateHeader,
		ShowHeaderRow: true,
		OnSelected:    l.onSelected,
		OnUnselected:  l.onUnselected,
	}
	l.table.ExtendBaseWidget(l.table)
	for i, c := range companyColumns {
		l.table.SetColumnWidth(i, c.width)
	}
	top := container.NewBorder(nil, nil, nil,
		container.NewHBox(l.openBtn, l.editBtn, l.deleteBtn, l.addBtn), l.search)
	l.list = container.NewBorder(top, l.countLabel, nil, nil, l.table)
	l.view = container.NewStack(l.list)
	l.reload()
	return l.view
}

// reload drops the cached pages and counts again, keeping the search and the sort.
func (l *companyList) reload() {
	l.pages = map[int][]data.Company{}
	var err error
	if l.total, err = l.store.CountCompanies(bg(), data.CompanyFilter{}); err != nil {
		showError(l.win, err)
	}
	if l.count, err = l.store.CountCompanies(bg(), l.filter); err != nil {
		showError(l.win, err)
	}
	if l.filter.Query == "" {
		l.countLabel.SetText(T("company.count", map[string]any{"N": l.total}))
	} else {
		l.countLabel.SetText(T("company.count.filtered", map[string]any{"N": l.count, "Total": l.total}))
	}
	l.table.UnselectAll()
	l.selected = -1
	l.updateButtons()
	l.table.Refresh()
}

// rowAt returns the company shown in table row i, reading its page from SQL when not cached.
func (l *companyList) rowAt(i int) (data.Company, bool) {
	if i < 0 || i >= l.count {
		return data.Company{}, false
	}
	p := i / companyPageSize
	rows, ok := l.pages[p]
	if !ok {
		f := l.filter
		f.Offset, f.Limit = p*companyPageSize, companyPageSize
		var err error
		if rows, err = l.store.Companies(bg(), f); err != nil {
			fyne.LogError("reading companies", err)
			return data.Company{}, false
		}
		l.pages[p] = rows
	}
	if k := i - p*companyPageSize; k < len(rows) {
		return rows[k], true
	}
	return data.Company{}, false
}

func (l *companyList) tableSize() (int, int) { return l.count, len(companyColumns) }

func (l *companyList) createCell() fyne.CanvasObject {
	return &widget.Label{Truncation: fyne.TextTruncateEllipsis}
}

func (l *companyList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	c, ok := l.rowAt(id.Row)
	if !ok {
		label.SetText("")
		return
	}
	label.Importance = widget.MediumImportance
	if id.Col == len(companyColumns)-1 && !c.CertIssued.IsZero() && !c.CertValidOn(today()) {
		label.Importance = widget.WarningImportance
	}
	label.SetText(companyColumns[id.Col].text(c))
}

func (l *companyList) createHeader() fyne.CanvasObject {
	return &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading}
}

func (l *companyList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		b.SetText("")
		return
	}
	col := companyColumns[id.Col]
	b.Icon = nil
	if l.filter.Sort == col.sort {
		b.Icon = theme.MenuDropUpIcon() // ▲ ascending, ▼ descending, as Windows Explorer shows it
		if l.filter.Desc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = func() { l.onSort(col.sort) }
	b.SetText(T(col.key))
}

// onSort sorts by a column; tapping the sorted column again reverses the order.
func (l *companyList) onSort(s data.CompanySort) {
	if l.filter.Sort == s {
		l.filter.Desc = !l.filter.Desc
	} else {
		l.filter.Sort, l.filter.Desc = s, false
	}
	l.reload()
}

func (l *companyList) onSearchChanged(q string) {
	l.filter.Query = q
	l.reload()
}

func (l *companyList) onSelected(id widget.TableCellID) {
	l.selected = id.Row
	l.updateButtons()
}

func (l *companyList) onUnselected(widget.TableCellID) {
	l.selected = -1
	l.updateButtons()
}

func (l *companyList) updateButtons() {
	for _, b := range []*widget.Button{l.openBtn, l.editBtn, l.deleteBtn} {
		if l.selected < 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (l *companyList) selectedCompany() (data.Company, bool) {
	c, ok := l.rowAt(l.selected)
	if !ok {
		return c, false
	}
	fresh, err := l.store.Company(bg(), c.ID)
	if err != nil {
		showError(l.win, err)
		l.reload()
		return c, false
	}
	return fresh, true
}

func (l *companyList) onAdd() {
	l.form = newCompanyForm(l.store, l.win, data.Company{}, l.onSaved)
	l.form.show(T("company.add"))
}

func (l *companyList) onEdit() {
	if c, ok := l.selectedCompany(); ok {
		l.form = newCompanyForm(l.store, l.win, c, l.onSaved)
		l.form.show(T("company.edit"))
	}
}

func (l *companyList) onSaved(c data.Company) {
	l.reload()
	if l.page != nil && l.page.company.ID == c.ID {
		l.page.setCompany(c)
	}
}

func (l *companyList) onDelete() {
	c, ok := l.selectedCompany()
	if !ok {
		return
	}
	l.confirmDelete(c, l.reload)
}

// confirmDelete asks before deleting a company, naming everything that is deleted with it.
func (l *companyList) confirmDelete(c data.Company, after func()) {
	links, err := l.store.CompanyLinks(bg(), c.ID)
	if err != nil {
		showError(l.win, err)
		return
	}
	confirmDelete(l.win, c.Name, links, func() error { return l.store.DeleteCompany(bg(), c.ID) }, after)
}

func (l *companyList) onOpen() {
	if c, ok := l.selectedCompany(); ok {
		l.openPage(c)
	}
}

// openPage shows a company's page in place of the list.
func (l *companyList) openPage(c data.Company) {
	l.page = newCompanyPage(l.store, l.win, c, l)
	l.view.Objects = []fyne.CanvasObject{l.page.build()}
	l.view.Refresh()
}

// closePage goes back from a company's page to the list as it was.
func (l *companyList) closePage() {
	l.page = nil
	l.view.Objects = []fyne.CanvasObject{l.list}
	l.reload()
}

func fieldLabel(code string) string {
	if code == "" {
		return ""
	}
	return T("field." + code)
}

// certText shows the certificate's expiry date and whether it is still valid.
func certText(c data.Company) string {
	if c.CertIssued.IsZero() {
		return T("company.cert_state.none")
	}
	state := T("company.cert_state.valid")
	if !c.CertValidOn(today()) {
		state = T("company.cert_state.expired")
	}
	return T("company.cert_text", map[string]any{"Date": data.FormatDate(c.CertExpires()), "State": state})
}
