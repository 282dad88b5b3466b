package data

// AnnualOutput is one company's high-tech figures for one year (年度产值); one row per company and year.
type AnnualOutput struct {
	ID         int64
	CompanyID  int64
	Year       int
	Output     Yuan // high-tech product output value 高新技术产品产值
	AddedValue Yuan // its added value 增加值
	Revenue    Yuan // operating revenue 营业收入
	RDExpense  Yuan // R&D expense 研发费用
	Employees  int
	RDStaff    int
	// The figures the policy rules read (issue 18). nil is "not recorded", which a rule reports as missing
	// data (缺数据) rather than taking for zero. Sales revenue (销售收入) is Revenue: the 工作指引 defines it as
	// main plus other business income, which is the operating revenue the row already keeps.
	TotalIncome    *Yuan // 总收入
	HighTechIncome *Yuan // 高新技术产品（服务）收入
	RDDomestic     *Yuan // 境内研究开发费用, part of RDExpense
	TotalCosts     *Yuan // 成本费用总额
	NetAssets      *Yuan // 净资产; negative for a company whose debts exceed its assets
	TotalAssets    *Yuan // 资产总额
	STStaff        *int  // 科技人员数, part of Employees
	Conversions    *int  // 科技成果转化数
}

// MinYear and MaxYear bound the years the records may speak of.
const (
	MinYear = 1990
	MaxYear = 2100
)

// ChangeWarningPct is the change against the previous year above which the user is asked to confirm.
const ChangeWarningPct = 50

// Validate checks the row's own rules; it returns all problems.
func (o AnnualOutput) Validate() error {
	var errs Errors
	if o.CompanyID <= 0 {
		errs.add("company", invalid("err.required", "is required", nil))
	}
	errs.add("year", ValidateYear(o.Year))
	for field, v := range map[string]Yuan{"output": o.Output, "added_value": o.AddedValue, "revenue": o.Revenue, "rd_expense": o.RDExpense} {
		if v < 0 {
			errs.add(field, invalid("err.amount.negative", "must not be negative", nil))
		}
		errs.add(field, CheckAmount(v))
	}
	if o.AddedValue > o.Output {
		errs.add("added_value", invalid("err.added_value.exceeds", "is larger than the output value", nil))
	}
	if o.Employees < 0 || o.RDStaff < 0 {
		errs.add("employees", invalid("err.amount.negative", "must not be negative", nil))
	}
	errs.add("employees", CheckCount(o.Employees))
	errs.add("rd_staff", CheckCount(o.RDStaff))
	if o.RDStaff > o.Employees {
		errs.add("rd_staff", invalid("err.rd_staff.exceeds", "is larger than the number of employees", nil))
	}
	o.validatePolicyFigures(&errs)
	return errs.Err()
}

// ValidateYear checks a report year.
func ValidateYear(y int) error {
	if y < MinYear || y > MaxYear {
		return invalid("err.year.range", "must be between {{.Min}} and {{.Max}}", map[string]any{"Min": MinYear, "Max": MaxYear})
	}
	return nil
}

// ChangeWarning is a change against the previous year large enough that the user should confirm it.
type ChangeWarning struct {
	Field        string // "output" or "added_value"
	Previous     Yuan
	Current      Yuan
	PreviousYear int
}

// ChangeWarnings compares a row with the company's row of the previous year; prev may be nil.
func ChangeWarnings(prev *AnnualOutput, cur AnnualOutput) []ChangeWarning {
	if prev == nil {
		return nil
	}
	var ws []ChangeWarning
	check := func(field string, p, c Yuan) {
		if p <= 0 {
			return
		}
		diff := c - p
		if diff < 0 {
			diff = -diff
		}
		if int64(diff)*100 > int64(p)*ChangeWarningPct {
			ws = append(ws, ChangeWarning{Field: field, Previous: p, Current: c, PreviousYear: prev.Year})
		}
	}
	check("output", prev.Output, cur.Output)
	check("added_value", prev.AddedValue, cur.AddedValue)
	return ws
}
