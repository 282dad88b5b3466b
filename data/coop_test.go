package data

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func coopDay(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// coopFixture is a store with two companies and two institutions.
type coopFixture struct {
	s          *Store
	acme, blue Company
	dut, dicp  Institution
}

func newCoopFixture(t *testing.T) coopFixture {
	t.Helper()
	ctx := context.Background()
	f := coopFixture{s: openTestStore(t)}
	f.acme = newCompany()
	require.NoError(t, f.s.CreateCompany(ctx, &f.acme))
	f.blue = newCompany()
	f.blue.USCC, f.blue.Name = "91110000600037341L", "大连蓝海生物有限公司"
	require.NoError(t, f.s.CreateCompany(ctx, &f.blue))
	f.dut = Institution{Name: " 大连理工大学 ", Kind: "university", City: "大连"}
	require.NoError(t, f.s.CreateInstitution(ctx, &f.dut))
	f.dicp = Institution{Name: "中国科学院大连化学物理研究所", Kind: "institute", City: "大连"}
	require.NoError(t, f.s.CreateInstitution(ctx, &f.dicp))
	return f
}

func (f coopFixture) coop(t *testing.T, c Company, in Institution, started, ended string) Cooperation {
	t.Helper()
	co := Cooperation{CompanyID: c.ID, InstitutionID: in.ID, Programme: "万名院士助创行动", Started: coopDay(started)}
	if ended != "" {
		co.Ended = coopDay(ended)
	}
	require.NoError(t, f.s.CreateCooperation(context.Background(), &co))
	return co
}

// coopFKProblems counts the rows pointing at a record that is gone; a server enforces every foreign key at each
// statement, so it has none to count.
func coopFKProblems(t *testing.T, s *Store) int {
	t.Helper()
	if s.Server() {
		return 0
	}
	rows, err := s.db.Query(`PRAGMA foreign_key_check`)
	require.NoError(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	require.NoError(t, rows.Err())
	return n
}

func coopField(t *testing.T, err error) string {
	t.Helper()
	list := coopErrs(err)
	require.NotEmpty(t, list, "an error naming a field: %v", err)
	return list[0].Field
}

func coopErrs(err error) Errors {
	switch e := err.(type) {
	case Errors:
		return e
	case *Error:
		return Errors{e}
	}
	return nil
}

func TestInstitutionCRUDAndConflict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	before := auditCount(t, s)

	got, err := s.Institution(ctx, f.dut.ID)
	require.NoError(t, err)
	assert.Equal(t, "大连理工大学", got.Name, "the name is trimmed")

	got.City = "辽宁大连"
	require.NoError(t, s.UpdateInstitution(ctx, &got))
	again, err := s.Institution(ctx, got.ID)
	require.NoError(t, err)
	assert.Equal(t, "辽宁大连", again.City)
	assert.Equal(t, before+1, auditCount(t, s))

	dup := Institution{Name: "大连理工大学", Kind: "other"}
	err = s.CreateInstitution(ctx, &dup)
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, "inst_name", coopField(t, err))
	f.dicp.Name = "大连理工大学"
	assert.Equal(t, Conflict, ErrorCode(s.UpdateInstitution(ctx, &f.dicp)))

	err = s.CreateInstitution(ctx, &Institution{Kind: "school"})
	var errs Errors
	require.ErrorAs(t, err, &errs)
	assert.NotNil(t, errs.For("inst_name"))
	assert.NotNil(t, errs.For("inst_kind"))
	assert.Equal(t, before+1, auditCount(t, s), "refused changes leave no audit row")

	extra := Institution{Name: "大连海事大学", Kind: "university"}
	require.NoError(t, s.CreateInstitution(ctx, &extra))
	require.NoError(t, s.DeleteInstitution(ctx, extra.ID))
	_, err = s.Institution(ctx, extra.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	log, err := s.AuditLog(ctx, "institution", extra.ID)
	require.NoError(t, err)
	require.Len(t, log, 2)
	assert.Equal(t, "delete", log[0].Action)
	assert.Contains(t, log[0].Before, "大连海事大学")
	assert.Equal(t, NotFound, ErrorCode(s.DeleteInstitution(ctx, extra.ID)))
}

func TestCooperationCRUDAuditAndRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	n := auditCount(t, s)

	c := f.coop(t, f.acme, f.dut, "2023-03-01", "")
	assert.Equal(t, "大连测试科技有限公司", c.CompanyName, "the saved record carries the names")
	assert.Equal(t, "大连理工大学", c.InstitutionName)
	assert.Equal(t, n+1, auditCount(t, s))

	c.Ended = coopDay("2025-02-28")
	c.Programme = "  校企联合攻关 "
	require.NoError(t, s.UpdateCooperation(ctx, &c))
	got, err := s.Cooperation(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2025-02-28", FormatDate(got.Ended))
	assert.Equal(t, "校企联合攻关", got.Programme)
	assert.Equal(t, n+2, auditCount(t, s))

	// The same company, institution and start date again is a conflict naming the start.
	dup := Cooperation{CompanyID: f.acme.ID, InstitutionID: f.dut.ID, Started: coopDay("2023-03-01")}
	err = s.CreateCooperation(ctx, &dup)
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, "started", coopField(t, err))
	other := f.coop(t, f.acme, f.dut, "2024-01-01", "")
	other.Started = coopDay("2023-03-01")
	assert.Equal(t, Conflict, ErrorCode(s.UpdateCooperation(ctx, &other)))

	// An end before the start is refused naming the end; an end on the start day is fine.
	bad := Cooperation{CompanyID: f.blue.ID, InstitutionID: f.dicp.ID, Started: coopDay("2024-05-01"), Ended: coopDay("2024-04-30")}
	err = s.CreateCooperation(ctx, &bad)
	assert.Equal(t, Invalid, ErrorCode(err))
	assert.Equal(t, "ended", coopField(t, err))
	bad.Ended = bad.Started
	require.NoError(t, s.CreateCooperation(ctx, &bad))

	// Required fields and unknown parties are named.
	err = s.CreateCooperation(ctx, &Cooperation{})
	var errs Errors
	require.ErrorAs(t, err, &errs)
	for _, field := range []string{"company", "institution", "started"} {
		assert.NotNil(t, errs.For(field), field)
	}
	err = s.CreateCooperation(ctx, &Cooperation{CompanyID: 999, InstitutionID: 999, Started: coopDay("2024-01-01")})
	require.ErrorAs(t, err, &errs)
	assert.NotNil(t, errs.For("company"))
	assert.NotNil(t, errs.For("institution"))

	// Outcomes: created, updated, deleted, each audited.
	n = auditCount(t, s)
	o := CoopOutcome{CooperationID: c.ID, Kind: "product", Title: "海洋防腐涂料", Year: 2024}
	require.NoError(t, s.CreateCoopOutcome(ctx, &o))
	assert.Equal(t, "大连理工大学", o.InstitutionName)
	o.Kind = "project"
	require.NoError(t, s.UpdateCoopOutcome(ctx, &o))
	got2, err := s.CoopOutcome(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, "project", got2.Kind)
	require.NoError(t, s.DeleteCoopOutcome(ctx, o.ID))
	assert.Equal(t, n+3, auditCount(t, s))
	err = s.CreateCoopOutcome(ctx, &CoopOutcome{CooperationID: c.ID, Kind: "paper", Year: 1800})
	require.ErrorAs(t, err, &errs)
	for _, field := range []string{"outcome_kind", "outcome_title", "year"} {
		assert.NotNil(t, errs.For(field), field)
	}
	err = s.CreateCoopOutcome(ctx, &CoopOutcome{CooperationID: 999, Kind: "project", Title: "x", Year: 2024})
	assert.Equal(t, "cooperation", coopField(t, err))
}

func TestCoopBaseRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	b := CoopBase{Name: "大连理工大学—测试科技海洋材料联合研发基地", CompanyID: f.acme.ID, InstitutionID: f.dut.ID,
		Established: coopDay("2022-06-18")}
	require.NoError(t, s.CreateCoopBase(ctx, &b))
	assert.Equal(t, "大连理工大学", b.InstitutionName)

	dup := b
	dup.ID = 0
	err := s.CreateCoopBase(ctx, &dup)
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, "base_name", coopField(t, err))

	future := CoopBase{Name: "明年的基地", CompanyID: f.acme.ID, InstitutionID: f.dut.ID, Established: Today().AddDate(0, 0, 1)}
	err = s.CreateCoopBase(ctx, &future)
	assert.Equal(t, Invalid, ErrorCode(err))
	assert.Equal(t, "established", coopField(t, err))
	future.Established = Today()
	require.NoError(t, s.CreateCoopBase(ctx, &future), "today is not the future")

	b.InstitutionID = f.dicp.ID
	require.NoError(t, s.UpdateCoopBase(ctx, &b))
	assert.Equal(t, "中国科学院大连化学物理研究所", b.InstitutionName)
	require.NoError(t, s.DeleteCoopBase(ctx, b.ID))
	log, err := s.AuditLog(ctx, "coop_base", b.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"delete", "update", "create"}, []string{log[0].Action, log[1].Action, log[2].Action})
}

