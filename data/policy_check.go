package data

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"time"
)

// PolicyInput is what a check reads of one company: its record, its output rows (any years), its declared
// figures (any years; one counts only for a year without an output row), the IP it holds at the end of the
// year, and its dated facts (earlier 高企 certificates among them).
type PolicyInput struct {
	Company  Company
	Outputs  []AnnualOutput
	Declared []DeclaredFigures
	ClassI   int // valid class I IP at the year's end (invention patents and other class I rights)
	ClassII  int // valid class II IP at the year's end, less the items used in an earlier recognition
	Facts    []CompanyFact
}

// PolicyFigure is one of the company's own figures a rule line shows.
type PolicyFigure struct {
	Field string `json:"field"`
	Year  int    `json:"year,omitempty"`
	Value int64  `json:"value"`
	Unit  string `json:"unit,omitempty"` // "yuan" for an amount (shown in 万元), "" for a count
}

// policyAmountFields are the figures that are amounts of money.
var policyAmountFields = map[string]bool{"annual_output.revenue": true, "annual_output.rd_expense": true,
	"annual_output.rd_domestic": true, "annual_output.total_income": true, "annual_output.hightech_income": true,
	"annual_output.total_costs": true, "annual_output.net_assets": true, "annual_output.total_assets": true}

// ScoreRange is a score the records decide only in part: the experts' items count from 0 to their maximum.
type ScoreRange struct {
	Min   int         `json:"min"`
	Max   int         `json:"max"`
	Items []ScoreItem `json:"items"`
}

// ScoreItem is one item of a score with the points it can take.
type ScoreItem struct {
	Item   string `json:"item"`
	Min    int    `json:"min"`
	Max    int    `json:"max"`
	Expert bool   `json:"expert,omitempty"` // rated by the experts, not decided by the records
}

// PolicyLine is one rule checked against one company: the rule, the figures it read, the ratio computed from
// them, the verdict and its reason.
type PolicyLine struct {
	Rule      string         `json:"rule"`
	Clause    string         `json:"clause"`
	Threshold string         `json:"threshold"`
	Figures   []PolicyFigure `json:"figures,omitempty"`
	Ratio     string         `json:"ratio,omitempty"` // e.g. "4.99%", cut (not rounded) to two decimals
	Score     *ScoreRange    `json:"score,omitempty"`
	Verdict   Verdict        `json:"verdict"`
	Reason    string         `json:"reason,omitempty"` // a translation key under "policy.reason."
	Missing   []string       `json:"missing,omitempty"`
	// Declared are the years of Figures that have no output row, whose figures the company declared in an
	// application (DeclaredFigures) rather than the bureau's own statistics: a letter says so beside them.
	Declared []int `json:"declared_years,omitempty"`
}

// PolicyCertificate is a 高企 certificate as a check names it: the company's current one or an earlier one.
type PolicyCertificate struct {
	Number  string `json:"number"`
	Issued  string `json:"issued"`            // YYYY-MM-DD
	Expires string `json:"expires"`           // YYYY-MM-DD, CertificateYears after the issue
	Earlier bool   `json:"earlier,omitempty"` // one of the company's earlier certificates (company_fact), not its current one
}

// PolicyCheck is one company's verdict on one policy for one year, with a line per rule.
type PolicyCheck struct {
	CompanyID int64        `json:"company_id"`
	USCC      string       `json:"uscc"`
	Name      string       `json:"name"`
	Policy    Policy       `json:"policy"`
	Year      int          `json:"year"`
	Version   string       `json:"rules_version"`
	Verdict   Verdict      `json:"verdict"`
	Missing   []string     `json:"missing,omitempty"`
	Lines     []PolicyLine `json:"lines"`
	// Certificate is the 高企 certificate the company holds at the end of the year checked (the newest issued
	// of those valid that day), nil when it holds none: what a 科小 direct recognition (direct_cert) rests on,
	// and what a 高企 holder's letter names.
	Certificate *PolicyCertificate `json:"certificate,omitempty"`
}

