package data

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/sqlite"
)

func auditCount(t *testing.T, s *Store) int {
	t.Helper()
	entries, err := s.AuditLog(context.Background(), "", 0)
	require.NoError(t, err)
	return len(entries)
}

func newCompany() Company {
	return Company{
		USCC: " 91350100m000100y43 ", Name: "大连测试科技有限公司", Field: "electronics", LegalRep: "张三",
		Founded: time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC), CertNo: "GR202321000001",
		CertIssued: time.Date(2023, 12, 12, 0, 0, 0, 0, time.UTC),
	}
}

func TestCompanyCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	require.Len(t, parks, 3, "the three parks are seeded")

	c := newCompany()
	c.ParkID = parks[0].ID
	require.NoError(t, s.CreateCompany(ctx, &c))
	assert.NotZero(t, c.ID)
	assert.Equal(t, 1, auditCount(t, s))

	got, err := s.Company(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "91350100M000100Y43", got.USCC, "stored upper case without spaces")
	assert.Equal(t, "现代海洋产业园", got.ParkName)
	assert.Equal(t, "2026-12-12", FormatDate(got.CertExpires()))
	assert.True(t, got.CertValidOn(YearEnd(2025)))
	assert.False(t, got.CertValidOn(time.Date(2026, 12, 12, 0, 0, 0, 0, time.UTC)))

	got.Name = "大连测试科技股份有限公司"
	got.ParkID = 0
	require.NoError(t, s.UpdateCompany(ctx, &got))
	again, err := s.Company(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "大连测试科技股份有限公司", again.Name)
	assert.Empty(t, again.ParkName)
	assert.Equal(t, 2, auditCount(t, s))

	o := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1_000_000, AddedValue: 300_000, Employees: 10, RDStaff: 2}
	require.NoError(t, s.CreateOutput(ctx, &o))
	assert.Equal(t, 3, auditCount(t, s))

	require.NoError(t, s.DeleteCompany(ctx, c.ID))
	_, err = s.Company(ctx, c.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	_, err = s.Output(ctx, o.ID)
	assert.Equal(t, NotFound, ErrorCode(err), "outputs go with their company")
	log, err := s.AuditLog(ctx, "company", c.ID)
	require.NoError(t, err)
	require.Len(t, log, 3)
	assert.Equal(t, "delete", log[0].Action)
	assert.Contains(t, log[0].Before, "大连测试科技股份有限公司")
	assert.Contains(t, log[0].Before, `"Output":1000000`, "the deleted output rows are kept in the audit row")
	assert.Equal(t, "tester", log[0].Operator)
}

func TestCompanyDuplicateUSCCIsConflict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	a := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &a))
	b := newCompany()
	b.Name = "另一家公司"
	err := s.CreateCompany(ctx, &b)
	require.Error(t, err)
	assert.Equal(t, Conflict, ErrorCode(err))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "uscc", e.Field)
	assert.Equal(t, 1, auditCount(t, s), "a refused change leaves no audit row")

	c := newCompany()
	c.USCC = "91110000600037341L"
	require.NoError(t, s.CreateCompany(ctx, &c))
	c.USCC = a.USCC
	assert.Equal(t, Conflict, ErrorCode(s.UpdateCompany(ctx, &c)))
}

func TestCompanyValidationNamesFields(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := Company{USCC: "91350100M000100Y44", Field: "nonsense", CertNo: "GR1",
		Founded: Today().AddDate(1, 0, 0)}
	err := s.CreateCompany(ctx, &c)
	var errs Errors
	require.ErrorAs(t, err, &errs)
	for _, f := range []string{"uscc", "name", "field", "founded", "cert_issued"} {
		assert.NotNil(t, errs.For(f), "field %s", f)
	}
	assert.Equal(t, 0, auditCount(t, s))
}

func TestOutputRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))

	bad := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 100, AddedValue: 200}
	var errs Errors
	require.ErrorAs(t, s.CreateOutput(ctx, &bad), &errs)
	assert.NotNil(t, errs.For("added_value"))

	o := AnnualOutput{CompanyID: c.ID, Year: 2024, Output: 1_000_000, AddedValue: 100_000}
	require.NoError(t, s.CreateOutput(ctx, &o))
	dup := o
	dup.ID = 0
	assert.Equal(t, Conflict, ErrorCode(s.CreateOutput(ctx, &dup)))

	next := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1_600_000, AddedValue: 120_000}
	ws, err := s.OutputChangeWarnings(ctx, next)
	require.NoError(t, err)
	require.Len(t, ws, 1, "+60 %% output is a warning, +20 %% added value is not")
	assert.Equal(t, "output", ws[0].Field)

	o.Output = 2_000_000
	require.NoError(t, s.UpdateOutput(ctx, &o))
	got, err := s.Output(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(2_000_000), got.Output)
	require.NoError(t, s.DeleteOutput(ctx, o.ID))
	assert.Equal(t, NotFound, ErrorCode(s.DeleteOutput(ctx, o.ID)))
}

func TestCompanySearchSortAndPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)

	all, err := s.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, len(sampleCompanies), all)

	hits, err := s.Companies(ctx, CompanyFilter{Query: "海宝"})
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, "大连海宝渔业有限公司", hits[0].Name)

	byCode, err := s.Companies(ctx, CompanyFilter{Query: sampleUSCC(5)[8:16]})
	require.NoError(t, err)
	require.NotEmpty(t, byCode)
	assert.Equal(t, sampleUSCC(5), byCode[0].USCC)

	lower, err := s.CountCompanies(ctx, CompanyFilter{Query: "ma0"})
	require.NoError(t, err)
	assert.Equal(t, all, lower, "the USCC search ignores case")

	page1, err := s.Companies(ctx, CompanyFilter{Sort: SortByUSCC, Limit: 10})
	require.NoError(t, err)
	page2, err := s.Companies(ctx, CompanyFilter{Sort: SortByUSCC, Limit: 10, Offset: 10})
	require.NoError(t, err)
	require.Len(t, page1, 10)
	require.Len(t, page2, 10)
	assert.Less(t, page1[9].USCC, page2[0].USCC)

	desc, err := s.Companies(ctx, CompanyFilter{Sort: SortByUSCC, Desc: true, Limit: 1})
	require.NoError(t, err)
	last, err := s.Companies(ctx, CompanyFilter{Sort: SortByUSCC, Offset: all - 1, Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, last[0].USCC, desc[0].USCC)

	none, err := s.Companies(ctx, CompanyFilter{Query: "100%_"})
	require.NoError(t, err)
	assert.Empty(t, none, "LIKE wildcards typed by the user are matched literally")
}

