package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"scitech/data"
)

// companyFactStore is what a company's 企业情况 tab asks of the database: the dated facts the policy rules
// ask about.
type companyFactStore interface {
	CompanyFacts(ctx context.Context, companyID int64) ([]data.CompanyFact, error)
	CreateCompanyFact(ctx context.Context, f *data.CompanyFact) error
	UpdateCompanyFact(ctx context.Context, f *data.CompanyFact) error
	DeleteCompanyFact(ctx context.Context, id int64) error
}

// companyFacts is the 企业情况 tab of a company's page: its incidents and listings, standards, awards, R&D
// institutions, financing, filed 高企 annual reports and earlier 高企 certificates, newest year first.
type companyFacts struct {
	env     *env
	win     fyne.Window
	store   companyFactStore
	company int64
	*companyRecords[data.CompanyFact]
	form *factForm // the form open last, for tests
}

func newCompanyFacts(e *env, win fyne.Window, st companyFactStore, companyID int64) *companyFacts {
	t := &companyFacts{env: e, win: win, store: st, company: companyID}
	t.companyRecords = newCompanyRecords(companyRecordsConfig[data.CompanyFact]{Env: e, Win: win,
		Columns: factColumnsOf(e), Read: t.read, AddText: e.T("companyfacts.add"),
		OnAdd: t.onAdd, OnEdit: t.onEdit, OnDelete: t.onDelete, Count: t.countText})
	return t
}

func factColumnsOf(e *env) []listColumn[data.CompanyFact] {
	return []listColumn[data.CompanyFact]{
		{Key: "companyfacts.year", Width: 50, Text: func(f data.CompanyFact) string { return strconv.Itoa(f.Year) }},
		{Key: "companyfacts.kind", Width: 150, Text: func(f data.CompanyFact) string { return e.T("policy.fact." + f.Kind) }},
		{Key: "companyfacts.date", Width: 100, Text: func(f data.CompanyFact) string { return data.FormatDate(f.Date) }},
		{Key: "companyfacts.details", Width: 200, Flex: true, Text: e.factDetails},
		{Key: "companyfacts.note", Width: 120, Flex: true, Text: func(f data.CompanyFact) string { return f.Note }},
	}
}

// factDetails puts what a fact of its kind records in one cell: level, rank, amount, number.
func (e *env) factDetails(f data.CompanyFact) string {
	var parts []string
	if f.Level != "" {
		parts = append(parts, e.T("policy.level."+f.Level))
	}
	if f.Rank > 0 {
		key := "companyfacts.rank_text"
		if f.Kind == "standard" {
			key = "companyfacts.standard_role." + strconv.Itoa(min(f.Rank, 2))
		}
		parts = append(parts, e.T(key, map[string]any{"Rank": f.Rank}))
	}
	if f.Amount > 0 {
		parts = append(parts, e.T("companyfacts.amount_text", map[string]any{"Wan": f.Amount.Wan()}))
	}
	if f.Number != "" {
		parts = append(parts, e.T("companyfacts.number_text", map[string]any{"No": f.Number}))
	}
	if f.Kind == "certificate" && !f.Date.IsZero() {
		parts = append(parts, e.T("companyfacts.expires_text", map[string]any{"Date": data.FormatDate(f.CertificateExpires())}))
	}
	return strings.Join(parts, e.T("companyfacts.separator"))
}

func (t *companyFacts) read() ([]data.CompanyFact, error) {
	return t.store.CompanyFacts(bg(), t.company)
}

func (t *companyFacts) countText(n int) string {
	return t.env.T("companyfacts.count", map[string]any{"N": n})
}

func (t *companyFacts) onAdd() {
	t.form = newFactForm(t.env, t.store, t.win, data.CompanyFact{CompanyID: t.company, Year: t.env.today().Year()}, t.reload)
	t.form.show(t.env.T("companyfacts.add"))
}

func (t *companyFacts) onEdit(f data.CompanyFact) {
	t.form = newFactForm(t.env, t.store, t.win, f, t.reload)
	t.form.show(t.env.T("companyfacts.edit"))
}

func (t *companyFacts) onDelete(f data.CompanyFact) {
	t.env.confirm(t.win, t.env.T("companyfacts.delete"), t.env.T("companyfacts.delete.confirm", map[string]any{
		"Kind": t.env.T("policy.fact." + f.Kind), "Year": f.Year}), func() {
		if err := t.store.DeleteCompanyFact(bg(), f.ID); err != nil {
			t.env.showError(t.win, err)
		}
		t.reload()
	})
}

// factUses says which of a fact's optional fields its kind records; the form offers only those, and saves
// the others empty so that a kind changed in the form leaves nothing of the old kind behind.
func factUses(kind string) (level, rank, amount bool) {
	switch kind {
	case "standard", "award":
		return true, true, false
	case "rd_institution":
		return true, false, false
	case "financing":
		return false, false, true
	}
	return false, false, false
}

// factForm edits a copy of one company fact: its kind, the year it belongs to and its date, and what the
// kind records (a level, a rank, an amount, a number).
type factForm struct {
	*recordForm
	store companyFactStore
	fact  data.CompanyFact

	kind   *codeSelect
	year   *escapeEntry
	date   *escapeEntry
	level  *codeSelect
	rank   *escapeEntry
	amount *escapeEntry
	number *escapeEntry
	note   *escapeEntry
}

func newFactForm(e *env, st companyFactStore, win fyne.Window, f data.CompanyFact, onSaved func()) *factForm {
	ff := &factForm{store: st, fact: f}
	ff.recordForm = newRecordForm(e, win, ff.save, onSaved)
	ff.width = 660
	ff.build()
	return ff
}

