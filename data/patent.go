package data

import (
	"strings"
	"time"
)

// Legal statuses of a patent (法律状态). Labels live in the translation files under "patent.status.<code>".
const (
	PatentPending     = "pending"     // 审查中
	PatentGranted     = "granted"     // 授权
	PatentLapsed      = "lapsed"      // 未缴年费终止
	PatentExpired     = "expired"     // 期限届满
	PatentInvalidated = "invalidated" // 无效宣告
	PatentWithdrawn   = "withdrawn"   // 撤回
	PatentRejected    = "rejected"    // 驳回
)

// PatentStatuses lists the legal statuses in the order the screens offer them.
var PatentStatuses = []string{PatentPending, PatentGranted, PatentLapsed, PatentExpired, PatentInvalidated,
	PatentWithdrawn, PatentRejected}

// patentEndingStatuses end a granted patent on their status date.
var patentEndingStatuses = []string{PatentLapsed, PatentExpired, PatentInvalidated, PatentWithdrawn}

// patentStatusNeedsGrant tells, for each status, whether the patent must have a grant date (true) or must not.
var patentStatusNeedsGrant = map[string]bool{
	PatentPending: false, PatentRejected: false, PatentWithdrawn: false,
	PatentGranted: true, PatentLapsed: true, PatentExpired: true, PatentInvalidated: true,
}

// Reasons a patent is not valid on a day, as ValidOn gives them; the screens translate "patent.why.<reason>".
const (
	WhyNotGranted   = "not_granted"   // still under examination (or not yet filed) on that day
	WhyGrantedLater = "granted_later" // granted after that day
	WhyRejected     = "rejected"
	WhyWithdrawn    = "withdrawn"
	WhyLapsed       = "lapsed"
	WhyInvalidated  = "invalidated"
	WhyExpiredTerm  = "expired_term" // the term has run out, whether or not the status says so yet
)

// designLongTermFrom is the first filing day whose designs have a 15-year term (patent law of 2020, in force
// from 2021-06-01).
var designLongTermFrom = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)

// Patent is a patent application of a company and what became of it.
type Patent struct {
	ID          int64
	CompanyID   int64
	CompanyName string // filled when read from the store
	AppNo       string // normalised application number
	Kind        string // given by the application number's type digit
	Title       string
	Filed       time.Time // 申请日
	Granted     time.Time // 授权公告日; zero while not granted
	LegalStatus string
	StatusDate  time.Time // the day the legal status took effect
	// UsedIn is the year of the 高企 recognition a utility model or design was counted in (0: none): a class II
	// item counts in one recognition only. An invention patent is class I and is never marked.
	UsedIn int
}

// TermYears is how long a patent of this kind filed on this day may last.
func (p Patent) TermYears() int {
	switch {
	case p.Kind == PatentInvention:
		return 20
	case p.Kind == PatentDesign && !p.Filed.Before(designLongTermFrom):
		return 15
	}
	return 10
}

// TermEnds is the last day of the patent's term: the day before the anniversary of the filing date
// (a 20-year term of a patent filed on 2005-03-01 ends on 2025-02-28). Zero without a filing date.
func (p Patent) TermEnds() time.Time {
	if p.Filed.IsZero() {
		return time.Time{}
	}
	return p.Filed.AddDate(p.TermYears(), 0, -1)
}

// ValidOn tells whether the patent is valid (有效专利) on day d: granted on or before d, not ended by a
// lapse, expiry, invalidation or withdrawal dated on or before d, and within its term. When it is not, the
// second value says why (one of the Why… codes).
func (p Patent) ValidOn(d time.Time) (bool, string) {
	d = dateOnly(d)
	if p.Granted.IsZero() {
		switch p.LegalStatus {
		case PatentRejected:
			return false, WhyRejected
		case PatentWithdrawn:
			return false, WhyWithdrawn
		}
		return false, WhyNotGranted
	}
	if p.Granted.After(d) {
		return false, WhyGrantedLater
	}
	if p.endsByStatus() && !p.StatusDate.After(d) {
		switch p.LegalStatus {
		case PatentExpired:
			return false, WhyExpiredTerm
		case PatentWithdrawn:
			return false, WhyWithdrawn
		case PatentInvalidated:
			return false, WhyInvalidated
		}
		return false, WhyLapsed
	}
	if d.After(p.TermEnds()) {
		return false, WhyExpiredTerm
	}
	return true, ""
}

