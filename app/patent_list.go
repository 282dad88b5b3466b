package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// patentStore is what the patent screens ask of the database.
type patentStore interface {
	Patents(ctx context.Context, f data.PatentFilter) ([]data.Patent, error)
	CountPatents(ctx context.Context, f data.PatentFilter) (int, error)
	Patent(ctx context.Context, id int64) (data.Patent, error)
	CreatePatent(ctx context.Context, p *data.Patent) error
	UpdatePatent(ctx context.Context, p *data.Patent) error
	DeletePatent(ctx context.Context, id int64) error
	PatentYears(ctx context.Context) ([]int, error)
	Companies(ctx context.Context, f data.CompanyFilter) ([]data.Company, error)
}

// patentScreen is the Patents section: the list with its filters, and a day on which the list judges
// whether each patent is valid (有效专利) and says why not.
type patentScreen struct {
	env         *env
	store       patentStore
	win         fyne.Window
	validOn     time.Time
	companyName string // what the company filter holds

	list     *recordList[data.Patent]
	view     *listOrPage
	validDay *widget.Entry // 有效性判断日
	company  *widget.Entry // part of a company name
	form     *patentForm   // the form open now, if any
	page     *patentPage   // the page open now, if any
}

func newPatentScreen(e *env, st patentStore, win fyne.Window) *patentScreen {
	return &patentScreen{env: e, store: st, win: win}
}

func (s *patentScreen) build() fyne.CanvasObject {
	s.validOn = s.env.today()
	s.list = newRecordList(recordListConfig[data.Patent]{
		Env:         s.env,
		Win:         s.win,
		Columns:     s.columns(),
		Count:       s.count,
		Page:        s.rows,
		Filters:     s.filters(),
		Placeholder: s.env.T("patent.search"),
		DefaultSort: data.PatentSortFiled,
		DefaultDesc: true, // newest applications first
		AddText:     s.env.T("patent.add"),
		OnAdd:       s.onAdd,
		OnOpen:      s.openPage,
		OnEdit:      s.onEdit,
		OnDelete:    s.onDelete,
		ExportName:  s.env.T("patent.export"),
	})
	s.validDay = &widget.Entry{Text: data.FormatDate(s.validOn), Validator: s.validOnField, OnChanged: s.onValidDayChanged}
	s.validDay.ExtendBaseWidget(s.validDay)
	s.company = &widget.Entry{PlaceHolder: s.env.T("patent.company_filter.placeholder"), OnChanged: s.onCompanyChanged}
	s.company.ExtendBaseWidget(s.company)
	hint := &widget.Label{Text: s.env.T("patent.valid_on.hint"), Importance: widget.LowImportance}
	bar := container.NewHBox(
		widget.NewLabel(s.env.T("patent.company_filter")), patentSized(s.company, 220),
		widget.NewLabel(s.env.T("patent.valid_on")), patentSized(s.validDay, 120), hint)
	s.view = newListOrPage(container.NewBorder(bar, nil, nil, nil, s.list.build()), s.list.reload)
	return s.view.stack
}

// patentSized gives an entry a fixed width inside a box that would shrink it to its minimum.
func patentSized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

func (s *patentScreen) columns() []listColumn[data.Patent] {
	return []listColumn[data.Patent]{
		{Key: "patent.app_no", Width: 140, Sort: data.PatentSortAppNo, Text: func(p data.Patent) string { return p.AppNo }},
		{Key: "patent.title", Width: 220, Flex: true, Sort: data.PatentSortTitle, Text: func(p data.Patent) string { return p.Title }},
		{Key: "patent.company", Width: 190, Flex: true, Sort: data.PatentSortCompany, Text: func(p data.Patent) string { return p.CompanyName }},
		{Key: "patent.kind", Width: 100, Sort: data.PatentSortKind, Text: func(p data.Patent) string { return s.env.patentKindLabel(p.Kind) }},
		{Key: "patent.filed", Width: 100, Sort: data.PatentSortFiled, Text: func(p data.Patent) string { return data.FormatDate(p.Filed) }},
		{Key: "patent.granted", Width: 100, Sort: data.PatentSortGranted, Text: func(p data.Patent) string { return data.FormatDate(p.Granted) }},
		{Key: "patent.legal_status", Width: 120, Sort: data.PatentSortStatus, Text: s.patentStatusText, Also: s.statusTexts()},
		{Key: "patent.validity", Width: 110, Text: s.validityText, Also: s.validityTexts()},
	}
}

// statusTexts are the legal statuses as the list may show them, with the day they took effect.
func (s *patentScreen) statusTexts() []string {
	var out []string
	for _, st := range data.PatentStatuses {
		out = append(out, s.patentStatusText(data.Patent{LegalStatus: st, StatusDate: s.validOn}))
	}
	return out
}

// validityTexts are 有效 and every reason a patent is not valid.
func (s *patentScreen) validityTexts() []string {
	out := []string{s.env.T("patent.valid")}
	for _, why := range []string{data.WhyNotGranted, data.WhyGrantedLater, data.WhyRejected, data.WhyWithdrawn,
		data.WhyLapsed, data.WhyInvalidated, data.WhyExpiredTerm} {
		out = append(out, s.env.T("patent.why."+why))
	}
	return out
}

