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
// one statement whatever their number: INSERT … SELECT * FROM unnest($1::bigint[], $2::text[], …), one
// argument an array per column, which pgx sends in binary. A multi-row INSERT … VALUES binds rows × columns
// parameters, which the client encodes and the server parses one by one (an import's batch of 256 output rows
// is 4,096 of them); the arrays are one each, and the statement's text is the same for any number of rows, so
// that it is prepared once. The rows go through the same INSERT as before: the triggers (the change history's
// statement triggers, the foreign keys' row checks) fire as they did. returning, when not "", is the
// statement's RETURNING list.
//
// cols are the table's columns as Columns describes them, in the order of the rows' values. A value that does
// not fit its column's storage class (a text for an INTEGER column) is an error: the caller then inserts those
// rows as it did before, with the server's own conversions.
func (d *Dialect) BulkInsert(table string, cols []dialect.Column, rows [][]any, returning string) (string, []any, error) {
	var q strings.Builder
	q.WriteString("INSERT INTO " + table + " (")
	for i, c := range cols {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(c.Name)
	}
	q.WriteString(") SELECT * FROM unnest(")
	args := make([]any, len(cols))
	for i, c := range cols {
		typ, arg, err := columnArray(c, i, rows)
		if err != nil {
			return "", nil, err
		}
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("$" + strconv.Itoa(i+1) + "::" + typ + "[]")
		args[i] = arg
	}
	q.WriteString(")")
	if returning != "" {
		q.WriteString(" RETURNING " + returning)
	}
	return q.String(), args, nil
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
