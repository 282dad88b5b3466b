package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// institutionPage shows one institution: its details and what links to it, its cooperations and its bases.
type institutionPage struct {
	screen *institutionScreen
	inst   data.Institution

	*recordPage
	coops *recordList[data.Cooperation]
	bases *recordList[data.CoopBase]
}

func newInstitutionPage(s *institutionScreen, in data.Institution) *institutionPage {
	return &institutionPage{screen: s, inst: in}
}

func (p *institutionPage) build() fyne.CanvasObject {
	p.recordPage = newRecordPage(p.screen.env, "inst.back", "inst.edit", "inst.delete", p.screen.closePage, p.onEdit, p.onDelete)
	p.showHistory(p.screen.store, "institution", p.inst.ID)

	st := p.screen.store
	p.coops = newRecordList(recordListConfig[data.Cooperation]{
		Env:         p.env,
		Win:         p.screen.win,
		Columns:     coopColumns(p.env, true, false),
		Count:       func(q listQuery) (int, error) { return st.CountCooperations(bg(), p.coopFilter(q)) },
		Page:        func(q listQuery) ([]data.Cooperation, error) { return st.Cooperations(bg(), p.coopFilter(q)) },
		DefaultSort: data.CoopSortStarted,
	})
	p.bases = newRecordList(recordListConfig[data.CoopBase]{
		Env:         p.env,
		Win:         p.screen.win,
		Columns:     baseColumns(true, false),
		Count:       func(q listQuery) (int, error) { return st.CountCoopBases(bg(), p.baseFilter(q)) },
		Page:        func(q listQuery) ([]data.CoopBase, error) { return st.CoopBases(bg(), p.baseFilter(q)) },
		DefaultSort: data.BaseSortName,
	})
	coopCard := widget.NewCard(p.env.T("inst.coops"), p.env.T("inst.coops.hint"), p.coops.build())
	baseCard := widget.NewCard(p.env.T("inst.base_list"), "", p.bases.build())
	links := container.NewVSplit(coopCard, baseCard)
	links.Offset = 0.6
	page := p.layout("inst.details", links, 0.25)
	p.setInstitution(p.inst)
	return page
}

func (p *institutionPage) coopFilter(q listQuery) data.CooperationFilter {
	return data.CooperationFilter{InstitutionID: p.inst.ID, Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (p *institutionPage) baseFilter(q listQuery) data.CoopBaseFilter {
	return data.CoopBaseFilter{InstitutionID: p.inst.ID, Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

// setInstitution shows an institution's details and reloads what links to it.
func (p *institutionPage) setInstitution(in data.Institution) {
	if fresh, err := p.screen.store.Institution(bg(), in.ID); err == nil {
		in = fresh
	}
	p.inst = in
	p.title.SetText(in.Name)
	p.setDetails([][2]string{
		{p.env.T("inst.kind"), p.env.instKindLabel(in.Kind)}, {p.env.T("inst.city"), in.City},
		{p.env.T("inst.cooperations"), strconv.Itoa(in.Cooperations)}, {p.env.T("inst.bases"), strconv.Itoa(in.Bases)},
	})
	p.coops.reload()
	p.bases.reload()
}

func (p *institutionPage) onEdit() { p.screen.onEdit(p.inst) }

func (p *institutionPage) onDelete() { p.screen.confirmDelete(p.inst, p.screen.closePage) }
