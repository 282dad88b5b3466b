package data

import (
	"context"
	"time"
)

// AnnualReportDue is the day of the year by which a 高企 holder files its annual development report
// (年度发展情况报表) on the year before: 31 May (工作指引).
var AnnualReportDue = struct {
	Month time.Month
	Day   int
}{time.May, 31}

// AnnualReportsMissedLimit is how many missed annual reports cancel a 高企 status (工作指引: two).
const AnnualReportsMissedLimit = 2

// RadarCompany is a 高企 holder as the dashboard's radar lists it.
type RadarCompany struct {
	ID          int64
	USCC        string
	Name        string
	CertNo      string
	CertIssued  time.Time
	CertExpires time.Time
	Missed      []int // the report years (the year reported on) whose annual report is due and not recorded
}

// PolicyRadar is the 高企 radar on a day: certificates running out this year (the company applies again this
// year) and next, and holders whose annual development reports are due and not recorded (one missed, or the
// two that put the status at risk).
type PolicyRadar struct {
	AsOf             time.Time
	ExpiringThisYear []RadarCompany
	ExpiringNextYear []RadarCompany
	ReportMissing    []RadarCompany // the latest due report is not recorded
	StatusAtRisk     []RadarCompany // AnnualReportsMissedLimit or more due reports not recorded
}

// PolicyRadar reads the radar on day asOf, each list in the order of expiry, then name.
func (s *Store) PolicyRadar(ctx context.Context, asOf time.Time) (PolicyRadar, error) {
	asOf = dateOnly(asOf)
	r := PolicyRadar{AsOf: asOf}
	y := asOf.Year()
	// Every certificate valid on asOf or expiring by the end of next year (an expired one of this year still
	// tells the company to apply again).
	rows, err := s.db.QueryContext(ctx, `SELECT id, uscc, name, cert_no, cert_issued FROM company
		WHERE cert_no <> '' AND cert_issued IS NOT NULL AND cert_issued <= ? AND cert_expires >= ?
		ORDER BY cert_expires, name, id`, FormatDate(asOf), FormatDate(day(y, 1, 1)))
	if err != nil {
		return r, internal(err, "cannot read the certificates")
	}
	var holders []RadarCompany
	for rows.Next() {
		var c RadarCompany
		var issued *string
		if err := rows.Scan(&c.ID, &c.USCC, &c.Name, &c.CertNo, &issued); err != nil {
			rows.Close()
			return r, internal(err, "cannot read the certificates")
		}
		c.CertIssued = scanDate(issued)
		c.CertExpires = c.CertIssued.AddDate(CertificateYears, 0, 0)
		holders = append(holders, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, internal(err, "cannot read the certificates")
	}
	filed, err := s.annualReportsFiled(ctx)
	if err != nil {
		return r, err
	}
	for _, c := range holders {
		switch c.CertExpires.Year() {
		case y:
			r.ExpiringThisYear = append(r.ExpiringThisYear, c)
		case y + 1:
			r.ExpiringNextYear = append(r.ExpiringNextYear, c)
		}
		if !c.CertExpires.After(asOf) {
			continue // no longer a holder: no report is asked of it
		}
		c.Missed = missedReports(c, filed[c.ID], asOf)
		if len(c.Missed) > 0 && c.Missed[len(c.Missed)-1] == latestDueReport(asOf) {
			r.ReportMissing = append(r.ReportMissing, c)
		}
		if len(c.Missed) >= AnnualReportsMissedLimit {
			r.StatusAtRisk = append(r.StatusAtRisk, c)
		}
	}
	return r, nil
}

// latestDueReport is the year whose report was last due on or before asOf.
func latestDueReport(asOf time.Time) int {
	if asOf.Before(day(asOf.Year(), int(AnnualReportDue.Month), AnnualReportDue.Day)) {
		return asOf.Year() - 2
	}
	return asOf.Year() - 1
}

// missedReports lists the report years, from the year the certificate was issued, whose report is due by asOf
// and not recorded.
func missedReports(c RadarCompany, filed map[int]bool, asOf time.Time) []int {
	var missed []int
	for ry := c.CertIssued.Year(); ry <= latestDueReport(asOf); ry++ {
		if !filed[ry] {
			missed = append(missed, ry)
		}
	}
	return missed
}

func (s *Store) annualReportsFiled(ctx context.Context) (map[int64]map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT company_id, year FROM company_fact WHERE kind = 'annual_report'`)
	if err != nil {
		return nil, internal(err, "cannot read the annual reports")
	}
	defer rows.Close()
	out := map[int64]map[int]bool{}
	for rows.Next() {
		var id int64
		var year int
		if err := rows.Scan(&id, &year); err != nil {
			return nil, internal(err, "cannot read the annual reports")
		}
		if out[id] == nil {
			out[id] = map[int]bool{}
		}
		out[id][year] = true
	}
	return out, rows.Err()
}
