package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// recordHistoryLimit is how many of a record's latest changes its page lists; the History section has them all.
const recordHistoryLimit = 50

// recordHistoryHeight is the height of the list of a record's changes when it is open.
const recordHistoryHeight = 180

// recordHistory is the small list of a record's own changes on its page, newest first. It opens on demand
// under the record's details: most visits to a page do not need it, and it is read only when shown.
type recordHistory struct {
	env     *env
	store   historyStore
	words   *historyWords
	entity  string
	id      int64
	entries []data.HistoryEntry

	toggle *widget.Button
	items  *fyne.Container // one wrapped line per change: the pane is narrow, and a change is read whole
	body   *fyne.Container // the changes, hidden until the toggle opens it
	frame  *fyne.Container // what holds the toggle and the list, laid out again when the list opens or closes
}

func newRecordHistory(e *env, st historyStore, entity string, id int64) *recordHistory {
	h := &recordHistory{env: e, store: st, words: newHistoryWords(e, st), entity: entity, id: id}
	h.toggle = &widget.Button{Text: h.env.T("history.record.title"), Icon: theme.MenuDropDownIcon(), Alignment: widget.ButtonAlignLeading,
		Importance: widget.LowImportance, OnTapped: h.onToggle}
	h.items = container.NewVBox()
	height := canvas.NewRectangle(color.Transparent)
	height.SetMinSize(fyne.NewSize(0, recordHistoryHeight))
	h.body = container.NewStack(height, container.NewVScroll(h.items))
	h.body.Hide()
	return h
}

// under puts the toggle and the list under the record's details.
func (h *recordHistory) under(details fyne.CanvasObject) fyne.CanvasObject {
	h.frame = container.NewBorder(nil, container.NewVBox(h.toggle, h.body), nil, nil, details)
	return h.frame
}

func (h *recordHistory) onToggle() {
	if h.body.Visible() {
		h.body.Hide()
		h.toggle.SetIcon(theme.MenuDropDownIcon())
	} else {
		h.reload()
		h.body.Show()
		h.toggle.SetIcon(theme.MenuDropUpIcon())
	}
	if h.frame != nil {
		h.frame.Refresh()
	}
}

// itemText is a change on one line: when, who, what, and each field's old and new value.
func (h *recordHistory) itemText(e data.HistoryEntry) string {
	text := historyTime(e) + "  " + e.Operator + "  " + h.words.action(e)
	if changes := h.words.changes(e); changes != "" {
		text += h.env.T("history.sep.label") + changes
	}
	return text
}

// refresh reads the record's changes again when the list is open.
func (h *recordHistory) refresh() {
	if h.body.Visible() {
		h.reload()
	}
}

func (h *recordHistory) reload() {
	entries, err := h.store.History(bg(), data.HistoryFilter{Entity: h.entity, EntityID: h.id, Limit: recordHistoryLimit})
	if err != nil {
		fyne.LogError("reading a record's history", err)
	}
	h.words.learn(entries)
	h.entries = entries
	objects := make([]fyne.CanvasObject, len(entries))
	for i, e := range entries {
		objects[i] = &widget.Label{Text: h.itemText(e), Wrapping: fyne.TextWrapWord}
	}
	h.items.Objects = objects
	h.items.Refresh()
}
