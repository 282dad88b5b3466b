package sqlite

import (
	"fmt"
	"slices"
	"strings"
)

// RowID is SQLite's rowid: every tracked table has one, setting's being its only row identity.
func (d *Dialect) RowID() string { return "rowid" }

// HiddenRowID is rowid.
func (d *Dialect) HiddenRowID() string { return "rowid" }

// RowJSON is json_object over the columns, in their order, as the change triggers of 0006 write a row.
func (d *Dialect) RowJSON(alias string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = "'" + c + "', " + qualified(alias, c)
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// JSONField is json_extract, which gives a JSON number as an integer or real and a string as text: SQLite's
// columns take what they are given, so typ is not needed.
func (d *Dialect) JSONField(json, key, typ string) string {
	return "json_extract(" + json + ", '$." + key + "')"
}

// InJSONTexts reads the array with json_each.
func (d *Dialect) InJSONTexts() string { return " IN (SELECT value FROM json_each(?))" }

// JSONIDs reads the array with json_each, whose key is an element's position.
func (d *Dialect) JSONIDs() (from, id, position string) { return "json_each(?) k", "k.value", "k.key" }

// Like is SQLite's LIKE, which folds the case of ASCII letters only.
func (d *Dialect) Like() string { return "LIKE" }

// PatentValidUntil is the expression of index patent_valid_until (migration 0007): the end of the patent's
// term (PatentTermEnds), or the day before the status date of an ending status, whichever is first, but never
// before the day before its grant (NULL when it is not granted). SQLite matches an index's expression by its
// parsed form, not its spacing, so this text composed of the same parts still reads the index
// (TestPatentValidCountUsesIndexes checks the plan).
func (d *Dialect) PatentValidUntil(alias string, ending []string) string {
	term := d.PatentTermEnds("")
	return qualify(alias, `max(date(granted, '-1 day'), CASE
        WHEN legal_status IN ('`+strings.Join(ending, "', '")+`')
        THEN min(date(status_date, '-1 day'), `+term+`)
        ELSE `+term+` END)`)
}

// PatentTermEnds is the day before the filing date's anniversary: 20 years for an invention, 15 for a design
// filed from 2021-06-01 (the Patent Law of 2020), 10 for the others.
func (d *Dialect) PatentTermEnds(alias string) string {
	return qualify(alias, `date(filed, CASE
			WHEN kind = 'invention' THEN '+20 years'
			WHEN kind = 'design' AND filed >= '2021-06-01' THEN '+15 years'
			ELSE '+10 years' END, '-1 day')`)
}

// AddYears is date(expr, '+N years').
func (d *Dialect) AddYears(expr string, years int) string {
	return fmt.Sprintf("date(%s, '%+d years')", expr, years)
}

func qualified(alias, col string) string {
	if alias == "" {
		return col
	}
	return alias + "." + col
}

// patentColumns are the patent columns the patent fragments name.
var patentColumns = []string{"granted", "legal_status", "status_date", "filed", "kind"}

// qualify puts alias before the patent columns of expr (none when alias is "", as in the index): every
// whole identifier outside a string literal that is one of them.
func qualify(alias, expr string) string {
	if alias == "" {
		return expr
	}
	var b strings.Builder
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(expr[i+1:], '\'')
			if j < 0 {
				b.WriteString(expr[i:])
				return b.String()
			}
			b.WriteString(expr[i : i+j+2])
			i += j + 2
		case isWordByte(c) && !('0' <= c && c <= '9'):
			j := i
			for j < len(expr) && isWordByte(expr[j]) {
				j++
			}
			if w := expr[i:j]; slices.Contains(patentColumns, w) {
				b.WriteString(alias + ".")
			}
			b.WriteString(expr[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// NotIndexed is +expr: SQLite then does not read the column's index for the term, which steers its planner to
// another index of the query.
func (d *Dialect) NotIndexed(expr string) string { return "+" + expr }

// Decimal is printf('%.Nf', expr).
func (d *Dialect) Decimal(expr string, places int) string {
	return fmt.Sprintf("printf('%%.%df', %s)", places, expr)
}
