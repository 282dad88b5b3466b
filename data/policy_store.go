package data

import (
	"context"
	"database/sql"
	"strings"
)

// policyRowsSQL reads what a policy check needs of every company (or one, by USCC) in one query, in company
// order: the company, its output rows of the three-year window (one row per year, or one row of NULLs) and its
// valid IP at the year's end: invention patents and the class I rights of ip_right are class I; utility models,
// designs and software copyrights class II, a software copyright used in a recognition of the year checked or
// before no longer counting (it counts in one recognition only). The IP rights besides patents have no term here:
// the records keep those still held.
func policyRowsSQL(year int, oneCompany bool) (string, []any) {
	valid, validArgs := PatentValidSQL("t", YearEnd(year))
	where := ""
	if oneCompany {
		where = "WHERE c.uscc = ?"
	}
	q := `SELECT c.id, c.uscc, c.name, c.field, c.founded, c.cert_no, c.cert_issued,
		coalesce(ip.class1, 0), coalesce(ip.class2, 0), o.year, o.revenue, o.rd_expense, o.employees, o.rd_staff,
		o.` + strings.ReplaceAll(policyFigureColumns, ", ", ", o.") + `
	FROM company c
	LEFT JOIN annual_output o ON o.company_id = c.id AND o.year BETWEEN ? AND ?
	LEFT JOIN (SELECT company_id, sum(class1) AS class1, sum(class2) AS class2 FROM (
			SELECT t.company_id, t.kind = 'invention' AS class1, t.kind <> 'invention' AS class2
			FROM patent t WHERE ` + valid + `
			UNION ALL
			SELECT r.company_id, r.kind <> 'software_copyright', r.kind = 'software_copyright' AND (r.used_in = 0 OR r.used_in > ?)
			FROM ip_right r WHERE r.granted <= ?)
		GROUP BY company_id) ip ON ip.company_id = c.id
	` + where + `
	ORDER BY c.id, o.year`
	return q, append(append([]any{year - 2, year}, validArgs...), year, FormatDate(YearEnd(year)))
}

// PolicyChecks checks every company (or the one whose USCC is given) against the policy's rules of the year,
// calling each with every company's check in company order. It reads the records in one query and holds one
// company at a time, so the 100,000 companies of a city cost no more memory than one.
func (s *Store) PolicyChecks(ctx context.Context, p Policy, year int, uscc string, each func(*PolicyCheck) error) error {
	rs, err := RuleSetFor(p, year)
	if err != nil {
		return err
	}
	q, args := policyRowsSQL(year, uscc != "")
	if uscc != "" {
		uscc = NormalizeUSCC(uscc)
		args = append(args, uscc)
	}
	facts, err := factsUpTo(ctx, s.db, year, uscc)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return internal(err, "cannot read the companies' figures")
	}
	defer rows.Close()
	var cur *PolicyInput
	flush := func() error {
		if cur == nil {
			return nil
		}
		cur.Facts = facts[cur.Company.ID]
		pc := CheckPolicy(rs, *cur, year)
		return each(&pc)
	}
	// One set of scan targets for every row: a row's company fields are copied out only when a company starts.
	var in PolicyInput
	var founded, certIssued *string
	var oYear, employees, rdStaff sql.NullInt64
	var revenue, rd sql.NullInt64
	var figs policyFigureScan
	dest := append([]any{&in.Company.ID, &in.Company.USCC, &in.Company.Name, &in.Company.Field, &founded,
		&in.Company.CertNo, &certIssued, &in.ClassI, &in.ClassII, &oYear, &revenue, &rd, &employees, &rdStaff}, figs.dest()...)
	for rows.Next() {
		in = PolicyInput{}
		if err := rows.Scan(dest...); err != nil {
			return internal(err, "cannot read the companies' figures")
		}
		if cur == nil || cur.Company.ID != in.Company.ID {
			if err := flush(); err != nil {
				return err
			}
			in.Company.Founded = scanDate(founded)
			in.Company.CertIssued = scanDate(certIssued)
			next := in
			cur = &next
		}
		if oYear.Valid {
			o := AnnualOutput{CompanyID: in.Company.ID, Year: int(oYear.Int64), Revenue: Yuan(revenue.Int64),
				RDExpense: Yuan(rd.Int64), Employees: int(employees.Int64), RDStaff: int(rdStaff.Int64)}
			figs.into(&o)
			cur.Outputs = append(cur.Outputs, o)
		}
	}
	if err := rows.Err(); err != nil {
		return internal(err, "cannot read the companies' figures")
	}
	if uscc != "" && cur == nil {
		return notFound("company", uscc)
	}
	return flush()
}

// PolicyCheckOf checks one company, by USCC.
func (s *Store) PolicyCheckOf(ctx context.Context, p Policy, year int, uscc string) (PolicyCheck, error) {
	var out PolicyCheck
	err := s.PolicyChecks(ctx, p, year, uscc, func(pc *PolicyCheck) error { out = *pc; return nil })
	return out, err
}
