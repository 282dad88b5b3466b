package data

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"time"
)

// Growth is a change in percent with one decimal, kept as tenths of a percent; Valid is false when there is
// nothing to compare with (the base is zero).
type Growth struct {
	Tenths int64
	Valid  bool
}

// GrowthOf computes (cur − prev) / prev in tenths of a percent, rounded half away from zero.
func GrowthOf(cur, prev Yuan) Growth { return growthOf(int64(cur), int64(prev)) }

// CountGrowth is the growth of a count (patents, companies, teams…) over the year before, rounded as GrowthOf
// rounds an amount's; not Valid when the year before counted none.
func CountGrowth(cur, prev int) Growth { return growthOf(int64(cur), int64(prev)) }

// growthOf is (cur − prev) / prev of two quantities of one unit, in tenths of a percent rounded half away from
// zero; not Valid when prev is not positive. Amounts and counts both grow by it.
func growthOf(cur, prev int64) Growth {
	if prev <= 0 {
		return Growth{}
	}
	num := (cur - prev) * 1000
	q, r := num/prev, num%prev
	if 2*abs64(r) >= prev {
		if num < 0 {
			q--
		} else {
			q++
		}
	}
	return Growth{Tenths: q, Valid: true}
}

// String is the percentage with one decimal ("12.3", "-4.0"), or "" when there is no base to compare with.
func (g Growth) String() string {
	if !g.Valid {
		return ""
	}
	sign := ""
	t := g.Tenths
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Stats are the district's figures for a report year, as DESIGN.md defines them. Every screen, brief and
// the command line take them from here.
type Stats struct {
	Year                int
	Output              Yuan // output_yuan
	AddedValue          Yuan // added_value_yuan
	PrevOutput          Yuan
	PrevAddedValue      Yuan
	OutputGrowth        Growth // output_growth_pct
	AddedValueGrowth    Growth // added_value_growth_pct
	HighTechEnterprises int    // hightech_enterprises: certificate valid on the year's last day
	ReportingCompanies  int    // companies with an output row in the year
	CoopCompanies       int    // coop_companies: distinct companies with a cooperation active in the year
	CoopInstitutions    int    // coop_institutions: distinct institutions likewise
	CoopBases           int    // coop_bases: bases established by the year's end
	CoopOutcomes        int    // coop_outcomes: projects and new products of the year or before
	TeamsIntroduced     int    // teams_introduced: start-up team applications signed in the year
	IncubatorSigned     int    // incubator_signed: applications signed by the year's end (cumulative)
	PlanApplicants      int    // plan_applicants: distinct companies submitting a district plan application in the year
	PatentApplications  int    // patent_applications: filed in the year
	PatentGrants        int    // patent_grants: granted in the year
	PatentsValid        int    // patents_valid: valid on the year's last day
}

// Figure is one named figure as `scitech stats` prints it.
type Figure struct {
	Name  string
	Value string
}

// Figures lists the figures by their DESIGN.md names: amounts in yuan, percentages with one decimal.
func (st Stats) Figures() []Figure {
	return []Figure{
		{"output_yuan", strconv.FormatInt(int64(st.Output), 10)},
		{"added_value_yuan", strconv.FormatInt(int64(st.AddedValue), 10)},
		{"output_growth_pct", st.OutputGrowth.String()},
		{"added_value_growth_pct", st.AddedValueGrowth.String()},
		{"hightech_enterprises", strconv.Itoa(st.HighTechEnterprises)},
		{"coop_companies", strconv.Itoa(st.CoopCompanies)},
		{"coop_institutions", strconv.Itoa(st.CoopInstitutions)},
		{"coop_bases", strconv.Itoa(st.CoopBases)},
		{"coop_outcomes", strconv.Itoa(st.CoopOutcomes)},
		{"teams_introduced", strconv.Itoa(st.TeamsIntroduced)},
		{"incubator_signed", strconv.Itoa(st.IncubatorSigned)},
		{"plan_applicants", strconv.Itoa(st.PlanApplicants)},
		{"patent_applications", strconv.Itoa(st.PatentApplications)},
		{"patent_grants", strconv.Itoa(st.PatentGrants)},
		{"patents_valid", strconv.Itoa(st.PatentsValid)},
	}
}

// YearEnd is the last day of a report year, the day the "on the end date" figures are taken.
func YearEnd(year int) time.Time { return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC) }

// Stats computes the figures of a report year.
func (s *Store) Stats(ctx context.Context, year int) (Stats, error) {
	return s.statsOf(ctx, s.db, year)
}

