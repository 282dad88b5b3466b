package data

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func yp(v int64) *Yuan { y := Yuan(v); return &y }
func ip(v int) *int    { return &v }

// passingInput is a company that meets every 高企 rule for 2025 with room to spare: each test moves one figure
// to a threshold.
func passingInput() PolicyInput {
	in := PolicyInput{Company: Company{ID: 1, USCC: "91350100M000100Y43", Name: "测试企业", Field: "electronics",
		Founded: day(2015, 3, 1)}, ClassI: 2, ClassII: 6}
	for y := 2023; y <= 2025; y++ {
		in.Outputs = append(in.Outputs, AnnualOutput{CompanyID: 1, Year: y, Revenue: 40_000_000, RDExpense: 4_000_000,
			Employees: 100, RDStaff: 20, TotalIncome: yp(40_000_000), HighTechIncome: yp(30_000_000), RDDomestic: yp(4_000_000),
			TotalCosts: yp(30_000_000), NetAssets: yp(int64(10_000_000 * (y - 2021))), TotalAssets: yp(50_000_000),
			STStaff: ip(20), Conversions: ip(6)})
	}
	return in
}

func gaoqi(t *testing.T) *PolicyRuleSet {
	t.Helper()
	rs, err := RuleSetFor(PolicyGaoqi, 2025)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func kexiao(t *testing.T) *PolicyRuleSet {
	t.Helper()
	rs, err := RuleSetFor(PolicyKexiao, 2025)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func lineOf(t *testing.T, pc PolicyCheck, rule string) PolicyLine {
	t.Helper()
	for _, l := range pc.Lines {
		if l.Rule == rule {
			return l
		}
	}
	t.Fatalf("no line %s in %+v", rule, pc)
	return PolicyLine{}
}

func TestPolicyPassingCompanyMeetsEveryGaoqiRuleButTheExperts(t *testing.T) {
	pc := CheckPolicy(gaoqi(t), passingInput(), 2025)
	for _, l := range pc.Lines {
		want := VerdictMeets
		if l.Rule == "gaoqi.score" {
			continue
		}
		if l.Verdict != want {
			t.Errorf("%s: %s (%s), want %s", l.Rule, l.Verdict, l.Reason, want)
		}
	}
	// IP 7–8 (+16 expert +1–6 acquired, cap 30), conversion 25–30 (mean 6), growth net assets (20,30,40 →
	// g = ½(1.5+1.33)−1 = 41.7 %) 9–10, sales 0 (flat), management 0–20.
	s := lineOf(t, pc, "gaoqi.score").Score
	if s.Min != 7+1+25+9 || s.Max != 30+30+10+20 {
		t.Errorf("score range %d–%d, want %d–%d: %+v", s.Min, s.Max, 42, 90, s.Items)
	}
	if pc.Verdict != VerdictPossible {
		t.Errorf("verdict %s, want possible (the experts decide)", pc.Verdict)
	}
}

func TestPolicyRDRatioBandsFromBothSides(t *testing.T) {
	for _, tc := range []struct {
		sales, rd int64
		want      Verdict
	}{
		{50_000_000, 2_495_000, VerdictNear},   // 4.99 % in the 5 % band (sales exactly 5000万)
		{50_000_000, 2_500_000, VerdictMeets},  // 5.00 %
		{200_000_000, 7_980_000, VerdictNear},  // 3.99 % at exactly 2亿: still the 4 % band
		{200_000_000, 8_000_000, VerdictMeets}, // 4.00 %
		{200_000_001, 5_999_999, VerdictNear},  // just under 3 % above 2亿
		{200_000_001, 6_000_001, VerdictMeets}, // 3 % above 2亿 (3 % of 200000001 is 6000000.03)
		{50_000_000, 2_249_999, VerdictFails},  // under 4.5 %: more than 10 % short of 5 %
		{50_000_000, 2_250_000, VerdictNear},   // 4.5 %: exactly 10 % short
	} {
		in := passingInput()
		for i := range in.Outputs {
			in.Outputs[i].Revenue, in.Outputs[i].RDExpense, in.Outputs[i].RDDomestic = Yuan(tc.sales), Yuan(tc.rd), yp(tc.rd)
		}
		l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio")
		if l.Verdict != tc.want {
			t.Errorf("sales %d rd %d: %s (%s), want %s", tc.sales, tc.rd, l.Verdict, l.Ratio, tc.want)
		}
	}
}

func TestPolicyRDRatioIsBandedByTheLatestYearsSales(t *testing.T) {
	in := passingInput()
	// 4.5 % over three years; latest sales 2亿 + 1 → the 3 % band applies though the earlier years were small.
	in.Outputs[0].Revenue, in.Outputs[0].RDExpense = 10_000_000, 450_000
	in.Outputs[1].Revenue, in.Outputs[1].RDExpense = 10_000_000, 450_000
	in.Outputs[2].Revenue, in.Outputs[2].RDExpense = 200_000_001, 9_000_000
	if l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio"); l.Verdict != VerdictMeets {
		t.Errorf("%s %s, want meets at the 3 %% band", l.Verdict, l.Ratio)
	}
	in.Outputs[2].Revenue = 50_000_000 // the 5 % band: 4.5 % is a near miss
	in.Outputs[2].RDExpense = 2_250_000
	l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio")
	if l.Verdict != VerdictNear || l.Ratio != "4.50%" {
		t.Errorf("%s %s, want near at 4.50%%", l.Verdict, l.Ratio)
	}
	if f := l.Figures[len(l.Figures)-1]; f != (PolicyFigure{"annual_output.revenue", 2025, 50_000_000, "yuan"}) {
		t.Errorf("last figure %+v, want 2025's sales in yuan", f)
	}
	if f := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.st_staff").Figures[0]; f.Unit != "" {
		t.Errorf("a head count has no unit: %+v", f)
	}
}