func TestDeletingAnInstitutionTakesItsCooperationsOutcomesAndBases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	c1 := f.coop(t, f.acme, f.dut, "2023-03-01", "")
	c2 := f.coop(t, f.blue, f.dut, "2024-03-01", "")
	kept := f.coop(t, f.acme, f.dicp, "2024-03-01", "")
	for i, c := range []Cooperation{c1, c1, c2, kept} {
		o := CoopOutcome{CooperationID: c.ID, Kind: "project", Title: "成果" + string(rune('A'+i)), Year: 2024}
		require.NoError(t, s.CreateCoopOutcome(ctx, &o))
	}
	base := CoopBase{Name: "联合基地", CompanyID: f.acme.ID, InstitutionID: f.dut.ID, Established: coopDay("2022-01-01")}
	require.NoError(t, s.CreateCoopBase(ctx, &base))

	links, err := s.InstitutionLinks(ctx, f.dut.ID)
	require.NoError(t, err)
	assert.Equal(t, Links{{"link.cooperations", 2}, {"link.outcomes", 3}, {"link.bases", 1}}, links)
	links, err = s.CooperationLinks(ctx, c1.ID)
	require.NoError(t, err)
	assert.Equal(t, Links{{"link.outcomes", 2}}, links)
	links, err = s.CompanyCoopLinks(ctx, f.acme.ID)
	require.NoError(t, err)
	assert.Equal(t, Links{{"link.cooperations", 2}, {"link.outcomes", 3}, {"link.bases", 1}}, links)

	n := auditCount(t, s)
	require.NoError(t, s.DeleteInstitution(ctx, f.dut.ID))
	assert.Equal(t, n+1+2+3+1, auditCount(t, s), "one audit row per deleted record")
	assert.Zero(t, coopFKProblems(t, s))
	left, err := s.CountCooperations(ctx, CooperationFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, left)
	outs, err := s.CountCoopOutcomes(ctx, CoopOutcomeFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, outs, "only the outcome of the other institution's cooperation is left")
	log, err := s.AuditLog(ctx, "cooperation", c1.ID)
	require.NoError(t, err)
	assert.Equal(t, "delete", log[0].Action)

	// Deleting a cooperation takes its outcomes.
	require.NoError(t, s.DeleteCooperation(ctx, kept.ID))
	outs, err = s.CountCoopOutcomes(ctx, CoopOutcomeFilter{})
	require.NoError(t, err)
	assert.Zero(t, outs)
	assert.Zero(t, coopFKProblems(t, s))
}

