package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIncubatorValidate(t *testing.T) {
	t.Parallel()
	err := Incubator{Level: "county", AreaM2: -1}.Validate()
	require.Error(t, err)
	list := err.(Errors)
	assert.Equal(t, "err.required", list.For("incubator_name").Key)
	assert.Equal(t, "err.incubate.choice", list.For("incubator_level").Key)
	assert.Equal(t, "err.amount.negative", list.For("area_m2").Key)
	assert.NoError(t, Incubator{Name: "大连创新园", Level: "national"}.Validate())

	err = IncubatorApplication{ApplicantKind: "person", Field: "cooking"}.Validate()
	list = err.(Errors)
	for _, f := range []string{"incubator", "applicant_kind", "applicant", "field", "submitted"} {
		assert.NotNil(t, list.For(f), f)
	}
	a := IncubatorApplication{IncubatorID: 1, ApplicantKind: "team", Applicant: "团队", Submitted: Today().AddDate(0, 0, 1)}
	assert.Equal(t, "err.date.future", a.Validate().(Errors).For("submitted").Key)
}

func TestIncubatorCRUDAndCascade(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))

	inc := Incubator{Name: " 大连创新园 ", Level: "provincial", Address: "旅顺口区", AreaM2: 12000}
	require.NoError(t, s.CreateIncubator(ctx, &inc))
	assert.Equal(t, "大连创新园", inc.Name, "trimmed")
	dup := Incubator{Name: "大连创新园", Level: "district"}
	err := s.CreateIncubator(ctx, &dup)
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, "incubator_name", incFieldOf(err))

	inc.AreaM2 = 15000
	require.NoError(t, s.UpdateIncubator(ctx, &inc))
	got, err := s.Incubator(ctx, inc.ID)
	require.NoError(t, err)
	assert.Equal(t, 15000, got.AreaM2)

	team := IncubatorApplication{IncubatorID: inc.ID, ApplicantKind: "team", Applicant: "海洋传感团队", Leader: "李四",
		Field: "electronics", Submitted: incDay("2025-02-01")}
	require.NoError(t, s.CreateIncubatorApplication(ctx, &team))
	assert.Equal(t, "submitted", team.Status)
	assert.Equal(t, incDay("2025-02-01"), team.StatusDate)
	comp := IncubatorApplication{IncubatorID: inc.ID, ApplicantKind: "company", Applicant: c.Name, CompanyID: c.ID,
		Submitted: incDay("2025-03-01")}
	require.NoError(t, s.CreateIncubatorApplication(ctx, &comp))
	require.NoError(t, s.MoveIncubatorApplication(ctx, comp.ID, "reviewing", incDay("2025-03-05"), ""))

	read, err := s.IncubatorApplication(ctx, comp.ID)
	require.NoError(t, err)
	assert.Equal(t, "大连创新园", read.IncubatorName)
	assert.Equal(t, c.Name, read.CompanyName)
	assert.Equal(t, "reviewing", read.Status)

	links, err := s.IncubatorLinks(ctx, inc.ID)
	require.NoError(t, err)
	assert.Equal(t, Links{{"link.incubator_applications", 2}}, links)
	rows, err := s.Incubators(ctx, IncubatorFilter{})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, 2, rows[0].Applications)

	audits := auditCount(t, s)
	require.NoError(t, s.DeleteIncubator(ctx, inc.ID))
	assert.Equal(t, audits+3, auditCount(t, s), "one audit row for the incubator and one per application")
	_, err = s.IncubatorApplication(ctx, team.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	hist, err := s.IncubatorApplicationHistory(ctx, comp.ID)
	require.NoError(t, err)
	assert.Empty(t, hist, "histories go with their applications")
	log, err := s.AuditLog(ctx, "incubator_application", comp.ID)
	require.NoError(t, err)
	require.Equal(t, "delete", log[0].Action)
	var kept workflowDeletion[IncubatorApplication]
	require.NoError(t, json.Unmarshal([]byte(log[0].Before), &kept))
	assert.Len(t, kept.History, 2, "the audit row keeps the history")
	assert.Equal(t, NotFound, ErrorCode(s.DeleteIncubator(ctx, inc.ID)))
}

func TestIncubatorApplicationUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	inc := Incubator{Name: "大连创新园", Level: "provincial"}
	require.NoError(t, s.CreateIncubator(ctx, &inc))
	a := IncubatorApplication{IncubatorID: inc.ID, ApplicantKind: "team", Applicant: "团队甲", Submitted: incDay("2025-02-01")}
	require.NoError(t, s.CreateIncubatorApplication(ctx, &a))

	a.Submitted = incDay("2025-01-20")
	a.Status = "signed" // the status is the workflow's business, not the form's
	require.NoError(t, s.UpdateIncubatorApplication(ctx, &a))
	got, err := s.IncubatorApplication(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "submitted", got.Status)
	assert.Equal(t, incDay("2025-01-20"), got.StatusDate, "still submitted: the status began on the new date")
	hist, err := s.IncubatorApplicationHistory(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, incDay("2025-01-20"), hist[0].Day, "the first history row follows the submission date")

	require.NoError(t, s.MoveIncubatorApplication(ctx, a.ID, "reviewing", incDay("2025-02-10"), ""))
	got.Submitted = incDay("2025-02-11")
	err = s.UpdateIncubatorApplication(ctx, &got)
	assert.Equal(t, "submitted", incFieldOf(err), "submitted after the first step")
	got.Submitted = incDay("2025-02-10")
	got.IncubatorID = 999
	assert.Equal(t, "incubator", incFieldOf(s.UpdateIncubatorApplication(ctx, &got)))
	got.IncubatorID = inc.ID
	got.CompanyID = 999
	assert.Equal(t, "company", incFieldOf(s.UpdateIncubatorApplication(ctx, &got)))
	got.CompanyID = 0
	require.NoError(t, s.UpdateIncubatorApplication(ctx, &got))
	again, err := s.IncubatorApplication(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "reviewing", again.Status)
	assert.Equal(t, incDay("2025-02-10"), again.StatusDate)

	require.NoError(t, s.DeleteIncubatorApplication(ctx, a.ID))
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM incubator_application_history`).Scan(&n))
	assert.Zero(t, n)
}

func TestIncubatorApplicationFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	innov := Incubator{Name: "大连创新园", Level: "provincial"}
	require.NoError(t, s.CreateIncubator(ctx, &innov))
	other := Incubator{Name: "旅顺海洋孵化基地", Level: "district"}
	require.NoError(t, s.CreateIncubator(ctx, &other))
	for _, a := range []IncubatorApplication{
		{IncubatorID: innov.ID, ApplicantKind: "team", Applicant: "海洋传感团队", Leader: "李四", Submitted: incDay("2025-02-01")},
		{IncubatorID: innov.ID, ApplicantKind: "team", Applicant: "智能育苗团队", Submitted: incDay("2025-05-01")},
		{IncubatorID: innov.ID, ApplicantKind: "company", Applicant: c.Name, CompanyID: c.ID, Submitted: incDay("2024-06-01")},
		{IncubatorID: other.ID, ApplicantKind: "company", Applicant: "旅顺新材料有限公司", Submitted: incDay("2025-07-01")},
	} {
		require.NoError(t, s.CreateIncubatorApplication(ctx, &a))
		if a.Applicant == "智能育苗团队" {
			require.NoError(t, s.MoveIncubatorApplication(ctx, a.ID, "reviewing", incDay("2025-05-02"), ""))
		}
	}
	for name, c := range map[string]struct {
		f    IncubatorApplicationFilter
		want []string
	}{
		"all, newest first":  {IncubatorApplicationFilter{}, []string{"旅顺新材料有限公司", "智能育苗团队", "海洋传感团队", c.Name}},
		"status":             {IncubatorApplicationFilter{Status: "reviewing"}, []string{"智能育苗团队"}},
		"incubator":          {IncubatorApplicationFilter{IncubatorID: other.ID}, []string{"旅顺新材料有限公司"}},
		"kind":               {IncubatorApplicationFilter{ApplicantKind: "team", Sort: IAppSortSubmitted}, []string{"海洋传感团队", "智能育苗团队"}},
		"year":               {IncubatorApplicationFilter{Year: 2024}, []string{c.Name}},
		"leader":             {IncubatorApplicationFilter{Query: "李四"}, []string{"海洋传感团队"}},
		"company name":       {IncubatorApplicationFilter{Query: "测试科技"}, []string{c.Name}},
		"company":            {IncubatorApplicationFilter{CompanyID: c.ID}, []string{c.Name}},
		"wildcards are text": {IncubatorApplicationFilter{Query: "%"}, nil},
		"combined":           {IncubatorApplicationFilter{IncubatorID: innov.ID, Year: 2025, Status: "submitted"}, []string{"海洋传感团队"}},
		"sort by incubator":  {IncubatorApplicationFilter{Sort: IAppSortIncubator, Desc: true, Limit: 1}, []string{"旅顺新材料有限公司"}},
		"page":               {IncubatorApplicationFilter{Sort: IAppSortSubmitted, Offset: 1, Limit: 2}, []string{"海洋传感团队", "智能育苗团队"}},
	} {
		t.Run(name, func(t *testing.T) {
			rows, err := s.IncubatorApplications(ctx, c.f)
			require.NoError(t, err)
			var names []string
			for _, r := range rows {
				names = append(names, r.Applicant)
			}
			assert.Equal(t, c.want, names)
			if c.f.Limit == 0 {
				n, err := s.CountIncubatorApplications(ctx, c.f)
				require.NoError(t, err)
				assert.Equal(t, len(c.want), n)
			}
		})
	}
	years, err := s.IncubatorApplicationYears(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{2025, 2024}, years)

	incs, err := s.Incubators(ctx, IncubatorFilter{Level: "district"})
	require.NoError(t, err)
	require.Len(t, incs, 1)
	assert.Equal(t, "旅顺海洋孵化基地", incs[0].Name)
	incs, err = s.Incubators(ctx, IncubatorFilter{Sort: IncubatorSortLevel})
	require.NoError(t, err)
	assert.Equal(t, "大连创新园", incs[0].Name, "provincial ranks above district")
	n, err := s.CountIncubators(ctx, IncubatorFilter{Query: "创新"})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

// Deleting a company takes its plan applications (and their histories) with it and unlinks its incubator
// applications, which stay under the applicant's name.
func TestDeleteCompanyIncubate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	inc := Incubator{Name: "大连创新园", Level: "provincial"}
	require.NoError(t, s.CreateIncubator(ctx, &inc))
	a := IncubatorApplication{IncubatorID: inc.ID, ApplicantKind: "company", Applicant: c.Name, CompanyID: c.ID,
		Submitted: incDay("2025-03-01")}
	require.NoError(t, s.CreateIncubatorApplication(ctx, &a))
	p := PlanApplication{CompanyID: c.ID, Level: "district", Plan: "区科技计划", Title: "项目一", Year: 2025,
		StatusDate: incDay("2025-03-01")}
	require.NoError(t, s.CreatePlanApplication(ctx, &p))
	require.NoError(t, s.MovePlanApplication(ctx, p.ID, "submitted", incDay("2025-03-02"), ""))

	links, err := s.CompanyIncubateLinks(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, Links{{"link.plan_applications", 1}, {"link.incubator_applications", 1}}, links)

	audits := auditCount(t, s)
	require.NoError(t, s.update(ctx, func(tx *sql.Tx) error { return s.deleteCompanyIncubate(ctx, tx, c.ID) }))
	assert.Equal(t, audits+2, auditCount(t, s))
	_, err = s.PlanApplication(ctx, p.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM plan_application_history`).Scan(&n))
	assert.Zero(t, n)
	got, err := s.IncubatorApplication(ctx, a.ID)
	require.NoError(t, err)
	assert.Zero(t, got.CompanyID)
	assert.Equal(t, c.Name, got.Applicant, "the applicant's name stays")
	links, err = s.CompanyIncubateLinks(ctx, c.ID)
	require.NoError(t, err)
	assert.Empty(t, links)
}