// CheckPolicy checks one company against a rule set for year y: the figures of y (and the two years before for
// the three-year rules), the application dated at y's end. It never fails: what the records lack is reported
// as missing data on the line that needs it.
func CheckPolicy(rs *PolicyRuleSet, in PolicyInput, y int) PolicyCheck {
	c := policyCase{rs: rs, in: in, y: y, asOf: day(y, 12, 31)}
	for i := range in.Outputs {
		if k := in.Outputs[i].Year - (y - 2); k >= 0 && k < 3 {
			c.window3[k] = &in.Outputs[i]
		}
	}
	var declaredYears [3]bool
	anyDeclared := false
	for i := range in.Declared {
		k := in.Declared[i].Year - (y - 2)
		if k < 0 || k >= 3 || c.window3[k] != nil { // an output row of the year wins over a declared one
			continue
		}
		o, lacks := in.Declared[i].asOutput()
		anyDeclared = true
		if lacks != nil {
			c.lacks[k] = lacks
			continue
		}
		declaredYears[k] = true
		c.window3[k] = &o
	}
	// Every line's figures share one array (a few dozen a company): a slice that grew by appends for each line
	// was several allocations a line, millions for a city's check.
	figures := make([]PolicyFigure, 0, 4*len(rs.Rules))
	pc := PolicyCheck{CompanyID: in.Company.ID, USCC: in.Company.USCC, Name: in.Company.Name, Policy: rs.Policy, Year: y,
		Version: rs.Version, Lines: make([]PolicyLine, 0, len(rs.Rules))}
	for i := range rs.Rules {
		r := &rs.Rules[i]
		// The rule fills its line in place: a line of its own passed to the rule (a function value) would be
		// moved to the heap, a million allocations for a city's check.
		pc.Lines = append(pc.Lines, PolicyLine{Rule: r.ID, Clause: r.Clause, Threshold: r.Threshold,
			Figures: figures[len(figures):len(figures):cap(figures)]})
		l := &pc.Lines[len(pc.Lines)-1]
		policyChecks[r.ID](&c, r, l)
		if n := len(l.Figures); n > 0 && cap(figures)-len(figures) >= n && &l.Figures[0] == &figures[:len(figures)+1][len(figures)] {
			figures = figures[:len(figures)+n] // the line's figures took their place in the shared array
		}
		l.Figures = l.Figures[:len(l.Figures):len(l.Figures)] // an append to one line never writes over the next
		if len(l.Figures) == 0 {
			l.Figures = nil
		}
		if anyDeclared {
			for _, f := range l.Figures {
				if k := f.Year - (y - 2); f.Year != 0 && k >= 0 && k < 3 && declaredYears[k] && !slices.Contains(l.Declared, f.Year) {
					l.Declared = append(l.Declared, f.Year)
				}
			}
		}
	}
	pc.Verdict, pc.Missing = overall(pc.Lines)
	pc.Certificate = c.certificate()
	return pc
}

// certificate is the certificate the company holds on the day the check is dated, or nil.
func (c *policyCase) certificate() *PolicyCertificate {
	var best *PolicyCertificate
	var bestIssued time.Time
	if co := c.in.Company; co.CertValidOn(c.asOf) {
		best, bestIssued = &PolicyCertificate{Number: co.CertNo, Issued: FormatDate(co.CertIssued),
			Expires: FormatDate(co.CertExpires())}, co.CertIssued
	}
	for _, f := range c.in.Facts {
		if f.CertificateValidOn(c.asOf) && (best == nil || f.Date.After(bestIssued)) {
			best, bestIssued = &PolicyCertificate{Number: f.Number, Issued: FormatDate(f.Date),
				Expires: FormatDate(f.CertificateExpires()), Earlier: true}, f.Date
		}
	}
	return best
}

// overall: a rule failed outright decides (不符合) even when others lack data; then missing data, then near
// misses, then a score only the experts can lift over the bar.
func overall(lines []PolicyLine) (Verdict, []string) {
	var missing []string
	worst := VerdictMeets
	for _, l := range lines {
		if verdictRank(l.Verdict) > verdictRank(worst) {
			worst = l.Verdict
		}
		for _, m := range l.Missing {
			if !slices.Contains(missing, m) {
				missing = append(missing, m)
			}
		}
	}
	return worst, missing
}

func verdictRank(v Verdict) int {
	switch v {
	case VerdictPossible:
		return 1
	case VerdictNear:
		return 2
	case VerdictMissing:
		return 3
	case VerdictFails:
		return 4
	}
	return 0
}

type policyCase struct {
	rs   *PolicyRuleSet
	in   PolicyInput
	y    int
	asOf time.Time
	// window3 are the output rows of the three years ending with y (nil where there is none), or where a year
	// has none its declared figures as a row: no rule reads an older or a later year.
	window3 [3]*AnnualOutput
	// lacks names, for a year with declared figures but no sales or R&D among them, what it lacks: the year
	// has no row, and a rule reading it names these rather than the whole year.
	lacks [3][]string
}

