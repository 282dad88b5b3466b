package data

import "time"

// CompanyFact is a dated fact about a company that a policy rule asks about (issue 18): an incident or a
// listing that bars a recognition, a standard, an award, an R&D institution, equity financing, or a filed
// 高企 annual development report.
type CompanyFact struct {
	ID        int64
	CompanyID int64
	Kind      string    // one of FactKinds
	Year      int       // the year the fact belongs to
	Date      time.Time // the day it happened or was filed; zero when not known
	Level     string    // standards, awards, institutions: one of FactLevels
	Rank      int       // standards: 1 led, 2 drafted; awards: the unit's rank among the winners
	Amount    Yuan      // financing
	Number    string    // a document or registration number
	Note      string
}

// FactKinds are the kinds of company facts.
var FactKinds = []string{
	"accident",       // major safety or quality accident 重大安全、质量事故
	"env_violation",  // serious environmental violation 严重环境违法
	"misconduct",     // serious research misconduct 科研严重失信
	"abnormal_list",  // listed for abnormal operation 经营异常名录
	"dishonest_list", // listed as seriously dishonest 严重违法失信名单
	"standard",       // a standard led or drafted 主导或参与制定标准
	"award",          // an S&T award 科技奖励
	"rd_institution", // an R&D institution recognised at a level 研发机构
	"financing",      // new equity financing 股权融资
	"annual_report",  // the 高企 annual development report filed 年度发展情况报表
	"certificate",    // an EARLIER 高企 certificate 往期高企证书 (the current one stays on the company)
}

// CertificateValidOn reports whether a certificate fact is valid on day d: issued (Date) on or before d and
// not yet expired (issue + CertificateYears), as Company.CertValidOn judges the current one.
func (f CompanyFact) CertificateValidOn(d time.Time) bool {
	if f.Kind != "certificate" || f.Date.IsZero() {
		return false
	}
	return !f.Date.After(d) && d.Before(f.CertificateExpires())
}

// CertificateExpires is the day a certificate fact's certificate runs out: CertificateYears after its issue.
func (f CompanyFact) CertificateExpires() time.Time {
	return f.Date.AddDate(CertificateYears, 0, 0)
}

// FactLevels are the levels of standards, awards and institutions, highest first.
var FactLevels = []string{"international", "national", "industry", "provincial", "municipal", "local", "group"}

// Validate checks a fact; each refusal names its field.
func (f CompanyFact) Validate() error {
	var errs Errors
	if f.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	if !contains(FactKinds, f.Kind) {
		errs.add("kind", invalid("err.fact.kind", "is not a kind of fact the program knows", nil))
	}
	errs.add("year", ValidateYear(f.Year))
	if f.Kind == "certificate" {
		// An earlier certificate is known by its number and its issue day, and the year is the issue's.
		if f.Number == "" {
			errs.add("number", invalid("err.required", "is required", nil))
		}
		switch {
		case f.Date.IsZero():
			errs.add("date", invalid("err.required", "is required", nil))
		case f.Date.Year() != f.Year:
			errs.add("year", invalid("err.fact.certificate_year", "is not the year the certificate was issued ({{.Year}})",
				map[string]any{"Year": f.Date.Year()}))
		default:
			errs.add("date", ValidatePastDate(f.Date))
		}
	}
	needsLevel := f.Kind == "standard" || f.Kind == "award" || f.Kind == "rd_institution"
	if needsLevel && !contains(FactLevels, f.Level) {
		errs.add("level", invalid("err.fact.level", "is required for a standard, an award or an institution", nil))
	}
	if f.Rank < 0 {
		errs.add("rank", invalid("err.amount.negative", "must not be negative", nil))
	}
	if f.Amount < 0 {
		errs.add("amount", invalid("err.amount.negative", "must not be negative", nil))
	}
	errs.add("amount", CheckAmount(f.Amount))
	errs.add("number", maxLen(f.Number, 50))
	errs.add("note", maxLen(f.Note, 200))
	return errs.Err()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