func TestPolicyShareThresholdsFromBothSides(t *testing.T) {
	for _, tc := range []struct {
		rule       string
		set        func(o *AnnualOutput)
		want       Verdict
		wantRatio  string
		wantReason string
	}{
		{"gaoqi.st_staff", func(o *AnnualOutput) { o.Employees, o.STStaff = 10000, ip(999) }, VerdictNear, "9.99%", "below"},
		{"gaoqi.st_staff", func(o *AnnualOutput) { o.Employees, o.STStaff = 10000, ip(1000) }, VerdictMeets, "10.00%", ""},
		{"gaoqi.st_staff", func(o *AnnualOutput) { o.Employees, o.STStaff = 10000, ip(899) }, VerdictFails, "8.99%", "below"},
		{"gaoqi.hightech_income", func(o *AnnualOutput) { o.TotalIncome, o.HighTechIncome = yp(10000), yp(5999) }, VerdictNear, "59.99%", "below"},
		{"gaoqi.hightech_income", func(o *AnnualOutput) { o.TotalIncome, o.HighTechIncome = yp(10000), yp(6000) }, VerdictMeets, "60.00%", ""},
		{"gaoqi.hightech_income", func(o *AnnualOutput) { o.TotalIncome, o.HighTechIncome = yp(0), yp(0) }, VerdictFails, "", "zero_income"},
		{"gaoqi.hightech_income", func(o *AnnualOutput) { o.TotalIncome = nil }, VerdictMissing, "", "missing"},
		{"gaoqi.st_staff", func(o *AnnualOutput) { o.Employees = 0 }, VerdictMissing, "", "missing"},
	} {
		in := passingInput()
		tc.set(&in.Outputs[2])
		l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), tc.rule)
		if l.Verdict != tc.want || l.Ratio != tc.wantRatio || l.Reason != tc.wantReason {
			t.Errorf("%s: %s %q %q, want %s %q %q", tc.rule, l.Verdict, l.Ratio, l.Reason, tc.want, tc.wantRatio, tc.wantReason)
		}
	}
}

