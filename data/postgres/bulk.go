package postgres

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"

	"scitech/data/dialect"
)

// BulkInsert is the statement and arguments that insert rows (their values in the order of cols) into table in
// one statement whatever their number: INSERT … SELECT u.c1, … FROM unnest($1::bigint[], $2::text[], …) AS u,
// one argument an array per column, which pgx sends in binary. A multi-row INSERT … VALUES binds rows × columns
// parameters, which the client encodes and the server parses one by one (an import's batch of 256 output rows
// is 4,096 of them); the arrays are one each. A column that holds the same value in every row (an import's
// audit rows share their time, operator, action and import; a policy figure a file lacks is NULL in all) is one
// scalar parameter instead: an audit batch of 4,096 rows then sends two arrays of its eight columns, which
// the client encodes and the server unpacks in about half the time (data/import_apply.go measures the apply).
// The statement's text thus depends only on which columns are alike, not on the number of rows, so that an
// import prepares a few. The rows go through the same INSERT as before: the triggers (the change history's
// statement triggers, the foreign keys' row checks) fire as they did. returning, when not "", is the
// statement's RETURNING list.
//
// cols are the table's columns as Columns describes them, in the order of the rows' values. A value that does
// not fit its column's storage class (a text for an INTEGER column) is an error: the caller then inserts those
// rows as it did before, with the server's own conversions.
func (d *Dialect) BulkInsert(table string, cols []dialect.Column, rows [][]any, returning string) (string, []any, error) {
	names, sel := make([]string, len(cols)), make([]string, len(cols))
	var arrays, aliases []string
	args := make([]any, 0, len(cols))
	for i, c := range cols {
		names[i] = c.Name
		// The first column is always an array, so that unnest has one.
		if v, same := sameValue(c, i, rows); same && i > 0 {
			typ, _ := serverType(c)
			args = append(args, v)
			sel[i] = "$" + strconv.Itoa(len(args)) + "::" + typ
			continue
		}
		typ, arg, err := columnArray(c, i, rows)
		if err != nil {
			return "", nil, err
		}
		args = append(args, arg)
		arrays = append(arrays, "$"+strconv.Itoa(len(args))+"::"+typ+"[]")
		aliases = append(aliases, "c"+strconv.Itoa(i))
		sel[i] = "u.c" + strconv.Itoa(i)
	}
	q := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") SELECT " + strings.Join(sel, ", ") +
		" FROM unnest(" + strings.Join(arrays, ", ") + ") AS u(" + strings.Join(aliases, ", ") + ")"
	if returning != "" {
		q += " RETURNING " + returning
	}
	return q, args, nil
}

// sameValue is the value every row holds at index i, as column c's parameter, when they all hold the same one
// (NULL included); same is false when two differ, and for a value that does not suit the column (columnArray
// then says what is wrong) or a BLOB (never compared).
func sameValue(c dialect.Column, i int, rows [][]any) (v any, same bool) {
	for k, r := range rows {
		x, err := value(r[i])
		if err != nil {
			return nil, false
		}
		if x != nil {
			switch y := x.(type) {
			case int64:
				same = c.Type == "INTEGER" || c.Type == "REAL"
				if c.Type == "REAL" {
					x = float64(y)
				}
			case bool:
				same, x = c.Type == "INTEGER", boolInt(y)
			case string:
				same = c.Type == "TEXT"
			case float64:
				same = c.Type == "REAL"
			default:
				same = false
			}
			if !same {
				return nil, false
			}
		}
		if k == 0 {
			v = x
		} else if x != v {
			return nil, false
		}
	}
	return v, len(rows) > 0
}

// serverType is the server's type of the values of column c, by its storage class.
func serverType(c dialect.Column) (string, error) {
	switch c.Type {
	case "INTEGER":
		return "bigint", nil
	case "TEXT":
		return "text", nil
	case "REAL":
		return "double precision", nil
	case "BLOB":
		return "bytea", nil
	}
	return "", fmt.Errorf("column %s: type %s", c.Name, c.Type)
}

// columnArray is the server's type of column c and the array of the values rows hold at index i, invalid
// elements for NULLs: pgtype's flat arrays of its own element types, which pgx encodes without reflection.
func columnArray(c dialect.Column, i int, rows [][]any) (string, any, error) {
	switch c.Type {
	case "INTEGER":
		out, err := fill(c, i, rows, func(v any) (pgtype.Int8, bool) {
			switch v := v.(type) {
			case int64:
				return pgtype.Int8{Int64: v, Valid: true}, true
			case bool:
				return pgtype.Int8{Int64: boolInt(v), Valid: true}, true
			}
			return pgtype.Int8{}, false
		})
		return "bigint", pgtype.FlatArray[pgtype.Int8](out), err
	case "TEXT":
		out, err := fill(c, i, rows, func(v any) (pgtype.Text, bool) {
			s, ok := v.(string)
			return pgtype.Text{String: s, Valid: ok}, ok
		})
		return "text", pgtype.FlatArray[pgtype.Text](out), err
	case "REAL":
		out, err := fill(c, i, rows, func(v any) (pgtype.Float8, bool) {
			switch v := v.(type) {
			case float64:
				return pgtype.Float8{Float64: v, Valid: true}, true
			case int64:
				return pgtype.Float8{Float64: float64(v), Valid: true}, true
			}
			return pgtype.Float8{}, false
		})
		return "double precision", pgtype.FlatArray[pgtype.Float8](out), err
	case "BLOB":
		out, err := fill(c, i, rows, func(v any) ([]byte, bool) {
			b, ok := v.([]byte)
			return b, ok
		})
		return "bytea", out, err
	}
	return "", nil, fmt.Errorf("column %s: type %s", c.Name, c.Type)
}

// fill is the column at index i of rows as elements of T, each value converted by conv; a NULL is T's zero
// value (an invalid element), a value conv does not take an error naming the column.
func fill[T any](c dialect.Column, i int, rows [][]any, conv func(any) (T, bool)) ([]T, error) {
	out := make([]T, len(rows))
	for k, r := range rows {
		v, err := value(r[i])
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue
		}
		e, ok := conv(v)
		if !ok {
			return nil, fmt.Errorf("column %s (%s): a value of type %T", c.Name, c.Type, v)
		}
		out[k] = e
	}
	return out, nil
}

// value is v as database/sql hands it to a driver: a Valuer's value, a named integer or text type as int64
// or string.
func value(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	return driver.DefaultParameterConverter.ConvertValue(v)
}
