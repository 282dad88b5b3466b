package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// institutionStore is what the Institutions section asks of the database.
type institutionStore interface {
	Institutions(ctx context.Context, f data.InstitutionFilter) ([]data.Institution, error)
	CountInstitutions(ctx context.Context, f data.InstitutionFilter) (int, error)
	Institution(ctx context.Context, id int64) (data.Institution, error)
	CreateInstitution(ctx context.Context, in *data.Institution) error
	UpdateInstitution(ctx context.Context, in *data.Institution) error
	DeleteInstitution(ctx context.Context, id int64) error
	InstitutionLinks(ctx context.Context, id int64) (data.Links, error)
	Cooperations(ctx context.Context, f data.CooperationFilter) ([]data.Cooperation, error)
	CountCooperations(ctx context.Context, f data.CooperationFilter) (int, error)
	CoopBases(ctx context.Context, f data.CoopBaseFilter) ([]data.CoopBase, error)
	CountCoopBases(ctx context.Context, f data.CoopBaseFilter) (int, error)
}

// institutionScreen is the Institutions section (高校院所): the list, and an institution's page in its place.
type institutionScreen struct {
	env   *env
	store institutionStore
	win   fyne.Window

	list *recordList[data.Institution]
	view *listOrPage
	form *institutionForm // the form open now, if any
	page *institutionPage // the page open now, if any
}

func newInstitutionScreen(e *env, st institutionStore, win fyne.Window) *institutionScreen {
	return &institutionScreen{env: e, store: st, win: win}
}

func (s *institutionScreen) build() fyne.CanvasObject {
	s.list = newRecordList(recordListConfig[data.Institution]{
		Env: s.env,
		Win: s.win,
		Columns: []listColumn[data.Institution]{
			{Key: "inst.name", Width: 320, Flex: true, Text: func(in data.Institution) string { return in.Name }, Sort: data.InstSortName},
			{Key: "inst.kind", Width: 110, Also: s.env.codeLabels(data.InstitutionKinds, "inst.kind."), Text: func(in data.Institution) string { return s.env.instKindLabel(in.Kind) }, Sort: data.InstSortKind},
			{Key: "inst.city", Width: 120, Text: func(in data.Institution) string { return in.City }, Sort: data.InstSortCity},
			{Key: "inst.cooperations", Width: 80, Text: func(in data.Institution) string { return strconv.Itoa(in.Cooperations) }, Right: true},
			{Key: "inst.bases", Width: 80, Text: func(in data.Institution) string { return strconv.Itoa(in.Bases) }, Right: true},
		},
		Count:       s.count,
		Page:        s.rows,
		Filters:     []listFilter{{Key: "kind", Label: s.env.T("inst.kind"), Options: s.env.codeOptions(data.InstitutionKinds, "inst.kind.")}},
		Placeholder: s.env.T("inst.search"),
		DefaultSort: data.InstSortName,
		AddText:     s.env.T("inst.add"),
		OnAdd:       s.onAdd,
		OnOpen:      s.openPage,
		OnEdit:      s.onEdit,
		OnDelete:    s.onDelete,
		ExportName:  s.env.T("inst.export"),
	})
	s.view = newListOrPage(s.list.build(), s.list.reload)
	return s.view.stack
}

func instFilter(q listQuery) data.InstitutionFilter {
	return data.InstitutionFilter{Query: q.Text, Kind: q.Filters["kind"], Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (s *institutionScreen) count(q listQuery) (int, error) {
	return s.store.CountInstitutions(bg(), instFilter(q))
}

func (s *institutionScreen) rows(q listQuery) ([]data.Institution, error) {
	return s.store.Institutions(bg(), instFilter(q))
}

func (s *institutionScreen) onAdd() {
	s.form = newInstitutionForm(s.env, s.store, s.win, data.Institution{Kind: "university"}, s.onSaved)
	s.form.show(s.env.T("inst.add"))
}

func (s *institutionScreen) onEdit(in data.Institution) {
	s.form = newInstitutionForm(s.env, s.store, s.win, in, s.onSaved)
	s.form.show(s.env.T("inst.edit"))
}

func (s *institutionScreen) onSaved(in data.Institution) {
	s.list.reload()
	if s.page != nil && s.page.inst.ID == in.ID {
		s.page.setInstitution(in)
	}
}

func (s *institutionScreen) onDelete(in data.Institution) { s.confirmDelete(in, s.list.reload) }

// confirmDelete asks first, naming the cooperations, outcomes and bases that go with the institution.
func (s *institutionScreen) confirmDelete(in data.Institution, after func()) {
	links, err := s.store.InstitutionLinks(bg(), in.ID)
	if err != nil {
		s.env.showError(s.win, err)
		return
	}
	s.env.confirmDelete(s.win, in.Name, links, func() error { return s.store.DeleteInstitution(bg(), in.ID) }, after)
}

// openPage shows an institution's page in place of the list.
func (s *institutionScreen) openPage(in data.Institution) {
	s.page = newInstitutionPage(s, in)
	s.view.showPage(s.page.build())
}

// closePage goes back to the list as it was.
func (s *institutionScreen) closePage() {
	s.page = nil
	s.view.showList()
}

// coopCodeOptions offers "all" and each code by its translation (prefix + code), for a list filter.
// instKindLabel names a kind of institution (高校, 科研院所…).
func (e *env) instKindLabel(code string) string {
	if code == "" {
		return ""
	}
	return e.T("inst.kind." + code)
}