func TestPolicyDomesticRDFromBothSides(t *testing.T) {
	for _, tc := range []struct {
		dom  int64
		want Verdict
	}{{2_399_999, VerdictNear}, {2_400_000, VerdictMeets}} {
		in := passingInput()
		for i := range in.Outputs {
			in.Outputs[i].RDDomestic = yp(tc.dom)
		}
		if l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_domestic"); l.Verdict != tc.want {
			t.Errorf("domestic %d of 4000000: %s %s, want %s", tc.dom, l.Verdict, l.Ratio, tc.want)
		}
	}
}

func TestPolicyRegisteredDays(t *testing.T) {
	for _, tc := range []struct {
		founded string
		want    Verdict
	}{
		{"2025-01-01", VerdictNear},  // 364 days before 2025-12-31
		{"2024-12-31", VerdictMeets}, // 365 days
		{"2025-03-01", VerdictFails}, // 305 days: more than 10 % short
		{"2026-02-01", VerdictFails}, // not yet founded
	} {
		in := passingInput()
		in.Company.Founded, _ = ParseDate(tc.founded)
		l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.registered")
		if l.Verdict != tc.want {
			t.Errorf("founded %s: %s %+v, want %s", tc.founded, l.Verdict, l.Figures, tc.want)
		}
	}
}

func TestPolicyGrowthFormula(t *testing.T) {
	v := func(xs ...int64) (out [3]*int64) {
		for i, x := range xs {
			if x >= 0 || x < -1 {
				x := x
				out[i] = &x
			}
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		vals   [3]*int64
		bp     int64
		reason string
	}{
		{"three years", v(100, 120, 150), 2250, ""}, // ½(1.2 + 1.25) − 1 = 22.5 %
		{"one year only", [3]*int64{nil, nil, ptr(100)}, 0, "one_year"},
		{"first year zero", v(0, 100, 135), 3500, ""}, // Y3/Y2 − 1
		{"first year absent", [3]*int64{nil, ptr(100), ptr(135)}, 3500, ""},
		{"second year zero", v(100, 0, 150), 0, "zero_base"},
		{"negative base", v(-100, 50, 80), 0, "negative_base"},
		{"shrinking", v(100, 90, 80), -1056, ""}, // ½(0.9 + 0.888…) − 1 = −10.56 %
	} {
		bp, reason, _ := growth(tc.vals)
		if bp != tc.bp || reason != tc.reason {
			t.Errorf("%s: %d %q, want %d %q", tc.name, bp, reason, tc.bp, tc.reason)
		}
	}
}

func ptr(v int64) *int64 { return &v }

func TestPolicyGrowthBandEdgesInTheScore(t *testing.T) {
	for _, tc := range []struct {
		y3       int64
		min, max int
	}{
		{135, 9, 10}, // g = 35 % exactly (Y1 = 0, Y2 = 100)
		{134, 7, 8},  // 34 %
		{100, 0, 0},  // 0 %: no points
		{101, 1, 2},  // 1 %
	} {
		in := passingInput()
		in.Outputs[0].NetAssets, in.Outputs[1].NetAssets, in.Outputs[2].NetAssets = yp(0), yp(100), yp(tc.y3)
		s := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.score").Score
		for _, it := range s.Items {
			if it.Item == "growth_net_assets" && (it.Min != tc.min || it.Max != tc.max) {
				t.Errorf("Y3 %d: %d–%d, want %d–%d", tc.y3, it.Min, it.Max, tc.min, tc.max)
			}
		}
	}
}

func TestPolicyInnovationScoreVerdicts(t *testing.T) {
	// No IP at all: nothing for the experts to rate, and the IP rule fails.
	in := passingInput()
	in.ClassI, in.ClassII = 0, 0
	pc := CheckPolicy(gaoqi(t), in, 2025)
	if l := lineOf(t, pc, "gaoqi.ip"); l.Verdict != VerdictFails {
		t.Errorf("no IP: %s", l.Verdict)
	}
	if s := lineOf(t, pc, "gaoqi.score").Score; s.Max != 30+10+20 {
		t.Errorf("no IP: max %d, want 60 (conversion 30, growth 10, management 20)", s.Max)
	}
	if l := lineOf(t, pc, "gaoqi.score"); l.Verdict != VerdictFails {
		t.Errorf("no IP, max 60: %s, want fails (below 63)", l.Verdict)
	}
	// Missing conversions: counted 0–30; the rule cannot be decided.
	in = passingInput()
	in.Outputs[1].Conversions = nil
	if l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.score"); l.Verdict != VerdictMissing ||
		!strings.Contains(strings.Join(l.Missing, ","), "conversions") {
		t.Errorf("missing conversions: %s %v", l.Verdict, l.Missing)
	}
}

func TestPolicyConversionBandEdges(t *testing.T) {
	for _, tc := range []struct {
		per  [3]int
		want int // the band's minimum
	}{{[3]int{5, 5, 5}, 25}, {[3]int{5, 5, 4}, 19}, {[3]int{1, 1, 1}, 1}, {[3]int{0, 0, 2}, 0}, {[3]int{0, 0, 3}, 1}} {
		in := passingInput()
		for i := range in.Outputs {
			in.Outputs[i].Conversions = ip(tc.per[i])
		}
		for _, it := range lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.score").Score.Items {
			if it.Item == "conversion" && it.Min != tc.want {
				t.Errorf("%v: %d, want %d", tc.per, it.Min, tc.want)
			}
		}
	}
}

