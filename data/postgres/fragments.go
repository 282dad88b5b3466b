package postgres

import (
	"fmt"
	"strings"
)

// RowID is id: every tracked table has one on the server (setting's an identity column beside its key).
func (d *Dialect) RowID() string { return "id" }

// HiddenRowID is "": a server's row has no identity but its columns.
func (d *Dialect) HiddenRowID() string { return "" }

// RowJSON is row_to_json of the row, as the change triggers of 0006 write it: every column in table order,
// so cols are not needed.
func (d *Dialect) RowJSON(alias string, cols []string) string {
	return "row_to_json(" + alias + ")::text"
}

// JSONField is ->> on the text cast to json, cast to the column's type: the server does not take text for a
// bigint column as SQLite does.
func (d *Dialect) JSONField(json, key, typ string) string {
	field := "(" + json + "::json ->> '" + key + "')"
	switch strings.ToUpper(typ) {
	case "INTEGER":
		return field + "::bigint"
	case "REAL":
		return field + "::double precision"
	}
	return field
}

// InJSONTexts reads the array with json_array_elements_text.
func (d *Dialect) InJSONTexts() string { return " IN (SELECT json_array_elements_text(?::json))" }

// JSONIDs reads the array with json_array_elements_text WITH ORDINALITY.
func (d *Dialect) JSONIDs() (from, id, position string) {
	return "json_array_elements_text(?::json) WITH ORDINALITY k(value, n)", "k.value::bigint", "k.n"
}

// Like is ILIKE: on text COLLATE "C", as every text column of the server's tables is, it folds the case of ASCII
// letters only, as SQLite's LIKE does.
func (d *Dialect) Like() string { return "ILIKE" }

// PatentValidUntil is scitech_patent_valid_until (migration 0007), the expression of index patent_valid_until.
// The function has the ending statuses written in (TestPatentValidUntilIsSQLites holds it to SQLite's
// expression), so ending is not needed.
func (d *Dialect) PatentValidUntil(alias string, ending []string) string {
	p := prefix(alias)
	return fmt.Sprintf("scitech_patent_valid_until(%sgranted, %slegal_status, %sstatus_date, %sfiled, %skind)", p, p, p, p, p)
}

// PatentTermEnds is the day before the filing date's anniversary (scitech_date_add of 0007): 20 years for an
// invention, 15 for a design filed from 2021-06-01, 10 for the others.
func (d *Dialect) PatentTermEnds(alias string) string {
	p := prefix(alias)
	return fmt.Sprintf(`scitech_date_add(%[1]sfiled, CASE
			WHEN %[1]skind = 'invention' THEN 20
			WHEN %[1]skind = 'design' AND %[1]sfiled >= '2021-06-01' THEN 15
			ELSE 10 END, -1)`, p)
}

// AddYears is scitech_date_add(expr, years, 0): 29 February plus a year without one is 1 March, as in SQLite.
func (d *Dialect) AddYears(expr string, years int) string {
	return fmt.Sprintf("scitech_date_add(%s, %d, 0)", expr, years)
}

func prefix(alias string) string {
	if alias == "" {
		return ""
	}
	return alias + "."
}

// NotIndexed is expr as it is: the server chooses its indexes by their statistics, and + takes no text.
func (d *Dialect) NotIndexed(expr string) string { return expr }

// Decimal is round(expr::numeric, N)::text, whose text keeps N decimals ("0.10").
func (d *Dialect) Decimal(expr string, places int) string {
	return fmt.Sprintf("round((%s)::numeric, %d)::text", expr, places)
}