func (f *factForm) build() {
	c := f.fact
	f.kind = f.codeSelect(data.FactKinds, "policy.fact.", c.Kind, requiredNamed)
	f.year = f.entry("year", yearText(c.Year), "", f.validateYear)
	f.date = f.entry("date", data.FormatDate(c.Date), f.env.T("patent.date_hint"), f.validateDate)
	f.level = f.codeSelect(data.FactLevels, "policy.level.", c.Level, orNoCode(f.env.T("companyfacts.level.none")))
	f.check(f.level.Select, func() error { return f.problemOf("level") })
	f.rank = f.entry("rank", countText(c.Rank, 0), "", f.validateRank)
	amount := ""
	if c.Amount != 0 {
		amount = c.Amount.WanInput()
	}
	f.amount = f.entry("amount", amount, "", f.validateAmount)
	f.number = f.entry("number", c.Number, "", func(string) error { return f.problemOf("number") })
	f.note = f.entry("note", c.Note, "", func(string) error { return f.problemOf("note") })
	f.add(f.env.T("companyfacts.kind"), f.kind.Select, f.env.T("form.required"))
	f.add(f.env.T("companyfacts.year"), f.year, f.env.T("form.required"))
	f.add(f.env.T("companyfacts.date"), f.date, "")
	f.add(f.env.T("companyfacts.level"), f.level.Select, "")
	f.add(f.env.T("companyfacts.rank"), f.rank, "")
	f.add(f.env.T("companyfacts.amount"), f.amount, f.env.T("output.amount_hint"))
	f.add(f.env.T("companyfacts.number"), f.number, "")
	f.add(f.env.T("companyfacts.note"), f.note, "")
	f.first = f.year
	f.edited = f.onEdited
	f.onEdited()
}

// onEdited offers the fields the kind records, and says what its date and number are (an annual report's
// date is the day it was filed; an earlier certificate's number and date are its own).
func (f *factForm) onEdited() {
	if f.note == nil {
		return // still building
	}
	kind := f.kind.code()
	if d, err := data.ParseDate(f.date.Text); kind == "certificate" && err == nil && !d.IsZero() {
		if y := strconv.Itoa(d.Year()); f.year.Text != y {
			f.year.SetText(y) // a certificate's year is its issue's; runs onChanged, and this, again
		}
	}
	level, rank, amount := factUses(kind)
	enable(f.level.Select, level)
	enable(f.rank, rank)
	enable(f.amount, amount)
	f.setHint(f.date, f.kindText("companyfacts.date_hint.", kind))
	f.setHint(f.number, f.kindText("companyfacts.number_hint.", kind))
	f.setHint(f.rank, f.kindText("companyfacts.rank_hint.", kind))
	f.setHint(f.level.Select, f.kindText("companyfacts.level_hint.", kind))
}

// kindText is the translation of prefix+kind, or "" when the kind has none.
func (f *factForm) kindText(prefix, kind string) string {
	if kind != "" && f.env.tr.Has(prefix+kind) {
		return f.env.T(prefix + kind)
	}
	return ""
}

// setHint changes the hint under a field when it says something else now.
func (f *factForm) setHint(w fyne.CanvasObject, hint string) {
	for _, item := range f.form.Items {
		if item.Widget == w && item.HintText != hint {
			item.HintText = hint
			f.form.Refresh()
		}
	}
}

// enable enables or disables a field.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// record builds the fact the form describes; the fields its kind does not record are left empty.
func (f *factForm) record() data.CompanyFact {
	c := f.fact
	c.Kind = f.kind.code()
	c.Year, _ = strconv.Atoi(strings.TrimSpace(f.year.Text))
	c.Date = coopParseDate(f.date.Text)
	c.Level, c.Rank, c.Amount = "", 0, 0
	level, rank, amount := factUses(c.Kind)
	if level {
		c.Level = f.level.code()
	}
	if rank {
		c.Rank, _ = strconv.Atoi(strings.TrimSpace(f.rank.Text))
	}
	if amount {
		c.Amount = parseWanOrZero(f.amount.Text)
	}
	c.Number = strings.TrimSpace(f.number.Text)
	c.Note = strings.TrimSpace(f.note.Text)
	return c
}

// problemOf is what data.CompanyFact.Validate says of a field of the fact as it stands.
func (f *factForm) problemOf(field string) error {
	if f.note == nil {
		return nil // still building
	}
	return f.env.fieldProblem(f.record().Validate(), field)
}

func (f *factForm) validateYear(s string) error {
	if err := f.env.validateYearField(s); err != nil {
		return err
	}
	return f.problemOf("year")
}

func (f *factForm) validateDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return f.problemOf("date")
	}
	if err := f.env.validatePastDateField(s); err != nil {
		return err
	}
	return f.problemOf("date")
}

func (f *factForm) validateRank(s string) error {
	if strings.TrimSpace(s) == "" || f.rank.Disabled() {
		return nil
	}
	if _, err := data.ParseCount(s); err != nil {
		return f.env.validation(err)
	}
	return f.problemOf("rank")
}

func (f *factForm) validateAmount(s string) error {
	if strings.TrimSpace(s) == "" || f.amount.Disabled() {
		return nil
	}
	if _, err := data.ParseWan(s); err != nil {
		return f.env.validation(err)
	}
	return f.problemOf("amount")
}

func (f *factForm) save() error {
	c := f.record()
	var err error
	if c.ID == 0 {
		err = f.store.CreateCompanyFact(bg(), &c)
	} else {
		err = f.store.UpdateCompanyFact(bg(), &c)
	}
	if err == nil {
		f.fact = c
	}
	return err
}
