package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// basePage shows one cooperation base in the list's place: its details, its own changes, and beside them the
// cooperations of its company with its institution, which the base serves.
type basePage struct {
	screen *baseScreen
	base   data.CoopBase

	*recordPage
	coops *recordList[data.Cooperation] // the parties' cooperations
}

func newBasePage(s *baseScreen, b data.CoopBase) *basePage {
	return &basePage{screen: s, base: b}
}

func (p *basePage) build() fyne.CanvasObject {
	s := p.screen
	p.recordPage = newRecordPage(s.env, "base.back", "base.edit", "base.delete", s.closePage, p.onEdit, p.onDelete)
	p.showHistory(s.store, "coop_base", p.base.ID)
	p.coops = newRecordList(pagedBy(recordListConfig[data.Cooperation]{
		Env:         s.env,
		Win:         s.win,
		Columns:     coopColumns(s.env, false, false),
		DefaultSort: data.CoopSortStarted,
	}, p.coopFilter, s.store.CountCooperations, s.store.Cooperations))
	coops := widget.NewCard(s.env.T("base.coops"), "", p.coops.build())
	page := p.layout("base.details", coops, 0.4)
	p.show()
	return page
}

func (p *basePage) coopFilter(q listQuery) data.CooperationFilter {
	return data.CooperationFilter{CompanyID: p.base.CompanyID, InstitutionID: p.base.InstitutionID,
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

// refresh reads the base again after it was edited.
func (p *basePage) refresh() {
	reread(p.env, p.screen.win, p.screen.store.CoopBase, p.base.ID, p.setBase)
}

// setBase shows a base as stored and reads its cooperations again.
func (p *basePage) setBase(b data.CoopBase) {
	p.base = b
	p.show()
	p.coops.reload()
}

func (p *basePage) show() {
	b, e := p.base, p.screen.env
	p.title.SetText(b.Name)
	p.setDetails([][2]string{
		{e.T("base.name"), b.Name},
		{e.T("base.company"), b.CompanyName},
		{e.T("base.institution"), b.InstitutionName},
		{e.T("base.established"), data.FormatDate(b.Established)},
	})
}

func (p *basePage) onEdit() { p.screen.onEdit(p.base) }

func (p *basePage) onDelete() { p.screen.confirmDelete(p.base, p.screen.closePage) }
