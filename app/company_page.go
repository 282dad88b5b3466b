package app

import (
	"context"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// outputStore is what the annual output screens ask of the database.
type outputStore interface {
	Outputs(ctx context.Context, companyID int64) ([]data.AnnualOutput, error)
	CreateOutput(ctx context.Context, o *data.AnnualOutput) error
	UpdateOutput(ctx context.Context, o *data.AnnualOutput) error
	DeleteOutput(ctx context.Context, id int64) error
	OutputChangeWarnings(ctx context.Context, o data.AnnualOutput) ([]data.ChangeWarning, error)
}

// outputColumn is one column of a company's output table.
type outputColumn struct {
	key    string
	sample string // as wide as the column's widest value: an amount of hundreds of millions in 万元, a year
	text   func(o data.AnnualOutput) string
}

var outputColumns = []outputColumn{
	{"output.year", "0000", func(o data.AnnualOutput) string { return strconv.Itoa(o.Year) }},
	{"output.col.output", "000000.00", func(o data.AnnualOutput) string { return o.Output.Wan() }},
	{"output.col.added_value", "000000.00", func(o data.AnnualOutput) string { return o.AddedValue.Wan() }},
	{"output.col.revenue", "000000.00", func(o data.AnnualOutput) string { return o.Revenue.Wan() }},
	{"output.col.rd_expense", "000000.00", func(o data.AnnualOutput) string { return o.RDExpense.Wan() }},
	{"output.col.employees", "00000", func(o data.AnnualOutput) string { return strconv.Itoa(o.Employees) }},
	{"output.col.rd_staff", "00000", func(o data.AnnualOutput) string { return strconv.Itoa(o.RDStaff) }},
}

// outputColumnWidth is as wide as the column's title (longer in English: "R&D expense") or its widest value,
// whichever is wider, so that the table fits beside the details in either language.
func (p *companyPage) outputColumnWidth(c outputColumn) float32 {
	size := theme.TextSize()
	title := fyne.MeasureText(p.env.T(c.key), size, fyne.TextStyle{Bold: true}).Width
	value := fyne.MeasureText(c.sample, size, fyne.TextStyle{}).Width
	return max(title, value) + 2*theme.InnerPadding() + theme.Padding()
}

// companyPage shows one company: its details and its annual output rows, which can be added, edited and deleted.
type companyPage struct {
	store   companyStore
	win     fyne.Window
	company data.Company
	outputs []data.AnnualOutput
	screen  *companyList
	sel     int // selected output row, -1 for none

	*recordPage
	tabs       *container.AppTabs
	linked     *fyne.Container
	table      *widget.Table
	empty      *widget.Label
	addOutBtn  *widget.Button
	editOutBtn *widget.Button
	delOutBtn  *widget.Button
	outForm    *outputForm
	page       fyne.CanvasObject // what build made, shown again on leaving the check-up
	checkup    *policyCheckup    // the company's 政策体检 when opened from its page
	// The records the policy rules read besides the output rows (issue 18), each a tab; nil when the store
	// keeps none.
	declared *declaredFigures
	ip       *companyIP
	facts    *companyFacts
}

func newCompanyPage(s *companyList, c data.Company) *companyPage {
	return &companyPage{store: s.store, win: s.win, company: c, screen: s, sel: -1}
}

func (p *companyPage) build() fyne.CanvasObject {
	p.recordPage = newRecordPage(p.screen.env, "company.back", "company.edit", "company.delete", p.screen.closePage, p.onEdit, p.onDelete)
	p.showHistory(p.store, "company", p.company.ID)
	p.addOutBtn = &widget.Button{Text: p.env.T("output.add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: p.onAddOutput}
	p.editOutBtn = &widget.Button{Text: p.env.T("action.edit"), Icon: theme.DocumentCreateIcon(), OnTapped: p.onEditOutput}
	p.delOutBtn = &widget.Button{Text: p.env.T("action.delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: p.onDeleteOutput}
	p.table = &widget.Table{
		Length:     func() (int, int) { return len(p.outputs), len(outputColumns) },
		CreateCell: func() fyne.CanvasObject { return &widget.Label{Alignment: fyne.TextAlignTrailing} },
		UpdateCell: p.updateCell,
		CreateHeader: func() fyne.CanvasObject {
			return widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		},
		UpdateHeader:  p.updateHeader,
		ShowHeaderRow: true,
		OnSelected:    func(id widget.TableCellID) { p.sel = id.Row; p.updateButtons() },
		OnUnselected:  func(widget.TableCellID) { p.sel = -1; p.updateButtons() },
	}
	p.table.ExtendBaseWidget(p.table)
	for i, c := range outputColumns {
		p.table.SetColumnWidth(i, p.outputColumnWidth(c))
	}
	p.empty = widget.NewLabel(p.env.T("output.none"))
	p.empty.Importance = widget.LowImportance

	outBar := container.NewBorder(nil, nil, nil, container.NewHBox(p.editOutBtn, p.delOutBtn, p.addOutBtn), p.empty)
	outCard := widget.NewCard(p.env.T("company.outputs"), p.env.T("output.amount_hint"),
		container.NewBorder(outBar, nil, nil, nil, p.table))
	p.linked = container.NewVBox()
	p.tabs = container.NewAppTabs(container.NewTabItem(p.env.T("company.outputs"), outCard))
	p.addPolicyTabs()
	p.tabs.Append(container.NewTabItem(p.env.T("company.linked"), container.NewVScroll(p.linked)))
	if st, ok := p.store.(policyStore); ok {
		p.extra = append(p.extra, &widget.Button{Text: p.env.T("policyui.open_checkup"), Icon: theme.ConfirmIcon(),
			OnTapped: func() { p.onCheckup(st) }})
	}
	p.page = p.layout("company.details", p.tabs, 0.34)
	p.setCompany(p.company)
	return p.page
}

// addPolicyTabs adds the tabs of the records the policy rules read besides the output rows: the figures
// declared for years without one, the IP rights beyond patents and the company's facts.
func (p *companyPage) addPolicyTabs() {
	if st, ok := p.store.(declaredStore); ok {
		p.declared = newDeclaredFigures(p.env, p.win, st, p.company.ID)
		p.tabs.Append(container.NewTabItem(p.env.T("declared.tab"), p.declared.build()))
	}
	if st, ok := p.store.(ipRightStore); ok {
		p.ip = newCompanyIP(p.env, p.win, st, p.company.ID)
		p.tabs.Append(container.NewTabItem(p.env.T("companyip.tab"), p.ip.build()))
	}
	if st, ok := p.store.(companyFactStore); ok {
		p.facts = newCompanyFacts(p.env, p.win, st, p.company.ID)
		p.tabs.Append(container.NewTabItem(p.env.T("companyfacts.tab"), p.facts.build()))
	}
}

// onCheckup shows the company's 政策体检 (高企 and 科小) for the latest year of output in place of its page; 返回
// comes back to the page.
func (p *companyPage) onCheckup(st policyStore) {
	year := p.env.today().Year() - 1
	if years, err := st.OutputYears(bg()); err == nil && len(years) > 0 {
		year = slices.Max(years)
	}
	c := newPolicyCheckup(p.env, st, p.win, p.company.USCC, year)
	c.onBack, c.backKey = func() { p.screen.view.showPage(p.page) }, "policyui.back_to_company"
	p.checkup = c
	p.screen.view.showPage(c.build())
}

// setCompany shows a company as the database holds it (c read again: a form hands back the record it saved,
// without the park's name the store joins in) and reloads its output rows.
func (p *companyPage) setCompany(c data.Company) {
	if fresh, err := p.store.Company(bg(), c.ID); err == nil {
		c = fresh
	}
	p.company = c
	p.title.SetText(c.Name)
	rows := p.companyDetails(c)
	whole := make([]bool, len(rows))
	for i := range rows {
		whole[i] = wholeCompanyValues[rows[i][0]]
		rows[i][0] = p.env.T(rows[i][0])
	}
	p.setDetails(rows)
	p.keepWhole(whole)
	p.reloadOutputs()
	p.reloadLinked()
}

// reloadLinked lists, kind by kind, the records that point at the company.
func (p *companyPage) reloadLinked() {
	recs, err := p.store.CompanyRecords(bg(), p.company.ID)
	if err != nil {
		p.env.showError(p.win, err)
		return
	}
	p.linked.Objects = nil
	if len(recs) == 0 {
		p.linked.Add(lowLabel(p.env.T("company.linked.none")))
	}
	for _, r := range recs {
		p.linked.Add(widget.NewCard("", p.env.T("company.linked.kind", map[string]any{"Kind": p.env.T(r.Kind), "N": len(r.Rows)}), p.linkedGrid(r)))
	}
	p.linked.Refresh()
}

// linkedGrid shows a few linked records as a plain grid: a header row, then one row per record.
func (p *companyPage) linkedGrid(r data.LinkedRecords) fyne.CanvasObject {
	grid := container.NewGridWithColumns(len(r.Columns))
	for _, c := range r.Columns {
		grid.Add(widget.NewLabelWithStyle(p.env.T(c.Key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, row := range r.Rows {
		for i, v := range row {
			if c := r.Columns[i]; c.Codes != "" && v != "" {
				v = p.env.T(c.Codes + v)
			}
			grid.Add(&widget.Label{Text: v, Truncation: fyne.TextTruncateEllipsis})
		}
	}
	return grid
}

// wholeCompanyValues are the details read character by character — codes, numbers, dates — which never
// wrap: "91210212MA0\n3YT300U" is misread or mistyped when copied. In English the labels are long ("High-tech
// enterprise certificate no.") and left the values a column too narrow for a credit code; a value that does
// not wrap widens the details pane to hold it instead (the split keeps each side's minimum).
var wholeCompanyValues = map[string]bool{"company.uscc": true, "company.phone": true, "company.founded": true,
	"company.cert_no": true, "company.cert_issued": true, "company.techsme_no": true, "company.techsme_year": true}

// keepWhole stops the wrapping of the detail rows marked whole; the others (names, addresses) wrap.
func (p *companyPage) keepWhole(whole []bool) {
	for i, item := range p.details.Items {
		if l, ok := item.Widget.(*widget.Label); ok && i < len(whole) && whole[i] {
			l.Wrapping = fyne.TextWrapOff
		}
	}
	p.details.Refresh()
}

func (p *companyPage) companyDetails(c data.Company) [][2]string {
	yesNo := "—"
	if c.AboveScale {
		yesNo = "✓"
	}
	park := c.ParkName
	if park == "" {
		park = p.env.T("company.park.none")
	}
	return [][2]string{
		{"company.uscc", c.USCC}, {"company.field", p.env.techField(c.Field)}, {"company.park", park},
		{"company.legal_rep", c.LegalRep}, {"company.address", c.Address}, {"company.contact", c.Contact},
		{"company.phone", c.Phone}, {"company.founded", data.FormatDate(c.Founded)},
		{"company.above_scale", yesNo}, {"company.cert_no", c.CertNo},
		{"company.cert_issued", data.FormatDate(c.CertIssued)}, {"company.cert_expires", p.env.certText(c)},
		{"company.techsme_no", c.TechSMENo}, {"company.techsme_year", yearText(c.TechSMEYear)},
	}
}

func (p *companyPage) reloadOutputs() {
	outs, err := p.store.Outputs(bg(), p.company.ID)
	if err != nil {
		p.env.showError(p.win, err)
	}
	p.outputs = outs
	if len(outs) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	p.table.UnselectAll()
	p.sel = -1
	p.updateButtons()
	p.table.Refresh()
	if p.declared != nil {
		p.declared.reload() // an output row supersedes the declared row of its year
	}
}

func (p *companyPage) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	if id.Row >= len(p.outputs) {
		label.SetText("")
		return
	}
	label.SetText(outputColumns[id.Col].text(p.outputs[id.Row]))
}

func (p *companyPage) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	if id.Col < 0 {
		label.SetText("")
		return
	}
	label.SetText(p.env.T(outputColumns[id.Col].key))
}

func (p *companyPage) updateButtons() {
	for _, b := range []*widget.Button{p.editOutBtn, p.delOutBtn} {
		if p.sel < 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (p *companyPage) onEdit() { p.screen.edit(p.company) }

func (p *companyPage) onDelete() { p.screen.confirmDelete(p.company, p.screen.closePage) }

func (p *companyPage) onAddOutput() {
	next := data.AnnualOutput{CompanyID: p.company.ID, Year: data.Today().Year() - 1}
	if len(p.outputs) > 0 {
		next.Year = p.outputs[0].Year + 1
	}
	p.outForm = newOutputForm(p.env, p.store, p.win, next, p.reloadOutputs)
	p.outForm.show(p.env.T("output.add"))
}

func (p *companyPage) onEditOutput() {
	if p.sel < 0 || p.sel >= len(p.outputs) {
		return
	}
	p.outForm = newOutputForm(p.env, p.store, p.win, p.outputs[p.sel], p.reloadOutputs)
	p.outForm.show(p.env.T("output.edit"))
}

func (p *companyPage) onDeleteOutput() {
	if p.sel < 0 || p.sel >= len(p.outputs) {
		return
	}
	o := p.outputs[p.sel]
	p.env.confirm(p.win, p.env.T("output.delete"), p.env.T("output.delete.confirm", map[string]any{"Year": o.Year}), func() {
		if err := p.store.DeleteOutput(bg(), o.ID); err != nil {
			p.env.showError(p.win, err)
		}
		p.reloadOutputs()
	})
}
