package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// How a record list sizes its columns: each takes the width its title and its widest text need (of the rows the
// list opened on, within maxColumnWidth), so that codes, dates, states and categories are read whole. When the
// columns are wider than the window, the Flex ones (names, titles, descriptions) give up width, down to
// minFittedWidth; what still does not fit scrolls sideways. A Wrap column (a description) wraps its text onto
// more lines, its rows as tall as their text needs.

// maxColumnWidth is the widest a column grows for its texts: a longer one ends in an ellipsis there (or wraps,
// in a Wrap column), and is read whole on the record's page or in its form.
const maxColumnWidth = 560

// minFittedWidth is the narrowest a Flex column is made so that the table fits the window: about ten
// characters, enough to recognise a company by the part of its name after 大连.
const minFittedWidth = 160

// wrapRowsMax is how many rows of a list with a Wrap column are made as tall as their text; such lists are short
// (the park projects), and the rows beyond would wrap into their neighbours.
const wrapRowsMax = 500

// columnSizes holds what a list measured of its columns.
type columnSizes struct {
	titles []float32 // each title's width, without a sort mark
	texts  []float32 // each column's widest text so far; 0 before any row is read
	mark   float32   // what the sort mark adds to the sorted column's title
	widths []float32 // the widths set last (fitColumns)
}

// measureTitles measures each column's title, and what the sort mark adds to one.
func (l *recordList[R]) measureTitles() {
	n := len(l.cfg.Columns)
	l.sizes = columnSizes{titles: make([]float32, n), texts: make([]float32, n), widths: make([]float32, n)}
	for i, c := range l.cfg.Columns {
		l.sizes.titles[i] = titleButtonWidth(l.env.T(c.Key), nil)
	}
	l.sizes.mark = titleButtonWidth("名", theme.MenuDropDownIcon()) - titleButtonWidth("名", nil)
}

// titleButtonWidth is the width the header's button needs for a title.
func titleButtonWidth(title string, icon fyne.Resource) float32 {
	b := &widget.Button{Text: title, Icon: icon, Importance: widget.LowImportance}
	return b.MinSize().Width
}

// measureTexts widens the columns to the widest of their texts in the rows the list opens on (its first page,
// read anyway to show them) and of their Also texts. A column never narrows: it keeps its width while a search
// narrows the list, so the columns do not jump with each character typed.
func (l *recordList[R]) measureTexts() {
	for i, c := range l.cfg.Columns {
		for _, text := range c.Also {
			l.measureText(i, text)
		}
	}
	for row := 0; row < min(l.count, recordListPageSize); row++ {
		r, ok := l.rowAt(row)
		if !ok {
			break
		}
		for i, c := range l.cfg.Columns {
			l.measureText(i, c.Text(r))
		}
	}
}

// measureText widens column i to text, within maxColumnWidth.
func (l *recordList[R]) measureText(i int, text string) {
	th := l.table.Theme()
	w := fyne.MeasureText(text, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width + 2*th.Size(theme.SizeNameInnerPadding) + 1
	l.sizes.texts[i] = max(l.sizes.texts[i], min(w, maxColumnWidth))
}

// wanted is the width column i needs: its title (with the sort mark when sorted by it) and its widest text; the
// width it is configured with while no row has been read (an empty list).
func (l *recordList[R]) wanted(i int) float32 {
	c := l.cfg.Columns[i]
	title := l.sizes.titles[i]
	if c.Sort != "" && c.Sort == l.query.Sort {
		title += l.sizes.mark
	}
	if l.sizes.texts[i] == 0 {
		return max(title, c.Width)
	}
	return max(title, l.sizes.texts[i])
}

// fitColumns sets the columns' widths for the table's width, then the rows' heights for the Wrap columns. The Flex
// columns give up width in proportion to what they have beyond their floor (minFittedWidth, or their title) while
// the columns are wider than the table. A table that holds rows is fitted once it has a width: given widths
// before, with no size yet, it laid out a line between rows for every row of the list, which every later frame
// walked (the 100,000 companies scrolled five times slower).
func (l *recordList[R]) fitColumns() {
	if l.table.width == 0 && l.count > 0 {
		return
	}
	th := l.table.Theme()
	n := len(l.cfg.Columns)
	avail := l.table.width - th.Size(theme.SizeNamePadding)*float32(n-1) - 2*th.Size(theme.SizeNameScrollBarSmall)
	wants, floors := make([]float32, n), make([]float32, n)
	var total, spare float32
	for i, c := range l.cfg.Columns {
		wants[i] = l.wanted(i)
		floors[i] = wants[i]
		if c.Flex {
			floors[i] = min(wants[i], max(minFittedWidth, l.sizes.titles[i]))
		}
		total += wants[i]
		spare += wants[i] - floors[i]
	}
	over := total - avail
	for i, w := range wants {
		if l.table.width > 0 && over > 0 && spare > 0 {
			w -= min(over, spare) * (w - floors[i]) / spare
		}
		l.sizes.widths[i] = w
		l.table.SetColumnWidth(i, w)
	}
	l.fitRows()
}

// wraps tells whether column i wraps its text in a row: a Wrap column always; a Flex column narrowed below
// what its texts need, so that a name the window has no room for is read whole on two lines rather than cut
// with "…" (大连绿源智能温室工程有限…), in the rows fitRows makes tall enough (the first wrapRowsMax); a row
// beyond them keeps one line and the ellipsis.
func (l *recordList[R]) wraps(i, row int) bool {
	c := l.cfg.Columns[i]
	if c.Wrap {
		return true
	}
	return c.Flex && row < wrapRowsMax && l.narrowed(i)
}

// narrowed tells whether fitColumns gave Flex column i less than the width its texts want.
func (l *recordList[R]) narrowed(i int) bool {
	return i < len(l.sizes.widths) && l.sizes.widths[i] > 0 && l.sizes.widths[i] < l.wanted(i)-0.5
}

// fitRows makes each row as tall as the text of its wrapping columns needs at their widths, and a row with
// none of them one line tall again (after a wider window stopped a column wrapping).
func (l *recordList[R]) fitRows() {
	var wraps []int
	for i := range l.cfg.Columns {
		if l.wraps(i, 0) {
			wraps = append(wraps, i)
		}
	}
	if len(wraps) == 0 && !l.rowsFitted {
		return
	}
	l.rowsFitted = len(wraps) > 0
	measure := &widget.Label{Text: "名"}
	one := measure.MinSize().Height
	for row := 0; row < min(l.count, wrapRowsMax); row++ {
		r, ok := l.rowAt(row)
		if !ok {
			break
		}
		h := one
		for _, i := range wraps {
			measure.SetText(l.wrapped(i, l.cfg.Columns[i].Text(r)))
			h = max(h, measure.MinSize().Height)
		}
		l.table.SetRowHeight(row, h)
	}
}

// wrapped is the text of Wrap column i broken into lines of its width as Chinese is set (breakLines, as the
// dialogs' texts are): never a 。 alone at the start of a line, as Fyne's own wrapping left one.
func (l *recordList[R]) wrapped(i int, text string) string {
	th := l.table.Theme()
	width := l.sizes.widths[i] - 2*th.Size(theme.SizeNameInnerPadding)
	if width <= 0 {
		return text
	}
	size := th.Size(theme.SizeNameText)
	return breakLines(text, width, func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width })
}
