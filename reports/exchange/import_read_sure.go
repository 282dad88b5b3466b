package exchange

import (
	"errors"
	"maps"
	"slices"

	"scitech/data"
)

// A cell the reader reads well may still be one the planner refuses without looking at the database: an empty
// required cell, a company code that fails its check. A million such rows (a workbook of shared strings made
// by another program, say) gave the reader no problem of its own, so it kept every row and the planner
// counted two million problems: 20 s and 542 MB. The reader counts these cells as it goes; past
// maxSureProblems in a sheet the workbook overflows as it does on the reader's own problems — its rows are let
// go and these cells are reported as the reader's, the first ones kept in order with the rest. Under that
// count they are left to the planner, which says them as it always has and counts them exactly.

// maxSureProblems is how many problems the planner is sure to find a sheet may hold before it overflows: far
// above the thousand shown, so that a file of some thousands of bad rows is still counted exactly.
const maxSureProblems = 100 * data.MaxImportIssues

// sureProblem is the planner's refusal of a value the reader read well, when it needs no database: nil for a
// value the planner may accept.
func sureProblem(f data.ExchangeField, v string) *data.Error {
	switch {
	case f.Info:
		return nil
	case v == "":
		if f.Required {
			return &data.Error{Code: data.Invalid, Key: "err.required", Args: map[string]any{}, Message: "is required"}
		}
	case f.Type == data.ExUSCC:
		if _, err := data.ValidateUSCC(v); err != nil {
			var de *data.Error
			if !errors.As(err, &de) {
				return &data.Error{Code: data.Invalid, Key: "err.invalid", Args: map[string]any{}, Message: err.Error()}
			}
			e := *de // the cell's file, sheet and cell go into arguments of its own
			e.Args = make(map[string]any, len(de.Args)+3)
			maps.Copy(e.Args, de.Args)
			return &e
		}
	}
	return nil
}

// sure notes a problem the planner is sure to find: kept aside while the sheet is under maxSureProblems, the
// reader's own once the sheet overflowed on them, and left to nobody once it overflowed on the reader's own
// problems (the file is refused on those; a plan would count these, and none is made).
func (r *sheetReader) sure(st *sheetState, rowNo int, c importColumn, key, raw string, e *data.Error) {
	switch {
	case st.sureOverflow && st.roomForIssue():
		st.issues = append(st.issues, r.cellIssue(st, rowNo, c, key, raw, e))
	case st.sureOverflow:
		st.more++
	case r.overflow:
	default:
		st.sures++
		if len(st.sure) < data.MaxImportIssues {
			st.sure = append(st.sure, r.cellIssue(st, rowNo, c, key, raw, e))
		}
	}
}

// takeSure makes the problems kept aside the reader's: merged with its own in the order of the sheet, the
// first data.MaxImportIssues kept and the rest counted.
func (st *sheetState) takeSure() {
	all := append(st.issues, st.sure...)
	slices.SortStableFunc(all, func(a, b data.ImportIssue) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		if len(a.Cell) != len(b.Cell) {
			return len(a.Cell) - len(b.Cell) // B7 before AA7
		}
		switch {
		case a.Cell < b.Cell:
			return -1
		case a.Cell > b.Cell:
			return 1
		}
		return 0
	})
	st.more += st.sures - len(st.sure)
	if len(all) > data.MaxImportIssues {
		st.more += len(all) - data.MaxImportIssues
		all = all[:data.MaxImportIssues]
	}
	st.issues, st.sure = all, nil
}
