package data

import (
	"errors"
	"fmt"
	"time"
)

// Policy names a recognition the bureau helps companies win.
type Policy string

// The policies the program checks.
const (
	PolicyGaoqi  Policy = "gaoqi"  // 高新技术企业 (high-tech enterprise) recognition
	PolicyKexiao Policy = "kexiao" // 科技型中小企业 (tech SME) evaluation
)

// Verdict is the outcome of one rule or of a whole check.
type Verdict string

// The verdicts. Possible is the innovation score's own: only the top of its range clears the bar, so the
// experts decide.
const (
	VerdictMeets    Verdict = "meets"    // 符合
	VerdictPossible Verdict = "possible" // 可能
	VerdictNear     Verdict = "near"     // 接近: misses by at most NearPct % of the threshold
	VerdictFails    Verdict = "fails"    // 不符合
	VerdictMissing  Verdict = "missing"  // 缺数据: the records lack a figure the rule reads
)

// Label is the verdict's word in the bureau's Chinese, as the lists and letters print it.
func (v Verdict) Label() string {
	return map[Verdict]string{VerdictMeets: "符合", VerdictPossible: "可能", VerdictNear: "接近", VerdictFails: "不符合",
		VerdictMissing: "缺数据"}[v]
}

// NearPct is how far below (or above, for a ceiling) its threshold a figure may be for the rule to count as a
// near miss (接近), in per cent of the threshold (issue 18: at most 10 %).
const NearPct = 10

// Band maps a figure to points: the first band whose From the figure reaches gives Min–Max points (equal for a
// score the records decide).
type Band struct {
	From     int64 // in the unit of the item: basis points of a ratio, a count, or thousandths of a yearly mean
	Min, Max int
}

// PolicyRule is one condition of a policy as its text states it: where it stands, what it asks, what it reads.
// The checks, the lists, the check-up, the letter and the command line all read these values.
type PolicyRule struct {
	ID        string   // stable name, e.g. "gaoqi.rd_ratio"
	Clause    string   // the clause, e.g. 《高新技术企业认定管理办法》第十一条第（五）项
	Threshold string   // the threshold as the text gives it
	Fields    []string // the fields it reads (table.column)
	// The numbers the check compares with; which ones a rule uses depends on the rule.
	MinBP  int64  // a ratio's lower bound in basis points (10 % = 1000)
	Cap    int64  // an upper bound of a count or an amount in yuan
	Days   int    // a minimum age in days
	Points int    // a score's bar: the score must exceed it (gaoqi) or reach it (kexiao)
	Bands  []Band // a ratio's bands by an amount (R&D ratio by sales): From is the sales in yuan above which
	// the band applies, Min the ratio in basis points
}

// PolicyRuleSet is one version of a policy's rules and the first year it applies to, so that a check of an
// earlier year uses that year's rules and a printed check-up can be made again.
type PolicyRuleSet struct {
	Policy  Policy
	Version string
	From    time.Time // checks of a year ending on or after this day use these rules
	Source  string    // the title of the text the rules come from
	Rules   []PolicyRule
	// Score bands (the 高企 innovation score and the 科小 score); see policy_score.go.
	Score ScoreBands
}

// ScoreBands are the bands of the items a score is made of.
type ScoreBands struct {
	// 高企: IP quantity by class II count (a class I item gives IPClassI), conversions by the yearly mean in
	// thousandths, growth by g in basis points (a g of at most 0 gives 0).
	IPClassI      Band
	IPClassII     []Band
	IPAcquired    Band // own R&D or transfer: the records do not say which, so 1–6 when there is any IP
	IPStandard    Band // bonus for leading a national or industry standard
	IPCap         int
	Conversion    []Band
	Growth        []Band
	TechAdvance   int // expert-rated maxima
	CoreSupport   int
	RDManagement  int
	MaxScoreTotal int
	// 科小: S&T staff share, R&D / sales, R&D / costs (basis points) and IP.
	STShare     []Band
	RDSales     []Band
	RDCosts     []Band
	KxClassI    int
	KxClassII   []Band
	DirectYears int // awards and standards count from the last so many years
}

const gaoqiSource = "《高新技术企业认定管理办法》（国科发火〔2016〕32号）"

