package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// ipRightStore is what a company's 知识产权 tab asks of the database: its IP rights besides patents.
type ipRightStore interface {
	IPRights(ctx context.Context, companyID int64) ([]data.IPRight, error)
	CreateIPRight(ctx context.Context, r *data.IPRight) error
	UpdateIPRight(ctx context.Context, r *data.IPRight) error
	DeleteIPRight(ctx context.Context, id int64) error
}

// companyIP is the 知识产权 tab of a company's page: its software copyrights and class I rights (patents have
// their own section), each with its class and whether it was counted in an earlier recognition.
type companyIP struct {
	env     *env
	win     fyne.Window
	store   ipRightStore
	company int64
	*companyRecords[data.IPRight]
	form *ipRightForm // the form open last, for tests
}

func newCompanyIP(e *env, win fyne.Window, st ipRightStore, companyID int64) *companyIP {
	t := &companyIP{env: e, win: win, store: st, company: companyID}
	t.companyRecords = newCompanyRecords(companyRecordsConfig[data.IPRight]{Env: e, Win: win,
		Columns: ipRightColumns(e), Read: t.read, AddText: e.T("companyip.add"),
		OnAdd: t.onAdd, OnEdit: t.onEdit, OnDelete: t.onDelete, Count: t.countText})
	return t
}

func ipRightColumns(e *env) []listColumn[data.IPRight] {
	return []listColumn[data.IPRight]{
		// No Also: the tab reads all of the company's rights at once, so the kinds it shows are the ones measured.
		{Key: "companyip.kind", Width: 150, Text: func(r data.IPRight) string { return e.T("policy.ip." + r.Kind) }},
		{Key: "companyip.class", Width: 60, Text: e.ipClassText},
		{Key: "companyip.reg_no", Width: 140, Text: func(r data.IPRight) string { return r.RegNo }},
		{Key: "companyip.title", Width: 200, Flex: true, Text: func(r data.IPRight) string { return r.Title }},
		{Key: "companyip.granted", Width: 100, Text: func(r data.IPRight) string { return data.FormatDate(r.Granted) }},
		{Key: "companyip.used_in", Width: 110, Text: e.ipUsedText},
	}
}

// ipClassText is the class a right counts in (一类, 二类).
func (e *env) ipClassText(r data.IPRight) string {
	if data.IPClassI(r.Kind) {
		return e.T("companyip.class_i")
	}
	return e.T("companyip.class_ii")
}

// ipUsedText says in which recognition a class II right was counted; it is then not counted again.
func (e *env) ipUsedText(r data.IPRight) string {
	if r.UsedIn == 0 {
		return ""
	}
	return e.T("companyip.used_in_year", map[string]any{"Year": r.UsedIn})
}

func (t *companyIP) read() ([]data.IPRight, error) { return t.store.IPRights(bg(), t.company) }

func (t *companyIP) countText(n int) string {
	return t.env.T("companyip.count", map[string]any{"N": n})
}

func (t *companyIP) onAdd() {
	t.form = newIPRightForm(t.env, t.store, t.win, data.IPRight{CompanyID: t.company, Kind: "software_copyright"}, t.reload)
	t.form.show(t.env.T("companyip.add"))
}

func (t *companyIP) onEdit(r data.IPRight) {
	t.form = newIPRightForm(t.env, t.store, t.win, r, t.reload)
	t.form.show(t.env.T("companyip.edit"))
}

func (t *companyIP) onDelete(r data.IPRight) {
	t.env.confirm(t.win, t.env.T("companyip.delete"), t.env.T("companyip.delete.confirm", map[string]any{
		"Kind": t.env.T("policy.ip." + r.Kind), "No": r.RegNo, "Title": r.Title}), func() {
		if err := t.store.DeleteIPRight(bg(), r.ID); err != nil {
			t.env.showError(t.win, err)
		}
		t.reload()
	})
}

// ipRightForm edits a copy of one IP right. The kind decides the class shown beside it, whether the number
// must read as a software copyright's (2025SR0123456), and whether the right may be marked as counted in an
// earlier recognition: only class II items are (a class I right counts in every recognition).
type ipRightForm struct {
	*recordForm
	store ipRightStore
	right data.IPRight

	kind    *codeSelect
	class   *widget.Label
	regNo   *escapeEntry
	title   *escapeEntry
	granted *escapeEntry
	usedIn  *escapeEntry
}

