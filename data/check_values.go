package data

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	sqlitedriver "modernc.org/sqlite"
)

// Values a database cannot hold (issue 19, A19's D11). SQLite keeps any value in any column (the tables are not
// STRICT), so a desk's file edited by hand or damaged may hold text in a column of whole numbers, text that is
// not UTF-8, or an amount far beyond any the program takes; the server refuses the first two, and the third
// overflows the figures' sums on either. Check names such values (table, row, column), and the copier refuses
// them, naming the same, before the server's own refusal would say only "internal error".

// valueKind is what a column holds, from its declared type.
type valueKind int

const (
	anyValue valueKind = iota // a type the checks leave alone
	integerValue
	realValue
	textValue
	bytesValue
)

// kindOfType reads a declared type as SQLite's affinity rules do (INT, then CHAR/CLOB/TEXT, BLOB, REAL/FLOA/DOUB),
// and the server's bigint, text and bytea.
func kindOfType(typ string) valueKind {
	t := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "INT"):
		return integerValue
	case strings.Contains(t, "CHAR"), strings.Contains(t, "CLOB"), strings.Contains(t, "TEXT"):
		return textValue
	case strings.Contains(t, "BLOB"), strings.Contains(t, "BYTEA"):
		return bytesValue
	case strings.Contains(t, "REAL"), strings.Contains(t, "FLOA"), strings.Contains(t, "DOUB"):
		return realValue
	}
	return anyValue
}

// amountColumns are the columns holding amounts in yuan (read as Yuan): at most MaxYuan each, as every form and
// import takes them, so that the figures' sums over a district cannot overflow.
var amountColumns = map[string][]string{
	"annual_output":    {"output", "added_value", "revenue", "rd_expense", "total_income", "hightech_income", "rd_domestic"},
	"declared_figures": {"revenue", "rd_expense", "total_income", "hightech_income", "rd_domestic"},
	"park_project":     {"investment"},
	"company_fact":     {"amount"},
}

func isAmount(table, column string) bool {
	for _, c := range amountColumns[table] {
		if c == column {
			return true
		}
	}
	return false
}

// The reasons a value is refused, the Reason of check.bad_value and err.transfer.value.
const (
	reasonNotInteger = "not_integer" // text, a fraction or bytes in a column of whole numbers
	reasonNotNumber  = "not_number"  // text or bytes in a column of numbers
	reasonNotUTF8    = "not_utf8"    // text that is not UTF-8, or holds a NUL character
	reasonAmount     = "amount"      // an amount above MaxYuan or below -MaxYuan
)

// badValue says why a value read from a database cannot go into a column of kind k of table (an amount column
// when isAmount), or "" when it can.
func badValue(k valueKind, table, column string, v any) string {
	switch k {
	case integerValue:
		switch v := v.(type) {
		case nil, bool:
		case int64:
			if isAmount(table, column) && (v > int64(MaxYuan) || v < -int64(MaxYuan)) {
				return reasonAmount
			}
		default:
			return reasonNotInteger
		}
	case realValue:
		switch v.(type) {
		case nil, int64, float64:
		default:
			return reasonNotNumber
		}
	case textValue:
		switch v := v.(type) {
		case string:
			if !textOK(v) {
				return reasonNotUTF8
			}
		case []byte:
			if !textOK(string(v)) {
				return reasonNotUTF8
			}
		}
	}
	return ""
}

