package reports

import (
	"fmt"
	"strconv"
	"strings"

	"scitech/data"
)

// dataRow turns one row into an ImportRow: each mapped column's value in canonical form, or an issue for the
// cell, in which case the row comes back without that field so that later checks still see the rest.
func (r *sheetReader) dataRow(st *sheetState, rowNo int, cells []string) {
	if st.refused || emptyRow(cells) {
		return
	}
	k := st.kind
	row := data.ImportRow{File: r.file, Sheet: st.ps.name, Kind: k.sheet.Kind, Row: rowNo,
		Values: make(map[string]string, len(st.columns)), Cells: make(map[string]string, len(st.columns))}
	refs := rowRefs(st.refs[:0], st.columns, rowNo)
	st.refs = refs
	for i, c := range st.columns {
		raw := ""
		if c.index < len(cells) {
			raw = cells[c.index]
		}
		f := k.sheet.Fields[c.field]
		ref := refs[i]
		row.Cells[f.Key] = ref
		v, err := r.value(k, c, raw)
		switch {
		case err == nil:
			row.Values[f.Key] = v
		case f.Info:
			row.Values[f.Key] = trimCell(raw) // shown, never imported: as typed
		default:
			err.Field = f.Key
			err.Args["File"], err.Args["Sheet"], err.Args["Cell"] = fileBase(r.file), st.ps.name, ref
			err.Message = fmt.Sprintf("%s, sheet %s, cell %s: %s", fileBase(r.file), st.ps.name, ref, err.Message)
			st.issues = append(st.issues, data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: rowNo, Cell: ref,
				Field: f.Key, Value: raw, Err: err})
		}
	}
	st.rows = append(st.rows, row)
}

// value normalises one cell by its field's type.
func (r *sheetReader) value(k *kindLabels, c importColumn, raw string) (string, *data.Error) {
	s := trimCell(raw)
	if s == "" {
		return "", nil
	}
	if excelErrors[s] {
		return "", readErr("err.import.formula_error", "is the error value of a formula", raw)
	}
	switch k.sheet.Fields[c.field].Type {
	case data.ExDate:
		return parseDate(s, r.plan.date1904)
	case data.ExWan:
		return parseAmount(s, c.unit)
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

// rowRefs names the row's cells of the mapped columns ("C7"), as substrings of one string: one allocation a row
// rather than one a cell.
func rowRefs(refs []string, columns []importColumn, rowNo int) []string {
	num := strconv.Itoa(rowNo)
	n := 0
	for _, c := range columns {
		n += len(c.letter) + len(num)
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range columns {
		b.WriteString(c.letter)
		b.WriteString(num)
	}
	all, at := b.String(), 0
	for _, c := range columns {
		refs = append(refs, all[at:at+len(c.letter)+len(num)])
		at += len(c.letter) + len(num)
	}
	return refs
}
