package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// patentPage shows one patent in the list's place: its details, with its validity on the day the list judges
// by and the end of its term, its own changes, and beside them the other patents of its company, each opening
// its own page.
type patentPage struct {
	screen *patentScreen
	patent data.Patent

	*recordPage
	others *recordList[data.Patent] // the company's patents
}

func newPatentPage(s *patentScreen, p data.Patent) *patentPage {
	return &patentPage{screen: s, patent: p}
}

func (p *patentPage) build() fyne.CanvasObject {
	s := p.screen
	p.recordPage = newRecordPage(s.env, "patent.back", "patent.edit", "patent.delete", s.closePage, p.onEdit, p.onDelete)
	p.showHistory(s.store, "patent", p.patent.ID)
	cols := s.columns()
	p.others = newRecordList(pagedBy(recordListConfig[data.Patent]{
		Env:         s.env,
		Win:         s.win,
		Columns:     []listColumn[data.Patent]{cols[0], cols[1], cols[3], cols[4], cols[7]}, // no company: it is this one's
		DefaultSort: data.PatentSortFiled,
		DefaultDesc: true,
		OnOpen:      s.openPage,
	}, p.othersFilter, s.store.CountPatents, s.store.Patents))
	others := widget.NewCard(s.env.T("patent.company_patents"), "", p.others.build())
	page := p.layout("patent.details", others, 0.42)
	p.show()
	return page
}

func (p *patentPage) othersFilter(q listQuery) data.PatentFilter {
	return data.PatentFilter{CompanyID: p.patent.CompanyID, ValidOn: p.screen.validOn,
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

// refresh reads the patent again after it was edited.
func (p *patentPage) refresh() {
	reread(p.env, p.screen.win, p.screen.store.Patent, p.patent.ID, p.setPatent)
}

// setPatent shows a patent as stored and reads its company's patents again.
func (p *patentPage) setPatent(pt data.Patent) {
	p.patent = pt
	p.show()
	p.others.reload()
}

func (p *patentPage) show() {
	pt, s := p.patent, p.screen
	p.title.SetText(pt.Title)
	term := ""
	if !pt.Filed.IsZero() {
		term = data.FormatDate(pt.TermEnds())
	}
	rows := [][2]string{
		{s.env.T("patent.app_no"), pt.AppNo},
		{s.env.T("patent.title"), pt.Title},
		{s.env.T("patent.company"), pt.CompanyName},
		{s.env.T("patent.kind"), s.env.patentKindLabel(pt.Kind)},
		{s.env.T("patent.filed"), data.FormatDate(pt.Filed)},
		{s.env.T("patent.granted"), data.FormatDate(pt.Granted)},
		{s.env.T("patent.legal_status"), s.patentStatusText(pt)},
		{s.env.T("patent.term_ends"), term},
		{s.env.T("patent.validity.on", map[string]any{"Date": data.FormatDate(s.validOn)}), s.validityText(pt)},
	}
	if pt.UsedIn != 0 { // a utility model or design counted in a recognition, not counted again
		rows = append(rows, [2]string{s.env.T("companyip.used_in_label"),
			s.env.T("companyip.used_in_year", map[string]any{"Year": pt.UsedIn})})
	}
	p.setDetails(rows)
}

func (p *patentPage) onEdit() { p.screen.onEdit(p.patent) }

func (p *patentPage) onDelete() { p.screen.confirmDelete(p.patent, p.screen.closePage) }
