package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// institutionPage shows one institution: its details and what links to it, its cooperations and its bases.
type institutionPage struct {
	screen *institutionScreen
	inst   data.Institution

	title     *widget.Label
	details   *widget.Form
	backBtn   *widget.Button
	editBtn   *widget.Button
	deleteBtn *widget.Button
	coops     *recordList[data.Cooperation]
	bases     *recordList[data.CoopBase]
}

func newInstitutionPage(s *institutionScreen, in data.Institution) *institutionPage {
	return &institutionPage{screen: s, inst: in}
}

func (p *institutionPage) build() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.backBtn = &widget.Button{Text: T("inst.back"), Icon: theme.NavigateBackIcon(), OnTapped: p.screen.closePage}
	p.editBtn = &widget.Button{Text: T("inst.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: p.onEdit}
	p.deleteBtn = &widget.Button{Text: T("inst.delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: p.onDelete}
	p.details = widget.NewForm()

	st := p.screen.store
	p.coops = newRecordList(recordListConfig[data.Cooperation]{
		Win:         p.screen.win,
		Columns:     coopColumns(true, false),
		Count:       func(q listQuery) (int, error) { return st.CountCooperations(bg(), p.coopFilter(q)) },
		Page:        func(q listQuery) ([]data.Cooperation, error) { return st.Cooperations(bg(), p.coopFilter(q)) },
		DefaultSort: data.CoopSortStarted,
	})
	p.bases = newRecordList(recordListConfig[data.CoopBase]{
		Win:         p.screen.win,
		Columns:     baseColumns(true, false),
		Count:       func(q listQuery) (int, error) { return st.CountCoopBases(bg(), p.baseFilter(q)) },
		Page:        func(q listQuery) ([]data.CoopBase, error) { return st.CoopBases(bg(), p.baseFilter(q)) },
		DefaultSort: data.BaseSortName,
	})
	coopCard := widget.NewCard(T("inst.coops"), T("inst.coops.hint"), p.coops.build())
	baseCard := widget.NewCard(T("inst.base_list"), "", p.bases.build())
	links := container.NewVSplit(coopCard, baseCard)
	links.Offset = 0.6
	top := container.NewBorder(nil, nil, p.backBtn, container.NewHBox(p.editBtn, p.deleteBtn), p.title)
	body := container.NewHSplit(widget.NewCard(T("inst.details"), "", p.details), links)
	body.Offset = 0.25
	p.setInstitution(p.inst)
	return container.NewBorder(top, nil, nil, nil, body)
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
	p.details.Items = nil
	for _, row := range [][2]string{
		{"inst.kind", instKindLabel(in.Kind)}, {"inst.city", in.City},
		{"inst.cooperations", strconv.Itoa(in.Cooperations)}, {"inst.bases", strconv.Itoa(in.Bases)},
	} {
		p.details.Append(T(row[0]), &widget.Label{Text: row[1], Wrapping: fyne.TextWrapWord})
	}
	p.details.Refresh()
	p.coops.reload()
	p.bases.reload()
}

func (p *institutionPage) onEdit() { p.screen.onEdit(p.inst) }

func (p *institutionPage) onDelete() { p.screen.confirmDelete(p.inst, p.screen.closePage) }
