package reports

import (
	"slices"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// PolicyLetter is a company's 政策体检 (policy check-up) as a letter from the bureau to the company: for each
// policy checked, every rule as one line — its clause, threshold, the company's own figures, the ratio or
// score computed from them and the verdict — so that the company sees what it meets and what it still lacks.
type PolicyLetter struct {
	// BriefHeader is what every printed paper of the bureau carries: Settings.IssuingUnit is the sender, Date
	// the letter's date (zero: the last day of the year checked), Lang and Fonts as for the briefs. The
	// distribution is not printed: a letter goes to one company.
	BriefHeader
	// Checks are the company's checks, one per policy (高企, 科小), all of one company and one year, each with
	// its Lines (as data.Store.PolicyCheckOf gives them).
	Checks []data.PolicyCheck
}

// company is the name the letter is addressed to, and year the year checked.
func (l *PolicyLetter) company() (name string, year int) {
	if len(l.Checks) == 0 {
		return "", 0
	}
	return l.Checks[0].Name, l.Checks[0].Year
}

// refuse returns an error when the letter has nothing to say or mixes companies or years, which a caller
// would print as one company's letter.
func (l *PolicyLetter) refuse() error {
	if len(l.Checks) == 0 {
		return &data.Error{Code: data.Invalid, Field: "checks", Key: "policy_letter.err.empty",
			Message: "a policy letter needs the company's checks"}
	}
	for _, pc := range l.Checks[1:] {
		if pc.CompanyID != l.Checks[0].CompanyID || pc.USCC != l.Checks[0].USCC || pc.Year != l.Checks[0].Year {
			return &data.Error{Code: data.Invalid, Field: "checks", Key: "policy_letter.err.mixed",
				Message: "a policy letter's checks must be of one company and one year"}
		}
	}
	return nil
}

// policyName is the policy's name as the letter heads its part: 高新技术企业认定, 科技型中小企业评价.
func policyName(t *assets.Translator, p data.Policy) string {
	return t.T("policy_letter.policy." + string(p))
}

// policyRow is one rule line as the letter and its workbook print it, every cell text.
type policyRow struct {
	clause, threshold, figures, ratio, verdict, note string
}

// policyRows are the lines of one check, in the rule set's order; sums gives amounts of several years as
// their sum (the letter, which has one page for them).
func policyRows(t *assets.Translator, pc data.PolicyCheck, sums bool) []policyRow {
	rows := make([]policyRow, len(pc.Lines))
	for i, l := range pc.Lines {
		rows[i] = policyRow{clause: ruleClause(t, l), threshold: ruleThreshold(t, l), figures: lineFigures(t, pc.Year, l, sums),
			ratio: lineRatio(t, l), verdict: t.T("policy.verdict." + string(l.Verdict)), note: lineNote(t, l)}
	}
	return rows
}

// ruleClause is a rule's clause without the title of its text, which the letter names once above the table:
// 第十一条第（五）项. In English, the clause as the English texts cite it.
func ruleClause(t *assets.Translator, l data.PolicyLine) string {
	if t.Lang != "zh" {
		return t.T("policy_letter.clause." + l.Rule)
	}
	return shortClause(l.Clause)
}

// shortClause drops the leading 《title》 of a clause, when something follows it.
func shortClause(clause string) string {
	if strings.HasPrefix(clause, "《") {
		if i := strings.Index(clause, "》"); i > 0 && i+len("》") < len(clause) {
			return clause[i+len("》"):]
		}
	}
	return clause
}

// ruleThreshold is the threshold as the rule states it (data), or its English for an English letter.
func ruleThreshold(t *assets.Translator, l data.PolicyLine) string {
	if t.Lang != "zh" {
		return t.T("policy_letter.threshold." + l.Rule)
	}
	return l.Threshold
}

// figureUnit is the unit a figure is given in: an amount (Unit "yuan") in 万元, the unit of every amount the
// bureau prints; counts of people, days and items by their field.
func figureUnit(f data.PolicyFigure) string {
	if f.Unit == "yuan" {
		return "wan"
	}
	switch f.Field {
	case "annual_output.employees", "annual_output.st_staff":
		return "people"
	case "days_registered":
		return "days"
	case "ip_class1", "ip_class2", "annual_output.conversions":
		return "items"
	}
	return ""
}

func figureValue(unit string, v int64) string {
	if unit == "wan" {
		return data.Yuan(v).Wan()
	}
	return strconv.FormatInt(v, 10)
}

// lineFigures gives the figures a line read, a field at a time in the order the line gives them: one figure of
// the year checked as "科技人员数 35人"; a field of several years as "研究开发费用（万元）：2023年 120.00、2024年
// 130.00" (or, with sums, as their sum over the years: "研究开发费用 360.00万元（2023–2025年合计）", the sum
// the ratio is computed from); a fact (an accident, a listing) as its name and year.
func lineFigures(t *assets.Translator, year int, l data.PolicyLine, sums bool) string {
	var order []string
	byField := map[string][]data.PolicyFigure{}
	for _, f := range l.Figures {
		if _, ok := byField[f.Field]; !ok {
			order = append(order, f.Field)
		}
		byField[f.Field] = append(byField[f.Field], f)
	}
	parts := make([]string, 0, len(order))
	var summed []string
	from, to := 0, 0
	for _, field := range order {
		figs := byField[field]
		name := PolicyFieldName(t, field)
		if sums && t.Has("policy_letter.field."+field) {
			name = t.T("policy_letter.field." + field) // the letter's narrow column takes the shorter name
		}
		unit := figureUnit(figs[0])
		switch {
		case strings.HasPrefix(field, "company_fact."):
			years := make([]string, len(figs))
			for i, f := range figs {
				years[i] = strconv.Itoa(f.Year)
			}
			parts = append(parts, t.T("policy_letter.fact", map[string]any{"Name": name,
				"Years": strings.Join(years, t.T("policy_letter.value_sep"))}))
		case len(figs) == 1 && (figs[0].Year == 0 || figs[0].Year == year):
			parts = append(parts, strings.TrimSpace(t.T("policy_letter.figure", map[string]any{"Name": name,
				"Value": figureValue(unit, figs[0].Value), "Unit": unitWord(t, unit, figs[0].Value)})))
		case sums && unit == "wan" && (from == 0 || (figs[0].Year == from && figs[len(figs)-1].Year == to)):
			var sum int64
			for _, f := range figs {
				sum += f.Value
			}
			from, to = figs[0].Year, figs[len(figs)-1].Year
			summed = append(summed, t.T("policy_letter.figure_sum", map[string]any{"Name": name, "Value": figureValue(unit, sum),
				"Unit": unitWord(t, unit, 2)}))
		default:
			vals := make([]string, len(figs))
			for i, f := range figs {
				key := "policy_letter.year_value"
				if slices.Contains(l.Declared, f.Year) {
					key = "policy18_letter.year_value_declared"
				}
				vals[i] = t.T(key, map[string]any{"Year": f.Year, "Value": figureValue(unit, f.Value)})
			}
			key := "policy_letter.figure_years"
			if unit == "" || unit == "items" || unit == "people" {
				key = "policy_letter.figure_years_plain"
			}
			parts = append(parts, t.T(key, map[string]any{"Name": name, "Unit": unitWord(t, unit, 2),
				"Values": strings.Join(vals, t.T("policy_letter.value_sep"))}))
		}
	}
	if len(summed) > 0 {
		// The years are said once, after the sums they apply to, and those of them whose figures the company
		// declared in an application (no output row of the bureau's): the sum is only as good as they are.
		sum := t.T("policy_letter.sum_years", map[string]any{"From": from, "To": to,
			"Figures": strings.Join(summed, t.T("policy_letter.figure_sep"))})
		if declared := declaredIn(t, l.Declared, from, to); declared != "" {
			sum += t.T("policy18_letter.declared", map[string]any{"Years": declared})
		}
		parts = append(parts, sum)
	}
	return strings.Join(parts, t.T("policy_letter.figure_sep"))
}

// declaredIn lists the declared years between from and to: 2023, or 2023、2024.
func declaredIn(t *assets.Translator, declared []int, from, to int) string {
	var years []string
	for _, y := range declared {
		if y >= from && y <= to {
			years = append(years, strconv.Itoa(y))
		}
	}
	return strings.Join(years, t.T("policy_letter.value_sep"))
}

// unitWord is the unit after a number (English counts one item, two items).
func unitWord(t *assets.Translator, unit string, n int64) string {
	if unit == "" {
		return ""
	}
	return t.T("policy_letter.unit."+unit, map[string]any{"N": n})
}

// lineRatio is the ratio a line computed, or its score's range (42–90分), or nothing.
func lineRatio(t *assets.Translator, l data.PolicyLine) string {
	switch {
	case l.Score != nil && l.Score.Min == l.Score.Max:
		return t.T("policy_letter.points", map[string]any{"N": l.Score.Min})
	case l.Score != nil:
		return t.T("policy_letter.points_range", map[string]any{"Min": l.Score.Min, "Max": l.Score.Max})
	}
	return l.Ratio
}

// lineNote is why a line has its verdict: the reason, and the fields the records lack.
func lineNote(t *assets.Translator, l data.PolicyLine) string {
	var parts []string
	if l.Reason != "" && l.Reason != "missing" {
		parts = append(parts, t.T("policy.reason."+l.Reason))
	}
	if len(l.Missing) > 0 {
		parts = append(parts, t.T("policy_letter.missing", map[string]any{"Fields": PolicyFieldNames(t, l.Missing)}))
	}
	return strings.Join(parts, t.T("policy_letter.figure_sep"))
}

// PolicyFieldName names a field a rule reads, in the translator's language: "annual_output.st_staff" is
// 科技人员数; "annual_output.2024" is the output row of 2024 (2024年年度数据), and a field with a year after it
// ("annual_output.rd_domestic.2024") that field of that year. A field without a name shows itself.
func PolicyFieldName(t *assets.Translator, field string) string {
	key, year := field, ""
	if j := strings.LastIndexByte(field, '.'); j > 0 && len(field)-j == 5 && field[j+1] >= '0' && field[j+1] <= '9' {
		key, year = field[:j], field[j+1:]
	}
	name := key
	if t.Has("policy.field." + key) {
		name = t.T("policy.field." + key)
	}
	if year != "" {
		name = t.T("policy.year_of", map[string]any{"Year": year, "Field": name})
	}
	return name
}

// PolicyFieldNames names fields (PolicyFieldName) as a list: 科技人员数、2023年年度数据.
func PolicyFieldNames(t *assets.Translator, fields []string) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = PolicyFieldName(t, f)
	}
	return strings.Join(names, t.T("policy.list_sep"))
}
