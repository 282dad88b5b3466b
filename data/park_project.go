package data

import (
	"strings"
)

// Mu is an area in hundredths of a mu (亩), the unit the parks plan land in; like money it is never a float.
type Mu int64

const centiMuPerMu = 100

// String formats the area in 亩 with two decimals, e.g. 300050 → "3000.50".
func (m Mu) String() string { return formatScaled(int64(m), centiMuPerMu, 2) }

// Input formats the area in 亩 with as many decimals as it needs (up to two), for editing: "3000.5".
func (m Mu) Input() string {
	s := m.String()
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// ParseMu reads an area typed in 亩 ("3000", "12.5", "1,234.56", full-width digits), two decimals at most.
// An empty text is no area (0); negative areas are refused, and so is a comma that does not separate thousands.
func ParseMu(s string) (Mu, error) {
	typed := asTyped(s)
	v, problem := parseFixed(s, 2, 9)
	switch problem {
	case fixedEmpty:
		return 0, nil
	case fixedNegative:
		return 0, invalid("err.amount.negative", "must not be negative", nil)
	case fixedGrouping:
		return 0, GroupingError(typed)
	case fixedNotNumber:
		return 0, invalid("err.patent.area.number", "{{.Value}} is not a number of 亩", map[string]any{"Value": typed})
	case fixedDecimals:
		return 0, invalid("err.patent.area.decimals", "has more than two decimals", nil)
	case fixedLarge:
		return 0, invalid("err.amount.large", "is too large", nil)
	}
	return Mu(v), nil
}

// Statuses of a park project. Labels live in the translation files under "project.status.<code>".
const (
	ProjectPlanned   = "planned"   // 规划中
	ProjectBuilding  = "building"  // 建设中
	ProjectOperating = "operating" // 运营中
	ProjectCompleted = "completed" // 已完成
)

// ProjectStatuses lists the statuses in the order the screens offer them.
var ProjectStatuses = []string{ProjectPlanned, ProjectBuilding, ProjectOperating, ProjectCompleted}

// ParkProject is a project in one of the parks, such as marine ranching or a facility reform.
type ParkProject struct {
	ID          int64
	ParkID      int64
	ParkName    string // filled when read from the store
	Title       string
	Lead        string // the company or organisation leading it, as text
	Description string
	Status      string
	Area        Mu
	Investment  Yuan
}

// Normalize trims the text fields.
func (p *ParkProject) Normalize() {
	for _, s := range []*string{&p.Title, &p.Lead, &p.Description, &p.Status} {
		*s = strings.TrimSpace(*s)
	}
}

// Validate checks every field and returns all problems as Errors.
func (p ParkProject) Validate() error {
	var errs Errors
	if p.ParkID <= 0 {
		errs.add("park", invalid("err.required", "is required", nil))
	}
	errs.add("title", requiredPatentText(p.Title, 100))
	errs.add("lead", maxLen(p.Lead, 100))
	errs.add("description", maxLen(p.Description, 1000))
	if p.Status == "" {
		errs.add("project_status", invalid("err.required", "is required", nil))
	} else if !projectStatusKnown(p.Status) {
		errs.add("project_status", invalid("err.patent.project.status", "{{.Value}} is not a project status", map[string]any{"Value": p.Status}))
	}
	if p.Area < 0 {
		errs.add("area", invalid("err.amount.negative", "must not be negative", nil))
	}
	if p.Investment < 0 {
		errs.add("investment", invalid("err.amount.negative", "must not be negative", nil))
	}
	return errs.Err()
}

func projectStatusKnown(s string) bool {
	for _, k := range ProjectStatuses {
		if k == s {
			return true
		}
	}
	return false
}
