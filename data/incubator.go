package data

import (
	"strings"
	"time"
)

// IncubatorLevels are the levels an incubator is recognised at, highest first. Labels live in the translation
// files under "incubator.level.<code>".
var IncubatorLevels = []string{"national", "provincial", "municipal", "district"}

// ApplicantKinds are who may apply to an incubator: a start-up team (创业团队) or a company (企业).
var ApplicantKinds = []string{"team", "company"}

// Statuses of an incubator application.
const (
	IAppSubmitted = "submitted"
	IAppReviewing = "reviewing"
	IAppApproved  = "approved"
	IAppRejected  = "rejected"
	IAppSigned    = "signed"    // 入驻
	IAppGraduated = "graduated" // 毕业
	IAppExited    = "exited"    // 退出
	IAppWithdrawn = "withdrawn"
)

// IncubatorWorkflow is the path of an incubator application: submitted → reviewing → approved or rejected;
// approved → signed (入驻) → graduated (毕业) or exited; any open status → withdrawn.
var IncubatorWorkflow = &Workflow{
	Initial: IAppSubmitted,
	Statuses: []string{IAppSubmitted, IAppReviewing, IAppApproved, IAppRejected, IAppSigned, IAppGraduated,
		IAppExited, IAppWithdrawn},
	steps: map[string][]string{
		IAppSubmitted: {IAppReviewing, IAppWithdrawn},
		IAppReviewing: {IAppApproved, IAppRejected, IAppWithdrawn},
		IAppApproved:  {IAppSigned, IAppWithdrawn},
		IAppSigned:    {IAppGraduated, IAppExited, IAppWithdrawn},
	},
}

// NextIncubatorStatuses lists the statuses an incubator application in status from may move to.
func NextIncubatorStatuses(from string) []string { return IncubatorWorkflow.Next(from) }

// Incubator is a business incubator (孵化器) start-up teams and companies apply to, e.g. 大连创新园.
type Incubator struct {
	ID      int64
	Name    string
	Level   string // one of IncubatorLevels
	Address string
	AreaM2  int // floor area in square metres
}

// Normalize trims the text fields.
func (i *Incubator) Normalize() {
	i.Name = strings.TrimSpace(i.Name)
	i.Level = strings.TrimSpace(i.Level)
	i.Address = strings.TrimSpace(i.Address)
}

// Validate checks every field and returns all problems.
func (i Incubator) Validate() error {
	var errs Errors
	errs.add("incubator_name", ValidateName(i.Name))
	errs.add("incubator_level", incubateChoice(i.Level, IncubatorLevels))
	errs.add("incubator_address", maxLen(i.Address, 200))
	if i.AreaM2 < 0 {
		errs.add("area_m2", invalid("err.amount.negative", "must not be negative", nil))
	}
	return errs.Err()
}

// IncubatorApplication is an application of a start-up team or a company to an incubator (入孵申请). Its status
// changes only along IncubatorWorkflow, each step kept in its history.
type IncubatorApplication struct {
	ID            int64
	IncubatorID   int64
	IncubatorName string // filled when read from the store
	ApplicantKind string // one of ApplicantKinds
	Applicant     string // the team's or the company's name
	CompanyID     int64  // the company's record, 0 when there is none
	CompanyName   string // filled when read from the store
	Leader        string
	Field         string // one of HighTechFields, or empty
	Summary       string
	Submitted     time.Time
	Status        string    // set by the store: IAppSubmitted on creation, then by each step
	StatusDate    time.Time // the day the current status began
}

// Normalize trims text fields and drops times of day.
func (a *IncubatorApplication) Normalize() {
	for _, p := range []*string{&a.ApplicantKind, &a.Applicant, &a.Leader, &a.Field, &a.Summary} {
		*p = strings.TrimSpace(*p)
	}
	a.Submitted = dateOnly(a.Submitted)
	a.StatusDate = dateOnly(a.StatusDate)
}

// Validate checks every field and returns all problems.
func (a IncubatorApplication) Validate() error {
	var errs Errors
	if a.IncubatorID <= 0 {
		errs.add("incubator", invalid("err.required", "is required", nil))
	}
	errs.add("applicant_kind", incubateChoice(a.ApplicantKind, ApplicantKinds))
	errs.add("applicant", ValidateName(a.Applicant))
	errs.add("leader", maxLen(a.Leader, 50))
	if a.Field != "" {
		errs.add("field", ValidateField(a.Field))
	}
	errs.add("summary", maxLen(a.Summary, 2000))
	if a.Submitted.IsZero() {
		errs.add("submitted", invalid("err.required", "is required", nil))
	}
	errs.add("submitted", ValidatePastDate(a.Submitted))
	return errs.Err()
}

// incubateChoice checks that a required code is one of the allowed codes.
func incubateChoice(code string, allowed []string) error {
	if code == "" {
		return invalid("err.required", "is required", nil)
	}
	for _, a := range allowed {
		if a == code {
			return nil
		}
	}
	return invalid("err.incubate.choice", "{{.Value}} is not one of the choices", map[string]any{"Value": code})
}
