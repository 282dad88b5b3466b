package data

import (
	"strings"
	"time"
	"unicode/utf8"
)

// HighTechFields are the codes of the eight fields of the national high-tech enterprise scheme
// (国家重点支持的高新技术领域). Labels live in the translation files under "field.<code>".
var HighTechFields = []string{
	"electronics", "biomedicine", "aerospace", "materials",
	"services", "energy", "environment", "manufacturing",
}

// CertificateYears is how long a high-tech enterprise certificate is valid.
const CertificateYears = 3

// Company is a company the bureau keeps records of, identified by its unified social credit code.
type Company struct {
	ID          int64
	USCC        string
	Name        string
	LegalRep    string
	Field       string // one of HighTechFields
	ParkID      int64  // 0 when the company is not in a park
	ParkName    string // filled when read from the store
	Address     string
	Contact     string
	Phone       string
	Founded     time.Time
	AboveScale  bool // 规上企业
	CertNo      string
	CertIssued  time.Time
	TechSMENo   string
	TechSMEYear int
}

// CertExpires is the day the high-tech enterprise certificate stops being valid (issued + 3 years), or zero.
func (c Company) CertExpires() time.Time {
	if c.CertIssued.IsZero() {
		return time.Time{}
	}
	return c.CertIssued.AddDate(CertificateYears, 0, 0)
}

// CertValidOn reports whether the certificate is valid on day d: issued on or before d and not yet expired.
func (c Company) CertValidOn(d time.Time) bool {
	if c.CertNo == "" || c.CertIssued.IsZero() {
		return false
	}
	return !c.CertIssued.After(d) && d.Before(c.CertExpires())
}

// Normalize trims text fields, upper-cases the USCC and drops times of day.
func (c *Company) Normalize() {
	c.USCC = NormalizeUSCC(c.USCC)
	for _, p := range []*string{&c.Name, &c.LegalRep, &c.Field, &c.Address, &c.Contact, &c.Phone, &c.CertNo, &c.TechSMENo} {
		*p = strings.TrimSpace(*p)
	}
	c.Founded = dateOnly(c.Founded)
	c.CertIssued = dateOnly(c.CertIssued)
}

// Validate checks every field and returns all problems as Errors.
func (c Company) Validate() error {
	var errs Errors
	if _, err := ValidateUSCC(c.USCC); err != nil {
		errs.add("uscc", err)
	}
	errs.add("name", ValidateName(c.Name))
	errs.add("field", ValidateField(c.Field))
	errs.add("legal_rep", maxLen(c.LegalRep, 50))
	errs.add("address", maxLen(c.Address, 200))
	errs.add("contact", maxLen(c.Contact, 50))
	errs.add("phone", ValidatePhone(c.Phone))
	errs.add("founded", ValidatePastDate(c.Founded))
	errs.add("cert_issued", ValidatePastDate(c.CertIssued))
	switch {
	case c.CertNo != "" && c.CertIssued.IsZero():
		errs.add("cert_issued", invalid("err.cert.issued", "is required when a certificate number is given", nil))
	case c.CertNo == "" && !c.CertIssued.IsZero():
		errs.add("cert_no", invalid("err.cert.no", "is required when an issue date is given", nil))
	}
	if !c.Founded.IsZero() && !c.CertIssued.IsZero() && c.CertIssued.Before(c.Founded) {
		errs.add("cert_issued", invalid("err.cert.before_founded", "is before the company was founded", nil))
	}
	errs.add("cert_no", maxLen(c.CertNo, 50))
	errs.add("techsme_no", maxLen(c.TechSMENo, 50))
	errs.add("techsme_year", ValidateTechSMEYear(c.TechSMEYear))
	if c.TechSMENo != "" && c.TechSMEYear == 0 {
		errs.add("techsme_year", invalid("err.techsme.year", "is required when a registration number is given", nil))
	}
	return errs.Err()
}

// ValidateName checks a company name: required, at most 100 characters.
func ValidateName(s string) error {
	if strings.TrimSpace(s) == "" {
		return invalid("err.required", "is required", nil)
	}
	return maxLen(s, 100)
}

// ValidateField checks a high-tech field code.
func ValidateField(code string) error {
	if code == "" {
		return invalid("err.required", "is required", nil)
	}
	for _, f := range HighTechFields {
		if f == code {
			return nil
		}
	}
	return invalid("err.field", "{{.Value}} is not a high-tech field", map[string]any{"Value": code})
}

// ValidatePhone accepts digits with the usual separators, 7 to 20 characters; empty is allowed.
func ValidatePhone(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+-() 转", r):
		default:
			return invalid("err.phone", "may hold only digits, spaces and + - ( )", nil)
		}
	}
	if digits < 7 || digits > 20 {
		return invalid("err.phone", "may hold only digits, spaces and + - ( )", nil)
	}
	return nil
}

// ValidatePastDate refuses dates in the future or before 1949; the zero date is allowed.
func ValidatePastDate(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if t.After(Today()) {
		return invalid("err.date.future", "{{.Value}} is in the future", map[string]any{"Value": FormatDate(t)})
	}
	if t.Year() < 1949 {
		return invalid("err.date.early", "{{.Value}} is too early", map[string]any{"Value": FormatDate(t)})
	}
	return nil
}

// ValidateTechSMEYear checks the year of a tech-SME registration (the scheme started in 2017); 0 means none.
func ValidateTechSMEYear(y int) error {
	if y == 0 {
		return nil
	}
	if y < 2017 || y > Today().Year()+1 {
		return invalid("err.year.range", "must be between {{.Min}} and {{.Max}}", map[string]any{"Min": 2017, "Max": Today().Year() + 1})
	}
	return nil
}

// maxLen checks a text field: no hidden character (text.go) and at most n characters. Every text field of
// every record goes through it, so the rule of text.go holds in every form and import.
func maxLen(s string, n int) error {
	if err := ValidateText(s); err != nil {
		return err // every text field is checked here (text.go)
	}
	if utf8.RuneCountInString(s) > n {
		return invalid("err.too_long", "is longer than {{.Max}} characters", map[string]any{"Max": n})
	}
	return nil
}