func TestDeleteCompanyCoopTakesItsCooperationsAndBases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	c := f.coop(t, f.acme, f.dut, "2023-03-01", "")
	f.coop(t, f.blue, f.dut, "2023-03-01", "")
	o := CoopOutcome{CooperationID: c.ID, Kind: "product", Title: "新产品", Year: 2024}
	require.NoError(t, s.CreateCoopOutcome(ctx, &o))
	base := CoopBase{Name: "联合基地", CompanyID: f.acme.ID, InstitutionID: f.dicp.ID, Established: coopDay("2022-01-01")}
	require.NoError(t, s.CreateCoopBase(ctx, &base))

	n := auditCount(t, s)
	require.NoError(t, s.update(ctx, func(tx *sql.Tx) error {
		if err := s.deleteCompanyCoop(ctx, tx, f.acme.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM company WHERE id = ?`, f.acme.ID)
		return err
	}))
	assert.Equal(t, n+3, auditCount(t, s))
	assert.Zero(t, coopFKProblems(t, s))
	links, err := s.CompanyCoopLinks(ctx, f.blue.ID)
	require.NoError(t, err)
	assert.Equal(t, Links{{"link.cooperations", 1}}, links, "the other company keeps its cooperation")
}

func TestCooperationActiveInYear(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	endsNewYearsEve := f.coop(t, f.acme, f.dut, "2022-05-01", "2023-12-31")
	startsNewYearsEve := f.coop(t, f.acme, f.dicp, "2024-12-31", "")
	startsNewYear := f.coop(t, f.blue, f.dut, "2025-01-01", "2025-01-01")
	endsNewYear := f.coop(t, f.blue, f.dicp, "2021-01-01", "2024-01-01")

	cases := []struct {
		year int
		want []int64
	}{
		{2021, []int64{endsNewYear.ID}},
		{2022, []int64{endsNewYearsEve.ID, endsNewYear.ID}},
		{2023, []int64{endsNewYearsEve.ID, endsNewYear.ID}},
		{2024, []int64{startsNewYearsEve.ID, endsNewYear.ID}},
		{2025, []int64{startsNewYearsEve.ID, startsNewYear.ID}},
		{2030, []int64{startsNewYearsEve.ID}},
		{2020, nil},
	}
	for _, tc := range cases {
		list, err := s.Cooperations(ctx, CooperationFilter{Year: tc.year, Sort: CoopSortCompany})
		require.NoError(t, err)
		var ids []int64
		for _, c := range list {
			ids = append(ids, c.ID)
			assert.True(t, c.ActiveIn(tc.year), "ActiveIn agrees with the SQL for %d", tc.year)
		}
		assert.ElementsMatch(t, tc.want, ids, "year %d", tc.year)
		n, err := s.CountCooperations(ctx, CooperationFilter{Year: tc.year})
		require.NoError(t, err)
		assert.Equal(t, len(tc.want), n, "count of year %d", tc.year)
	}
	assert.False(t, endsNewYearsEve.ActiveIn(2024))
	assert.False(t, startsNewYearsEve.ActiveIn(2023))

	s.now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	years, err := s.CooperationYears(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{2026, 2025, 2024, 2023, 2022, 2021}, years, "open cooperations run until this year")
}

func TestCoopFiltersSortingAndPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newCoopFixture(t)
	s := f.s
	var coops []Cooperation
	for i := 0; i < 5; i++ {
		started := time.Date(2020+i, 3, 1, 0, 0, 0, 0, time.UTC)
		coops = append(coops, f.coop(t, f.acme, f.dut, FormatDate(started), ""))
	}
	coops = append(coops, f.coop(t, f.blue, f.dicp, "2019-07-01", "2020-06-30"))
	for i, c := range coops {
		kind := OutcomeKinds[i%2]
		o := CoopOutcome{CooperationID: c.ID, Kind: kind, Title: "成果 " + FormatDate(c.Started), Year: c.Started.Year() + 1}
		require.NoError(t, s.CreateCoopOutcome(ctx, &o))
	}
	b1 := CoopBase{Name: "甲基地", CompanyID: f.acme.ID, InstitutionID: f.dut.ID, Established: coopDay("2021-01-01")}
	b2 := CoopBase{Name: "乙基地", CompanyID: f.blue.ID, InstitutionID: f.dicp.ID, Established: coopDay("2020-01-01")}
	require.NoError(t, s.CreateCoopBase(ctx, &b1))
	require.NoError(t, s.CreateCoopBase(ctx, &b2))

	count := func(f CooperationFilter) int {
		n, err := s.CountCooperations(ctx, f)
		require.NoError(t, err)
		return n
	}
	assert.Equal(t, 5, count(CooperationFilter{InstitutionID: f.dut.ID}))
	assert.Equal(t, 1, count(CooperationFilter{CompanyID: f.blue.ID}))
	assert.Equal(t, 1, count(CooperationFilter{Query: "化学物理"}), "search by institution name")
	assert.Equal(t, 5, count(CooperationFilter{Query: "测试科技"}), "search by company name")
	assert.Equal(t, 0, count(CooperationFilter{Query: "100%"}), "LIKE wildcards are escaped")
	assert.Equal(t, 2, count(CooperationFilter{Year: 2020}))

	page, err := s.Cooperations(ctx, CooperationFilter{Sort: CoopSortStarted, Desc: true, Offset: 2, Limit: 2})
	require.NoError(t, err)
	require.Len(t, page, 2)
	assert.Equal(t, "2022-03-01", FormatDate(page[0].Started))
	assert.Equal(t, "2021-03-01", FormatDate(page[1].Started))
	assert.Equal(t, 1, page[0].Outcomes)
	all, err := s.Cooperations(ctx, CooperationFilter{Sort: CoopSortStarted})
	require.NoError(t, err)
	require.Len(t, all, 6)
	assert.Equal(t, "2019-07-01", FormatDate(all[0].Started))

	outcomes := func(f CoopOutcomeFilter) int {
		n, err := s.CountCoopOutcomes(ctx, f)
		require.NoError(t, err)
		return n
	}
	assert.Equal(t, 3, outcomes(CoopOutcomeFilter{Kind: "project"}))
	assert.Equal(t, 1, outcomes(CoopOutcomeFilter{Year: 2021}), "Year is exact")
	assert.Equal(t, 3, outcomes(CoopOutcomeFilter{UpToYear: 2022}), "UpToYear is this year or before")
	assert.Equal(t, 1, outcomes(CoopOutcomeFilter{CooperationID: coops[0].ID}))
	assert.Equal(t, 5, outcomes(CoopOutcomeFilter{InstitutionID: f.dut.ID}))
	assert.Equal(t, 1, outcomes(CoopOutcomeFilter{CompanyID: f.blue.ID}))
	list, err := s.CoopOutcomes(ctx, CoopOutcomeFilter{Sort: OutcomeSortYear, Desc: true, Limit: 1})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 2025, list[0].Year)
	assert.Equal(t, "大连测试科技有限公司", list[0].CompanyName)

	bases, err := s.CoopBases(ctx, CoopBaseFilter{Sort: BaseSortEstablished})
	require.NoError(t, err)
	require.Len(t, bases, 2)
	assert.Equal(t, "乙基地", bases[0].Name)
	n, err := s.CountCoopBases(ctx, CoopBaseFilter{InstitutionID: f.dut.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	n, err = s.CountCoopBases(ctx, CoopBaseFilter{Query: "蓝海"})
	require.NoError(t, err)
	assert.Equal(t, 1, n, "search by company name")

	insts, err := s.Institutions(ctx, InstitutionFilter{Kind: "institute"})
	require.NoError(t, err)
	require.Len(t, insts, 1)
	assert.Equal(t, 1, insts[0].Cooperations)
	assert.Equal(t, 1, insts[0].Bases)
	n, err = s.CountInstitutions(ctx, InstitutionFilter{Query: "理工"})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	insts, err = s.Institutions(ctx, InstitutionFilter{Sort: InstSortKind, Desc: true, Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, "university", insts[0].Kind)

	parties, err := s.CoopCompanies(ctx)
	require.NoError(t, err)
	assert.Len(t, parties, 2)
}
