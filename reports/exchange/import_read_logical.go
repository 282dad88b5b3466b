package exchange

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// A logical cell (<c t="b"><v>1</v></c>) is TRUE or FALSE in Excel and 1 or 0 in its XML, which is what the
// readers read, raw: in an amount or count column it would be imported as 1 (万元, person) where the sheet
// shows TRUE. Both readers note the logical cells as they read them; one read into any field but a yes/no
// field is a problem naming the cell. In a yes/no field its 1 or 0 reads as 是 or 否.

// logicalCell is a logical cell and its value as Excel shows it.
type logicalCell struct {
	cellPos
	shown string // TRUE, FALSE, or (in a damaged file) a value that is neither 1 nor 0, cut short
}

// logicalList is the logical cells of a sheet with a value (32 bytes each).
type logicalList = cellList[logicalCell]

// noteLogical notes the logical cell at row and col whose value is v, unless v is blank: a blank value is read
// as an empty cell.
func noteLogical(l *logicalList, row, col int, v string) {
	shown := strings.TrimSpace(v)
	if shown == "" {
		return
	}
	switch shown {
	case "1":
		shown = "TRUE"
	case "0":
		shown = "FALSE"
	default:
		shown = cutShown(shown)
	}
	l.add(logicalCell{cellPos{row, col}, shown})
}

// cutShown keeps the first 20 bytes of a value shown in a problem (whole characters), in a copy of its own:
// the cell's value it is cut from may be long, and is not to be held for its sake.
func cutShown(s string) string {
	if len(s) <= 20 {
		return strings.Clone(s)
	}
	n := 20
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.Clone(s[:n]) + "…"
}

// logicalProblems refuses each logical cell read into a field that is not yes or no. It runs before
// formulaWarnings, while the sheet's cell problems are still in row order: a cell whose 1 or 0 was refused
// already (not a year, not a known park) is given this reason instead, the one that says what the cell is.
// Logical cells beyond those kept, whose columns are unknown, are counted as problems: a cell not checked is
// not let through.
func (r *sheetReader) logicalProblems(st *sheetState, ll logicalList) {
	if st.refused {
		return
	}
	field := st.columnAt()
	earlier := len(st.issues)
	for _, c := range ll.cells {
		i, ok := field[c.col-1]
		if !ok || c.row <= st.header {
			continue
		}
		f := st.kind.sheet.Fields[st.columns[i].field]
		if f.Type == data.ExBool || f.Info {
			continue // read as 是 or 否; or shown beside the record, never imported
		}
		ref := st.columns[i].letter + strconv.Itoa(c.row)
		err := r.logicalErr(st, ref, c.shown, f)
		row := st.rowAt(c.row)
		switch {
		case row != nil && row.Read&(1<<i) != 0:
			row.Read &^= 1 << i
			if !st.roomForIssue() {
				st.more++
				continue
			}
			st.issues = append(st.issues, data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: c.row, Cell: ref,
				Field: f.Key, Value: c.shown, Err: err})
		default:
			if is := issueAt(st.issues[:earlier], c.row, ref); is != nil {
				is.Value, is.Err = c.shown, err
			}
		}
	}
	st.more += ll.more
	if len(st.issues) > earlier && earlier > 0 {
		inOrder(st.issues)
	}
}

// inOrder puts a sheet's cell problems in the order of their cells, row by row.
func inOrder(issues []data.ImportIssue) {
	col := func(is data.ImportIssue) int {
		c, _, _ := excelize.CellNameToCoordinates(is.Cell)
		return c
	}
	sort.SliceStable(issues, func(i, j int) bool {
		if issues[i].Row != issues[j].Row {
			return issues[i].Row < issues[j].Row
		}
		return col(issues[i]) < col(issues[j])
	})
}

// issueAt is the problem of a cell among problems in row order, nil when none is kept.
func issueAt(issues []data.ImportIssue, row int, ref string) *data.ImportIssue {
	for k := sort.Search(len(issues), func(j int) bool { return issues[j].Row >= row }); k < len(issues) && issues[k].Row == row; k++ {
		if issues[k].Cell == ref {
			return &issues[k]
		}
	}
	return nil
}

// logicalErr says that a cell is a logical value, not what its field holds.
func (r *sheetReader) logicalErr(st *sheetState, ref, shown string, f data.ExchangeField) *data.Error {
	key, what := "err.import.logical_text", "text"
	switch f.Type {
	case data.ExWan, data.ExSignedWan, data.ExInt, data.ExYear:
		key, what = "err.import.logical_number", "number"
	case data.ExDate:
		key, what = "err.import.logical_date", "date"
	}
	return &data.Error{Code: data.Invalid, Field: f.Key, Key: key,
		Args:    map[string]any{"File": fileBase(r.file), "Sheet": st.ps.name, "Cell": ref, "Value": shown},
		Message: fmt.Sprintf("%s, sheet %s, cell %s is %s, a logical value, not a %s", fileBase(r.file), st.ps.name, ref, shown, what)}
}
