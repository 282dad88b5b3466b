package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
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

// companyColumns are the columns of the Companies list; every one sorts. The name, which a clerk looks for, is
// not narrowed to fit the window: the field and the park give up width first (in English a field is as long as
// "Advanced manufacturing and automation"), and a window narrower still scrolls sideways.
func companyColumns(e *env) []listColumn[data.Company] {
	return []listColumn[data.Company]{
		{Key: "company.name", Width: 250, Sort: string(data.SortByName), Text: func(c data.Company) string { return c.Name }},
		{Key: "company.uscc", Width: 180, Sort: string(data.SortByUSCC), Text: func(c data.Company) string { return c.USCC }},
		{Key: "company.field", Width: 140, Flex: true, Sort: string(data.SortByField), Also: e.codeLabels(data.HighTechFields, "field."), Text: func(c data.Company) string { return e.techField(c.Field) }},
		{Key: "company.park", Width: 190, Flex: true, Sort: string(data.SortByPark), Text: func(c data.Company) string { return c.ParkName }},
		{Key: "company.founded", Width: 100, Sort: string(data.SortByFounded), Text: func(c data.Company) string { return data.FormatDate(c.Founded) }},
		{Key: "company.cert_expires", Width: 170, Sort: string(data.SortByCert), Text: e.certText, Importance: e.certImportance},
	}
}

// companyList is the Companies section: the companies searched as the user types, sorted by any column and
// read page by page from SQL, with the buttons to add, open, edit and delete one; a company's page in the
// list's place.
type companyList struct {
	env   *env
	store companyStore
	win   fyne.Window

	list *recordList[data.Company]
	view *listOrPage
	form *companyForm // the form open now, if any
	page *companyPage // the company page open now, if any
}

func newCompanyList(e *env, st companyStore, win fyne.Window) *companyList {
	return &companyList{env: e, store: st, win: win}
}

func (l *companyList) build() fyne.CanvasObject {
	l.list = newRecordList(recordListConfig[data.Company]{
		Env:         l.env,
		Win:         l.win,
		Columns:     companyColumns(l.env),
		Count:       l.count,
		Page:        l.rows,
		Filters:     l.filters(),
		Placeholder: l.env.T("company.search"),
		DefaultSort: string(data.SortByName),
		HeaderAlign: widget.ButtonAlignLeading,
		AddText:     l.env.T("company.add"),
		OnAdd:       l.onAdd,
		OnOpen:      l.onOpen,
		OnEdit:      l.onEdit,
		OnDelete:    l.onDelete,
		ExportName:  l.env.T("company.export"),
		CountText:   l.countText,
	})
	l.view = newListOrPage(l.list.build(), l.list.reload)
	return l.view.stack
}

// filters narrow the list to a park, a high-tech field, a state of the certificate today and 规上 or not.
func (l *companyList) filters() []listFilter {
	parks := []filterOption{{l.env.T("list.all"), ""}}
	list, err := l.store.Parks(bg())
	if err != nil {
		fyne.LogError("reading parks", err)
	}
	for _, p := range list {
		parks = append(parks, filterOption{p.Name, strconv.FormatInt(p.ID, 10)})
	}
	certs := []filterOption{{l.env.T("list.all"), ""}}
	for _, c := range data.CertStates {
		certs = append(certs, filterOption{l.env.T("company.cert." + string(c)), string(c)})
	}
	return []listFilter{
		{Key: "park", Label: l.env.T("company.park"), Options: parks},
		{Key: "field", Label: l.env.T("company.field"), Options: l.env.codeOptions(data.HighTechFields, "field.")},
		{Key: "cert", Label: l.env.T("company.filter.cert"), Options: certs},
		{Key: "scale", Label: l.env.T("company.filter.scale"), Options: []filterOption{{l.env.T("list.all"), ""},
			{l.env.T("company.scale.above"), string(data.ScaleAbove)}, {l.env.T("company.scale.below"), string(data.ScaleBelow)}}},
	}
}

