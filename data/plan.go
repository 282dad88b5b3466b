package data

import (
	"strings"
	"time"
)

// PlanLevels are the levels of the science and technology plans companies apply to, district first. Labels
// live in the translation files under "plan.level.<code>".
var PlanLevels = []string{"district", "municipal", "provincial", "national"}

// Statuses of a plan project application.
const (
	PlanDraft       = "draft"
	PlanSubmitted   = "submitted"
	PlanRecommended = "recommended"
	PlanApproved    = "approved"
	PlanRejected    = "rejected"
	PlanContracted  = "contracted"
	PlanAccepted    = "accepted" // 验收
	PlanTerminated  = "terminated"
)

// PlanWorkflow is the path of a plan project application: draft → submitted → recommended → approved or
// rejected; approved → contracted → accepted (验收) or terminated.
var PlanWorkflow = &Workflow{
	Initial: PlanDraft,
	Statuses: []string{PlanDraft, PlanSubmitted, PlanRecommended, PlanApproved, PlanRejected, PlanContracted,
		PlanAccepted, PlanTerminated},
	steps: map[string][]string{
		PlanDraft:       {PlanSubmitted},
		PlanSubmitted:   {PlanRecommended},
		PlanRecommended: {PlanApproved, PlanRejected},
		PlanApproved:    {PlanContracted},
		PlanContracted:  {PlanAccepted, PlanTerminated},
	},
}

// NextPlanStatuses lists the statuses a plan project application in status from may move to.
func NextPlanStatuses(from string) []string { return PlanWorkflow.Next(from) }

// PlanFunded reports whether an application in status has been approved (and may therefore have granted funds).
func PlanFunded(status string) bool {
	switch status {
	case PlanApproved, PlanContracted, PlanAccepted, PlanTerminated:
		return true
	}
	return false
}

// PlanApplication is a company's application for a science and technology plan project (科技计划项目申报).
// Its status changes only along PlanWorkflow, each step kept in its history.
type PlanApplication struct {
	ID          int64
	CompanyID   int64
	CompanyName string // filled when read from the store
	Level       string // one of PlanLevels
	Plan        string // the plan applied to, e.g. 旅顺口区科技计划
	Title       string // the project's title
	Year        int
	Requested   Yuan
	Granted     Yuan      // only once approved
	Status      string    // set by the store: PlanDraft on creation, then by each step
	StatusDate  time.Time // the day the current status began; on creation, the day the draft was registered
}

// Normalize trims text fields and drops the time of day.
func (p *PlanApplication) Normalize() {
	for _, s := range []*string{&p.Level, &p.Plan, &p.Title} {
		*s = strings.TrimSpace(*s)
	}
	p.StatusDate = dateOnly(p.StatusDate)
}

// Validate checks every field and returns all problems. Granted funds are allowed only once the application
// has been approved; they may exceed the requested funds.
func (p PlanApplication) Validate() error {
	var errs Errors
	if p.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	errs.add("plan_level", incubateChoice(p.Level, PlanLevels))
	errs.add("plan_name", incubateRequired(p.Plan, 100))
	errs.add("plan_title", incubateRequired(p.Title, 200))
	errs.add("year", ValidateYear(p.Year))
	if p.Requested < 0 {
		errs.add("requested_funds", invalid("err.amount.negative", "must not be negative", nil))
	}
	if p.Granted < 0 {
		errs.add("granted_funds", invalid("err.amount.negative", "must not be negative", nil))
	}
	if p.Granted > 0 && !PlanFunded(p.Status) {
		errs.add("granted_funds", invalid("err.incubate.granted_early", "can be entered only once the application is approved", nil))
	}
	if p.StatusDate.IsZero() {
		errs.add("registered", invalid("err.required", "is required", nil))
	}
	errs.add("registered", ValidatePastDate(p.StatusDate))
	return errs.Err()
}

func incubateRequired(s string, n int) error {
	if strings.TrimSpace(s) == "" {
		return invalid("err.required", "is required", nil)
	}
	return maxLen(s, n)
}
