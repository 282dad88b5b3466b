package data

import "fmt"

// band returns the points of the first band (highest first) whose From v reaches, or 0–0.
func band(bands []Band, reached func(from int64) bool) (int, int) {
	for _, b := range bands {
		if reached(b.From) {
			return b.Min, b.Max
		}
	}
	return 0, 0
}

// addItem adds an item to a score; an item whose figures are missing counts from 0 to full, and the line
// remembers what is missing.
func (s *ScoreRange) addItem(item string, lo, hi int, expert bool) {
	s.Items = append(s.Items, ScoreItem{Item: item, Min: lo, Max: hi, Expert: expert})
	s.Min += lo
	s.Max += hi
}

// yearValues returns a figure of the three years ending with y, nil for a year before the company was
// founded; a year it existed in without the figure is named in missing.
func (c *policyCase) yearValues(get func(*AnnualOutput) *int64) (vals [3]*int64, missing []string) {
	for i := 0; i < 3; i++ {
		y := c.y - 2 + i
		if f := c.in.Company.Founded; !f.IsZero() && f.Year() > y {
			continue
		}
		o := c.rowOf(y)
		var v *int64
		if o != nil {
			v = get(o)
		}
		if v == nil {
			if o == nil {
				missing = append(missing, c.missingYear(y)...)
			} else {
				missing = append(missing, fmt.Sprintf("annual_output.%d", y))
			}
			continue
		}
		vals[i] = v
	}
	return vals, missing
}

func optInt64(y *Yuan) *int64 {
	if y == nil {
		return nil
	}
	v := int64(*y)
	return &v
}

// gaoqiScore is the innovation score as a range: IP quantity, conversions and growth from the records (each
// band's range), technical advancement, core support and R&D management from 0 to their maximum. The rule is
// met when the minimum exceeds the bar, possible when only the maximum does.
func (c *policyCase) gaoqiScore(r *PolicyRule, l *PolicyLine) {
	sb := c.rs.Score
	s := &ScoreRange{}
	var missing []string
	ip := c.in.ClassI + c.in.ClassII
	var ipLo, ipHi int
	add := func(item string, lo, hi int, expert bool) {
		s.Items = append(s.Items, ScoreItem{Item: item, Min: lo, Max: hi, Expert: expert})
		ipLo, ipHi = ipLo+lo, ipHi+hi
	}
	if ip > 0 { // the experts rate the IP the company holds; without any there is nothing to rate
		add("tech_advance", 0, sb.TechAdvance, true)
		add("core_support", 0, sb.CoreSupport, true)
	}
	switch {
	case c.in.ClassI >= int(sb.IPClassI.From):
		add("ip_quantity", sb.IPClassI.Min, sb.IPClassI.Max, false)
	default:
		lo, hi := band(sb.IPClassII, func(from int64) bool { return int64(c.in.ClassII) >= from })
		add("ip_quantity", lo, hi, false)
	}
	if ip > 0 {
		add("ip_acquired", sb.IPAcquired.Min, sb.IPAcquired.Max, false)
	}
	if c.ledStandard(0, "national", "industry", "international") {
		add("ip_standard", sb.IPStandard.Min, sb.IPStandard.Max, true)
	}
	s.Min, s.Max = min(ipLo, sb.IPCap), min(ipHi, sb.IPCap)

	conv, convMissing := c.yearValues(func(o *AnnualOutput) *int64 {
		if o.Conversions == nil {
			return nil
		}
		v := int64(*o.Conversions)
		return &v
	})
	if convMissing != nil {
		missing = append(missing, "annual_output.conversions")
		s.addItem("conversion", 0, sb.Conversion[0].Max, false)
	} else {
		var sum, n int64
		for _, v := range conv {
			if v != nil {
				sum, n = sum+*v, n+1
			}
		}
		lo, hi := 0, 0
		if n > 0 { // the yearly mean in thousandths reaches From when sum·1000 ≥ From·n
			lo, hi = band(sb.Conversion, func(from int64) bool { return sum*1000 >= from*n })
		}
		s.addItem("conversion", lo, hi, false)
	}
	for _, g := range []struct {
		item, field string
		get         func(*AnnualOutput) *int64
	}{
		{"growth_net_assets", "annual_output.net_assets", func(o *AnnualOutput) *int64 { return optInt64(o.NetAssets) }},
		{"growth_sales", "annual_output.revenue", func(o *AnnualOutput) *int64 { v := int64(o.Revenue); return &v }},
	} {
		vals, miss := c.yearValues(g.get)
		if miss != nil {
			missing = append(missing, g.field)
			s.addItem(g.item, 0, sb.Growth[0].Max, false)
			continue
		}
		bp, _, _ := growth(vals)
		lo, hi := band(sb.Growth, func(from int64) bool { return bp >= from })
		s.addItem(g.item, lo, hi, false)
	}
	s.addItem("rd_management", 0, sb.RDManagement, true)

	l.Score = s
	bar := r.Points
	switch {
	case s.Min > bar:
		l.Verdict = VerdictMeets
	case len(missing) > 0:
		if s.Max <= bar {
			l.Verdict, l.Reason = VerdictFails, "score_low" // not even full marks on what is missing would do
		} else {
			l.missing(missing...)
		}
	case s.Max > bar:
		l.Verdict, l.Reason = VerdictPossible, "experts"
	case s.Max*100 >= bar*(100-NearPct):
		l.Verdict, l.Reason = VerdictNear, "score_low"
	default:
		l.Verdict, l.Reason = VerdictFails, "score_low"
	}
}