// missingYear names what a rule reading year y (of the window) lacks when the year has no row: the figures
// its declared row leaves out (annual_output.revenue.2023), else the whole year (annual_output.2023).
func (c *policyCase) missingYear(y int) []string {
	if k := y - (c.y - 2); k >= 0 && k < 3 && c.lacks[k] != nil {
		out := make([]string, len(c.lacks[k]))
		for i, f := range c.lacks[k] {
			out[i] = fmt.Sprintf("%s.%d", f, y)
		}
		return out
	}
	return []string{fmt.Sprintf("annual_output.%d", y)}
}

// rowOf is the output row of year y of the window, or nil.
func (c *policyCase) rowOf(y int) *AnnualOutput {
	if k := y - (c.y - 2); k >= 0 && k < 3 {
		return c.window3[k]
	}
	return nil
}

var policyChecks map[string]func(*policyCase, *PolicyRule, *PolicyLine)

func init() {
	policyChecks = map[string]func(*policyCase, *PolicyRule, *PolicyLine){
		"gaoqi.registered": (*policyCase).registered, "gaoqi.ip": (*policyCase).hasIP, "gaoqi.field": (*policyCase).field,
		"gaoqi.st_staff": (*policyCase).stShare, "gaoqi.rd_ratio": (*policyCase).rdRatio, "gaoqi.rd_domestic": (*policyCase).rdDomestic,
		"gaoqi.hightech_income": (*policyCase).hightechIncome, "gaoqi.score": (*policyCase).gaoqiScore,
		"gaoqi.integrity": (*policyCase).integrity,
		"kexiao.staff":    (*policyCase).staffCap, "kexiao.sales": (*policyCase).salesCap, "kexiao.assets": (*policyCase).assetsCap,
		"kexiao.integrity": (*policyCase).integrity, "kexiao.score": (*policyCase).kexiaoScore,
	}
}

// missing marks a line as lacking the named fields.
func (l *PolicyLine) missing(fields ...string) {
	l.Verdict, l.Reason = VerdictMissing, "missing"
	l.Missing = append(l.Missing, fields...)
}

func (l *PolicyLine) figure(field string, year int, v int64) {
	f := PolicyFigure{Field: field, Year: year, Value: v}
	if policyAmountFields[field] {
		f.Unit = "yuan"
	}
	l.Figures = append(l.Figures, f)
}

func (c *policyCase) row(l *PolicyLine) *AnnualOutput {
	r := c.rowOf(c.y)
	if r == nil {
		l.missing(c.missingYear(c.y)...)
	}
	return r
}

func (c *policyCase) registered(r *PolicyRule, l *PolicyLine) {
	if c.in.Company.Founded.IsZero() {
		l.missing("company.founded")
		return
	}
	days := int(c.asOf.Sub(dateOnly(c.in.Company.Founded)).Hours() / 24)
	l.figure("days_registered", 0, int64(days))
	switch {
	case days < 0:
		l.Verdict, l.Reason = VerdictFails, "not_founded"
	case days >= r.Days:
		l.Verdict = VerdictMeets
	case days*100 >= r.Days*(100-NearPct):
		l.Verdict, l.Reason = VerdictNear, "below"
	default:
		l.Verdict, l.Reason = VerdictFails, "below"
	}
}

func (c *policyCase) hasIP(r *PolicyRule, l *PolicyLine) {
	l.figure("ip_class1", 0, int64(c.in.ClassI))
	l.figure("ip_class2", 0, int64(c.in.ClassII))
	if int64(c.in.ClassI+c.in.ClassII) >= r.Cap {
		l.Verdict = VerdictMeets
		return
	}
	l.Verdict, l.Reason = VerdictFails, "no_ip"
}

func (c *policyCase) field(_ *PolicyRule, l *PolicyLine) {
	if ValidateField(c.in.Company.Field) != nil {
		l.missing("company.field")
		return
	}
	l.Verdict = VerdictMeets
}