func kexiaoInput() PolicyInput {
	in := passingInput()
	in.ClassI, in.ClassII = 0, 0
	for i := range in.Outputs { // staff share 30 % (20), R&D/sales 6 % (50): 70 without IP
		o := &in.Outputs[i]
		o.Employees, o.STStaff, o.Revenue, o.RDExpense, o.TotalCosts = 100, ip(30), 10_000_000, 600_000, yp(100_000_000)
		o.RDDomestic = yp(600_000)
	}
	return in
}

func kxScore(t *testing.T, in PolicyInput) PolicyLine {
	return lineOf(t, CheckPolicy(kexiao(t), in, 2025), "kexiao.score")
}

func itemMin(l PolicyLine, item string) int {
	for _, it := range l.Score.Items {
		if it.Item == item {
			return it.Min
		}
	}
	return -1
}

func TestKexiaoScoreBandEdges(t *testing.T) {
	for _, tc := range []struct {
		st   int
		want int
	}{{30, 20}, {29, 16}, {25, 16}, {24, 12}, {20, 12}, {19, 8}, {15, 8}, {14, 4}, {10, 4}, {9, 0}} {
		in := kexiaoInput()
		in.Outputs[2].STStaff = ip(tc.st)
		if got := itemMin(kxScore(t, in), "st_share"); got != tc.want {
			t.Errorf("S&T staff %d %%: %d, want %d", tc.st, got, tc.want)
		}
	}
	for _, tc := range []struct {
		rd   int64
		want int
	}{{600_000, 50}, {599_999, 40}, {500_000, 40}, {400_000, 30}, {300_000, 20}, {200_000, 10}, {199_999, 0}} {
		in := kexiaoInput()
		in.Outputs[2].RDExpense = Yuan(tc.rd)
		if got := itemMin(kxScore(t, in), "rd"); got != tc.want {
			t.Errorf("R&D %d of 1000万 sales: %d, want %d", tc.rd, got, tc.want)
		}
	}
	for _, tc := range []struct {
		c1, c2, want int
	}{{1, 0, 30}, {0, 4, 24}, {0, 3, 18}, {0, 2, 12}, {0, 1, 6}, {0, 0, 0}} {
		in := kexiaoInput()
		in.ClassI, in.ClassII = tc.c1, tc.c2
		if got := itemMin(kxScore(t, in), "ip"); got != tc.want {
			t.Errorf("class I %d class II %d: %d, want %d", tc.c1, tc.c2, got, tc.want)
		}
	}
}