func TestSampleStats(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.LoadSample(ctx))
	assert.Equal(t, Conflict, ErrorCode(s.LoadSample(ctx)), "loaded only into an empty database")

	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	assert.Equal(t, Yuan(4_745_000_000), st.Output)
	assert.Equal(t, Yuan(1_209_000_000), st.AddedValue)
	assert.Equal(t, "47.45", st.Output.Yi())
	assert.Equal(t, "12.09", st.AddedValue.Yi())
	assert.Equal(t, Yuan(4_348_486_000), st.PrevOutput)
	assert.Equal(t, Yuan(1_119_275_000), st.PrevAddedValue)
	// 4745000000 / 4348486000 − 1 = 9.118 %; 1209000000 / 1119275000 − 1 = 8.016 %
	assert.Equal(t, "9.1", st.OutputGrowth.String())
	assert.Equal(t, "8.0", st.AddedValueGrowth.String())
	assert.Equal(t, len(sampleCompanies), st.ReportingCompanies)

	sum, err := s.OutputSummary(ctx, 2025)
	require.NoError(t, err)
	var fieldTotal, parkTotal, rowTotal Yuan
	for _, g := range sum.ByField {
		fieldTotal += g.Output
	}
	for _, g := range sum.ByPark {
		parkTotal += g.Output
	}
	for _, r := range sum.Rows {
		rowTotal += r.Output
	}
	assert.Equal(t, st.Output, fieldTotal)
	assert.Equal(t, st.Output, parkTotal)
	assert.Equal(t, st.Output, rowTotal)
	assert.Len(t, sum.ByField, len(HighTechFields))
	assert.Equal(t, "现代海洋产业园", sum.ByPark[0].Key)
	assert.Equal(t, "", sum.ByPark[len(sum.ByPark)-1].Key, "companies outside the parks come last")
	assert.Equal(t, st.Output, Sum(sum.Rows).Output)
	in := sum.InParks()
	assert.Equal(t, 17, in.Companies, "17 sample companies are in the three parks")
	assert.Equal(t, st.Output, in.Output+sum.ByPark[len(sum.ByPark)-1].Output)
	// By park, the slow way: every company's row of the year and the year before, grouped by its park's name.
	for _, y := range []int{2016, 2023, 2024, 2025} {
		want := map[string]OutputGroup{}
		for _, yy := range []int{y, y - 1} {
			rows, err := s.db.QueryContext(ctx, `SELECT coalesce(p.name, ''), o.output, o.added_value FROM annual_output o
				JOIN company c ON c.id = o.company_id LEFT JOIN park p ON p.id = c.park_id WHERE o.year = ?`, yy)
			require.NoError(t, err)
			for rows.Next() {
				var park string
				var out, added Yuan
				require.NoError(t, rows.Scan(&park, &out, &added))
				g := want[park]
				g.Key = park
				if yy == y {
					g.Companies, g.Output, g.AddedValue = g.Companies+1, g.Output+out, g.AddedValue+added
				} else {
					g.PrevOutput, g.PrevAddedValue = g.PrevOutput+out, g.PrevAddedValue+added
				}
				want[park] = g
			}
			require.NoError(t, rows.Err())
			rows.Close()
		}
		byPark, err := s.OutputByPark(ctx, y)
		require.NoError(t, err)
		for _, g := range byPark {
			w, ok := want[g.Key]
			if !ok {
				require.NotEmpty(t, g.Key, "%d: no group of companies outside the parks without such a company", y)
				w = OutputGroup{Key: g.Key} // a park without output this year or the year before
			}
			assert.Equal(t, w, g, "%d %q", y, g.Key)
			delete(want, g.Key)
		}
		assert.Empty(t, want, "%d: every park with output is listed", y)
	}
	top := sum.Top(10)
	require.Len(t, top, 10)
	assert.Equal(t, "大连海宝渔业有限公司", top[0].Name)
	for i := 1; i < len(top); i++ {
		assert.GreaterOrEqual(t, top[i-1].Output, top[i].Output)
	}
}

func TestGrowthRounding(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "10.0", GrowthOf(110, 100).String())
	assert.Equal(t, "-10.0", GrowthOf(90, 100).String())
	assert.Equal(t, "0.1", GrowthOf(10005, 10000).String(), "0.05 rounds half away from zero")
	assert.Equal(t, "-0.1", GrowthOf(9995, 10000).String())
	assert.Equal(t, "", GrowthOf(100, 0).String())
}

func TestSampleUSCCsAreValid(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := range sampleCompanies {
		code := sampleUSCC(i)
		_, err := ValidateUSCC(code)
		assert.NoError(t, err, code)
		assert.False(t, seen[code], "duplicate %s", code)
		seen[code] = true
	}
}

