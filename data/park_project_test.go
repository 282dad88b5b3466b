package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMu(t *testing.T) {
	t.Parallel()
	ok := map[string]Mu{
		"3000": 300000, "12.5": 1250, "0.01": 1, "1,234.56": 123456, "３０００．５": 300050, " 7 ": 700, "": 0, ".5": 50,
	}
	for in, want := range ok {
		got, err := ParseMu(in)
		require.NoError(t, err, "%q", in)
		assert.Equal(t, want, got, "%q", in)
	}
	bad := map[string]string{
		"-1": "err.amount.negative", "1.234": "err.patent.area.decimals", "abc": "err.patent.area.number",
		"1.2.3": "err.patent.area.number", "1234567890": "err.amount.large",
	}
	for in, key := range bad {
		_, err := ParseMu(in)
		var e *Error
		require.ErrorAs(t, err, &e, "%q", in)
		assert.Equal(t, key, e.Key, "%q", in)
	}
	assert.Equal(t, "3000.50", Mu(300050).String())
	assert.Equal(t, "3000.5", Mu(300050).Input())
	assert.Equal(t, "3000", Mu(300000).Input())
	assert.Equal(t, "0.07", Mu(7).Input())
	assert.Equal(t, "0", Mu(0).Input())
	for _, m := range []Mu{0, 1, 10, 99, 100, 123456, 300050} {
		back, err := ParseMu(m.Input())
		require.NoError(t, err)
		assert.Equal(t, m, back, "Input and ParseMu round-trip")
	}
}

func TestParkProjectCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	area, _ := ParseMu("3000")
	invest, _ := ParseWan("1200")
	p := ParkProject{ParkID: parks[1].ID, Title: " 3000亩设施农业改造 ", Lead: "旅顺口区农业农村局", Status: ProjectBuilding,
		Area: area, Investment: invest}
	require.NoError(t, s.CreateParkProject(ctx, &p))
	assert.Equal(t, "现代园艺产业园", p.ParkName)

	got, err := s.ParkProject(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "3000亩设施农业改造", got.Title)
	assert.Equal(t, Mu(300000), got.Area)
	assert.Equal(t, Yuan(12_000_000), got.Investment)
	assert.Equal(t, "现代园艺产业园", got.ParkName)

	got.Status = ProjectOperating
	require.NoError(t, s.UpdateParkProject(ctx, &got))
	again, err := s.ParkProject(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, ProjectOperating, again.Status)

	sums, err := s.ParkSummaries(ctx)
	require.NoError(t, err)
	require.Len(t, sums, 3)
	assert.Equal(t, 0, sums[0].Projects)
	assert.Equal(t, 1, sums[1].Projects)
	assert.Equal(t, Mu(300000), sums[1].Area)
	assert.Equal(t, "garden", sums[1].Kind)
	assert.Equal(t, "gallery", sums[2].Kind)

	require.NoError(t, s.DeleteParkProject(ctx, p.ID))
	_, err = s.ParkProject(ctx, p.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	log, err := s.AuditLog(ctx, "park_project", p.ID)
	require.NoError(t, err)
	require.Len(t, log, 3)
	assert.Equal(t, "delete", log[0].Action)
	assert.Contains(t, log[0].Before, "3000亩设施农业改造")
}

func TestParkProjectRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)

	var errs Errors
	require.ErrorAs(t, s.CreateParkProject(ctx, &ParkProject{Status: "dreaming", Area: -1}), &errs)
	for _, f := range []string{"park", "title", "project_status", "area"} {
		assert.NotNil(t, errs.For(f), f)
	}

	a := ParkProject{ParkID: parks[0].ID, Title: "海洋牧场", Status: ProjectOperating}
	require.NoError(t, s.CreateParkProject(ctx, &a))
	dup := ParkProject{ParkID: parks[0].ID, Title: "海洋牧场 ", Status: ProjectPlanned}
	err = s.CreateParkProject(ctx, &dup)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, Conflict, e.Code)
	assert.Equal(t, "title", e.Field)
	other := ParkProject{ParkID: parks[2].ID, Title: "海洋牧场", Status: ProjectPlanned}
	require.NoError(t, s.CreateParkProject(ctx, &other), "the same title in another park is allowed")
	other.ParkID = parks[0].ID
	assert.Equal(t, Conflict, ErrorCode(s.UpdateParkProject(ctx, &other)))
	unknown := ParkProject{ParkID: 999, Title: "无处", Status: ProjectPlanned}
	require.ErrorAs(t, s.CreateParkProject(ctx, &unknown), &e)
	assert.Equal(t, "park", e.Field)
}

func TestParkProjectFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	projects := []ParkProject{
		{ParkID: parks[0].ID, Title: "海洋牧场", Lead: "大连海宝渔业有限公司", Status: ProjectOperating, Area: 500000},
		{ParkID: parks[1].ID, Title: "3000亩设施农业改造", Status: ProjectBuilding, Area: 300000},
		{ParkID: parks[1].ID, Title: "小南村申报", Status: ProjectPlanned},
		{ParkID: parks[2].ID, Title: "蝶恋花蝴蝶园", Status: ProjectOperating, Area: 12050},
		{ParkID: parks[2].ID, Title: "航天博物馆", Status: ProjectCompleted, Investment: 50_000_000},
	}
	for i := range projects {
		require.NoError(t, s.CreateParkProject(ctx, &projects[i]))
	}
	count := func(f ParkProjectFilter) int {
		n, err := s.CountParkProjects(ctx, f)
		require.NoError(t, err)
		list, err := s.ParkProjects(ctx, f)
		require.NoError(t, err)
		require.Len(t, list, n)
		return n
	}
	assert.Equal(t, 5, count(ParkProjectFilter{}))
	assert.Equal(t, 2, count(ParkProjectFilter{ParkID: parks[1].ID}))
	assert.Equal(t, 2, count(ParkProjectFilter{Status: ProjectOperating}))
	assert.Equal(t, 1, count(ParkProjectFilter{ParkID: parks[2].ID, Status: ProjectOperating}))
	assert.Equal(t, 1, count(ParkProjectFilter{Query: "海宝"}), "the lead is searched")
	assert.Equal(t, 1, count(ParkProjectFilter{Query: "博物馆"}))

	byArea, err := s.ParkProjects(ctx, ParkProjectFilter{Sort: ProjectSortArea, Desc: true, Limit: 2})
	require.NoError(t, err)
	require.Len(t, byArea, 2)
	assert.Equal(t, "海洋牧场", byArea[0].Title)
	assert.Equal(t, "3000亩设施农业改造", byArea[1].Title)
	page, err := s.ParkProjects(ctx, ParkProjectFilter{Sort: ProjectSortArea, Desc: true, Limit: 2, Offset: 2})
	require.NoError(t, err)
	assert.Equal(t, "蝶恋花蝴蝶园", page[0].Title)
}
