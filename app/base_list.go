package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// baseStore is what the Cooperation bases section asks of the database.
type baseStore interface {
	CoopBases(ctx context.Context, f data.CoopBaseFilter) ([]data.CoopBase, error)
	CountCoopBases(ctx context.Context, f data.CoopBaseFilter) (int, error)
	CoopBase(ctx context.Context, id int64) (data.CoopBase, error)
	Cooperations(ctx context.Context, f data.CooperationFilter) ([]data.Cooperation, error)
	CountCooperations(ctx context.Context, f data.CooperationFilter) (int, error)
	CreateCoopBase(ctx context.Context, b *data.CoopBase) error
	UpdateCoopBase(ctx context.Context, b *data.CoopBase) error
	DeleteCoopBase(ctx context.Context, id int64) error
	CoopCompanies(ctx context.Context) ([]data.CoopParty, error)
	coopPartyStore
}

// baseScreen is the Cooperation bases section (合作基地): the list, and a base's page in its place.
type baseScreen struct {
	env   *env
	store baseStore
	win   fyne.Window

	list *recordList[data.CoopBase]
	view *listOrPage
	form *baseForm // the form open now, if any
	page *basePage // the page open now, if any
}

func newBaseScreen(e *env, st baseStore, win fyne.Window) *baseScreen {
	return &baseScreen{env: e, store: st, win: win}
}

func (s *baseScreen) build() fyne.CanvasObject {
	s.list = newRecordList(recordListConfig[data.CoopBase]{
		Env:     s.env,
		Win:     s.win,
		Columns: baseColumns(true, true),
		Count:   s.count,
		Page:    s.rows,
		Filters: []listFilter{
			{Key: "year", Label: s.env.T("base.filter.year"), Options: s.yearOptions()},
			{Key: "institution", Label: s.env.T("base.filter.institution"), Options: s.env.institutionOptions(s.store)},
			{Key: "company", Label: s.env.T("base.filter.company"), Options: s.env.coopCompanyOptions(s.store.CoopCompanies)},
		},
		Placeholder: s.env.T("base.search"),
		DefaultSort: data.BaseSortName,
		AddText:     s.env.T("base.add"),
		OnAdd:       s.onAdd,
		OnOpen:      s.openPage,
		OnEdit:      s.onEdit,
		OnDelete:    s.onDelete,
		ExportName:  s.env.T("base.export"),
	})
	s.view = newListOrPage(s.list.build(), s.list.reload)
	return s.view.stack
}

// baseColumns are the columns of a base list; a list inside a company's or an institution's page leaves out
// the party it is about.
func baseColumns(company, institution bool) []listColumn[data.CoopBase] {
	cols := []listColumn[data.CoopBase]{{Key: "base.name", Width: 250, Flex: true, Sort: data.BaseSortName,
		Text: func(b data.CoopBase) string { return b.Name }}}
	if company {
		cols = append(cols, listColumn[data.CoopBase]{Key: "base.company", Width: 260, Flex: true, Sort: data.BaseSortCompany,
			Text: func(b data.CoopBase) string { return b.CompanyName }})
	}
	if institution {
		cols = append(cols, listColumn[data.CoopBase]{Key: "base.institution", Width: 270, Flex: true, Sort: data.BaseSortInstitution,
			Text: func(b data.CoopBase) string { return b.InstitutionName }})
	}
	return append(cols, listColumn[data.CoopBase]{Key: "base.established", Width: 100, Sort: data.BaseSortEstablished,
		Text: func(b data.CoopBase) string { return data.FormatDate(b.Established) }})
}

// yearOptions offers every year from the first base's to this one: a year shows the bases that existed at its
// end, as the dashboard counts them.
func (s *baseScreen) yearOptions() []filterOption {
	to := s.env.today().Year()
	from := to
	first, err := s.store.CoopBases(bg(), data.CoopBaseFilter{Sort: data.BaseSortEstablished, Limit: 1})
	if err != nil {
		fyne.LogError("reading the first base", err)
	}
	if len(first) > 0 && !first[0].Established.IsZero() {
		from = min(from, first[0].Established.Year())
	}
	return s.env.yearOptions(from, to)
}

func baseFilter(q listQuery) data.CoopBaseFilter {
	year, _ := strconv.Atoi(q.Filters["year"])
	return data.CoopBaseFilter{Query: q.Text, Year: year, InstitutionID: coopFilterID(q, "institution"), CompanyID: coopFilterID(q, "company"),
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (s *baseScreen) count(q listQuery) (int, error) {
	return s.store.CountCoopBases(bg(), baseFilter(q))
}

func (s *baseScreen) rows(q listQuery) ([]data.CoopBase, error) {
	return s.store.CoopBases(bg(), baseFilter(q))
}

func (s *baseScreen) onAdd() {
	s.form = newBaseForm(s.env, s.store, s.win, data.CoopBase{}, s.onSaved)
	s.form.show(s.env.T("base.add"))
}

func (s *baseScreen) onEdit(b data.CoopBase) {
	s.form = newBaseForm(s.env, s.store, s.win, b, s.onSaved)
	s.form.show(s.env.T("base.edit"))
}

// onSaved reads the list again, and the page of the base when it is open.
func (s *baseScreen) onSaved() {
	s.list.reload()
	if s.page != nil {
		s.page.refresh()
	}
}

func (s *baseScreen) onDelete(b data.CoopBase) { s.confirmDelete(b, s.list.reload) }

func (s *baseScreen) confirmDelete(b data.CoopBase, after func()) {
	s.env.confirmDelete(s.win, b.Name, nil, func() error { return s.store.DeleteCoopBase(bg(), b.ID) }, after)
}

// openPage shows a base's page in place of the list.
func (s *baseScreen) openPage(b data.CoopBase) {
	s.page = newBasePage(s, b)
	s.view.showPage(s.page.build())
}

// closePage goes back to the list as it was.
func (s *baseScreen) closePage() {
	s.page = nil
	s.view.showList()
}