func TestOpenSetsPragmasOnEveryConnectionAndMigratesOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "scitech.db")
	s, err := Open(path)
	require.NoError(t, err)
	// Hold two connections at once so the pool must open a second one; both must have the pragmas.
	c1, err := s.db.Conn(ctx)
	require.NoError(t, err)
	c2, err := s.db.Conn(ctx)
	require.NoError(t, err)
	for _, c := range []interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}{c1, c2} {
		var mode string
		var fk, busy, sync int
		require.NoError(t, c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode))
		require.NoError(t, c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync))
		require.NoError(t, c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk))
		require.NoError(t, c.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&busy))
		assert.Equal(t, "wal", mode)
		assert.Equal(t, 1, fk)
		assert.Equal(t, 5000, busy)
		assert.Equal(t, 2, sync, "FULL: a commit reported done is on the disk")
	}
	c1.Close()
	c2.Close()
	require.NoError(t, s.Close())

	again, err := Open(path)
	require.NoError(t, err)
	defer again.Close()
	var n int
	require.NoError(t, again.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&n))
	files, err := fs.Glob(migrations, "migrations/*.sql")
	require.NoError(t, err)
	assert.Equal(t, len(files), n, "each migration is recorded once and not applied again")
	parks, err := again.Parks(ctx)
	require.NoError(t, err)
	assert.Len(t, parks, 3)
}

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "notes.db")
	require.NoError(t, os.WriteFile(path, []byte("this is not a database, just some text that is long enough"), 0o644))
	_, err := Open(path)
	require.Error(t, err)
	b, _ := os.ReadFile(path)
	assert.Equal(t, "this is not a database, just some text that is long enough", string(b), "the file is left as it was")
}

// The 2025 figures of the sample set are exactly those the bureau published.
func TestSampleFiguresArePublishedFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	want := map[string]string{
		"output_yuan": "4745000000", "added_value_yuan": "1209000000", "output_growth_pct": "9.1",
		"added_value_growth_pct": "8.0", "coop_companies": "33", "coop_institutions": "33", "coop_bases": "11",
		"coop_outcomes": "32", "teams_introduced": "6", "incubator_signed": "106", "plan_applicants": "4",
		"patent_applications": "63", "patent_grants": "31", "patents_valid": "206",
	}
	got := map[string]string{}
	for _, f := range st.Figures() {
		got[f.Name] = f.Value
	}
	for name, v := range want {
		assert.Equal(t, v, got[name], name)
	}
	assert.Len(t, got, 15, "every figure of DESIGN.md is there")
}

// The records behind each figure are as many as the figure counts (distinct rows where it counts distinct).
func TestFigureRecordsMatchTheFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	st, err := s.Stats(ctx, 2025)
	require.NoError(t, err)
	counts := map[string]int{"hightech_enterprises": st.HighTechEnterprises, "coop_companies": st.CoopCompanies,
		"coop_institutions": st.CoopInstitutions, "coop_bases": st.CoopBases, "coop_outcomes": st.CoopOutcomes,
		"incubator_signed": st.IncubatorSigned, "plan_applicants": st.PlanApplicants,
		"patent_applications": st.PatentApplications, "patent_grants": st.PatentGrants, "patents_valid": st.PatentsValid,
		"teams_introduced": st.TeamsIntroduced, "output_yuan": st.ReportingCompanies}
	for name, n := range counts {
		tbl, err := s.FigureRecords(ctx, name, 2025, 0)
		require.NoError(t, err, name)
		assert.Len(t, tbl.Rows, n, name)
		assert.NotEmpty(t, tbl.Columns, name)
	}
	_, err = s.FigureRecords(ctx, "nonsense", 2025, 0)
	assert.Equal(t, NotFound, ErrorCode(err))
}

// A limited list is the first rows of the whole list, in the same order, and still says how many there are.
func TestFigureRecordsLimited(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	for _, name := range FigureNames() {
		all, err := s.FigureRecords(ctx, name, 2025, 0)
		require.NoError(t, err, name)
		require.Equal(t, len(all.Rows), all.Total, name)
		assert.False(t, all.Partial(), name)
		for _, limit := range []int{1, 3, len(all.Rows), len(all.Rows) + 1} {
			if limit < 1 {
				continue
			}
			some, err := s.FigureRecords(ctx, name, 2025, limit)
			require.NoError(t, err, name)
			assert.Equal(t, all.Rows[:min(limit, len(all.Rows))], some.Rows, "%s, limit %d", name, limit)
			assert.Equal(t, all.Total, some.Total, "%s, limit %d", name, limit)
			assert.Equal(t, limit < len(all.Rows), some.Partial(), "%s, limit %d", name, limit)
		}
	}
}

