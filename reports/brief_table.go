package reports

import "strings"

// column is one column of a brief's table.
type column struct {
	header string
	width  float64 // mm; the widths of a table add up to the text width
	right  bool    // numbers are right-aligned
}

// table is a grid of text cells; rows listed in totals are 合计 rows.
type table struct {
	cols   []column
	rows   [][]string
	totals map[int]bool
	pt     float64 // the type size; 0 is tablePt (小四)
}

// size is the table's type size.
func (t table) size() float64 {
	if t.pt > 0 {
		return t.pt
	}
	return tablePt
}

const (
	cellPadX   = 1.5
	cellPadY   = 1.4
	cellLineMM = tablePt * mmPerPt * 1.3
	borderMM   = 0.2
)

// cellLines breaks the text of a cell to its column. A header too long for one line is first broken before
// its unit, so that "产值（万元）" becomes "产值" over "（万元）" rather than "产值（万" over "元）".
func (d *briefDoc) cellLines(text string, width float64, role FontRole) []string {
	return d.cellLinesAt(text, width, role, tablePt)
}

// cellLinesAt is cellLines for a table set at pt.
func (d *briefDoc) cellLinesAt(text string, width float64, role FontRole, pt float64) []string {
	width -= 2 * cellPadX
	if d.width(text, role, pt) > width {
		for _, open := range []string{"（", " ("} {
			if i := strings.Index(text, open); i > 0 {
				head := breakLines(strings.TrimSpace(text[:i]), width, d.measure(role, pt))
				unit := breakLines(strings.TrimSpace(text[i:]), width, d.measure(role, pt))
				return append(head, unit...)
			}
		}
	}
	return breakLines(text, width, d.measure(role, pt))
}

// cellRole is the font of a cell: headers and the label of a 合计 row in 黑体, the rest in the body font.
func cellRole(c column, total bool) FontRole {
	if total && !c.right {
		return RoleHeading
	}
	return RoleBody
}

// rowHeight is the height of the tallest cell of a row.
func (d *briefDoc) rowHeight(cells [][]string) float64 { return d.rowHeightAt(cells, tablePt) }

// rowHeightAt is rowHeight for a table set at pt.
func (d *briefDoc) rowHeightAt(cells [][]string, pt float64) float64 {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return float64(n)*lineMMAt(pt) + 2*padYAt(pt)
}

// padYAt is the space above and under a cell's lines at pt: cellPadY at tablePt, less in a smaller table.
func padYAt(pt float64) float64 {
	if pt == tablePt {
		return cellPadY
	}
	return cellPadY * pt / tablePt
}

// lineMMAt is the pitch of a cell's lines at pt: cellLineMM at tablePt, in proportion at another size.
func lineMMAt(pt float64) float64 {
	if pt == tablePt {
		return cellLineMM
	}
	return cellLineMM * pt / tablePt
}

// table sets a table: the header row is repeated at the top of each new page and a row is never split
// between pages. After the table the cursor returns to the line grid.
func (d *briefDoc) table(t table) { d.tableKeeping(t, 0) }

// tableWithNote sets a table and the note under it (注：金额单位…) so that the note never stands apart from its
// table: when the note does not fit under the table's last row, that row goes to the next page with it (under
// the table's header, repeated).
func (d *briefDoc) tableWithNote(t table, note string, st paragraphStyle) {
	h := 0.0
	for _, para := range strings.Split(note, "\n") {
		if st.indent {
			para = "\u3000\u3000" + para
		}
		h += float64(len(breakLines(para, textWidth, d.measure(st.role, st.size)))) * st.pitch
	}
	d.tableKeeping(t, h+linePitch) // a line more: the table ends by moving down to the grid
	d.paragraph(note, st)
}

// tableKeeping sets a table whose last row must have after millimetres free under it on its page. The last
// row never goes alone to a new page (a 合计 row apart from what it adds up): the row before it goes along; and
// a table does not start at a page's foot with room for its first row only.
func (d *briefDoc) tableKeeping(t table, after float64) {
	head := make([][]string, len(t.cols))
	for i, c := range t.cols {
		head[i] = d.cellLinesAt(c.header, c.width, RoleHeading, t.size())
	}
	headH := d.rowHeightAt(head, t.size())
	rows := make([][][]string, len(t.rows))
	heights := make([]float64, len(t.rows))
	for i, row := range t.rows {
		rows[i] = make([][]string, len(t.cols))
		for j, c := range t.cols {
			rows[i][j] = d.cellLinesAt(row[j], c.width, cellRole(c, t.totals[i]), t.size())
		}
		heights[i] = d.rowHeightAt(rows[i], t.size())
	}
	d.pdf.SetLineWidth(borderMM)
	d.pdf.SetDrawColor(0, 0, 0)
	last := len(t.rows) - 1
	for i := range t.rows {
		need := heights[i]
		switch {
		case i == last:
			need += after
		case i == last-1:
			need += heights[last] + after
		case i == 0:
			need += heights[1] // nor does the first start a table alone at a page's foot
		}
		if i == 0 || d.y+need > textBottom {
			d.ensure(headH + need) // a header alone at the foot of a page is no use
			d.drawRow(t.cols, head, headH, true, true, t.size())
		}
		d.drawRow(t.cols, rows[i], heights[i], false, t.totals[i], t.size())
	}
	d.snapToGrid()
}

// drawRow draws one row at the cursor, each cell's lines centred vertically. Header cells and the label of a
// 合计 row are centred, numbers right-aligned, other text left-aligned.
func (d *briefDoc) drawRow(cols []column, cells [][]string, h float64, header, total bool, pt float64) {
	lineMM := lineMMAt(pt)
	x := marginLeft
	for j, c := range cols {
		d.rect(x, d.y, c.width, h, "D")
		top := d.y + (h-float64(len(cells[j]))*lineMM)/2
		role := cellRole(c, total)
		if header {
			role = RoleHeading
		}
		for k, line := range cells[j] {
			w := d.width(line, role, pt)
			lx := x + cellPadX
			switch {
			case header || (total && !c.right):
				lx = x + (c.width-w)/2
			case c.right:
				lx = x + c.width - cellPadX - w
			}
			d.text(lx, baseline(top+float64(k)*lineMM, lineMM, pt), line, role, pt)
		}
		x += c.width
	}
	d.y += h
}
