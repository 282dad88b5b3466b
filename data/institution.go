package data

import "strings"

// InstitutionKinds are the kinds of institution; labels live in the translation files under "inst.kind.<code>".
var InstitutionKinds = []string{"university", "institute", "other"}

// Institution is a university, research institute or other body companies cooperate with (高校院所).
type Institution struct {
	ID   int64
	Name string
	Kind string // one of InstitutionKinds
	City string

	// Filled when read from the store's lists.
	Cooperations int // cooperations with the institution
	Bases        int // cooperation bases with the institution
}

// Normalize trims the text fields.
func (in *Institution) Normalize() {
	in.Name = strings.TrimSpace(in.Name)
	in.Kind = strings.TrimSpace(in.Kind)
	in.City = strings.TrimSpace(in.City)
}

// Validate checks every field and returns all problems as Errors.
func (in Institution) Validate() error {
	var errs Errors
	errs.add("inst_name", ValidateName(in.Name))
	errs.add("inst_kind", validateCoopCode(in.Kind, InstitutionKinds, "err.coop.inst_kind", "{{.Value}} is not a kind of institution"))
	errs.add("inst_city", maxLen(in.City, 50))
	return errs.Err()
}

// validateCoopCode checks that code is one of codes; empty is "required".
func validateCoopCode(code string, codes []string, key, msg string) error {
	if code == "" {
		return invalid("err.required", "is required", nil)
	}
	for _, c := range codes {
		if c == code {
			return nil
		}
	}
	return invalid(key, msg, map[string]any{"Value": code})
}

// coopLike is a LIKE pattern matching text that contains q, with LIKE's wildcards escaped (ESCAPE '\').
func coopLike(q string) string {
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	return "%" + esc.Replace(strings.TrimSpace(q)) + "%"
}

// coopOrder is the ORDER BY clause for a sort key, falling back to def, with the id as tie-breaker so pages
// do not overlap.
func coopOrder(sorts map[string]string, key, def, idCol string, desc bool) string {
	col, ok := sorts[key]
	if !ok {
		col = sorts[def]
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return ` ORDER BY ` + col + orderDir(col, desc) + `, ` + idCol + dir
}