// filter turns what the list shows into the store's filter; the certificate is judged on the window's today.
func (l *companyList) filter(q listQuery) data.CompanyFilter {
	park, _ := strconv.ParseInt(q.Filters["park"], 10, 64)
	return data.CompanyFilter{Query: q.Text, Sort: data.CompanySort(q.Sort), Desc: q.Desc, Offset: q.Offset, Limit: q.Limit,
		CompanyConditions: data.CompanyConditions{ParkID: park, Field: q.Filters["field"], Cert: data.CertState(q.Filters["cert"]),
			On: l.env.today(), Scale: data.Scale(q.Filters["scale"])}}
}

func (l *companyList) count(q listQuery) (int, error) {
	return l.store.CountCompanies(bg(), l.filter(q))
}

func (l *companyList) rows(q listQuery) ([]data.Company, error) {
	return l.store.Companies(bg(), l.filter(q))
}

// countText says how many companies the list shows and, while a search or a filter narrows it, of how many.
func (l *companyList) countText(n int, q listQuery) string {
	if q.Text == "" && !q.filtered() {
		return l.env.T("company.count", map[string]any{"N": n})
	}
	total, err := l.store.CountCompanies(bg(), data.CompanyFilter{})
	if err != nil {
		l.env.showError(l.win, err)
	}
	return l.env.T("company.count.filtered", map[string]any{"N": n, "Total": total})
}

// fresh reads a company again before it is opened, edited or deleted: the list's row may be older than the
// database. A company gone meanwhile is said so, and the list is read again.
func (l *companyList) fresh(c data.Company) (data.Company, bool) {
	got, err := l.store.Company(bg(), c.ID)
	if err != nil {
		l.env.showError(l.win, err)
		l.list.reload()
		return c, false
	}
	return got, true
}

func (l *companyList) onAdd() {
	l.form = newCompanyForm(l.env, l.store, l.win, data.Company{}, l.onSaved)
	l.form.show(l.env.T("company.add"))
}

func (l *companyList) onEdit(c data.Company) {
	if c, ok := l.fresh(c); ok {
		l.edit(c)
	}
}

// edit opens the form on a company, from the list or from its page.
func (l *companyList) edit(c data.Company) {
	l.form = newCompanyForm(l.env, l.store, l.win, c, l.onSaved)
	l.form.show(l.env.T("company.edit"))
}

func (l *companyList) onSaved(c data.Company) {
	l.list.reload()
	if l.page != nil && l.page.company.ID == c.ID {
		l.page.setCompany(c)
	}
}

func (l *companyList) onDelete(c data.Company) {
	if c, ok := l.fresh(c); ok {
		l.confirmDelete(c, l.list.reload)
	}
}

// confirmDelete asks before deleting a company, naming everything that is deleted with it.
func (l *companyList) confirmDelete(c data.Company, after func()) {
	links, err := l.store.CompanyLinks(bg(), c.ID)
	if err != nil {
		l.env.showError(l.win, err)
		return
	}
	l.env.confirmDelete(l.win, c.Name, links, func() error { return l.store.DeleteCompany(bg(), c.ID) }, after)
}

func (l *companyList) onOpen(c data.Company) {
	if c, ok := l.fresh(c); ok {
		l.openPage(c)
	}
}

// openPage shows a company's page in place of the list.
func (l *companyList) openPage(c data.Company) {
	l.page = newCompanyPage(l, c)
	l.view.showPage(l.page.build())
}

// closePage goes back from a company's page to the list as it was.
func (l *companyList) closePage() {
	l.page = nil
	l.view.showList()
}

// techField names a high-tech field by its code (electronics → 电子信息).
func (e *env) techField(code string) string {
	if code == "" {
		return ""
	}
	return e.T("field." + code)
}

// certText shows the certificate's expiry date and whether it is still valid today.
func (e *env) certText(c data.Company) string {
	if c.CertIssued.IsZero() {
		return e.T("company.cert_state.none")
	}
	state := e.T("company.cert_state.valid")
	if !c.CertValidOn(e.today()) {
		state = e.T("company.cert_state.expired")
	}
	return e.T("company.cert_text", map[string]any{"Date": data.FormatDate(c.CertExpires()), "State": state})
}

// certImportance marks an expired certificate in the list.
func (e *env) certImportance(c data.Company) widget.Importance {
	if !c.CertIssued.IsZero() && !c.CertValidOn(e.today()) {
		return widget.WarningImportance
	}
	return widget.MediumImportance
}