// ratioLine judges num/den against a minimum in basis points, with the near-miss margin; a zero denominator
// fails with its own reason rather than dividing.
func ratioLine(l *PolicyLine, num, den, minBP int64, zeroReason string) {
	if den <= 0 {
		l.Verdict, l.Reason = VerdictFails, zeroReason
		return
	}
	l.Ratio = percentCut(num, den)
	switch {
	case num*10000 >= minBP*den:
		l.Verdict = VerdictMeets
	case num*10000*100 >= minBP*(100-NearPct)*den:
		l.Verdict, l.Reason = VerdictNear, "below"
	default:
		l.Verdict, l.Reason = VerdictFails, "below"
	}
}

// percentCut prints num/den as a percentage cut to two decimals, so that a ratio just under a bar never reads
// as the bar itself (4.999 % prints 4.99 %, not 5.00 %). Amounts are at most MaxYuan·3, so num·10⁶ fits.
func percentCut(num, den int64) string {
	bp := num * 1_000_000 / den // hundredths of a basis point
	return fmt.Sprintf("%d.%02d%%", bp/10000, bp/100%100)
}

func (c *policyCase) stShare(r *PolicyRule, l *PolicyLine) {
	o := c.row(l)
	if o == nil {
		return
	}
	if o.STStaff == nil {
		l.missing("annual_output.st_staff")
	}
	if o.Employees <= 0 {
		l.missing("annual_output.employees")
	}
	if l.Verdict == VerdictMissing {
		return
	}
	l.figure("annual_output.st_staff", c.y, int64(*o.STStaff))
	l.figure("annual_output.employees", c.y, int64(o.Employees))
	ratioLine(l, int64(*o.STStaff), int64(o.Employees), r.MinBP, "zero")
}

// window returns the rows of the three-year window ending with y, fewer for a company founded within it; a
// year the company existed in but has no row is reported missing (a gap).
func (c *policyCase) window(l *PolicyLine) []*AnnualOutput {
	first := c.y - 2
	if f := c.in.Company.Founded; !f.IsZero() && f.Year() > first {
		first = f.Year()
	}
	var rows []*AnnualOutput
	for y := first; y <= c.y; y++ {
		if o := c.rowOf(y); o != nil {
			rows = append(rows, o)
		} else {
			l.missing(c.missingYear(y)...)
		}
	}
	if len(rows) == 0 && l.Verdict != VerdictMissing {
		l.missing(c.missingYear(c.y)...)
	}
	return rows
}

func (c *policyCase) rdRatio(r *PolicyRule, l *PolicyLine) {
	rows := c.window(l)
	if l.Verdict == VerdictMissing {
		return
	}
	var rd, sales int64
	for _, o := range rows {
		rd += int64(o.RDExpense)
		sales += int64(o.Revenue)
		l.figure("annual_output.rd_expense", o.Year, int64(o.RDExpense))
		l.figure("annual_output.revenue", o.Year, int64(o.Revenue))
	}
	ratioLine(l, rd, sales, rdBand(r.Bands, int64(c.rowOf(c.y).Revenue)), "zero_sales")
}

// rdBand is the R&D ratio a company must reach for its latest year's sales: the last band whose From the
// sales exceed (a band starts above its From: 5000万 exactly is still in the 5 % band).
func rdBand(bands []Band, sales int64) int64 {
	minBP := int64(bands[0].Min)
	for _, b := range bands[1:] {
		if sales > b.From {
			minBP = int64(b.Min)
		}
	}
	return minBP
}

func (c *policyCase) rdDomestic(r *PolicyRule, l *PolicyLine) {
	rows := c.window(l)
	if l.Verdict == VerdictMissing {
		return
	}
	var rd, dom int64
	for _, o := range rows {
		if o.RDDomestic == nil {
			l.missing(fmt.Sprintf("annual_output.rd_domestic.%d", o.Year))
			continue
		}
		rd += int64(o.RDExpense)
		dom += int64(*o.RDDomestic)
		l.figure("annual_output.rd_domestic", o.Year, int64(*o.RDDomestic))
	}
	if l.Verdict == VerdictMissing {
		return
	}
	ratioLine(l, dom, rd, r.MinBP, "zero_rd")
}

func (c *policyCase) hightechIncome(r *PolicyRule, l *PolicyLine) {
	o := c.row(l)
	if o == nil {
		return
	}
	if o.HighTechIncome == nil {
		l.missing("annual_output.hightech_income")
	}
	if o.TotalIncome == nil {
		l.missing("annual_output.total_income")
	}
	if l.Verdict == VerdictMissing {
		return
	}
	l.figure("annual_output.hightech_income", c.y, int64(*o.HighTechIncome))
	l.figure("annual_output.total_income", c.y, int64(*o.TotalIncome))
	ratioLine(l, int64(*o.HighTechIncome), int64(*o.TotalIncome), r.MinBP, "zero_income")
}