// textOK is whether the text is UTF-8 without NUL characters, as the server's text must be.
func textOK(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// textOKFunction is utf8.ValidString for SQLite's SQL (check): 1 for NULL, non-text and UTF-8 text, 0 for other
// text. (The text a function is given ends at a NUL character: check finds those with instr.)
const textOKFunction = "scitech_text_ok"

func init() {
	sqlitedriver.MustRegisterDeterministicScalarFunction(textOKFunction, 1,
		func(_ *sqlitedriver.FunctionContext, args []driver.Value) (driver.Value, error) {
			if s, ok := args[0].(string); ok && !utf8.ValidString(s) {
				return int64(0), nil
			}
			return int64(1), nil
		})
}

// valueProblem is check's problem of a value a database cannot hold.
func valueProblem(table string, id int64, column, reason string) Problem {
	return Problem{Kind: "bad_value", Entity: table, ID: id,
		Args:    map[string]any{"Table": table, "ID": id, "Column": column, "Reason": reason, "Max": MaxYuan.WanInput()},
		Message: fmt.Sprintf("%s %d, column %s: %s", table, id, column, reasonText(reason))}
}

func reasonText(reason string) string {
	switch reason {
	case reasonNotInteger:
		return "holds something other than a whole number"
	case reasonNotNumber:
		return "holds something other than a number"
	case reasonNotUTF8:
		return "holds text that is not UTF-8 (or holds a NUL character)"
	case reasonAmount:
		return "holds an amount above " + MaxYuan.WanInput() + " 万元"
	}
	return reason
}

// checkValues lists the values no database of the program can hold: on a file, those of the wrong type for
// their column and text that is not UTF-8; on both, amounts beyond MaxYuan. One query a table, reading each row
// once.
func (s *Store) checkValues(ctx context.Context) ([]Problem, error) {
	tables, err := tableNames(ctx, s, s.db)
	if err != nil {
		return nil, internal(err, "cannot read the tables to check")
	}
	var out []Problem
	for _, table := range sortedNames(tables) {
		cols, err := s.d.Columns(ctx, s.db, table)
		if err != nil {
			return nil, internal(err, "cannot read the columns of "+table)
		}
		var whens, conds []string
		for _, c := range cols {
			col := quoteIdent(c.Name)
			var bad []string
			k := kindOfType(c.Type)
			if !s.Server() {
				switch k {
				case integerValue:
					bad = append(bad, fmt.Sprintf("typeof(%s) NOT IN ('integer', 'null')", col))
				case realValue:
					bad = append(bad, fmt.Sprintf("typeof(%s) NOT IN ('integer', 'real', 'null')", col))
				case textValue:
					bad = append(bad, fmt.Sprintf("(%s(%s) = 0 OR instr(CAST(%s AS BLOB), x'00') > 0)", textOKFunction, col, col))
				}
			}
			reasons := []string{map[valueKind]string{integerValue: reasonNotInteger, realValue: reasonNotNumber, textValue: reasonNotUTF8}[k]}
			if k == integerValue && isAmount(table, c.Name) {
				bad = append(bad, fmt.Sprintf("abs(%s) > %d", col, int64(MaxYuan)))
				reasons = append(reasons, reasonAmount)
				if s.Server() {
					reasons = reasons[1:]
				}
			}
			for i, b := range bad {
				whens = append(whens, fmt.Sprintf("WHEN %s THEN '%s %s'", b, c.Name, reasons[i]))
				conds = append(conds, b)
			}
		}
		if len(conds) == 0 {
			continue
		}
		rows, err := s.db.QueryContext(ctx, `SELECT `+s.d.RowID()+`, CASE `+strings.Join(whens, " ")+` END FROM `+
			quoteIdent(table)+` WHERE `+strings.Join(conds, " OR ")+` ORDER BY 1 LIMIT `+fmt.Sprint(checkLimit))
		if err != nil {
			return nil, internal(err, "cannot check the values of "+table)
		}
		for rows.Next() {
			var id int64
			var what string
			if err := rows.Scan(&id, &what); err != nil {
				rows.Close()
				return nil, internal(err, "cannot check the values of "+table)
			}
			column, reason, _ := strings.Cut(what, " ")
			out = append(out, valueProblem(table, id, column, reason))
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal(err, "cannot check the values of "+table)
		}
	}
	return out, nil
}

func sortedNames(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// valueError is the copier's refusal of a value the target cannot hold (or that would overflow the figures),
// naming the source, the table, the row (its id) and the column; nothing is written.
func valueError(from *Store, table, row, column, reason string) error {
	return &Error{Code: Invalid, Key: "err.transfer.value",
		Args: map[string]any{"From": from.Name(), "Table": table, "ID": row, "Column": column, "Reason": reason,
			"Max": MaxYuan.WanInput()},
		Message: fmt.Sprintf("%s: %s %s, column %s %s: no database of the program can hold it; nothing was copied (scitech check lists every such value)",
			from.Name(), table, row, column, reasonText(reason))}
}
