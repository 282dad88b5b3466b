package data

import "database/sql"

// policyFigureColumns are annual_output's columns of the figures the policy rules read (migration 0010), in
// the order policyFigureArgs and policyFigureScan give them.
const policyFigureColumns = `total_income, hightech_income, rd_domestic, total_costs, net_assets, total_assets, st_staff, conversions`

// policyFigureArgs are the figures as query arguments: NULL for a figure not recorded.
func policyFigureArgs(o *AnnualOutput) []any {
	args := make([]any, 0, 8)
	for _, y := range []*Yuan{o.TotalIncome, o.HighTechIncome, o.RDDomestic, o.TotalCosts, o.NetAssets, o.TotalAssets} {
		if y == nil {
			args = append(args, nil)
		} else {
			args = append(args, int64(*y))
		}
	}
	for _, n := range []*int{o.STStaff, o.Conversions} {
		if n == nil {
			args = append(args, nil)
		} else {
			args = append(args, int64(*n))
		}
	}
	return args
}

// policyFigureScan receives the figures from a row.
type policyFigureScan [8]sql.NullInt64

func (p *policyFigureScan) dest() []any {
	d := make([]any, len(p))
	for i := range p {
		d[i] = &p[i]
	}
	return d
}

func (p *policyFigureScan) into(o *AnnualOutput) {
	yuans := []**Yuan{&o.TotalIncome, &o.HighTechIncome, &o.RDDomestic, &o.TotalCosts, &o.NetAssets, &o.TotalAssets}
	for i, dst := range yuans {
		*dst = nil
		if p[i].Valid {
			v := Yuan(p[i].Int64)
			*dst = &v
		}
	}
	for i, dst := range []**int{&o.STStaff, &o.Conversions} {
		*dst = nil
		if n := p[len(yuans)+i]; n.Valid {
			v := int(n.Int64)
			*dst = &v
		}
	}
}

// validatePolicyFigures checks the figures against each other and the row: each refusal names its field.
func (o AnnualOutput) validatePolicyFigures(errs *Errors) {
	for field, y := range map[string]*Yuan{"total_income": o.TotalIncome, "hightech_income": o.HighTechIncome,
		"rd_domestic": o.RDDomestic, "total_costs": o.TotalCosts, "total_assets": o.TotalAssets, "net_assets": o.NetAssets} {
		if y == nil {
			continue
		}
		if *y < 0 && field != "net_assets" { // a company in debt has negative net assets
			errs.add(field, invalid("err.amount.negative", "must not be negative", nil))
		}
		v := *y
		if v < 0 {
			v = -v
		}
		errs.add(field, CheckAmount(v))
	}
	for field, n := range map[string]*int{"st_staff": o.STStaff, "conversions": o.Conversions} {
		if n == nil {
			continue
		}
		if *n < 0 {
			errs.add(field, invalid("err.amount.negative", "must not be negative", nil))
		}
		errs.add(field, CheckCount(*n))
	}
	if o.STStaff != nil && *o.STStaff > o.Employees {
		errs.add("st_staff", invalid("err.st_staff.exceeds", "is larger than the number of employees", nil))
	}
	if o.RDDomestic != nil && *o.RDDomestic > o.RDExpense {
		errs.add("rd_domestic", invalid("err.rd_domestic.exceeds", "is larger than the R&D expense", nil))
	}
	if o.TotalIncome != nil && o.HighTechIncome != nil && *o.HighTechIncome > *o.TotalIncome {
		errs.add("hightech_income", invalid("err.hightech_income.exceeds", "is larger than the total income", nil))
	}
	if o.TotalIncome != nil && o.Revenue > *o.TotalIncome {
		errs.add("revenue", invalid("err.sales.exceeds", "is larger than the total income", nil))
	}
}
