package data

import (
	"context"
	"sort"
	"time"

	"scitech/data/dialect"
)

// AnnualReportDue is the day of the year by which a 高企 holder files its annual development report
// (年度发展情况报表) on the year before: 31 May (工作指引).
var AnnualReportDue = struct {
	Month time.Month
	Day   int
}{time.May, 31}

// AnnualReportsMissedLimit is how many missed annual reports cancel a 高企 status (工作指引: two).
const AnnualReportsMissedLimit = 2

// RadarCompany is a 高企 certificate of a company as the dashboard's radar lists it: the company's current one,
// or an earlier one (a company_fact of kind certificate) that was valid in the radar's year.
type RadarCompany struct {
	ID          int64
	USCC        string
	Name        string
	CertNo      string
	CertIssued  time.Time
	CertExpires time.Time
	// Earlier: the certificate is one of the company's earlier certificates, not the one on its record.
	Earlier bool
	// Renewed is the issue day of the company's next certificate, when it holds one issued after this one by
	// the radar's day (it was recognised again); zero when it does not.
	Renewed time.Time
	Missed  []int // the report years (the year reported on) whose annual report is due and not recorded
}

// PolicyRadar is the 高企 radar on a day: certificates running out this year (the company applies again this
// year, or has: Renewed) and next, and holders whose annual development reports are due and not recorded (one
// missed, or the two that put the status at risk).
type PolicyRadar struct {
	AsOf             time.Time
	ExpiringThisYear []RadarCompany
	ExpiringNextYear []RadarCompany
	ReportMissing    []RadarCompany // the latest due report is not recorded
	StatusAtRisk     []RadarCompany // AnnualReportsMissedLimit or more due reports not recorded
}

// radarCertsSQL reads every certificate issued by asOf that is valid on asOf or ran out this year or runs out
// by the end of next year: the companies' current ones and their earlier ones (company_fact, kind certificate,
// whose year is the issue's), each with the issue day of the company's next certificate issued by asOf. Its
// arguments: asOf, asOf, from (1 January of asOf's year), asOf's year − CertificateYears, asOf's year, asOf, from.
// The certificate's expiry is its issue plus CertificateYears, as company.cert_expires is written.
// Published counts (briefs, statistics) read the current certificate only; the radar reads the one valid on
// its day, so that in 2025 a company recognised again in 2025 shows its 2022 certificate running out.
func radarCertsSQL(d dialect.Dialect) string {
	return `SELECT k.company_id, c.uscc, c.name, k.number, k.issued, k.earlier,
		(SELECT min(d) FROM (
				SELECT c2.cert_issued AS d FROM company c2 WHERE c2.id = k.company_id AND c2.cert_no <> ''
				UNION ALL
				SELECT f2.date FROM company_fact f2 WHERE f2.company_id = k.company_id AND f2.kind = 'certificate') later
			WHERE d > k.issued AND d <= ?)
	FROM (
		SELECT id AS company_id, cert_no AS number, cert_issued AS issued, 0 AS earlier FROM company
		WHERE cert_no <> '' AND cert_issued IS NOT NULL AND cert_issued <= ? AND cert_expires >= ?
		UNION ALL
		SELECT company_id, number, date, 1 FROM company_fact
		WHERE kind = 'certificate' AND year BETWEEN ? AND ? AND date IS NOT NULL AND date <= ?
			AND ` + d.AddYears("date", CertificateYears) + ` >= ?) k
	JOIN company c ON c.id = k.company_id`
}

// PolicyRadar reads the radar on day asOf, each list in the order of expiry, then name. A company recognised
// again shows each certificate that runs out in the lists of expiry, and is asked for the reports of the one
// valid on asOf (the newest, where two overlap).
func (s *Store) PolicyRadar(ctx context.Context, asOf time.Time) (PolicyRadar, error) {
	asOf = dateOnly(asOf)
	r := PolicyRadar{AsOf: asOf}
	y := asOf.Year()
	at, from := FormatDate(asOf), FormatDate(day(y, 1, 1))
	rows, err := s.db.QueryContext(ctx, radarCertsSQL(s.d), at, at, from, y-CertificateYears, y, at, from)
	if err != nil {
		return r, internal(err, "cannot read the certificates")
	}
	var certs []RadarCompany
	for rows.Next() {
		var c RadarCompany
		var issued, renewed *string
		if err := rows.Scan(&c.ID, &c.USCC, &c.Name, &c.CertNo, &issued, &c.Earlier, &renewed); err != nil {
			rows.Close()
			return r, internal(err, "cannot read the certificates")
		}
		c.CertIssued, c.Renewed = scanDate(issued), scanDate(renewed)
		c.CertExpires = c.CertIssued.AddDate(CertificateYears, 0, 0)
		certs = append(certs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, internal(err, "cannot read the certificates")
	}
	sort.SliceStable(certs, func(i, j int) bool {
		a, b := certs[i], certs[j]
		if !a.CertExpires.Equal(b.CertExpires) {
			return a.CertExpires.Before(b.CertExpires)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	// The certificate each company holds on asOf: the newest issued of those valid that day.
	valid := map[int64]int{}
	for i, c := range certs {
		if c.CertIssued.After(asOf) || !c.CertExpires.After(asOf) {
			continue
		}
		if j, ok := valid[c.ID]; !ok || c.CertIssued.After(certs[j].CertIssued) {
			valid[c.ID] = i
		}
	}
	filed, err := s.annualReportsFiled(ctx)
	if err != nil {
		return r, err
	}
	for i, c := range certs {
		switch c.CertExpires.Year() {
		case y:
			r.ExpiringThisYear = append(r.ExpiringThisYear, c)
		case y + 1:
			r.ExpiringNextYear = append(r.ExpiringNextYear, c)
		}
		if j, ok := valid[c.ID]; !ok || j != i {
			continue // not the certificate the company holds on asOf: no report is asked of it
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