// statsQuerier is the store's database, or a transaction whose writes are not committed yet.
type statsQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// statsOf is Stats read through q: a copy between two stores proves itself by the figures of the copy it has
// written, before it commits.
func (s *Store) statsOf(ctx context.Context, q statsQuerier, year int) (Stats, error) {
	if err := ValidateYear(year); err != nil {
		err.(*Error).Field = "year"
		return Stats{}, err
	}
	st := Stats{Year: year}
	// A company has one output row a year (UNIQUE (company_id, year)), so a year's rows count its reporting
	// companies; the sums read index annual_output_year_sums only.
	rows, err := q.QueryContext(ctx, `SELECT year, sum(output), sum(added_value), count(*)
		FROM annual_output WHERE year IN (?, ?) GROUP BY year`, year, year-1)
	if err != nil {
		return st, internal(err, "cannot compute the output figures")
	}
	for rows.Next() {
		var y, n int
		var output, added Yuan
		if err := rows.Scan(&y, &output, &added, &n); err != nil {
			rows.Close()
			return st, internal(err, "cannot compute the output figures")
		}
		if y == year {
			st.Output, st.AddedValue, st.ReportingCompanies = output, added, n
		} else {
			st.PrevOutput, st.PrevAddedValue = output, added
		}
	}
	if err := rows.Close(); err != nil {
		return st, internal(err, "cannot compute the output figures")
	}
	if err := rows.Err(); err != nil {
		return st, internal(err, "cannot compute the output figures")
	}
	st.OutputGrowth = GrowthOf(st.Output, st.PrevOutput)
	st.AddedValueGrowth = GrowthOf(st.AddedValue, st.PrevAddedValue)
	if err := s.countFigures(ctx, q, &st, year); err != nil {
		return st, err
	}
	return st, nil
}

// OutputGroup is the output of a group of companies (a high-tech field or a park) in a year and the year before.
type OutputGroup struct {
	Key            string // field code or park name; "" for companies outside any park
	Companies      int
	Output         Yuan
	AddedValue     Yuan
	PrevOutput     Yuan
	PrevAddedValue Yuan
}

// OutputGrowth is the group's output growth against the year before.
func (g OutputGroup) OutputGrowth() Growth { return GrowthOf(g.Output, g.PrevOutput) }

// AddedValueGrowth is the group's added value growth against the year before.
func (g OutputGroup) AddedValueGrowth() Growth { return GrowthOf(g.AddedValue, g.PrevAddedValue) }

// CompanyOutput is one company's output row of the report year, the record behind the totals.
type CompanyOutput struct {
	CompanyID  int64
	USCC       string
	Name       string
	Field      string
	Park       string
	Output     Yuan
	AddedValue Yuan
	Revenue    Yuan
	RDExpense  Yuan
	Employees  int
}

// OutputSummary is everything the high-tech output brief reports for a year.
type OutputSummary struct {
	Stats
	ByField []OutputGroup   // every high-tech field, in HighTechFields order
	ByPark  []OutputGroup   // every park, then companies outside parks if any
	Rows    []CompanyOutput // every output row of the year, largest output first
}

// Top returns the n companies with the largest output.
func (o OutputSummary) Top(n int) []CompanyOutput {
	if len(o.Rows) < n {
		return o.Rows
	}
	return o.Rows[:n]
}