// PolicyRuleSets are every version of every policy's rules, oldest first within a policy.
var PolicyRuleSets = []PolicyRuleSet{
	{
		Policy: PolicyGaoqi, Version: "2016", From: day(2016, 1, 1), Source: gaoqiSource + "、《高新技术企业认定管理工作指引》（国科发火〔2016〕195号）",
		Rules: []PolicyRule{
			{ID: "gaoqi.registered", Clause: "《高新技术企业认定管理办法》第十一条第（一）项", Threshold: "注册成立一年以上（≥ 365 日）",
				Fields: []string{"company.founded"}, Days: 365},
			{ID: "gaoqi.ip", Clause: "《高新技术企业认定管理办法》第十一条第（二）项", Threshold: "拥有知识产权 ≥ 1 项",
				Fields: []string{"patent", "ip_right"}, Cap: 1},
			{ID: "gaoqi.field", Clause: "《高新技术企业认定管理办法》第十一条第（三）项", Threshold: "属于《国家重点支持的高新技术领域》",
				Fields: []string{"company.field"}},
			{ID: "gaoqi.st_staff", Clause: "《高新技术企业认定管理办法》第十一条第（四）项", Threshold: "科技人员占职工总数 ≥ 10%",
				Fields: []string{"annual_output.st_staff", "annual_output.employees"}, MinBP: 1000},
			{ID: "gaoqi.rd_ratio", Clause: "《高新技术企业认定管理办法》第十一条第（五）项", Threshold: "近三年研发费用占销售收入：≤ 5000万元 5%；5000万–2亿元 4%；> 2亿元 3%",
				Fields: []string{"annual_output.rd_expense", "annual_output.revenue"},
				Bands:  []Band{{From: 0, Min: 500}, {From: 50_000_000, Min: 400}, {From: 200_000_000, Min: 300}}},
			{ID: "gaoqi.rd_domestic", Clause: "《高新技术企业认定管理办法》第十一条第（五）项", Threshold: "境内研发费用占研发费用 ≥ 60%",
				Fields: []string{"annual_output.rd_domestic", "annual_output.rd_expense"}, MinBP: 6000},
			{ID: "gaoqi.hightech_income", Clause: "《高新技术企业认定管理办法》第十一条第（六）项", Threshold: "高新技术产品（服务）收入占总收入 ≥ 60%",
				Fields: []string{"annual_output.hightech_income", "annual_output.total_income"}, MinBP: 6000},
			{ID: "gaoqi.score", Clause: "《高新技术企业认定管理办法》第十一条第（七）项", Threshold: "创新能力评价 > 70 分",
				Fields: []string{"patent", "ip_right", "company_fact.standard", "annual_output.conversions", "annual_output.net_assets", "annual_output.revenue"},
				Points: 70},
			{ID: "gaoqi.integrity", Clause: "《高新技术企业认定管理办法》第十一条第（八）项", Threshold: "申请前一年内无重大安全、重大质量事故或严重环境违法行为",
				Fields: []string{"company_fact.accident", "company_fact.env_violation"}},
		},
		Score: ScoreBands{
			IPClassI:   Band{From: 1, Min: 7, Max: 8},
			IPClassII:  []Band{{From: 5, Min: 5, Max: 6}, {From: 3, Min: 3, Max: 4}, {From: 1, Min: 1, Max: 2}},
			IPAcquired: Band{From: 1, Min: 1, Max: 6}, IPStandard: Band{From: 1, Min: 0, Max: 2}, IPCap: 30,
			Conversion: []Band{{From: 5000, Min: 25, Max: 30}, {From: 4000, Min: 19, Max: 24}, {From: 3000, Min: 13, Max: 18},
				{From: 2000, Min: 7, Max: 12}, {From: 1000, Min: 1, Max: 6}},
			Growth: []Band{{From: 3500, Min: 9, Max: 10}, {From: 2500, Min: 7, Max: 8}, {From: 1500, Min: 5, Max: 6},
				{From: 500, Min: 3, Max: 4}, {From: 1, Min: 1, Max: 2}},
			TechAdvance: 8, CoreSupport: 8, RDManagement: 20, MaxScoreTotal: 100,
		},
	},
	{
		Policy: PolicyKexiao, Version: "2022", From: day(2022, 1, 1), Source: "《科技型中小企业评价办法》（国科发政〔2022〕78号）",
		Rules: []PolicyRule{
			{ID: "kexiao.staff", Clause: "《科技型中小企业评价办法》第六条第（二）项", Threshold: "职工总数 ≤ 500 人",
				Fields: []string{"annual_output.employees"}, Cap: 500},
			{ID: "kexiao.sales", Clause: "《科技型中小企业评价办法》第六条第（二）项", Threshold: "年销售收入 ≤ 2亿元",
				Fields: []string{"annual_output.revenue"}, Cap: 200_000_000},
			{ID: "kexiao.assets", Clause: "《科技型中小企业评价办法》第六条第（二）项", Threshold: "资产总额 ≤ 2亿元",
				Fields: []string{"annual_output.total_assets"}, Cap: 200_000_000},
			{ID: "kexiao.integrity", Clause: "《科技型中小企业评价办法》第六条第（四）项", Threshold: "上一年度至当年未发生重大安全、重大质量事故、严重环境违法、科研严重失信，且未列入经营异常名录和严重违法失信名单",
				Fields: []string{"company_fact.accident", "company_fact.env_violation", "company_fact.misconduct", "company_fact.abnormal_list", "company_fact.dishonest_list"}},
			{ID: "kexiao.score", Clause: "《科技型中小企业评价办法》第六条第（五）项、第七条", Threshold: "综合评价 ≥ 60 分且科技人员指标不为 0 分，或符合直接认定条件",
				Fields: []string{"annual_output.st_staff", "annual_output.employees", "annual_output.rd_expense", "annual_output.revenue",
					"annual_output.total_costs", "patent", "ip_right", "company.cert_issued", "company_fact.award", "company_fact.rd_institution", "company_fact.standard"},
				Points: 60},
		},
		Score: ScoreBands{
			STShare: []Band{{From: 3000, Min: 20, Max: 20}, {From: 2500, Min: 16, Max: 16}, {From: 2000, Min: 12, Max: 12},
				{From: 1500, Min: 8, Max: 8}, {From: 1000, Min: 4, Max: 4}},
			RDSales: []Band{{From: 600, Min: 50, Max: 50}, {From: 500, Min: 40, Max: 40}, {From: 400, Min: 30, Max: 30},
				{From: 300, Min: 20, Max: 20}, {From: 200, Min: 10, Max: 10}},
			RDCosts: []Band{{From: 3000, Min: 50, Max: 50}, {From: 2500, Min: 40, Max: 40}, {From: 2000, Min: 30, Max: 30},
				{From: 1500, Min: 20, Max: 20}, {From: 1000, Min: 10, Max: 10}},
			KxClassI:    30,
			KxClassII:   []Band{{From: 4, Min: 24, Max: 24}, {From: 3, Min: 18, Max: 18}, {From: 2, Min: 12, Max: 12}, {From: 1, Min: 6, Max: 6}},
			DirectYears: 5, MaxScoreTotal: 100,
		},
	},
}

