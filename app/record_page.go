package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recordPage is the frame of a record's page, shown in place of its list: a title with Back, Edit and Delete
// above the record's details on the left and what belongs to it on the right.
type recordPage struct {
	env       *env
	title     *widget.Label
	details   *widget.Form    // the rows shown now; a new form each time (setDetails)
	detailBox *fyne.Container // holds details, so that a new form can take the old one's place
	backBtn   *widget.Button
	editBtn   *widget.Button
	deleteBtn *widget.Button
	history   *recordHistory      // the record's own changes; nil when the store keeps none
	extra     []fyne.CanvasObject // buttons a page adds before 编辑 and 删除 (a company's 政策体检)
}

// newRecordPage makes the frame; the texts are translation keys of the three buttons.
func newRecordPage(e *env, back, edit, del string, onBack, onEdit, onDelete func()) *recordPage {
	p := &recordPage{env: e, details: widget.NewForm()}
	p.detailBox = container.NewStack(p.details)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.backBtn = &widget.Button{Text: p.env.T(back), Icon: theme.NavigateBackIcon(), OnTapped: onBack}
	p.editBtn = &widget.Button{Text: p.env.T(edit), Icon: theme.DocumentCreateIcon(), OnTapped: onEdit}
	p.deleteBtn = &widget.Button{Text: p.env.T(del), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: onDelete}
	return p
}

// layout puts the details (in a card titled by the translation of detailsKey) beside right, the details taking
// the given share of the width.
func (p *recordPage) layout(detailsKey string, right fyne.CanvasObject, share float64) fyne.CanvasObject {
	top := container.NewBorder(nil, nil, p.backBtn, container.NewHBox(append(p.extra, p.editBtn, p.deleteBtn)...), p.title)
	var left fyne.CanvasObject = container.NewVScroll(widget.NewCard(p.env.T(detailsKey), "", p.detailBox))
	if p.history != nil {
		left = p.history.under(left)
	}
	body := container.NewHSplit(left, right)
	body.Offset = share
	return container.NewBorder(top, nil, nil, nil, body)
}

// showHistory offers the record's own changes under its details (call it before layout); nothing when the
// store keeps no history.
func (p *recordPage) showHistory(st any, entity string, id int64) {
	if hs, ok := st.(historyStore); ok {
		p.history = newRecordHistory(p.env, hs, entity, id)
	}
}

// setDetails shows label–value rows (labels already translated), values wrapping, and the record's history
// as it is now. The rows go into a new form in place of the old one: a widget.Form keeps drawing the rows it
// first rendered when its Items are replaced, so a page refreshed after a change (a workflow step, an edit)
// went on showing the record's old first row — its status — beside a history that had moved on.
func (p *recordPage) setDetails(rows [][2]string) {
	items := make([]*widget.FormItem, len(rows))
	for i, r := range rows {
		items[i] = widget.NewFormItem(r[0], &widget.Label{Text: r[1], Wrapping: fyne.TextWrapWord})
	}
	p.details = widget.NewForm(items...)
	p.detailBox.Objects = []fyne.CanvasObject{p.details}
	p.detailBox.Refresh()
	if p.history != nil {
		p.history.refresh()
	}
}
