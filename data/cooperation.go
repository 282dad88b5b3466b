package data

import (
	"strings"
	"time"
)

// Cooperation is a company's cooperation with an institution (产学研合作), e.g. under 万名院士助创行动.
type Cooperation struct {
	ID            int64
	CompanyID     int64
	InstitutionID int64
	Programme     string
	Started       time.Time // required
	Ended         time.Time // zero while the cooperation goes on

	// Filled when read from the store.
	CompanyName     string
	InstitutionName string
	Outcomes        int // outcomes recorded for the cooperation
}

// ActiveIn reports whether the cooperation ran at any time in year y: started on or before 31 December and
// not ended before 1 January.
func (c Cooperation) ActiveIn(y int) bool {
	first := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	return !c.Started.IsZero() && !c.Started.After(YearEnd(y)) && (c.Ended.IsZero() || !c.Ended.Before(first))
}

// Normalize trims the programme and drops times of day.
func (c *Cooperation) Normalize() {
	c.Programme = strings.TrimSpace(c.Programme)
	c.Started = dateOnly(c.Started)
	c.Ended = dateOnly(c.Ended)
}

// Validate checks every field and returns all problems as Errors. The end may lie in the future (an agreement
// running until 2027); the start must not be before 1949 nor after MaxYear.
func (c Cooperation) Validate() error {
	var errs Errors
	if c.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	if c.InstitutionID <= 0 {
		errs.add("institution", invalid("err.required", "is required", nil))
	}
	errs.add("programme", maxLen(c.Programme, 100))
	if c.Started.IsZero() {
		errs.add("started", invalid("err.required", "is required", nil))
	}
	errs.add("started", coopDateRange(c.Started))
	errs.add("ended", coopDateRange(c.Ended))
	if !c.Started.IsZero() && !c.Ended.IsZero() && c.Ended.Before(c.Started) {
		errs.add("ended", invalid("err.coop.ended_before", "is before the start {{.Started}}",
			map[string]any{"Started": FormatDate(c.Started)}))
	}
	return errs.Err()
}

// coopDateRange refuses dates before 1949 or after MaxYear; the zero date is allowed.
func coopDateRange(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if t.Year() < 1949 {
		return invalid("err.date.early", "{{.Value}} is too early", map[string]any{"Value": FormatDate(t)})
	}
	if t.Year() > MaxYear {
		return invalid("err.year.range", "must be between {{.Min}} and {{.Max}}", map[string]any{"Min": 1949, "Max": MaxYear})
	}
	return nil
}

// OutcomeKinds are the kinds of cooperation outcome; labels live in the translation files under
// "outcome.kind.<code>".
var OutcomeKinds = []string{"project", "product"}

// CoopOutcome is something a cooperation produced (合作成果): a project or a new product, in a year.
type CoopOutcome struct {
	ID            int64
	CooperationID int64
	Kind          string // one of OutcomeKinds
	Title         string
	Year          int

	// Filled when read from the store: the cooperation's parties.
	CompanyID       int64
	CompanyName     string
	InstitutionID   int64
	InstitutionName string
}

// Normalize trims the text fields.
func (o *CoopOutcome) Normalize() {
	o.Kind = strings.TrimSpace(o.Kind)
	o.Title = strings.TrimSpace(o.Title)
}

// Validate checks every field and returns all problems as Errors.
func (o CoopOutcome) Validate() error {
	var errs Errors
	if o.CooperationID <= 0 {
		errs.add("cooperation", invalid("err.required", "is required", nil))
	}
	errs.add("outcome_kind", validateCoopCode(o.Kind, OutcomeKinds, "err.coop.outcome_kind", "{{.Value}} is not a kind of outcome"))
	if o.Title == "" {
		errs.add("outcome_title", invalid("err.required", "is required", nil))
	}
	errs.add("outcome_title", maxLen(o.Title, 200))
	errs.add("year", ValidateYear(o.Year))
	return errs.Err()
}

// CoopBase is a cooperation base (合作基地) a company runs with an institution.
type CoopBase struct {
	ID            int64
	Name          string
	CompanyID     int64
	InstitutionID int64
	Established   time.Time // required, not in the future

	// Filled when read from the store.
	CompanyName     string
	InstitutionName string
}

// Normalize trims the name and drops the time of day.
func (b *CoopBase) Normalize() {
	b.Name = strings.TrimSpace(b.Name)
	b.Established = dateOnly(b.Established)
}

// Validate checks every field and returns all problems as Errors.
func (b CoopBase) Validate() error {
	var errs Errors
	errs.add("base_name", ValidateName(b.Name))
	if b.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	if b.InstitutionID <= 0 {
		errs.add("institution", invalid("err.required", "is required", nil))
	}
	if b.Established.IsZero() {
		errs.add("established", invalid("err.required", "is required", nil))
	}
	errs.add("established", ValidatePastDate(b.Established))
	return errs.Err()
}
