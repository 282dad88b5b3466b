package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// companyRecords is a tab of a company's page listing the records of one kind that belong to it (its IP
// rights, its facts, its declared figures), with the buttons to add, edit and delete one. They are a handful
// per company, so the tab reads them all at once and the list pages over what it read; the table, the
// column widths and the buttons are the record lists' own (recordList).
type companyRecords[R any] struct {
	list *recordList[R]
	rows []R
	read func() ([]R, error)
}

// companyRecordsConfig says what a tab shows and does; the list's Count and Page are the tab's.
type companyRecordsConfig[R any] struct {
	Env      *env
	Win      fyne.Window
	Columns  []listColumn[R]
	Read     func() ([]R, error) // every record of the company, in the order the tab shows them
	AddText  string              // translated
	OnAdd    func()
	OnEdit   func(R)
	OnDelete func(R)
	Count    func(n int) string // the words under the list; nil says 共 n 条
}

func newCompanyRecords[R any](cfg companyRecordsConfig[R]) *companyRecords[R] {
	r := &companyRecords[R]{read: cfg.Read}
	lc := recordListConfig[R]{Env: cfg.Env, Win: cfg.Win, Columns: cfg.Columns, Count: r.count, Page: r.page,
		AddText: cfg.AddText, OnAdd: cfg.OnAdd, OnEdit: cfg.OnEdit, OnDelete: cfg.OnDelete,
		HeaderAlign: widget.ButtonAlignLeading}
	if cfg.Count != nil {
		lc.CountText = func(n int, _ listQuery) string { return cfg.Count(n) }
	}
	r.list = newRecordList(lc)
	return r
}

// build makes the list and reads the records.
func (r *companyRecords[R]) build() fyne.CanvasObject { return r.list.build() }

// reload reads the records again (after a save or a delete).
func (r *companyRecords[R]) reload() { r.list.reload() }

// count reads the company's records; the list asks it first on every reload.
func (r *companyRecords[R]) count(listQuery) (int, error) {
	rows, err := r.read()
	r.rows = rows
	return len(rows), err
}

func (r *companyRecords[R]) page(q listQuery) ([]R, error) {
	from := min(q.Offset, len(r.rows))
	to := len(r.rows)
	if q.Limit > 0 {
		to = min(from+q.Limit, to)
	}
	return r.rows[from:to], nil
}

// fieldProblem is what a record's Validate says of one field, as the message under its entry (nil when it
// says nothing of it): a form's field checks run the data package's own rules, so the form refuses exactly
// what the store would.
func (e *env) fieldProblem(err error, field string) error {
	for _, p := range asErrors(err) {
		if p.Field == field {
			return e.validation(p)
		}
	}
	return nil
}

// requiredNamed asks for a code as requiredCode does, and names the field in the line under the form while
// none is chosen (必须填写 alone does not say which of the form's fields wants it).
var requiredNamed = codeAsk{placeholder: "form.required", problem: "err.required", named: true}