// ledStandard reports a standard of one of the levels the company led in the last `years` years up to the
// year checked (0: any year up to it).
func (c *policyCase) ledStandard(years int, levels ...string) bool {
	for _, f := range c.in.Facts {
		if f.Kind != "standard" || f.Rank != 1 || f.Year > c.y || (years > 0 && f.Year <= c.y-years) {
			continue
		}
		for _, lv := range levels {
			if f.Level == lv {
				return true
			}
		}
	}
	return false
}

// kexiaoDirect names the direct-recognition route the company has, or "".
func (c *policyCase) kexiaoDirect() string {
	if c.in.Company.CertValidOn(c.asOf) {
		return "direct_cert"
	}
	years := c.rs.Score.DirectYears
	for _, f := range c.in.Facts {
		switch {
		case f.CertificateValidOn(c.asOf): // an earlier certificate still valid at the end of the year checked
			return "direct_cert"
		case f.Kind == "award" && f.Level == "national" && f.Rank >= 1 && f.Rank <= 3 && f.Year <= c.y && f.Year > c.y-years:
			return "direct_award"
		case f.Kind == "rd_institution" && (f.Level == "national" || f.Level == "provincial") && f.Year <= c.y:
			return "direct_institution"
		}
	}
	if c.ledStandard(years, "international", "national", "industry") {
		return "direct_standard"
	}
	return ""
}

// kexiaoScore is the 科小 score, which the records decide: S&T staff share, the better of the two R&D ratios,
// and IP. An S&T-staff item of 0 fails whatever the total; a direct-recognition route meets the rule without
// the score.
func (c *policyCase) kexiaoScore(r *PolicyRule, l *PolicyLine) {
	if route := c.kexiaoDirect(); route != "" {
		l.Verdict, l.Reason = VerdictMeets, route
		return
	}
	sb := c.rs.Score
	o := c.row(l)
	if o == nil {
		return
	}
	s := &ScoreRange{}
	l.Score = s
	var missing []string
	stZero := false
	if o.STStaff == nil || o.Employees <= 0 {
		if o.STStaff == nil {
			missing = append(missing, "annual_output.st_staff")
		}
		if o.Employees <= 0 {
			missing = append(missing, "annual_output.employees")
		}
		s.addItem("st_share", 0, sb.STShare[0].Max, false)
	} else {
		st, emp := int64(*o.STStaff), int64(o.Employees)
		l.Ratio = percentCut(st, emp)
		lo, hi := band(sb.STShare, func(from int64) bool { return st*10000 >= from*emp })
		stZero = hi == 0
		s.addItem("st_share", lo, hi, false)
	}
	rd := int64(o.RDExpense)
	bySales := 0
	if o.Revenue > 0 { // zero sales give this option no points rather than a division by zero
		bySales, _ = band(sb.RDSales, func(from int64) bool { return rd*10000 >= from*int64(o.Revenue) })
	}
	rdLo, rdHi := bySales, bySales
	switch {
	case o.TotalCosts == nil && bySales < sb.RDSales[0].Max: // the costs option might still give more
		missing = append(missing, "annual_output.total_costs")
		rdHi = sb.RDCosts[0].Max
	case o.TotalCosts != nil && *o.TotalCosts > 0:
		costs := int64(*o.TotalCosts)
		byCosts, _ := band(sb.RDCosts, func(from int64) bool { return rd*10000 >= from*costs })
		rdLo, rdHi = max(bySales, byCosts), max(bySales, byCosts)
	}
	s.addItem("rd", rdLo, rdHi, false)
	ipPts := 0
	if c.in.ClassI >= 1 {
		ipPts = sb.KxClassI
	} else {
		ipPts, _ = band(sb.KxClassII, func(from int64) bool { return int64(c.in.ClassII) >= from })
	}
	s.addItem("ip", ipPts, ipPts, false)

	bar := r.Points
	switch {
	case stZero:
		l.Verdict, l.Reason = VerdictFails, "st_zero"
	case len(missing) > 0 && s.Min < bar && s.Max >= bar:
		l.missing(missing...)
	case s.Min >= bar:
		l.Verdict = VerdictMeets
	case s.Max*100 >= bar*(100-NearPct) && len(missing) == 0:
		l.Verdict, l.Reason = VerdictNear, "score_low"
	default:
		l.Verdict, l.Reason = VerdictFails, "score_low"
	}
}
