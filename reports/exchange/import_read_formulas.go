package exchange

import (
	"fmt"
	"sort"
	"strconv"

	"scitech/data"
)

// A formula cell holds the value Excel computed when the file was last saved; the import reads that value,
// not the formula. It is usually right, but a formula over cells since changed without recalculation (a file
// made by a program, or saved with calculation off) gives a stale figure: each such value read is a warning
// naming the cell, so that someone looks at it.

// cellPos is a cell's row and column, 1-based.
type cellPos struct{ row, col int }

// cellList gathers cells of a sheet in the order they come, keeping the first maxMarkedCells and counting
// the rest.
type cellList[T any] struct {
	cells []T
	more  int
}

const maxMarkedCells = 1 << 20

func (l *cellList[T]) add(c T) {
	if len(l.cells) >= maxMarkedCells {
		l.more++
		return
	}
	l.cells = append(l.cells, c)
}

// formulaList is the formula cells of a sheet (16 bytes each).
type formulaList = cellList[cellPos]

// sheetMarks are the cells of a sheet whose value is not what it looks like read alone: formulas (their
// cached value) and logical cells (TRUE and FALSE, read as 1 and 0). Both readers note them as they read.
type sheetMarks struct {
	formulas formulaList
	logicals logicalList
}

// formulaWarnings warns of each formula cell whose value was read into a data row's field. Formulas beyond
// those kept are counted as warnings, without knowing their columns.
func (r *sheetReader) formulaWarnings(st *sheetState, fl formulaList) {
	if st.refused || len(st.rows) == 0 {
		return
	}
	field := st.columnAt()
	for _, p := range fl.cells {
		i, ok := field[p.col-1]
		if !ok || p.row <= st.header {
			continue
		}
		row := st.rowAt(p.row)
		if row == nil || row.Read&(1<<i) == 0 {
			continue
		}
		c := st.columns[i]
		ref := c.letter + strconv.Itoa(p.row)
		key := st.kind.sheet.Fields[c.field].Key
		if row.Vals[i] == "" {
			r.formulaWithoutValue(st, row, i, ref, key)
			continue
		}
		shown := data.ShownValue(row.Vals[i])
		st.warn(data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: p.row, Cell: ref, Field: key, Value: shown},
			func() *data.Error {
				return &data.Error{Code: data.Invalid, Field: key, Key: "warn.import.formula",
					Args:    map[string]any{"File": fileBase(r.file), "Sheet": st.ps.name, "Cell": ref, "Value": shown},
					Message: fmt.Sprintf("%s, sheet %s, cell %s holds a formula: the value it had when the file was last saved was read", fileBase(r.file), st.ps.name, ref)}
			})
	}
	st.moreWarnings += fl.more
}

// columnAt maps a 0-based sheet column to its index among the sheet's columns.
func (st *sheetState) columnAt() map[int]int {
	field := make(map[int]int, len(st.columns))
	for i, c := range st.columns {
		field[c.index] = i
	}
	return field
}

// rowAt is the data row kept with the given number, nil when none is.
func (st *sheetState) rowAt(n int) *data.ImportRow {
	k := sort.Search(len(st.rows), func(j int) bool { return st.rows[j].Row >= n })
	if k == len(st.rows) || st.rows[k].Row != n {
		return nil
	}
	return &st.rows[k]
}

// formulaWithoutValue refuses a formula cell with no value saved (openpyxl and excelize write formulas so, and
// leave the computing to Excel): read as empty, its field would be stored as nothing or 0.
func (r *sheetReader) formulaWithoutValue(st *sheetState, row *data.ImportRow, i int, ref, key string) {
	row.Read &^= 1 << i
	if !st.roomForIssue() {
		st.more++
		return
	}
	st.issues = append(st.issues, data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: row.Row, Cell: ref, Field: key,
		Err: &data.Error{Code: data.Invalid, Field: key, Key: "err.import.formula_no_value",
			Args:    map[string]any{"File": fileBase(r.file), "Sheet": st.ps.name, "Cell": ref},
			Message: fmt.Sprintf("%s, sheet %s, cell %s holds a formula with no value saved", fileBase(r.file), st.ps.name, ref)}})
}