func newIPRightForm(e *env, st ipRightStore, win fyne.Window, r data.IPRight, onSaved func()) *ipRightForm {
	f := &ipRightForm{store: st, right: r}
	f.recordForm = newRecordForm(e, win, f.save, onSaved)
	f.width = 660
	f.build()
	return f
}

func (f *ipRightForm) build() {
	r := f.right
	f.kind = f.codeSelect(data.IPRightKinds, "policy.ip.", r.Kind, requiredNamed)
	f.class = widget.NewLabel("")
	f.regNo = f.entry("reg_no", r.RegNo, "", func(string) error { return f.problemOf("reg_no") })
	f.title = f.entry("title", r.Title, "", func(string) error { return f.problemOf("title") })
	f.granted = f.entry("granted", data.FormatDate(r.Granted), f.env.T("patent.date_hint"), f.validateGranted)
	f.usedIn = f.entry("used_in", yearText(r.UsedIn), "", f.validateUsedIn)
	f.add(f.env.T("companyip.kind"), f.kind.Select, f.env.T("form.required"))
	f.add(f.env.T("companyip.class"), f.class, "")
	f.add(f.env.T("companyip.reg_no"), f.regNo, f.env.T("form.required"))
	f.add(f.env.T("companyip.title"), f.title, f.env.T("form.required"))
	f.add(f.env.T("companyip.granted"), f.granted, f.env.T("form.required"))
	f.add(f.env.T("companyip.used_in_label"), f.usedIn, f.env.T("companyip.used_in_hint"))
	f.first = f.regNo
	f.edited = f.onEdited
	f.onEdited()
}

// onEdited follows the kind: its class, the number's example, and the used-in mark only a class II item has
// (a class I kind clears it, so that a right changed to class I carries no mark it cannot have).
func (f *ipRightForm) onEdited() {
	if f.usedIn == nil {
		return // still building
	}
	kind := f.kind.code()
	f.class.SetText("")
	if kind != "" {
		f.class.SetText(f.env.ipClassText(data.IPRight{Kind: kind}))
	}
	f.regNo.PlaceHolder = ""
	if kind == "software_copyright" {
		f.regNo.PlaceHolder = "2025SR0123456"
	}
	if kind != "" && data.IPClassI(kind) {
		if f.usedIn.Text != "" {
			f.usedIn.SetText("") // runs onChanged, and this, again
		}
		f.usedIn.Disable()
	} else {
		f.usedIn.Enable()
	}
	if f.regNo.Text != "" {
		_ = f.regNo.Validate() // the kind decides what the number must be
	}
	if f.usedIn.Text != "" {
		_ = f.usedIn.Validate() // the grant date decides the earliest year
	}
	f.regNo.Refresh()
}

// record builds the right the form describes.
func (f *ipRightForm) record() data.IPRight {
	r := f.right
	r.Kind = f.kind.code()
	r.RegNo = strings.TrimSpace(f.regNo.Text)
	r.Title = strings.TrimSpace(f.title.Text)
	r.Granted = coopParseDate(f.granted.Text)
	r.UsedIn, _ = strconv.Atoi(strings.TrimSpace(f.usedIn.Text))
	return r
}

// problemOf is what data.IPRight.Validate says of a field of the right as it stands.
func (f *ipRightForm) problemOf(field string) error {
	if f.usedIn == nil {
		return nil // still building
	}
	r := f.record()
	if r.Kind == "software_copyright" {
		r.RegNo = data.NormalizeSoftwareCopyrightNo(r.RegNo)
	}
	return f.env.fieldProblem(r.Validate(), field)
}

func (f *ipRightForm) validateGranted(s string) error {
	if err := f.env.coopRequiredDate(s); err != nil {
		return err
	}
	return f.problemOf("granted")
}

func (f *ipRightForm) validateUsedIn(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, err := strconv.Atoi(strings.TrimSpace(s)); err != nil {
		return f.env.fieldErr("err.year.number")
	}
	return f.problemOf("used_in")
}

func (f *ipRightForm) save() error {
	r := f.record()
	var err error
	if r.ID == 0 {
		err = f.store.CreateIPRight(bg(), &r)
	} else {
		err = f.store.UpdateIPRight(bg(), &r)
	}
	if err == nil {
		f.right = r
	}
	return err
}
