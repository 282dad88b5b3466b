package data

// DeclaredFigures are a company's figures for a year that has no annual output row, as the company declared them
// in an application (a 高企 application states three years; the bureau's output statistics may begin later).
// The policy rules read a year's output row when there is one, else its declared row; no brief, chart, count or
// statistic reads declared figures, so they never move a published figure. nil is "not declared".
type DeclaredFigures struct {
	ID        int64
	CompanyID int64
	Year      int
	Revenue   *Yuan // 销售收入, as AnnualOutput.Revenue
	RDExpense *Yuan // 研究开发费用
	Employees *int  // 职工总数
	// The figures of migration 0010, as AnnualOutput keeps them.
	TotalIncome    *Yuan
	HighTechIncome *Yuan
	RDDomestic     *Yuan
	TotalCosts     *Yuan
	NetAssets      *Yuan // may be negative
	TotalAssets    *Yuan
	STStaff        *int
	Conversions    *int
	Source         string // where the figures were declared, e.g. 2025年高企申报材料
	// Superseded is set by the store when the company has an output row of the year since: that row is read
	// instead (the company page marks the declared row 已由年度数据取代).
	Superseded bool
}

// Validate checks the row's own rules with the same refusals as an output row's, each naming its field: no
// negative amount or count (net assets may be negative), S&T staff ≤ staff, domestic R&D ≤ R&D, high-tech
// income and sales ≤ total income; and a row declares at least one figure.
func (d DeclaredFigures) Validate() error {
	var errs Errors
	if d.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	errs.add("year", ValidateYear(d.Year))
	amounts := []struct {
		field string
		v     *Yuan
	}{{"revenue", d.Revenue}, {"rd_expense", d.RDExpense}, {"total_income", d.TotalIncome},
		{"hightech_income", d.HighTechIncome}, {"rd_domestic", d.RDDomestic}, {"total_costs", d.TotalCosts},
		{"net_assets", d.NetAssets}, {"total_assets", d.TotalAssets}}
	declared := false
	for _, a := range amounts {
		if a.v == nil {
			continue
		}
		declared = true
		v := *a.v
		if v < 0 && a.field != "net_assets" { // a company in debt has negative net assets
			errs.add(a.field, invalid("err.amount.negative", "must not be negative", nil))
		}
		if v < 0 {
			v = -v
		}
		errs.add(a.field, CheckAmount(v))
	}
	counts := []struct {
		field string
		n     *int
	}{{"employees", d.Employees}, {"st_staff", d.STStaff}, {"conversions", d.Conversions}}
	for _, c := range counts {
		if c.n == nil {
			continue
		}
		declared = true
		if *c.n < 0 {
			errs.add(c.field, invalid("err.amount.negative", "must not be negative", nil))
		}
		errs.add(c.field, CheckCount(*c.n))
	}
	if !declared {
		errs.add("revenue", invalid("err.declared.empty", "declare at least one figure", nil))
	}
	if d.STStaff != nil && d.Employees != nil && *d.STStaff > *d.Employees {
		errs.add("st_staff", invalid("err.st_staff.exceeds", "is larger than the number of employees", nil))
	}
	if d.RDDomestic != nil && d.RDExpense != nil && *d.RDDomestic > *d.RDExpense {
		errs.add("rd_domestic", invalid("err.rd_domestic.exceeds", "is larger than the R&D expense", nil))
	}
	if d.TotalIncome != nil && d.HighTechIncome != nil && *d.HighTechIncome > *d.TotalIncome {
		errs.add("hightech_income", invalid("err.hightech_income.exceeds", "is larger than the total income", nil))
	}
	if d.TotalIncome != nil && d.Revenue != nil && *d.Revenue > *d.TotalIncome {
		errs.add("revenue", invalid("err.sales.exceeds", "is larger than the total income", nil))
	}
	errs.add("source", maxLen(d.Source, 100))
	return errs.Err()
}

// asOutput is the row as the policy rules read an output row, and the names of the figures a rule reading
// the year cannot do without (sales and R&D) that it does not declare. Employees not declared read as 0,
// which the rules already report as missing.
func (d *DeclaredFigures) asOutput() (AnnualOutput, []string) {
	o := AnnualOutput{CompanyID: d.CompanyID, Year: d.Year, TotalIncome: d.TotalIncome, HighTechIncome: d.HighTechIncome,
		RDDomestic: d.RDDomestic, TotalCosts: d.TotalCosts, NetAssets: d.NetAssets, TotalAssets: d.TotalAssets,
		STStaff: d.STStaff, Conversions: d.Conversions}
	var lacks []string
	if d.Revenue != nil {
		o.Revenue = *d.Revenue
	} else {
		lacks = append(lacks, "annual_output.revenue")
	}
	if d.RDExpense != nil {
		o.RDExpense = *d.RDExpense
	} else {
		lacks = append(lacks, "annual_output.rd_expense")
	}
	if d.Employees != nil {
		o.Employees = *d.Employees
	}
	return o, lacks
}
