package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanApplicationValidate(t *testing.T) {
	t.Parallel()
	err := PlanApplication{Level: "village", Year: 1800, Requested: -1}.Validate()
	list := err.(Errors)
	for _, f := range []string{"company", "plan_level", "plan_name", "plan_title", "year", "requested_funds", "registered"} {
		assert.NotNil(t, list.For(f), f)
	}
	p := PlanApplication{CompanyID: 1, Level: "district", Plan: "区科技计划", Title: "项目", Year: 2025,
		StatusDate: incDay("2025-03-01"), Requested: 100_000, Granted: 150_000}
	for status, ok := range map[string]bool{"draft": false, "submitted": false, "recommended": false, "rejected": false,
		"approved": true, "contracted": true, "accepted": true, "terminated": true} {
		p.Status = status
		if ok {
			assert.NoError(t, p.Validate(), "granted above requested is allowed once %s", status)
		} else {
			assert.Equal(t, "err.incubate.granted_early", p.Validate().(Errors).For("granted_funds").Key, status)
		}
	}
}

func TestPlanApplicationCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))

	p := PlanApplication{CompanyID: c.ID, Level: "district", Plan: " 旅顺口区科技计划 ", Title: "海参育苗智能监测",
		Year: 2025, Requested: 500_000, Granted: 100_000, StatusDate: incDay("2025-03-01")}
	err := s.CreatePlanApplication(ctx, &p)
	assert.Equal(t, "granted_funds", incFieldOf(err), "no grant on a draft")
	p.Granted = 0
	audits := auditCount(t, s)
	require.NoError(t, s.CreatePlanApplication(ctx, &p))
	assert.Equal(t, audits+1, auditCount(t, s))
	got, err := s.PlanApplication(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "draft", got.Status)
	assert.Equal(t, "旅顺口区科技计划", got.Plan)
	assert.Equal(t, c.Name, got.CompanyName)
	hist, err := s.PlanApplicationHistory(ctx, p.ID)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, StatusChange{ID: hist[0].ID, Day: incDay("2025-03-01"), To: "draft", Operator: "tester"}, hist[0])

	noDate := PlanApplication{CompanyID: c.ID, Level: "municipal", Plan: "市计划", Title: "另一个", Year: 2025}
	require.NoError(t, s.CreatePlanApplication(ctx, &noDate))
	assert.Equal(t, Today(), noDate.StatusDate, "registered today when no date is given")

	got.Granted = 600_000
	assert.Equal(t, "granted_funds", incFieldOf(s.UpdatePlanApplication(ctx, &got)))
	for i, st := range []string{"submitted", "recommended", "approved"} {
		require.NoError(t, s.MovePlanApplication(ctx, p.ID, st, incDay("2025-04-01").AddDate(0, 0, i), ""))
	}
	got.Status = "draft" // stale: the store judges the grant by the status it holds
	require.NoError(t, s.UpdatePlanApplication(ctx, &got), "granted above requested, once approved")
	again, err := s.PlanApplication(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(600_000), again.Granted)
	assert.Equal(t, "approved", again.Status)
	assert.Equal(t, incDay("2025-04-03"), again.StatusDate)

	again.CompanyID = 999
	assert.Equal(t, "company", incFieldOf(s.UpdatePlanApplication(ctx, &again)))
	again.ID = 999
	again.CompanyID = c.ID
	assert.Equal(t, NotFound, ErrorCode(s.UpdatePlanApplication(ctx, &again)))

	audits = auditCount(t, s)
	require.NoError(t, s.DeletePlanApplication(ctx, p.ID))
	assert.Equal(t, audits+1, auditCount(t, s))
	_, err = s.PlanApplication(ctx, p.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	hist, err = s.PlanApplicationHistory(ctx, p.ID)
	require.NoError(t, err)
	assert.Empty(t, hist)
}

func TestPlanApplicationFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	a := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &a))
	b := Company{USCC: "91110000600037341L", Name: "大连海宝渔业有限公司", Field: "biomedicine"}
	require.NoError(t, s.CreateCompany(ctx, &b))
	for _, p := range []PlanApplication{
		{CompanyID: a.ID, Level: "district", Plan: "区科技计划", Title: "智能监测", Year: 2025, Requested: 300_000},
		{CompanyID: a.ID, Level: "municipal", Plan: "市科技计划", Title: "新材料", Year: 2024, Requested: 900_000},
		{CompanyID: b.ID, Level: "district", Plan: "区科技计划", Title: "海参育苗", Year: 2025, Requested: 100_000},
	} {
		p.StatusDate = incDay("2025-01-05")
		require.NoError(t, s.CreatePlanApplication(ctx, &p))
		if p.Title == "海参育苗" {
			require.NoError(t, s.MovePlanApplication(ctx, p.ID, "submitted", incDay("2025-01-06"), ""))
		}
	}
	for name, c := range map[string]struct {
		f    PlanApplicationFilter
		want []string
	}{
		"all, newest year first": {PlanApplicationFilter{}, []string{"海参育苗", "智能监测", "新材料"}},
		"status":                 {PlanApplicationFilter{Status: "submitted"}, []string{"海参育苗"}},
		"level":                  {PlanApplicationFilter{Level: "municipal"}, []string{"新材料"}},
		"year":                   {PlanApplicationFilter{Year: 2025, Sort: PlanSortTitle}, []string{"海参育苗", "智能监测"}}, // pinyin: hǎi before zhì
		"company":                {PlanApplicationFilter{CompanyID: b.ID}, []string{"海参育苗"}},
		"company name":           {PlanApplicationFilter{Query: "海宝"}, []string{"海参育苗"}},
		"plan name":              {PlanApplicationFilter{Query: "市科技"}, []string{"新材料"}},
		"sort by requested":      {PlanApplicationFilter{Sort: PlanSortRequested, Desc: true}, []string{"新材料", "智能监测", "海参育苗"}},
		"sort by level":          {PlanApplicationFilter{Sort: PlanSortLevel, Desc: true, Limit: 1}, []string{"新材料"}},
		"page":                   {PlanApplicationFilter{Sort: PlanSortRequested, Offset: 2, Limit: 5}, []string{"新材料"}},
	} {
		t.Run(name, func(t *testing.T) {
			rows, err := s.PlanApplications(ctx, c.f)
			require.NoError(t, err)
			var titles []string
			for _, r := range rows {
				titles = append(titles, r.Title)
			}
			assert.Equal(t, c.want, titles)
			if c.f.Limit == 0 {
				n, err := s.CountPlanApplications(ctx, c.f)
				require.NoError(t, err)
				assert.Equal(t, len(c.want), n)
			}
		})
	}
	years, err := s.PlanApplicationYears(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{2025, 2024}, years)
}
