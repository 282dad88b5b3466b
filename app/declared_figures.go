package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// declaredStore is what a company's 往年申报数据 tab asks of the database: the figures a company declared in
// an application for years that have no output row.
type declaredStore interface {
	DeclaredFiguresOf(ctx context.Context, companyID int64) ([]data.DeclaredFigures, error)
	CreateDeclaredFigures(ctx context.Context, d *data.DeclaredFigures) error
	UpdateDeclaredFigures(ctx context.Context, d *data.DeclaredFigures) error
	DeleteDeclaredFigures(ctx context.Context, id int64) error
}

// declaredFigures is the 往年申报数据 tab of a company's page: a year's figures as the company declared them
// (a 高企 application states three years, the bureau's statistics may begin later). Only the policy rules read
// them; a row whose year has an output row since is marked 已由年度数据取代, the rules reading that row.
type declaredFigures struct {
	env     *env
	win     fyne.Window
	store   declaredStore
	company int64
	*companyRecords[data.DeclaredFigures]
	form *declaredForm // the form open last, for tests
}

func newDeclaredFigures(e *env, win fyne.Window, st declaredStore, companyID int64) *declaredFigures {
	t := &declaredFigures{env: e, win: win, store: st, company: companyID}
	t.companyRecords = newCompanyRecords(companyRecordsConfig[data.DeclaredFigures]{Env: e, Win: win,
		Columns: declaredColumnsOf(e), Read: t.read, AddText: e.T("declared.add"),
		OnAdd: t.onAdd, OnEdit: t.onEdit, OnDelete: t.onDelete, Count: t.countText})
	return t
}

// wanOrEmpty is an amount in 万元, empty when not declared.
func wanOrEmpty(y *data.Yuan) string {
	if y == nil {
		return ""
	}
	return y.Wan()
}