// integrity fails on an incident of a kind the rule reads, in the year checked (高企: the year before the
// application) or, for 科小, also the year before it.
func (c *policyCase) integrity(r *PolicyRule, l *PolicyLine) {
	from := c.y
	if c.rs.Policy == PolicyKexiao {
		from = c.y - 1
	}
	kinds := map[string]bool{}
	for _, f := range r.Fields {
		kinds[f[len("company_fact."):]] = true
	}
	l.Verdict = VerdictMeets
	for _, f := range c.in.Facts {
		if kinds[f.Kind] && f.Year >= from && f.Year <= c.y {
			l.figure("company_fact."+f.Kind, f.Year, 1)
			l.Verdict, l.Reason = VerdictFails, "incident"
		}
	}
}

func capLine(l *PolicyLine, v, limit int64) {
	switch {
	case v <= limit:
		l.Verdict = VerdictMeets
	case v*100 <= limit*(100+NearPct):
		l.Verdict, l.Reason = VerdictNear, "above"
	default:
		l.Verdict, l.Reason = VerdictFails, "above"
	}
}

func (c *policyCase) staffCap(r *PolicyRule, l *PolicyLine) {
	if o := c.row(l); o != nil {
		l.figure("annual_output.employees", c.y, int64(o.Employees))
		capLine(l, int64(o.Employees), r.Cap)
	}
}

func (c *policyCase) salesCap(r *PolicyRule, l *PolicyLine) {
	if o := c.row(l); o != nil {
		l.figure("annual_output.revenue", c.y, int64(o.Revenue))
		capLine(l, int64(o.Revenue), r.Cap)
	}
}

func (c *policyCase) assetsCap(r *PolicyRule, l *PolicyLine) {
	o := c.row(l)
	if o == nil {
		return
	}
	if o.TotalAssets == nil {
		l.missing("annual_output.total_assets")
		return
	}
	l.figure("annual_output.total_assets", c.y, int64(*o.TotalAssets))
	capLine(l, int64(*o.TotalAssets), r.Cap)
}

// growth is g = ½ (Y2/Y1 + Y3/Y2) − 1 in basis points (cut toward minus infinity) over the three values ending
// with the year checked, with the 工作指引's cases: one year only → no growth; Y1 = 0 → Y3/Y2 − 1; Y2 = 0 → no
// growth. ok is false when the value of a year the company existed in is not recorded; a negative base gives no
// growth (a ratio over a debt says nothing), with its reason.
func growth(vals [3]*int64) (bp int64, reason string, ok bool) {
	y1, y2, y3 := vals[0], vals[1], vals[2]
	if y3 == nil || y2 == nil {
		return 0, "one_year", y3 != nil
	}
	if *y2 == 0 {
		return 0, "zero_base", true
	}
	if *y2 < 0 || (y1 != nil && *y1 < 0) {
		return 0, "negative_base", true
	}
	if bp, ok := growthFast(y1, *y2, *y3); ok {
		return bp, "", true
	}
	var g *big.Rat
	if y1 == nil || *y1 == 0 {
		g = big.NewRat(*y3, *y2)
	} else {
		g = new(big.Rat).Add(big.NewRat(*y2, *y1), big.NewRat(*y3, *y2))
		g.Mul(g, big.NewRat(1, 2))
	}
	g.Sub(g, big.NewRat(1, 1))
	g.Mul(g, big.NewRat(10000, 1))
	q := new(big.Int).Div(g.Num(), g.Denom()) // Euclidean: floors for a positive denominator
	return q.Int64(), "", true
}

// growthFast computes growth in floating point and keeps the result only when it is not within a millionth of a
// basis point of a whole one, where a rounding error could move it across; there the exact fractions decide.
// Most companies are far from any edge, and the exact way costs a dozen allocations each.
func growthFast(y1 *int64, y2, y3 int64) (int64, bool) {
	g := float64(y3) / float64(y2)
	if y1 != nil && *y1 != 0 {
		g = (float64(y2)/float64(*y1) + g) / 2
	}
	g = (g - 1) * 10000
	f := math.Floor(g)
	if g-f < 1e-6 || f+1-g < 1e-6 || math.IsInf(g, 0) || math.IsNaN(g) {
		return 0, false
	}
	return int64(f), true
}
