package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// cooperationStore is what the Cooperations section asks of the database.
type cooperationStore interface {
	Cooperations(ctx context.Context, f data.CooperationFilter) ([]data.Cooperation, error)
	CountCooperations(ctx context.Context, f data.CooperationFilter) (int, error)
	Cooperation(ctx context.Context, id int64) (data.Cooperation, error)
	CreateCooperation(ctx context.Context, c *data.Cooperation) error
	UpdateCooperation(ctx context.Context, c *data.Cooperation) error
	DeleteCooperation(ctx context.Context, id int64) error
	CooperationLinks(ctx context.Context, id int64) (data.Links, error)
	CooperationYears(ctx context.Context) ([]int, error)
	CoopCompanies(ctx context.Context) ([]data.CoopParty, error)
	outcomeStore
	coopPartyStore
}

// outcomeStore is what a cooperation's page asks of the database for its outcomes.
type outcomeStore interface {
	CoopOutcomes(ctx context.Context, f data.CoopOutcomeFilter) ([]data.CoopOutcome, error)
	CountCoopOutcomes(ctx context.Context, f data.CoopOutcomeFilter) (int, error)
	CreateCoopOutcome(ctx context.Context, o *data.CoopOutcome) error
	UpdateCoopOutcome(ctx context.Context, o *data.CoopOutcome) error
	DeleteCoopOutcome(ctx context.Context, id int64) error
}

// cooperationScreen is the Cooperations section (产学研合作): the list, and a cooperation's page with its
// outcomes in its place.
type cooperationScreen struct {
	env   *env
	store cooperationStore
	win   fyne.Window

	list *recordList[data.Cooperation]
	view *listOrPage
	form *cooperationForm // the form open now, if any
	page *cooperationPage // the page open now, if any
}

func newCooperationScreen(e *env, st cooperationStore, win fyne.Window) *cooperationScreen {
	return &cooperationScreen{env: e, store: st, win: win}
}

func (s *cooperationScreen) build() fyne.CanvasObject {
	s.list = newRecordList(recordListConfig[data.Cooperation]{
		Env:         s.env,
		Win:         s.win,
		Columns:     coopColumns(s.env, true, true),
		Count:       s.count,
		Page:        s.rows,
		Filters:     s.filters(),
		Placeholder: s.env.T("coop.search"),
		DefaultSort: data.CoopSortCompany,
		AddText:     s.env.T("coop.add"),
		OnAdd:       s.onAdd,
		OnOpen:      s.openPage,
		OnEdit:      s.onEdit,
		OnDelete:    s.onDelete,
		ExportName:  s.env.T("coop.export"),
	})
	s.view = newListOrPage(s.list.build(), s.list.reload)
	return s.view.stack
}

// coopColumns are the columns of a cooperation list; a list inside a company's or an institution's page
// leaves out the party it is about.
func coopColumns(e *env, company, institution bool) []listColumn[data.Cooperation] {
	var cols []listColumn[data.Cooperation]
	if company {
		cols = append(cols, listColumn[data.Cooperation]{Key: "coop.company", Width: 240, Flex: true, Sort: data.CoopSortCompany,
			Text: func(c data.Cooperation) string { return c.CompanyName }})
	}
	if institution {
		cols = append(cols, listColumn[data.Cooperation]{Key: "coop.institution", Width: 240, Flex: true, Sort: data.CoopSortInstitution,
			Text: func(c data.Cooperation) string { return c.InstitutionName }})
	}
	return append(cols,
		listColumn[data.Cooperation]{Key: "coop.programme", Width: 170, Flex: true, Sort: data.CoopSortProgramme,
			Text: func(c data.Cooperation) string { return c.Programme }},
		listColumn[data.Cooperation]{Key: "coop.started", Width: 100, Sort: data.CoopSortStarted,
			Text: func(c data.Cooperation) string { return data.FormatDate(c.Started) }},
		listColumn[data.Cooperation]{Key: "coop.ended", Width: 100, Sort: data.CoopSortEnded, Text: e.coopEndedText},
		listColumn[data.Cooperation]{Key: "coop.outcomes", Width: 70, Right: true,
			Text: func(c data.Cooperation) string { return strconv.Itoa(c.Outcomes) }},
	)
}

// coopEndedText is a cooperation's end, or 进行中 while it runs.
func (e *env) coopEndedText(c data.Cooperation) string {
	if c.Ended.IsZero() {
		return e.T("coop.ended.open")
	}
	return data.FormatDate(c.Ended)
}