func (p Patent) endsByStatus() bool {
	for _, s := range patentEndingStatuses {
		if p.LegalStatus == s {
			return true
		}
	}
	return false
}

// Normalize normalises the application number, takes the kind from it, trims the title and drops times of
// day. A missing status date of a pending or granted patent is its filing or grant date.
func (p *Patent) Normalize() {
	p.AppNo = NormalizePatentAppNo(p.AppNo)
	if no, err := ValidatePatentAppNo(p.AppNo); err == nil {
		p.Kind = no.Kind
	}
	p.Title = strings.TrimSpace(p.Title)
	p.LegalStatus = strings.TrimSpace(p.LegalStatus)
	p.Filed, p.Granted, p.StatusDate = dateOnly(p.Filed), dateOnly(p.Granted), dateOnly(p.StatusDate)
	if p.StatusDate.IsZero() {
		switch p.LegalStatus {
		case PatentPending:
			p.StatusDate = p.Filed
		case PatentGranted:
			p.StatusDate = p.Granted
		}
	}
}

// Validate checks every field and returns all problems as Errors.
func (p Patent) Validate() error {
	var errs Errors
	if p.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	no, noErr := ValidatePatentAppNo(p.AppNo)
	errs.add("app_no", noErr)
	if noErr == nil && p.Kind != no.Kind {
		errs.add("kind", invalid("err.patent.kind", "does not match the type digit of the number", nil))
	}
	errs.add("title", requiredPatentText(p.Title, 200))
	errs.add("filed", p.validateFiled(no, noErr == nil))
	errs.add("granted", p.validateGranted())
	if _, ok := patentStatusNeedsGrant[p.LegalStatus]; !ok {
		errs.add("legal_status", invalid("err.patent.status", "{{.Value}} is not a legal status", map[string]any{"Value": p.LegalStatus}))
	}
	errs.add("status_date", p.validateStatusDate())
	errs.add("used_in", p.validateUsedIn())
	return errs.Err()
}

func (p Patent) validateUsedIn() error {
	switch {
	case p.UsedIn == 0:
		return nil
	case p.Kind == "invention":
		return invalid("err.patent.used_in.invention", "an invention patent is class I and counts in every recognition", nil)
	case p.Granted.IsZero():
		return invalid("err.patent.used_in.not_granted", "a patent not granted cannot have counted in a recognition", nil)
	case p.UsedIn < p.Granted.Year():
		return invalid("err.patent.used_in.before_granted", "is before the year the patent was granted ({{.Year}})",
			map[string]any{"Year": p.Granted.Year()})
	}
	return ValidateYear(p.UsedIn)
}

func (p Patent) validateFiled(no PatentAppNo, numberOK bool) error {
	switch {
	case p.Filed.IsZero():
		return invalid("err.required", "is required", nil)
	case numberOK && p.Filed.Year() != no.Year:
		return invalid("err.patent.filed.year", "is in {{.Got}} but the application number is of {{.Want}}",
			map[string]any{"Got": p.Filed.Year(), "Want": no.Year})
	}
	return ValidatePastDate(p.Filed)
}

func (p Patent) validateGranted() error {
	needs, known := patentStatusNeedsGrant[p.LegalStatus]
	switch {
	case known && needs && p.Granted.IsZero():
		return invalid("err.patent.granted.required", "is required for a granted patent", nil)
	case known && !needs && !p.Granted.IsZero():
		return invalid("err.patent.granted.not_allowed", "must be empty for a patent that was never granted", nil)
	case !p.Granted.IsZero() && !p.Filed.IsZero() && p.Granted.Before(p.Filed):
		return invalid("err.patent.granted.before_filed", "is before the filing date", nil)
	}
	return ValidatePastDate(p.Granted)
}

func (p Patent) validateStatusDate() error {
	switch {
	case p.StatusDate.IsZero():
		return invalid("err.required", "is required", nil)
	case !p.Filed.IsZero() && p.StatusDate.Before(p.Filed):
		return invalid("err.patent.status_date.before_filed", "is before the filing date", nil)
	case !p.Granted.IsZero() && p.StatusDate.Before(p.Granted):
		return invalid("err.patent.status_date.before_granted", "is before the grant date", nil)
	}
	return ValidatePastDate(p.StatusDate)
}

// requiredPatentText checks a text that must be given and is at most n characters long.
func requiredPatentText(s string, n int) error {
	if strings.TrimSpace(s) == "" {
		return invalid("err.required", "is required", nil)
	}
	return maxLen(s, n)
}