func (s *patentScreen) filters() []listFilter {
	kinds := []filterOption{{s.env.T("list.all"), ""}}
	for _, k := range data.PatentKinds {
		kinds = append(kinds, filterOption{s.env.patentKindLabel(k), k})
	}
	statuses := []filterOption{{s.env.T("list.all"), ""}}
	for _, st := range data.PatentStatuses {
		statuses = append(statuses, filterOption{s.env.T("patent.status." + st), st})
	}
	years := []filterOption{{s.env.T("list.all"), ""}}
	ys, err := s.store.PatentYears(bg())
	if err != nil {
		fyne.LogError("reading patent years", err)
	}
	for _, y := range ys {
		years = append(years, filterOption{strconv.Itoa(y), strconv.Itoa(y)})
	}
	return []listFilter{
		{Key: "kind", Label: s.env.T("patent.kind"), Options: kinds},
		{Key: "status", Label: s.env.T("patent.legal_status"), Options: statuses},
		{Key: "year", Label: s.env.T("patent.filed_year"), Options: years},
		{Key: "validity", Label: s.env.T("patent.validity"), Options: []filterOption{{s.env.T("list.all"), ""},
			{s.env.T("patent.validity.valid"), string(data.OnlyValid)}, {s.env.T("patent.validity.invalid"), string(data.OnlyInvalid)}}},
	}
}

// filter turns what the list shows into the store's filter.
func (s *patentScreen) filter(q listQuery) data.PatentFilter {
	year, _ := strconv.Atoi(q.Filters["year"])
	return data.PatentFilter{
		Query: q.Text, CompanyName: s.companyName,
		Kind: q.Filters["kind"], LegalStatus: q.Filters["status"], FiledYear: year,
		Validity: data.PatentValidity(q.Filters["validity"]), ValidOn: s.validOn,
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit,
	}
}

func (s *patentScreen) count(q listQuery) (int, error) {
	return s.store.CountPatents(bg(), s.filter(q))
}

func (s *patentScreen) rows(q listQuery) ([]data.Patent, error) {
	return s.store.Patents(bg(), s.filter(q))
}

// validityText is 有效 or the reason the patent is not valid on the chosen day.
func (s *patentScreen) validityText(p data.Patent) string {
	if ok, why := p.ValidOn(s.validOn); !ok {
		return s.env.T("patent.why." + why)
	}
	return s.env.T("patent.valid")
}

// onValidDayChanged judges the list again on the day typed, once it is a whole date.
func (s *patentScreen) onValidDayChanged(text string) {
	d, err := data.ParseDate(text)
	if err != nil || d.IsZero() {
		return
	}
	s.validOn = d
	s.list.reload()
}

func (s *patentScreen) onCompanyChanged(text string) {
	s.companyName = strings.TrimSpace(text)
	s.list.reload()
}

func (s *patentScreen) onAdd() {
	s.form = newPatentForm(s.env, s.store, s.win, data.Patent{LegalStatus: data.PatentPending}, s.onSaved)
	s.form.show(s.env.T("patent.add"))
}

func (s *patentScreen) onEdit(p data.Patent) {
	fresh, err := s.store.Patent(bg(), p.ID)
	if err != nil {
		s.env.showError(s.win, err)
		s.list.reload()
		return
	}
	s.form = newPatentForm(s.env, s.store, s.win, fresh, s.onSaved)
	s.form.show(s.env.T("patent.edit"))
}

func (s *patentScreen) onSaved(p data.Patent) {
	s.list.reload()
	if s.page != nil && s.page.patent.ID == p.ID {
		s.page.refresh()
	}
}

func (s *patentScreen) onDelete(p data.Patent) { s.confirmDelete(p, s.list.reload) }

// confirmDelete asks first, naming the patent by its title and number.
func (s *patentScreen) confirmDelete(p data.Patent, after func()) {
	name := s.env.T("patent.delete.name", map[string]any{"Title": p.Title, "AppNo": p.AppNo})
	s.env.confirmDelete(s.win, name, nil, func() error { return s.store.DeletePatent(bg(), p.ID) }, after)
}

// openPage shows a patent's page in place of the list (or of another patent's page).
func (s *patentScreen) openPage(p data.Patent) {
	s.page = newPatentPage(s, p)
	s.view.showPage(s.page.build())
}

// closePage goes back to the list as it was.
func (s *patentScreen) closePage() {
	s.page = nil
	s.view.showList()
}

// patentKindLabel names a kind of patent (发明, 实用新型, 外观设计).
func (e *env) patentKindLabel(kind string) string {
	if kind == "" {
		return ""
	}
	return e.T("patent.kind." + kind)
}

// patentStatusText is the legal status with the day it took effect when that is not the filing or grant day.
func (s *patentScreen) patentStatusText(p data.Patent) string {
	if p.LegalStatus == "" {
		return ""
	}
	text := s.env.T("patent.status." + p.LegalStatus)
	if p.LegalStatus != data.PatentPending && p.LegalStatus != data.PatentGranted && !p.StatusDate.IsZero() {
		text += " " + data.FormatDate(p.StatusDate)
	}
	return text
}

// validOnField checks the day the list judges validity on; it must be a whole date.
func (s *patentScreen) validOnField(text string) error {
	d, err := data.ParseDate(text)
	if err != nil || d.IsZero() {
		return s.env.fieldErr("err.patent.valid_on")
	}
	return nil
}