func TestAttentionOfTheSampleSet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	items, total, err := s.Attention(ctx, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), 0)
	require.NoError(t, err)
	assert.Equal(t, len(items), total)
	for _, limit := range []int{1, 2, 5, len(items), len(items) + 3} {
		first, n, err := s.Attention(ctx, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), limit)
		require.NoError(t, err)
		assert.Equal(t, items[:min(limit, len(items))], first, "the soonest %d of the whole list", limit)
		assert.Equal(t, len(items), n, "the total of the whole list, limit %d", limit)
	}
	kinds := map[string]int{}
	for i, it := range items {
		kinds[it.Kind]++
		if i > 0 {
			assert.False(t, it.Day.Before(items[i-1].Day), "soonest first")
		}
	}
	companies, err := s.Companies(ctx, CompanyFilter{})
	require.NoError(t, err)
	expiring := 0
	for _, c := range companies {
		if e := c.CertExpires(); c.CertNo != "" && e.After(day(2026, 11, 26)) && !e.After(day(2027, 2, 24)) {
			expiring++
		}
	}
	assert.GreaterOrEqual(t, expiring, 3, "three sample certificates expire in December 2026, others follow")
	assert.Equal(t, expiring, kinds["cert_expiring"])
	assert.Equal(t, 2, kinds["patent_term_ending"], "two utility models filed early in 2017 end their term by February 2027")
	assert.Equal(t, 3, kinds["application_waiting"], "applications waiting since September and October 2026")
	assert.GreaterOrEqual(t, kinds["plan_waiting"], 1)

	june := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	later, _, err := s.Attention(ctx, june, 0)
	require.NoError(t, err)
	// The patents listed are those the Go rules (ValidOn, TermEnds) put in the window, on either day.
	all, err := s.Patents(ctx, PatentFilter{})
	require.NoError(t, err)
	for _, on := range []time.Time{time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), june} {
		var want, got []string
		for _, p := range all {
			if ok, _ := p.ValidOn(on); ok && !p.TermEnds().After(on.AddDate(0, 0, AttentionAheadDays)) {
				want = append(want, p.AppNo+" "+p.Title)
			}
		}
		list, _, err := s.Attention(ctx, on, 0)
		require.NoError(t, err)
		for _, it := range list {
			if it.Kind == "patent_term_ending" {
				got = append(got, it.What)
			}
		}
		assert.ElementsMatch(t, want, got, "%v", on)
	}
	for _, it := range later {
		if it.Kind == "patent_term_ending" || it.Kind == "cert_expiring" {
			assert.False(t, it.Day.Before(june), "what has already ended is no longer coming up: %v", it)
			assert.False(t, it.Day.After(june.AddDate(0, 0, AttentionAheadDays)), "nor what is further ahead: %v", it)
		}
	}

	years, err := s.OutputByYear(ctx, 2025, 5)
	require.NoError(t, err)
	require.Len(t, years, 2)
	assert.Equal(t, YearOutput{2025, 4_745_000_000, 1_209_000_000}, years[1])
}

// Deleting a sample company takes everything that points at it and leaves no dangling link.
func TestDeleteCompanyWithEverythingLinked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	c, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)
	links, err := s.CompanyLinks(ctx, c.ID)
	require.NoError(t, err)
	kinds := map[string]int{}
	for _, l := range links {
		kinds[l.Kind] = l.Count
	}
	assert.Equal(t, 2, kinds["link.outputs"])
	assert.Greater(t, kinds["link.cooperations"], 0)
	assert.Greater(t, kinds["link.patents"], 0)
	require.NoError(t, s.DeleteCompany(ctx, c.ID))
	assertForeignKeysHold(t, s) // no row points at the deleted company
	after, err := s.CompanyLinks(ctx, c.ID)
	require.NoError(t, err)
	assert.Empty(t, after)
}