func TestKexiaoTakesTheBetterRDOption(t *testing.T) {
	in := kexiaoInput()
	in.Outputs[2].RDExpense = 200_000        // 2 % of sales: 10
	in.Outputs[2].TotalCosts = yp(1_000_000) // 20 % of costs: 30
	if got := itemMin(kxScore(t, in), "rd"); got != 30 {
		t.Errorf("got %d, want the costs option's 30", got)
	}
	in.Outputs[2].Revenue = 0 // zero sales: that option gives nothing, no division
	if got := itemMin(kxScore(t, in), "rd"); got != 30 {
		t.Errorf("zero sales: got %d, want 30", got)
	}
}

func TestKexiaoScoreVerdicts(t *testing.T) {
	for _, tc := range []struct {
		st          int   // of 100 staff
		rd          int64 // of 1000万 sales
		c1, c2      int
		score       int
		wantVerdict Verdict
	}{
		{30, 600_000, 0, 0, 70, VerdictMeets}, // 20 + 50
		{25, 300_000, 0, 4, 60, VerdictMeets}, // 16 + 20 + 24: the bar itself
		{24, 300_000, 0, 4, 56, VerdictNear},  // 12 + 20 + 24
		{10, 300_000, 1, 0, 54, VerdictNear},  // 4 + 20 + 30: 90 % of the bar
		{30, 400_000, 0, 0, 50, VerdictFails}, // 20 + 30
		{15, 300_000, 0, 1, 34, VerdictFails}, // 8 + 20 + 6
	} {
		in := kexiaoInput()
		in.Outputs[2].STStaff, in.Outputs[2].RDExpense, in.ClassI, in.ClassII = ip(tc.st), Yuan(tc.rd), tc.c1, tc.c2
		if l := kxScore(t, in); l.Score.Min != tc.score || l.Score.Max != tc.score || l.Verdict != tc.wantVerdict {
			t.Errorf("%+v: %d–%d %s", tc, l.Score.Min, l.Score.Max, l.Verdict)
		}
	}
	// A zero S&T-staff item fails whatever the total: 0 + 50 + 30 = 80.
	in := kexiaoInput()
	in.Outputs[2].STStaff, in.ClassI = ip(9), 1
	if l := kxScore(t, in); l.Verdict != VerdictFails || l.Reason != "st_zero" || l.Score.Min != 80 {
		t.Errorf("zero staff item: %s %s %d", l.Verdict, l.Reason, l.Score.Min)
	}
}

func TestKexiaoDirectRoutes(t *testing.T) {
	weak := func() PolicyInput { // 0 points for staff: fails without a route
		in := kexiaoInput()
		in.Outputs[2].STStaff = ip(0)
		return in
	}
	for _, tc := range []struct {
		name  string
		set   func(in *PolicyInput)
		route string
	}{
		{"valid certificate", func(in *PolicyInput) { in.Company.CertNo, in.Company.CertIssued = "GR202321000001", day(2023, 11, 1) }, "direct_cert"},
		{"national award, third unit", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "award", Level: "national", Rank: 3, Year: 2021}}
		}, "direct_award"},
		{"provincial institution", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "rd_institution", Level: "provincial", Year: 2019}}
		}, "direct_institution"},
		{"industry standard led", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "standard", Level: "industry", Rank: 1, Year: 2024}}
		}, "direct_standard"},
		{"expired certificate", func(in *PolicyInput) { in.Company.CertNo, in.Company.CertIssued = "GR202221000001", day(2022, 11, 1) }, ""},
		{"award as fourth unit", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "award", Level: "national", Rank: 4, Year: 2024}}
		}, ""},
		{"award six years ago", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "award", Level: "national", Rank: 1, Year: 2020}}
		}, ""},
		{"municipal institution", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "rd_institution", Level: "municipal", Year: 2019}}
		}, ""},
		{"standard only drafted", func(in *PolicyInput) {
			in.Facts = []CompanyFact{{Kind: "standard", Level: "national", Rank: 2, Year: 2024}}
		}, ""},
	} {
		in := weak()
		tc.set(&in)
		l := kxScore(t, in)
		if tc.route == "" && (l.Verdict != VerdictFails || l.Reason != "st_zero") {
			t.Errorf("%s: %s %s, want no route", tc.name, l.Verdict, l.Reason)
		}
		if tc.route != "" && (l.Verdict != VerdictMeets || l.Reason != tc.route) {
			t.Errorf("%s: %s %s, want meets by %s", tc.name, l.Verdict, l.Reason, tc.route)
		}
	}
}

