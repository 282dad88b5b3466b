package data

import (
	"strings"

	"scitech/data/dialect"
)

// nullableSorts are the list sort expressions that may be NULL: a company outside any park (its park's name
// through a LEFT JOIN), a missing founding day or certificate, a cooperation still going on, a patent not
// granted. SQLite puts NULLs first in ascending order and last in descending; PostgreSQL does the opposite.
var nullableSorts = map[string]bool{
	"p.name" + collatePinyin: true,
	"c.founded":              true,
	"c.cert_expires":         true,
	"co.ended":               true,
	"t.granted":              true,
}

// orderDir is the direction of a list's ORDER BY term on expr. For an expression that may be NULL it says
// where the NULLs go, as SQLite puts them, so that a list reads the same on every database; for one that
// cannot be NULL it says nothing more, so that PostgreSQL still walks the column's plain index (an index
// serves an ORDER BY only with its own NULLs order). On SQLite both spellings are the default and the plan
// is the same.
func orderDir(expr string, desc bool) string {
	switch {
	case desc && nullableSorts[expr]:
		return " DESC NULLS LAST"
	case desc:
		return " DESC"
	case nullableSorts[expr]:
		return " ASC NULLS FIRST"
	}
	return " ASC"
}

// containsSQL is a list search's condition: true when any of cols contains the text of its pattern argument
// (one argument a column, made by coopLike, incubateLike or the like, with LIKE's wildcards escaped), ASCII
// letters in either case, as SQLite's LIKE matches them: the dialect's word for that (ILIKE on the server,
// where LIKE tells case).
func containsSQL(d dialect.Dialect, cols ...string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " " + d.Like() + ` ? ESCAPE '\'`
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}