func TestExportEveryKind(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	want := map[string]int{"companies": 36, "outputs": 72, "institutions": 35, "cooperations": 42, "bases": 12,
		"outcomes": 34, "incubators": 3, "parks": 3, "projects": 7, "plans": len(samplePlans)}
	assert.Len(t, ExportKinds(), 15)
	for _, kind := range ExportKinds() {
		tbl, err := s.Export(ctx, kind)
		require.NoError(t, err, kind)
		cols, ok := ExportColumns(kind)
		require.True(t, ok)
		assert.Len(t, tbl.Columns, len(cols), kind)
		for _, r := range tbl.Rows {
			require.Len(t, r, len(cols), kind)
		}
		if n, ok := want[kind]; ok {
			assert.Len(t, tbl.Rows, n, kind)
		}
	}
	out, err := s.Export(ctx, "outputs")
	require.NoError(t, err)
	assert.Contains(t, out.Rows, []string{sampleUSCC(0), "大连海宝渔业有限公司", "2025", "45272.9000", "12461.6000", "63845.3000", "4276.9000", "557", "188",
		"67037.5650", "46926.2955", "3849.2100", "54268.5050", "29368.8380", "76614.3600", "83", "2"}, "with the policy figures (migration 0010)")
	assert.Contains(t, out.Rows, []string{sampleUSCC(3), "大连蓝海生物工程有限公司", "2025", "3739.4000", "979.6000", "5189.3000", "194.2000", "102", "32",
		"", "", "", "", "", "", "", ""}, "policy figures not recorded are empty cells")
	_, err = s.Export(ctx, "nonsense")
	assert.Equal(t, Invalid, ErrorCode(err))
}

func TestCompanyRecordsListWhatLinksToACompany(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	c, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)
	recs, err := s.CompanyRecords(ctx, c.ID)
	require.NoError(t, err)
	got := map[string]int{}
	for _, r := range recs {
		got[r.Kind] = len(r.Rows)
		for _, row := range r.Rows {
			assert.Len(t, row, len(r.Columns))
		}
	}
	links, err := s.CompanyLinks(ctx, c.ID)
	require.NoError(t, err)
	for _, l := range links {
		if l.Kind != "link.outputs" && l.Kind != "link.outcomes" {
			assert.Equal(t, l.Count, got[l.Kind], "the page lists as many %s as the delete warning names", l.Kind)
		}
	}
	assert.Equal(t, 1, got["link.cooperations"])
	assert.Equal(t, 2, got["link.plan_applications"], "海宝 applied twice for district plans in 2025")
}

// OutputYears lists the years with output rows, newest first, by one index seek a year.
func TestOutputYearsNewestFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	years, err := s.OutputYears(ctx)
	require.NoError(t, err)
	assert.Empty(t, years, "no output, no years")
	require.NoError(t, s.LoadScaled(ctx, 20))
	years, err = s.OutputYears(ctx)
	require.NoError(t, err)
	var want []int
	for y := ScaleLastYear; y > ScaleLastYear-ScaleYears; y-- {
		want = append(want, y)
	}
	assert.Equal(t, want, years)
}