func TestKexiaoCapsAndIntegrity(t *testing.T) {
	for _, tc := range []struct {
		emp  int
		rev  int64
		rule string
		want Verdict
	}{
		{500, 200_000_000, "kexiao.staff", VerdictMeets}, {501, 200_000_000, "kexiao.staff", VerdictNear},
		{551, 200_000_000, "kexiao.staff", VerdictFails}, {500, 200_000_000, "kexiao.sales", VerdictMeets},
		{500, 200_000_001, "kexiao.sales", VerdictNear},
	} {
		in := kexiaoInput()
		in.Outputs[2].Employees, in.Outputs[2].Revenue = tc.emp, Yuan(tc.rev)
		if l := lineOf(t, CheckPolicy(kexiao(t), in, 2025), tc.rule); l.Verdict != tc.want {
			t.Errorf("%s %d/%d: %s, want %s", tc.rule, tc.emp, tc.rev, l.Verdict, tc.want)
		}
	}
	in := kexiaoInput()
	in.Facts = []CompanyFact{{Kind: "abnormal_list", Year: 2024}}
	if l := lineOf(t, CheckPolicy(kexiao(t), in, 2025), "kexiao.integrity"); l.Verdict != VerdictFails {
		t.Errorf("listed the year before: %s", l.Verdict)
	}
	in.Facts[0].Year = 2023
	if l := lineOf(t, CheckPolicy(kexiao(t), in, 2025), "kexiao.integrity"); l.Verdict != VerdictMeets {
		t.Errorf("listed two years before: %s", l.Verdict)
	}
	in.Facts = []CompanyFact{{Kind: "accident", Year: 2024}} // 高企 looks at the year checked only
	if l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.integrity"); l.Verdict != VerdictMeets {
		t.Errorf("高企, accident the year before the checked year: %s", l.Verdict)
	}
	in.Facts[0].Year = 2025
	if l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.integrity"); l.Verdict != VerdictFails {
		t.Errorf("高企, accident in the checked year: %s", l.Verdict)
	}
}

