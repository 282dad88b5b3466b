package data

import (
	"regexp"
	"strings"
	"time"
)

// IPRight is a company's intellectual property other than a patent (issue 18): a software copyright, or one
// of the class I rights of the 工作指引.
type IPRight struct {
	ID        int64
	CompanyID int64
	Kind      string // one of IPRightKinds
	RegNo     string // registration number; a software copyright's is checked for its form (2025SR0123456)
	Title     string
	Granted   time.Time
	UsedIn    int // the year of the recognition a class II item was counted in; 0 when none
}

// IPRightKinds are the kinds of IP rights besides patents; IPClassI tells their class.
var IPRightKinds = []string{"software_copyright", "plant_variety", "crop_variety", "new_drug", "tcm_protected", "ic_layout"}

// IPClassI reports whether a kind of right is class I in the innovation score (工作指引: invention patents,
// plant and crop varieties, national new drugs, grade-1 protected TCM varieties, IC layout designs); software
// copyrights are class II, as utility models and designs are.
func IPClassI(kind string) bool { return kind != "software_copyright" }

var softwareCopyrightNo = regexp.MustCompile(`^(\d{4})SR(\d{7})$`)

// NormalizeSoftwareCopyrightNo upper-cases a registration number and drops its spaces.
func NormalizeSoftwareCopyrightNo(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// ValidateSoftwareCopyrightNo checks a software copyright registration number: the year of registration,
// "SR" and seven digits (2025SR0123456); the year is one the records may speak of.
func ValidateSoftwareCopyrightNo(s string) error {
	m := softwareCopyrightNo.FindStringSubmatch(NormalizeSoftwareCopyrightNo(s))
	if m == nil {
		return invalid("err.ip.software_no", "is not a software copyright number (year, SR, seven digits: 2025SR0123456)", nil)
	}
	year := 0
	for _, c := range m[1] {
		year = year*10 + int(c-'0')
	}
	return ValidateYear(year)
}

// Validate checks the right; each refusal names its field.
func (r IPRight) Validate() error {
	var errs Errors
	if r.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	if !contains(IPRightKinds, r.Kind) {
		errs.add("kind", invalid("err.ip.kind", "is not a kind of IP the program knows", nil))
	}
	switch {
	case strings.TrimSpace(r.RegNo) == "":
		errs.add("reg_no", invalid("err.required", "is required", nil))
	case r.Kind == "software_copyright":
		errs.add("reg_no", ValidateSoftwareCopyrightNo(r.RegNo))
	default:
		errs.add("reg_no", maxLen(r.RegNo, 50))
	}
	errs.add("title", ValidateName(r.Title))
	if r.Granted.IsZero() {
		errs.add("granted", invalid("err.required", "is required", nil))
	} else {
		errs.add("granted", ValidatePastDate(r.Granted))
	}
	switch {
	case r.UsedIn == 0:
	case IPClassI(r.Kind) && contains(IPRightKinds, r.Kind):
		errs.add("used_in", invalid("err.ip.used_in.class1", "a class I right counts in every recognition: it is not marked", nil))
	case !r.Granted.IsZero() && r.UsedIn < r.Granted.Year():
		errs.add("used_in", invalid("err.ip.used_in.before_granted", "is before the year the right was granted ({{.Year}})",
			map[string]any{"Year": r.Granted.Year()}))
	default:
		errs.add("used_in", ValidateYear(r.UsedIn))
	}
	return errs.Err()
}