// OutputSummary computes the figures and tables of the high-tech output brief for a year.
func (s *Store) OutputSummary(ctx context.Context, year int) (OutputSummary, error) {
	st, err := s.Stats(ctx, year)
	if err != nil {
		return OutputSummary{}, err
	}
	sum := OutputSummary{Stats: st}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.uscc, c.name, c.field, coalesce(p.name, ''), o.year,
		o.output, o.added_value, o.revenue, o.rd_expense, o.employees
		FROM annual_output o JOIN company c ON c.id = o.company_id LEFT JOIN park p ON p.id = c.park_id
		WHERE o.year IN (?, ?) ORDER BY o.output DESC, c.name, c.id`, year, year-1)
	if err != nil {
		return sum, internal(err, "cannot read the output rows")
	}
	defer rows.Close()
	byField := map[string]*OutputGroup{}
	group := func(m map[string]*OutputGroup, key string) *OutputGroup {
		if m[key] == nil {
			m[key] = &OutputGroup{Key: key}
		}
		return m[key]
	}
	for rows.Next() {
		var r CompanyOutput
		var y int
		if err := rows.Scan(&r.CompanyID, &r.USCC, &r.Name, &r.Field, &r.Park, &y, &r.Output, &r.AddedValue,
			&r.Revenue, &r.RDExpense, &r.Employees); err != nil {
			return sum, internal(err, "cannot read the output rows")
		}
		if g := group(byField, r.Field); y == year {
			g.Companies++
			g.Output += r.Output
			g.AddedValue += r.AddedValue
		} else {
			g.PrevOutput += r.Output
			g.PrevAddedValue += r.AddedValue
		}
		if y == year {
			sum.Rows = append(sum.Rows, r)
		}
	}
	if err := rows.Err(); err != nil {
		return sum, internal(err, "cannot read the output rows")
	}
	for _, f := range HighTechFields {
		sum.ByField = append(sum.ByField, *group(byField, f))
	}
	if sum.ByPark, err = s.OutputByPark(ctx, year); err != nil {
		return sum, err
	}
	sort.SliceStable(sum.Rows, func(i, j int) bool { return sum.Rows[i].Output > sum.Rows[j].Output })
	return sum, nil
}

// OutputByPark adds up a year's output by park (the parks in their order, then the companies outside any park
// when there are some) in SQL: the output brief's ByPark and the dashboard's chart, which needs the sums alone
// (at 100,000 companies every company's row takes most of a second to read).
func (s *Store) OutputByPark(ctx context.Context, year int) ([]OutputGroup, error) {
	if err := ValidateYear(year); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(c.park_id, 0), o.year, count(*), sum(o.output), sum(o.added_value)
		FROM annual_output o JOIN company c ON c.id = o.company_id WHERE o.year IN (?, ?) GROUP BY 1, 2`, year, year-1)
	if err != nil {
		return nil, internal(err, "cannot add up the output by park")
	}
	defer rows.Close()
	byPark := map[int64]*OutputGroup{}
	for rows.Next() {
		var park int64
		var y, n int
		var output, added Yuan
		if err := rows.Scan(&park, &y, &n, &output, &added); err != nil {
			return nil, internal(err, "cannot add up the output by park")
		}
		g := byPark[park]
		if g == nil {
			g = &OutputGroup{}
			byPark[park] = g
		}
		if y == year {
			g.Companies, g.Output, g.AddedValue = n, output, added
		} else {
			g.PrevOutput, g.PrevAddedValue = output, added
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot add up the output by park")
	}
	parks, err := s.Parks(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]OutputGroup, 0, len(parks)+1)
	for _, p := range parks {
		g := OutputGroup{Key: p.Name}
		if sums := byPark[p.ID]; sums != nil {
			g = *sums
			g.Key = p.Name
		}
		out = append(out, g)
	}
	if g := byPark[0]; g != nil {
		out = append(out, *g)
	}
	return out, nil
}

// YearOutput is the district's output and added value of one year.
type YearOutput struct {
	Year       int
	Output     Yuan
	AddedValue Yuan
}

// OutputByYear sums the output rows of each year up to and including last, for the last n years with data.
func (s *Store) OutputByYear(ctx context.Context, last, n int) ([]YearOutput, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT year, sum(output), sum(added_value) FROM annual_output
		WHERE year BETWEEN ? AND ? GROUP BY year ORDER BY year`, last-n+1, last)
	if err != nil {
		return nil, internal(err, "cannot sum output by year")
	}
	defer rows.Close()
	var out []YearOutput
	for rows.Next() {
		var y YearOutput
		if err := rows.Scan(&y.Year, &y.Output, &y.AddedValue); err != nil {
			return nil, internal(err, "cannot sum output by year")
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// Sum adds up output rows: the totals of a list such as the top ten or the records sheet of a brief.
func Sum(rows []CompanyOutput) CompanyOutput {
	var t CompanyOutput
	for _, r := range rows {
		t.Output += r.Output
		t.AddedValue += r.AddedValue
		t.Revenue += r.Revenue
		t.RDExpense += r.RDExpense
		t.Employees += r.Employees
	}
	return t
}

// InParks adds up the companies inside any park (every park group but the one of companies outside).
func (o OutputSummary) InParks() OutputGroup {
	g := OutputGroup{Key: "parks"}
	for _, p := range o.ByPark {
		if p.Key != "" {
			g.Companies += p.Companies
			g.Output += p.Output
			g.AddedValue += p.AddedValue
			g.PrevOutput += p.PrevOutput
			g.PrevAddedValue += p.PrevAddedValue
		}
	}
	return g
}