// newerDatabase is a database of this program on which a newer version has applied migration 9999.
func newerDatabase(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	require.NoError(t, err)
	setUnit(t, s, "新版本写的")
	_, err = s.db.Exec(`CREATE TABLE future_thing (id INTEGER PRIMARY KEY)`)
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO schema_migration (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00Z')`)
	require.NoError(t, err)
	require.NoError(t, s.Close())
}

// TestADatabaseOfANewerVersionIsNeverWritten: a database on which a newer program applied a migration this one
// does not have is refused for writing and for reading, naming the version, and its file is not touched.
func TestADatabaseOfANewerVersionIsNeverWritten(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "scitech.db")
	newerDatabase(t, path)
	sum := fileSum(t, path)
	_, err := Open(path)
	require.Error(t, err)
	assert.Equal(t, "err.db.newer", ErrorKey(err))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.EqualValues(t, 9999, e.Args["Version"])
	assert.Equal(t, latestMigration(), e.Args["Known"])
	assert.Contains(t, err.Error(), "9999")
	_, err = OpenReadOnly(path)
	assert.Equal(t, "err.db.newer", ErrorKey(err), "read-only too: its tables are not what this program reads")
	_, err = Open(path)
	assert.Equal(t, "err.db.newer", ErrorKey(err), "refused again: the lock of the first refusal was given up")
	assert.Equal(t, sum, fileSum(t, path), "the file is as the newer program left it")
	assert.NoFileExists(t, BackupDir(path), "not even a before-migration backup")
	assert.Equal(t, "新版本写的", unitOf(t, path))
}

// A database some other program wrote (tables, but no migration table) is not turned into one of ours.
func TestADatabaseOfAnotherProgramIsNeverWritten(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", sqlite.URI(path))
	require.NoError(t, err)
	_, err = db.Exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	sum := fileSum(t, path)
	_, err = Open(path)
	assert.Equal(t, "err.db.foreign", ErrorKey(err))
	assert.Equal(t, sum, fileSum(t, path))

	// Its own table of migrations, empty, with the columns of ours.
	db, err = sql.Open("sqlite", sqlite.URI(path))
	require.NoError(t, err)
	_, err = db.Exec(`CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	sum = fileSum(t, path)
	_, err = Open(path)
	assert.Equal(t, "err.db.foreign", ErrorKey(err))
	assert.Equal(t, sum, fileSum(t, path))
}

// A database with two names (hard links) has a -wal per name: each writer would replay its own over the other.
func TestADatabaseWithTwoNamesIsNotWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "scitech.db")
	s, err := Open(path)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, os.Link(path, filepath.Join(dir, "second-name.db")))
	_, err = Open(path)
	assert.Equal(t, "err.db.hard_link", ErrorKey(err))
	_, err = Open(filepath.Join(dir, "second-name.db"))
	assert.Equal(t, "err.db.hard_link", ErrorKey(err))
	require.NoError(t, os.Remove(filepath.Join(dir, "second-name.db")))
	s, err = Open(path)
	require.NoError(t, err, "one name again: written as before")
	require.NoError(t, s.Close())
}

// A database on which another line of the program recorded a migration under a number this one has, or a
// number this one never had, is not this program's either: refused, not written, and not restored.
func TestADatabaseWithAMigrationOfAnotherNameIsNeverWritten(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, change string
		version      int64
	}{
		{"another name", `UPDATE schema_migration SET name = '0002_something_else.sql' WHERE version = 2`, 2},
		{"a number this program never had", `INSERT INTO schema_migration (version, name, applied_at) VALUES (0, '0000_x.sql', 'x')`, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "scitech.db")
			s, err := Open(path)
			require.NoError(t, err)
			_, err = s.db.Exec(c.change)
			require.NoError(t, err)
			require.NoError(t, s.Close())
			sum := fileSum(t, path)
			_, err = Open(path)
			assert.Equal(t, "err.db.unknown_schema", ErrorKey(err))
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, c.version, e.Args["Version"])
			_, err = OpenReadOnly(path)
			assert.Equal(t, "err.db.unknown_schema", ErrorKey(err))
			assert.Equal(t, sum, fileSum(t, path))
			_, err = Restore(filepath.Join(t.TempDir(), "new.db"), path, time.Now())
			assert.Equal(t, "err.backup.foreign", ErrorKey(err))
		})
	}
}