// Bad input gives missing data or a verdict with its reason, never a panic, a NaN or a division by zero.
func TestPolicyBadInput(t *testing.T) {
	noRows := passingInput()
	noRows.Outputs = nil
	gap := passingInput()
	gap.Outputs = gap.Outputs[1:2] // 2024 only
	gap2 := passingInput()
	gap2.Outputs = append(gap2.Outputs[:1:1], gap2.Outputs[2]) // 2023 and 2025
	early := passingInput()
	zero := passingInput()
	for i := range zero.Outputs {
		zero.Outputs[i] = AnnualOutput{Year: zero.Outputs[i].Year, TotalIncome: yp(0), HighTechIncome: yp(0),
			RDDomestic: yp(0), TotalCosts: yp(0), NetAssets: yp(-5), TotalAssets: yp(0), STStaff: ip(0), Conversions: ip(0)}
	}
	for name, tc := range map[string]struct {
		in   PolicyInput
		year int
		want Verdict
	}{
		"no output rows":        {noRows, 2025, VerdictFails}, // the IP rule passes, the score fails on IP… see below
		"gap in the window":     {gap2, 2025, VerdictMissing},
		"latest year missing":   {gap, 2025, VerdictMissing},
		"before it was founded": {early, 2014, VerdictFails},
		"all zero":              {zero, 2025, VerdictFails},
	} {
		for _, rs := range []*PolicyRuleSet{gaoqi(t), kexiao(t)} {
			pc := CheckPolicy(rs, tc.in, tc.year)
			b, err := json.Marshal(pc)
			if err != nil || strings.Contains(string(b), "NaN") || strings.Contains(string(b), "Inf") {
				t.Errorf("%s %s: %v %s", name, rs.Policy, err, b)
			}
			for _, l := range pc.Lines {
				if l.Verdict == "" {
					t.Errorf("%s %s: %s has no verdict", name, rs.Policy, l.Rule)
				}
				if l.Verdict == VerdictMissing && len(l.Missing) == 0 {
					t.Errorf("%s %s: %s is missing data without naming it", name, rs.Policy, l.Rule)
				}
			}
			if rs.Policy == PolicyGaoqi && name != "no output rows" && pc.Verdict != tc.want {
				t.Errorf("%s: %s, want %s (%v)", name, pc.Verdict, tc.want, pc.Missing)
			}
		}
	}
	pc := CheckPolicy(gaoqi(t), noRows, 2025)
	if l := lineOf(t, pc, "gaoqi.st_staff"); l.Verdict != VerdictMissing || l.Missing[0] != "annual_output.2025" {
		t.Errorf("no rows: %+v", l)
	}
	if l := lineOf(t, CheckPolicy(gaoqi(t), gap2, 2025), "gaoqi.rd_ratio"); l.Verdict != VerdictMissing || l.Missing[0] != "annual_output.2024" {
		t.Errorf("gap: %+v", l)
	}
	if l := lineOf(t, CheckPolicy(gaoqi(t), zero, 2025), "gaoqi.rd_ratio"); l.Reason != "zero_sales" {
		t.Errorf("zero sales: %+v", l)
	}
	young := passingInput() // founded in 2024: the window is 2024–2025, 2023 is not a gap
	young.Company.Founded = day(2024, 6, 1)
	young.Outputs = young.Outputs[1:]
	if l := lineOf(t, CheckPolicy(gaoqi(t), young, 2025), "gaoqi.rd_ratio"); l.Verdict != VerdictMeets || len(l.Figures) != 4 {
		t.Errorf("young company: %+v", l)
	}
}

func TestRuleSetForYear(t *testing.T) {
	if _, err := RuleSetFor(PolicyGaoqi, 2015); ErrorCode(err) != Invalid {
		t.Errorf("2015: %v", err)
	}
	if rs, err := RuleSetFor(PolicyGaoqi, 2016); err != nil || rs.Version != "2016" {
		t.Errorf("2016: %v %v", rs, err)
	}
	if _, err := RuleSetFor(PolicyKexiao, 2021); ErrorCode(err) != Invalid {
		t.Errorf("kexiao 2021: %v", err)
	}
	if _, err := RuleSetFor("other", 2025); ErrorCode(err) != Invalid {
		t.Errorf("unknown policy: %v", err)
	}
	// A year the records cannot speak of is refused on the year, not checked as all data missing.
	for _, y := range []int{99999, MaxYear + 1, 0, -1} {
		var e *Error
		if _, err := RuleSetFor(PolicyKexiao, y); !errors.As(err, &e) || e.Field != "year" || e.Key != "err.year.range" {
			t.Errorf("year %d: %v", y, err)
		}
	}
	if rs, err := RuleSetFor(PolicyGaoqi, MaxYear); err != nil || rs.Version != "2016" {
		t.Errorf("%d: %v %v", MaxYear, rs, err)
	}
	for _, rs := range PolicyRuleSets {
		for _, r := range rs.Rules {
			if policyChecks[r.ID] == nil || r.Clause == "" || r.Threshold == "" || len(r.Fields) == 0 && r.ID != "gaoqi.field" {
				t.Errorf("rule %s is not complete", r.ID)
			}
		}
	}
}

// A missing figure is named alone: staff recorded, S&T staff not, names the S&T staff only.
func TestKexiaoNamesOnlyTheMissingFigure(t *testing.T) {
	in := kexiaoInput()
	in.Outputs[2].STStaff = nil
	l := kxScore(t, in)
	if l.Verdict != VerdictMissing || len(l.Missing) != 1 || l.Missing[0] != "annual_output.st_staff" {
		t.Errorf("%s %v, want missing S&T staff only", l.Verdict, l.Missing)
	}
}