// RuleSetFor returns the rules of a policy that apply to a check of the given year: the newest version that
// applies by the year's end. A year before every version is refused, naming the first year that has rules, and
// so is a year the records cannot speak of (ValidateYear), which would otherwise check as all data missing.
func RuleSetFor(p Policy, year int) (*PolicyRuleSet, error) {
	if err := ValidateYear(year); err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Field = "year"
		}
		return nil, err
	}
	var found *PolicyRuleSet
	first := 0
	for i := range PolicyRuleSets {
		rs := &PolicyRuleSets[i]
		if rs.Policy != p {
			continue
		}
		if first == 0 || rs.From.Year() < first {
			first = rs.From.Year()
		}
		if !rs.From.After(day(year, 12, 31)) && (found == nil || rs.From.After(found.From)) {
			found = rs
		}
	}
	if first == 0 {
		return nil, &Error{Code: Invalid, Field: "policy", Key: "err.policy.unknown", Args: map[string]any{"Policy": string(p)},
			Message: fmt.Sprintf("is not a policy the program knows (gaoqi or kexiao): %q", string(p))}
	}
	if found == nil {
		return nil, &Error{Code: Invalid, Field: "year", Key: "err.policy.year", Args: map[string]any{"Year": year, "First": first},
			Message: fmt.Sprintf("%d is before the first year with rules (%d)", year, first)}
	}
	return found, nil
}

// Rule returns the rule with the given ID, or nil.
func (rs *PolicyRuleSet) Rule(id string) *PolicyRule {
	for i := range rs.Rules {
		if rs.Rules[i].ID == id {
			return &rs.Rules[i]
		}
	}
	return nil
}
