package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// cooperationPage shows one cooperation with its outcomes (projects and new products), which can be added,
// edited and deleted here.
type cooperationPage struct {
	screen *cooperationScreen
	coop   data.Cooperation

	*recordPage
	outcomes *recordList[data.CoopOutcome]
	outForm  *outcomeForm // the outcome form open now, if any
}

func newCooperationPage(s *cooperationScreen, c data.Cooperation) *cooperationPage {
	return &cooperationPage{screen: s, coop: c}
}

func (p *cooperationPage) build() fyne.CanvasObject {
	p.recordPage = newRecordPage(p.screen.env, "coop.back", "coop.edit", "coop.delete", p.screen.closePage, p.onEdit, p.onDelete)
	p.showHistory(p.screen.store, "cooperation", p.coop.ID)
	p.outcomes = newRecordList(recordListConfig[data.CoopOutcome]{
		Env: p.env,
		Win: p.screen.win,
		Columns: []listColumn[data.CoopOutcome]{
			{Key: "outcome.year", Width: 70, Sort: data.OutcomeSortYear, Text: func(o data.CoopOutcome) string { return strconv.Itoa(o.Year) }},
			{Key: "outcome.kind", Width: 90, Sort: data.OutcomeSortKind, Text: func(o data.CoopOutcome) string { return p.env.T("outcome.kind." + o.Kind) }},
			{Key: "outcome.title", Width: 380, Sort: data.OutcomeSortTitle, Text: func(o data.CoopOutcome) string { return o.Title }},
		},
		Count:       p.countOutcomes,
		Page:        p.outcomeRows,
		DefaultSort: data.OutcomeSortYear,
		AddText:     p.env.T("outcome.add"),
		OnAdd:       p.onAddOutcome,
		OnEdit:      p.onEditOutcome,
		OnDelete:    p.onDeleteOutcome,
		ExportName:  p.env.T("outcome.export"),
	})
	outCard := widget.NewCard(p.env.T("outcome.list"), p.env.T("outcome.list.hint"), p.outcomes.build())
	page := p.layout("coop.details", outCard, 0.36)
	p.setCooperation(p.coop)
	return page
}

// setCooperation shows a cooperation's details and reloads its outcomes.
func (p *cooperationPage) setCooperation(c data.Cooperation) {
	if fresh, err := p.screen.store.Cooperation(bg(), c.ID); err == nil {
		c = fresh
	}
	p.coop = c
	p.title.SetText(p.env.T("coop.title", map[string]any{"Company": c.CompanyName, "Institution": c.InstitutionName}))
	period := p.env.T("coop.period.open", map[string]any{"Started": data.FormatDate(c.Started)})
	if !c.Ended.IsZero() {
		period = p.env.T("coop.period.closed", map[string]any{"Started": data.FormatDate(c.Started), "Ended": data.FormatDate(c.Ended)})
	}
	p.setDetails([][2]string{
		{p.env.T("coop.company"), c.CompanyName}, {p.env.T("coop.institution"), c.InstitutionName},
		{p.env.T("coop.programme"), c.Programme}, {p.env.T("coop.period"), period},
	})
	p.outcomes.reload()
}

func (p *cooperationPage) outcomeFilter(q listQuery) data.CoopOutcomeFilter {
	return data.CoopOutcomeFilter{CooperationID: p.coop.ID, Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (p *cooperationPage) countOutcomes(q listQuery) (int, error) {
	return p.screen.store.CountCoopOutcomes(bg(), p.outcomeFilter(q))
}

func (p *cooperationPage) outcomeRows(q listQuery) ([]data.CoopOutcome, error) {
	return p.screen.store.CoopOutcomes(bg(), p.outcomeFilter(q))
}

func (p *cooperationPage) onEdit() { p.screen.onEdit(p.coop) }

func (p *cooperationPage) onDelete() { p.screen.confirmDelete(p.coop, p.screen.closePage) }

// onAddOutcome proposes this year's project, or the last year of a finished cooperation.
func (p *cooperationPage) onAddOutcome() {
	year := p.env.today().Year()
	if !p.coop.Ended.IsZero() && p.coop.Ended.Year() < year {
		year = p.coop.Ended.Year()
	}
	o := data.CoopOutcome{CooperationID: p.coop.ID, Kind: "project", Year: year}
	p.outForm = newOutcomeForm(p.env, p.screen.store, p.screen.win, o, p.onOutcomeSaved)
	p.outForm.show(p.env.T("outcome.add"))
}

func (p *cooperationPage) onEditOutcome(o data.CoopOutcome) {
	p.outForm = newOutcomeForm(p.env, p.screen.store, p.screen.win, o, p.onOutcomeSaved)
	p.outForm.show(p.env.T("outcome.edit"))
}

func (p *cooperationPage) onOutcomeSaved() { p.outcomes.reload() }

func (p *cooperationPage) onDeleteOutcome(o data.CoopOutcome) {
	p.env.confirmDelete(p.screen.win, o.Title, nil, func() error { return p.screen.store.DeleteCoopOutcome(bg(), o.ID) },
		p.outcomes.reload)
}
