package data

// The sample district's policy figures (issue 18), added beside its output rows so that the 政策服务 lists show
// each verdict more than once for 2025, without touching a figure any brief publishes (output, added value,
// revenue, R&D, staff and the certificates stay as they were).
//
// Each company follows one of six profiles by its place in the list, so that every profile holds six companies
// of different sizes:
//
//	0  meets the single-year rules with room (S&T staff 15 %, high-tech income 70 % of total income)
//	1  S&T staff a near miss (9.5 %, just under the 10 % bar)
//	2  high-tech income a near miss (57 %, under 60 %)
//	3  no policy figures recorded: 缺数据
//	4  S&T staff well short (6 %)
//	5  as 0, with the costs that give 科小's R&D-to-costs option its points
//
// The 高企 R&D ratio reads three years and the sample keeps 2024 and 2025 only (a 2023 output row would add a year to
// every brief's output chart), so for companies founded before 2023 that rule reports missing data.
func samplePolicyFigures(i int, o *AnnualOutput) {
	profile := i % 6
	if profile == 3 {
		return
	}
	rev := int64(o.Revenue)
	yuan := func(v int64) *Yuan { y := Yuan(v); return &y }
	count := func(n int) *int { return &n }
	total := rev + rev/20
	hightech := total * 70 / 100
	if profile == 2 {
		hightech = total * 57 / 100
	}
	st := o.Employees * 15 / 100
	switch profile {
	case 1: // the most staff under 10 %, which is at least 9 % for a staff of ten or more
		st = (o.Employees*10 - 1) / 100
	case 4:
		st = o.Employees * 6 / 100
	}
	net := rev * 40 / 100
	if o.Year == 2025 {
		net = rev * 46 / 100
	}
	o.TotalIncome, o.HighTechIncome = yuan(total), yuan(hightech)
	o.RDDomestic = yuan(int64(o.RDExpense) * 9 / 10)
	o.TotalCosts = yuan(rev * 85 / 100)
	if profile == 5 {
		o.TotalCosts = yuan(int64(o.RDExpense) * 4) // R&D 25 % of costs
	}
	o.NetAssets, o.TotalAssets = yuan(net), yuan(rev*120/100)
	o.STStaff, o.Conversions = count(st), count(2+i%5)
}