// countOrEmpty is a count, empty when not declared.
func countOrEmpty(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func declaredColumnsOf(e *env) []listColumn[data.DeclaredFigures] {
	wan := func(key string, y func(d data.DeclaredFigures) *data.Yuan) listColumn[data.DeclaredFigures] {
		return listColumn[data.DeclaredFigures]{Key: key, Width: 90, Right: true,
			Text: func(d data.DeclaredFigures) string { return wanOrEmpty(y(d)) }}
	}
	count := func(key string, n func(d data.DeclaredFigures) *int) listColumn[data.DeclaredFigures] {
		return listColumn[data.DeclaredFigures]{Key: key, Width: 60, Right: true,
			Text: func(d data.DeclaredFigures) string { return countOrEmpty(n(d)) }}
	}
	return []listColumn[data.DeclaredFigures]{
		{Key: "declared.col.year", Width: 50, Text: func(d data.DeclaredFigures) string { return strconv.Itoa(d.Year) }},
		// Beside the year, so that a row the rules no longer read shows so without scrolling sideways.
		{Key: "declared.col.status", Width: 120, Text: e.declaredStatus, Importance: declaredImportance},
		wan("declared.col.revenue", func(d data.DeclaredFigures) *data.Yuan { return d.Revenue }),
		wan("declared.col.rd_expense", func(d data.DeclaredFigures) *data.Yuan { return d.RDExpense }),
		count("declared.col.employees", func(d data.DeclaredFigures) *int { return d.Employees }),
		count("declared.col.st_staff", func(d data.DeclaredFigures) *int { return d.STStaff }),
		wan("declared.col.total_income", func(d data.DeclaredFigures) *data.Yuan { return d.TotalIncome }),
		wan("declared.col.hightech_income", func(d data.DeclaredFigures) *data.Yuan { return d.HighTechIncome }),
		{Key: "declared.col.source", Width: 140, Flex: true, Text: func(d data.DeclaredFigures) string { return d.Source }},
	}
}

// declaredStatus says whether the rules read the row or the year's output row.
func (e *env) declaredStatus(d data.DeclaredFigures) string {
	if d.Superseded {
		return e.T("declared.superseded")
	}
	return e.T("declared.in_use")
}

func declaredImportance(d data.DeclaredFigures) widget.Importance {
	if d.Superseded {
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func (t *declaredFigures) read() ([]data.DeclaredFigures, error) {
	return t.store.DeclaredFiguresOf(bg(), t.company)
}

func (t *declaredFigures) countText(n int) string {
	return t.env.T("declared.count", map[string]any{"N": n})
}

func (t *declaredFigures) onAdd() {
	year := t.env.today().Year() - 3 // the earliest year of a three-year window, the one statistics lack most
	if t.list.count > 0 {
		if d, ok := t.list.rowAt(t.list.count - 1); ok {
			year = d.Year - 1
		}
	}
	t.form = newDeclaredForm(t.env, t.store, t.win, data.DeclaredFigures{CompanyID: t.company, Year: year}, t.reload)
	t.form.show(t.env.T("declared.add"))
}

func (t *declaredFigures) onEdit(d data.DeclaredFigures) {
	t.form = newDeclaredForm(t.env, t.store, t.win, d, t.reload)
	t.form.show(t.env.T("declared.edit"))
}

func (t *declaredFigures) onDelete(d data.DeclaredFigures) {
	t.env.confirm(t.win, t.env.T("declared.delete"), t.env.T("declared.delete.confirm", map[string]any{"Year": d.Year}), func() {
		if err := t.store.DeleteDeclaredFigures(bg(), d.ID); err != nil {
			t.env.showError(t.win, err)
		}
		t.reload()
	})
}

// declaredForm edits a copy of one year's declared figures: the year, sales, R&D expense, staff, the policy
// figures of an output row (each optional: empty is "not declared") and where they were declared. The checks
// across fields (S&T staff ≤ staff, sales ≤ total income…) and the year of an output row are the store's,
// named on the fields when a save is refused.
type declaredForm struct {
	*recordForm
	store    declaredStore
	declared data.DeclaredFigures

	year   *escapeEntry
	yuan   map[string]*escapeEntry // revenue, rd_expense and outputPolicyYuan, in 万元
	count  map[string]*escapeEntry // employees and outputPolicyCount
	source *escapeEntry
}

// declaredYuanFields and declaredCountFields are the form's figures in the order it shows them.
var (
	declaredYuanFields  = append([]string{"revenue", "rd_expense"}, outputPolicyYuan...)
	declaredCountFields = append([]string{"employees"}, outputPolicyCount...)
)

func newDeclaredForm(e *env, st declaredStore, win fyne.Window, d data.DeclaredFigures, onSaved func()) *declaredForm {
	f := &declaredForm{store: st, declared: d}
	f.recordForm = newRecordForm(e, win, f.save, onSaved)
	f.width = 600
	f.build()
	return f
}

// declaredYuan and declaredCounts point at the row's figures in the order of the form's fields.
func declaredYuan(d *data.DeclaredFigures) []**data.Yuan {
	return []**data.Yuan{&d.Revenue, &d.RDExpense, &d.TotalIncome, &d.HighTechIncome, &d.RDDomestic, &d.TotalCosts,
		&d.NetAssets, &d.TotalAssets}
}

func declaredCounts(d *data.DeclaredFigures) []**int {
	return []**int{&d.Employees, &d.STStaff, &d.Conversions}
}

func (f *declaredForm) build() {
	d := f.declared
	f.year = f.entry("year", yearText(d.Year), "", f.env.validateYearField)
	f.add(f.env.T("output.year"), f.year, f.env.T("declared.year_hint"))
	f.yuan = map[string]*escapeEntry{}
	for i, y := range declaredYuan(&d) {
		field := declaredYuanFields[i]
		validator := f.env.validateWanField(false)
		if field == "net_assets" {
			validator = f.env.validateSignedWanField
		}
		f.yuan[field] = f.entry(field, wanOrInput(*y), "", validator)
		label, hint := "output."+field, ""
		if i < 2 {
			label = "declared." + field // 销售收入, as the application states it
		}
		if i == 0 {
			hint = f.env.T("declared.amount_hint")
		}
		f.add(f.env.T(label), f.yuan[field], hint)
	}
	f.count = map[string]*escapeEntry{}
	for i, n := range declaredCounts(&d) {
		field := declaredCountFields[i]
		f.count[field] = f.entry(field, countOrEmpty(*n), "", f.validateOptCount)
		f.add(f.env.T("output."+field), f.count[field], "")
	}
	f.source = f.entry("source", d.Source, f.env.T("declared.source_example"), nil)
	f.add(f.env.T("declared.source"), f.source, "")
	f.first = f.yuan["revenue"]
}

// wanOrInput is an amount as an entry shows it, empty when not declared.
func wanOrInput(y *data.Yuan) string {
	if y == nil {
		return ""
	}
	return y.WanInput()
}

func (f *declaredForm) validateOptCount(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := data.ParseCount(s)
	return f.env.validation(err)
}

// record builds the row the form describes: an empty field is not declared (nil).
func (f *declaredForm) record() data.DeclaredFigures {
	d := f.declared
	d.Year, _ = strconv.Atoi(strings.TrimSpace(f.year.Text))
	for i, dst := range declaredYuan(&d) {
		*dst = nil
		if y, ok := parseSignedWan(f.yuan[declaredYuanFields[i]].Text); ok {
			*dst = &y
		}
	}
	for i, dst := range declaredCounts(&d) {
		*dst = nil
		if text := strings.TrimSpace(f.count[declaredCountFields[i]].Text); text != "" {
			if n, err := data.ParseCount(text); err == nil {
				*dst = &n
			}
		}
	}
	d.Source = strings.TrimSpace(f.source.Text)
	return d
}

func (f *declaredForm) save() error {
	d := f.record()
	var err error
	if d.ID == 0 {
		err = f.store.CreateDeclaredFigures(bg(), &d)
	} else {
		err = f.store.UpdateDeclaredFigures(bg(), &d)
	}
	if err == nil {
		f.declared = d
	}
	return err
}