// filters offers the years in which cooperations ran, the institutions and the cooperating companies.
func (s *cooperationScreen) filters() []listFilter {
	years, err := s.store.CooperationYears(bg())
	if err != nil {
		fyne.LogError("reading cooperation years", err)
	}
	yearOpts := []filterOption{{s.env.T("list.all"), ""}}
	for _, y := range years {
		yearOpts = append(yearOpts, filterOption{strconv.Itoa(y), strconv.Itoa(y)})
	}
	return []listFilter{
		{Key: "year", Label: s.env.T("coop.filter.year"), Options: yearOpts},
		{Key: "institution", Label: s.env.T("coop.filter.institution"), Options: s.env.institutionOptions(s.store)},
		{Key: "company", Label: s.env.T("coop.filter.company"), Options: s.env.coopCompanyOptions(s.store.CoopCompanies)},
	}
}

// institutionOptions offers "all" and every institution by name, for a filter.
func (e *env) institutionOptions(st coopPartyStore) []filterOption {
	opts := []filterOption{{e.T("list.all"), ""}}
	list, err := st.Institutions(bg(), data.InstitutionFilter{Sort: data.InstSortName})
	if err != nil {
		fyne.LogError("reading institutions", err)
	}
	for _, in := range list {
		opts = append(opts, filterOption{in.Name, strconv.FormatInt(in.ID, 10)})
	}
	return opts
}

// coopCompanyOptions offers "all" and every company read cooperates, for a filter.
func (e *env) coopCompanyOptions(read func(context.Context) ([]data.CoopParty, error)) []filterOption {
	opts := []filterOption{{e.T("list.all"), ""}}
	list, err := read(bg())
	if err != nil {
		fyne.LogError("reading cooperating companies", err)
	}
	for _, p := range list {
		opts = append(opts, filterOption{p.Name, strconv.FormatInt(p.ID, 10)})
	}
	return opts
}

// coopFilterID reads an id a filter chose; 0 for all.
func coopFilterID(q listQuery, key string) int64 {
	id, _ := strconv.ParseInt(q.Filters[key], 10, 64)
	return id
}

func coopFilter(q listQuery) data.CooperationFilter {
	year, _ := strconv.Atoi(q.Filters["year"])
	return data.CooperationFilter{Query: q.Text, Year: year, InstitutionID: coopFilterID(q, "institution"),
		CompanyID: coopFilterID(q, "company"), Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (s *cooperationScreen) count(q listQuery) (int, error) {
	return s.store.CountCooperations(bg(), coopFilter(q))
}

func (s *cooperationScreen) rows(q listQuery) ([]data.Cooperation, error) {
	return s.store.Cooperations(bg(), coopFilter(q))
}

func (s *cooperationScreen) onAdd() {
	s.form = newCooperationForm(s.env, s.store, s.win, data.Cooperation{}, s.onSaved)
	s.form.show(s.env.T("coop.add"))
}

func (s *cooperationScreen) onEdit(c data.Cooperation) {
	s.form = newCooperationForm(s.env, s.store, s.win, c, s.onSaved)
	s.form.show(s.env.T("coop.edit"))
}

func (s *cooperationScreen) onSaved(c data.Cooperation) {
	s.list.reload()
	if s.page != nil && s.page.coop.ID == c.ID {
		s.page.setCooperation(c)
	}
}

func (s *cooperationScreen) onDelete(c data.Cooperation) { s.confirmDelete(c, s.list.reload) }

// confirmDelete asks first, naming the outcomes that go with the cooperation.
func (s *cooperationScreen) confirmDelete(c data.Cooperation, after func()) {
	links, err := s.store.CooperationLinks(bg(), c.ID)
	if err != nil {
		s.env.showError(s.win, err)
		return
	}
	s.env.confirmDelete(s.win, s.coopName(c), links, func() error { return s.store.DeleteCooperation(bg(), c.ID) }, after)
}

// coopName names a cooperation in a sentence: its parties and its start.
func (s *cooperationScreen) coopName(c data.Cooperation) string {
	return s.env.T("coop.title", map[string]any{"Company": c.CompanyName, "Institution": c.InstitutionName}) +
		" (" + data.FormatDate(c.Started) + ")"
}

// openPage shows a cooperation's page in place of the list.
func (s *cooperationScreen) openPage(c data.Cooperation) {
	s.page = newCooperationPage(s, c)
	s.view.showPage(s.page.build())
}

// closePage goes back to the list as it was.
func (s *cooperationScreen) closePage() {
	s.page = nil
	s.view.showList()
}
