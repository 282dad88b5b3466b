package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// policyRadarStore is what the dashboard's 高企 radar asks of the database: the certificates and reports, and
// the candidates from the verdicts the store keeps for the 政策服务 list (checked once for both).
type policyRadarStore interface {
	PolicyRadar(ctx context.Context, asOf time.Time) (data.PolicyRadar, error)
	PolicyList(ctx context.Context, f data.PolicyListFilter) ([]data.PolicyListRow, error)
	CountPolicyList(ctx context.Context, f data.PolicyListFilter) (int, error)
}

// radarShown is how many candidates the card names; the 政策服务 list shows them all.
const radarShown = 5

// radarGroup is one line of the radar: the companies whose certificate or reports call for the bureau.
type radarGroup struct {
	key       string // translation key of the line, and of its dialog's title
	companies []data.RadarCompany
}

// radarCard is the dashboard's 高企 radar: certificates running out this year and next, holders whose annual
// development report is not recorded (and those that missed two), and the candidates closest to recognition.
// Each line opens its companies: the certificates and reports in a dialog, the candidates in the 政策服务 list.
type radarCard struct {
	env            *env
	store          policyRadarStore
	win            fyne.Window
	open           func(data.RecordRef) // shows a company's page; nil leaves the dialog's rows inert
	openCandidates func()               // shows the 政策服务 list of the candidates; nil hides the line's link

	card       *widget.Card
	box        *fyne.Container
	groups     []radarGroup
	links      map[string]*widget.Hyperlink // each line's link by its key; tests tap them
	candidates []policySummary              // the closest first, radarShown at most
	pool       int                          // how many candidates there are
	dialog     dialog.Dialog
	dialogList *widget.List
	// read is closed once load's reads are over (shown or failed); nil before load. The start-up check waits
	// for it (UI.ShowStartup).
	read chan struct{}
}

func newRadarCard(e *env, st policyRadarStore, win fyne.Window) *radarCard {
	return &radarCard{env: e, store: st, win: win}
}

// build makes the card, empty until load fills it.
func (r *radarCard) build() fyne.CanvasObject {
	r.box = container.NewVBox(lowLabel(r.env.T("policyui.checking")))
	r.card = widget.NewCard(r.env.T("radar.title"), "", r.box)
	return r.card
}

// load reads the radar as of today and the 高企 candidates of year (the dashboard's year), closest first, off
// the main goroutine: the store checks every company the first time (or after records changed), and the
// 政策服务 list then reads the same verdicts.
func (r *radarCard) load(year int) {
	r.card.SetSubTitle(r.env.T("radar.hint", map[string]any{"Year": year}))
	var radar data.PolicyRadar
	var shown []policySummary
	var pool int
	var err error
	today := r.env.today()
	f := data.PolicyListFilter{Policy: data.PolicyGaoqi, Year: year, Verdict: data.VerdictCandidates, Sort: data.PolicySortVerdict}
	read := make(chan struct{})
	r.read = read
	inBackground(func() {
		if radar, err = r.store.PolicyRadar(bg(), today); err != nil {
			return
		}
		if pool, err = r.store.CountPolicyList(bg(), f); err != nil {
			return
		}
		f.Limit = radarShown
		shown, err = r.store.PolicyList(bg(), f)
	}, func() {
		defer close(read)
		if err != nil {
			r.env.showError(r.win, err)
			return
		}
		r.show(radar, shown, pool)
	})
}

// show fills the card: the radar's lines, and the pool's first candidates (closest first) of pool in all.
func (r *radarCard) show(radar data.PolicyRadar, shown []policySummary, pool int) {
	r.groups = []radarGroup{{"radar.expiring_this_year", radar.ExpiringThisYear}, {"radar.expiring_next_year", radar.ExpiringNextYear},
		{"radar.report_missing", radar.ReportMissing}, {"radar.at_risk", radar.StatusAtRisk}}
	r.links = map[string]*widget.Hyperlink{}
	objects := []fyne.CanvasObject{}
	for _, g := range r.groups {
		text := r.env.T(g.key, map[string]any{"N": len(g.companies), "Year": radar.AsOf.Year()})
		if len(g.companies) == 0 {
			objects = append(objects, lowLabel(text))
			continue
		}
		link := &widget.Hyperlink{Text: text, OnTapped: r.opener(g)}
		link.ExtendBaseWidget(link)
		r.links[g.key] = link
		objects = append(objects, link)
	}
	r.pool = pool
	r.candidates = shown
	names := make([]string, len(r.candidates))
	for i, c := range r.candidates {
		names[i] = r.env.T("radar.candidate", map[string]any{"Name": c.Name, "Verdict": r.env.T("policy.verdict." + string(c.Verdict))})
	}
	text := r.env.T("radar.candidates", map[string]any{"N": r.pool, "Names": strings.Join(names, r.env.T("policy.list_sep"))})
	if r.pool == 0 {
		text = r.env.T("radar.no_candidates")
	}
	if r.pool == 0 || r.openCandidates == nil {
		objects = append(objects, lowLabel(text))
	} else {
		link := &widget.Hyperlink{Text: text, Truncation: fyne.TextTruncateEllipsis, OnTapped: r.openCandidates}
		link.ExtendBaseWidget(link)
		r.links["radar.candidates"] = link
		objects = append(objects, link)
	}
	r.box.Objects = objects
	r.box.Refresh()
}

// opener shows a line's companies in a dialog, each with its certificate's expiry and the reports it missed;
// a row opens the company.
func (r *radarCard) opener(g radarGroup) func() {
	return func() {
		r.dialogList = &widget.List{
			Length:     func() int { return len(g.companies) },
			CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
			UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
				o.(*widget.Label).SetText(r.companyLine(g.companies[i]))
			},
			OnSelected: func(i widget.ListItemID) {
				if r.open != nil {
					r.dialog.Hide()
					r.open(data.RecordRef{Entity: "company", ID: g.companies[i].ID})
				}
			},
		}
		r.dialogList.ExtendBaseWidget(r.dialogList)
		r.dialog = dialog.NewCustom(r.env.T(g.key, map[string]any{"N": len(g.companies), "Year": r.env.today().Year()}),
			r.env.T("action.close"), r.dialogList, r.win)
		r.dialog.Resize(fyne.NewSize(r.win.Canvas().Size().Width*0.7, r.win.Canvas().Size().Height*0.7))
		r.dialog.Show()
	}
}

// companyLine is a company as the radar's dialog lists it: name, certificate number and expiry, and the
// report years not recorded; for an earlier certificate, the day the company was recognised again.
func (r *radarCard) companyLine(c data.RadarCompany) string {
	text := r.env.T("radar.company", map[string]any{"Name": c.Name, "CertNo": c.CertNo, "Expires": data.FormatDate(c.CertExpires)})
	if len(c.Missed) > 0 {
		years := make([]string, len(c.Missed))
		for i, y := range c.Missed {
			years[i] = strconv.Itoa(y)
		}
		text += r.env.T("radar.missed", map[string]any{"Years": strings.Join(years, r.env.T("policy.list_sep"))})
	}
	if !c.Renewed.IsZero() {
		text += r.env.T("radar.renewed", map[string]any{"Date": data.FormatDate(c.Renewed)})
	}
	return text
}

// showCandidates opens the 政策服务 section on the 高企 candidates, closest first.
func (u *UI) showCandidates() {
	u.policy.verdictFilter = candidatesFilter
	u.ShowSection("nav.policy")
}
