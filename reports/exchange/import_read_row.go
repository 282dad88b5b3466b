package exchange

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"scitech/data"
)

// dataRow turns one row into an ImportRow: each mapped column's value in canonical form, or an issue for the
// cell, in which case the row comes back without that field so that later checks still see the rest.
func (r *sheetReader) dataRow(st *sheetState, rowNo int, cells []string) {
	if st.refused || emptyRow(cells) {
		return
	}
	k := st.kind
	if st.layout == nil {
		st.layout = &data.ImportLayout{}
		for _, c := range st.columns {
			st.layout.Fields = append(st.layout.Fields, k.sheet.Fields[c.field].Key)
			st.layout.Letters = append(st.layout.Letters, c.letter)
		}
	}
	n := len(st.columns)
	row := data.ImportRow{File: r.file, Sheet: st.ps.name, Kind: k.sheet.Kind, Row: rowNo, Layout: st.layout}
	if r.overflow {
		row.Vals = st.scratch(n) // read for its problems only: not kept
	} else {
		if len(st.slab) < n {
			st.slab = make([]string, n*slabRows) // the values of many rows in one allocation
		}
		row.Vals = st.slab[:n:n]
		st.slab = st.slab[n:]
	}
	for i, c := range st.columns {
		raw := ""
		if c.index < len(cells) {
			raw = r.visible(st, rowNo, c, cells[c.index])
		}
		f := k.sheet.Fields[c.field]
		v, err := r.value(k, c, raw)
		switch {
		case err == nil:
			row.Vals[i], row.Read = v, row.Read|1<<i
			if e := sureProblem(f, v); e != nil {
				r.sure(st, rowNo, c, f.Key, raw, e) // import_read_sure.go
			}
		case f.Info:
			row.Vals[i], row.Read = trimCell(raw), row.Read|1<<i // shown, never imported: as typed
		case !st.roomForIssue():
			st.more++ // counted, not kept: its message is never built
		default:
			st.issues = append(st.issues, r.cellIssue(st, rowNo, c, f.Key, raw, err))
		}
	}
	if !r.overflow && st.before+len(st.issues)+st.more > data.MaxImportIssues {
		r.overflow = true // more problems than are shown: the file cannot be imported, its rows are let go
		st.rows, st.slab = nil, nil
	}
	if !r.overflow && st.sures > maxSureProblems {
		r.overflow, st.sureOverflow = true, true
		st.takeSure()
		st.rows, st.slab = nil, nil
	}
	if !r.overflow {
		st.rows = append(st.rows, row)
	}
}

// cellIssue is the problem of one cell, naming its file, sheet and cell.
func (r *sheetReader) cellIssue(st *sheetState, rowNo int, c importColumn, key, raw string, err *data.Error) data.ImportIssue {
	ref := c.letter + strconv.Itoa(rowNo)
	err.Field = key
	err.Args["File"], err.Args["Sheet"], err.Args["Cell"] = fileBase(r.file), st.ps.name, ref
	err.Message = fmt.Sprintf("%s, sheet %s, cell %s: %s", fileBase(r.file), st.ps.name, ref, err.Message)
	return data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: rowNo, Cell: ref, Field: key, Value: data.ShownValue(raw), Err: err}
}

// scratch is room for the values of a row that is not kept.
func (st *sheetState) scratch(n int) []string {
	if cap(st.spare) < n {
		st.spare = make([]string, n)
	}
	return st.spare[:n]
}

// slabRows is how many rows' values one allocation holds.
const slabRows = 256

// maxCellRunes is the most characters an Excel cell holds. A longer cell was not typed in Excel; it is refused
// by the reader, which keeps its problem short (data.ShownValue), before the field's own check would keep the whole
// text as the value of a problem.
const maxCellRunes = 32767

// value normalises one cell by its field's type.
func (r *sheetReader) value(k *kindLabels, c importColumn, raw string) (string, *data.Error) {
	s := trimCell(raw)
	if s == "" {
		return "", nil
	}
	if len(s) > maxCellRunes && utf8.RuneCountInString(s) > maxCellRunes {
		return "", readErr("err.import.cell_too_long", fmt.Sprintf("holds more than the %d characters an Excel cell can", maxCellRunes),
			raw, "Max", maxCellRunes)
	}
	if excelErrors[s] {
		return "", readErr("err.import.formula_error", "is the error value of a formula", raw)
	}
	switch k.sheet.Fields[c.field].Type {
	case data.ExDate:
		return parseDate(s, r.plan.date1904)
	case data.ExWan:
		return parseAmount(s, c.unit, false)
	case data.ExSignedWan:
		return parseAmount(s, c.unit, true)
	case data.ExInt:
		return parseCount(s)
	case data.ExYear:
		return parseYear(s)
	case data.ExBool:
		return parseBool(s)
	case data.ExCode:
		return k.code(c.field, s, r.opt.Parks)
	case data.ExUSCC:
		return data.NormalizeUSCC(s), nil
	}
	return s, nil
}

// visible is a cell's text without the characters a record must not hold (data.StripHidden: control
// characters, _x0000_-style escapes of them, byte order marks, zero-width and bidirectional controls), with a
// warning naming the cell when it had any: the record gets the text its reader sees. The warning shows the
// text without them too: printed raw, an escape character or a bidirectional override would play on the
// terminal or the screen that shows it.
func (r *sheetReader) visible(st *sheetState, rowNo int, c importColumn, raw string) string {
	clean, removed := data.StripHidden(raw)
	if strings.ContainsRune(clean, utf8.RuneError) {
		r.lostCharacter(st, rowNo, c, clean)
	}
	if removed == nil {
		return raw
	}
	ref := c.letter + strconv.Itoa(rowNo)
	st.warn(data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: rowNo, Cell: ref, Field: st.kind.sheet.Fields[c.field].Key, Value: data.ShownValue(clean)},
		func() *data.Error {
			chars := strings.Join(removed, ", ")
			return &data.Error{Code: data.Invalid, Field: st.kind.sheet.Fields[c.field].Key, Key: "warn.import.hidden",
				Args:    map[string]any{"File": fileBase(r.file), "Sheet": st.ps.name, "Cell": ref, "Chars": chars},
				Message: fmt.Sprintf("%s, sheet %s, cell %s: invisible characters (%s) were removed", fileBase(r.file), st.ps.name, ref, chars)}
		})
	return clean
}

// lostCharacter warns of a cell holding U+FFFD, the mark a program leaves where it could not read or write a
// character (an escape of a lone surrogate such as _xD800_, text written in another encoding than declared).
func (r *sheetReader) lostCharacter(st *sheetState, rowNo int, c importColumn, text string) {
	ref := c.letter + strconv.Itoa(rowNo)
	key := st.kind.sheet.Fields[c.field].Key
	st.warn(data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: rowNo, Cell: ref, Field: key, Value: data.ShownValue(text)},
		func() *data.Error {
			return &data.Error{Code: data.Invalid, Field: key, Key: "warn.import.lost_character",
				Args:    map[string]any{"File": fileBase(r.file), "Sheet": st.ps.name, "Cell": ref},
				Message: fmt.Sprintf("%s, sheet %s, cell %s holds U+FFFD, the mark of a character lost", fileBase(r.file), st.ps.name, ref)}
		})
}
