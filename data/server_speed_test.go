package data

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The company list sorted by park reads each park's companies apart (companiesByPark); its pages must be the
// pages of the whole list sorted by park name and id, whatever else narrows the list: a search, a park, a
// field, being above scale or not (which failed on a server before: above_scale was taken as a condition);
// with parks holding no company and one whose name sorts between the others.
func TestCompanyListByParkPagesWithConditions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.LoadScaled(ctx, 300))
	for _, name := range []string{"阿里空园区", "中间测试园区", "ZZ 园区"} {
		_, err := s.db.Exec(`INSERT INTO park (name, kind, focus) VALUES (?, 'other', '')`, name)
		require.NoError(t, err)
	}
	var middle int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM park WHERE name = '中间测试园区'`).Scan(&middle))
	_, err := s.db.Exec(`UPDATE company SET park_id = ? WHERE id % 5 = 1`, middle)
	require.NoError(t, err)
	_, err = s.db.Exec(`UPDATE company SET park_id = NULL WHERE id % 7 = 0`)
	require.NoError(t, err)
	var field string
	require.NoError(t, s.db.QueryRow(`SELECT field FROM company ORDER BY id LIMIT 1`).Scan(&field))

	requireParkPages(t, s, []CompanyConditions{{}, {ParkID: middle}, {Field: field}, {Scale: ScaleAbove},
		{Field: field, Scale: ScaleBelow}})

	// No park at all: descending, the first group (the last park by name) is none.
	for _, q := range []string{`UPDATE company SET park_id = NULL`, `DELETE FROM park_project`, `DELETE FROM park`} {
		_, err := s.db.Exec(q)
		require.NoError(t, err)
	}
	requireParkPages(t, s, []CompanyConditions{{}})
}

// requireParkPages checks pages of the company list sorted by park against the whole list so sorted.
func requireParkPages(t *testing.T, s *Store, conds []CompanyConditions) {
	t.Helper()
	ctx := context.Background()
	for _, desc := range []bool{false, true} {
		for _, q := range []string{"", "科", "9121"} {
			for _, k := range conds {
				f := CompanyFilter{CompanyConditions: k, Query: q, Sort: SortByPark, Desc: desc}
				all, err := s.Companies(ctx, f) // no limit: one ORDER BY over the whole list
				require.NoError(t, err)
				whole := companyIDs(all)
				n, err := s.CountCompanies(ctx, f)
				require.NoError(t, err)
				require.Len(t, whole, n)
				require.NotEmpty(t, whole)
				for _, page := range [][2]int{{50, 0}, {7, 3}, {20, 40}, {13, n / 2}, {10, max(n-4, 0)}, {10, n}, {500, 0}} {
					f.Limit, f.Offset = page[0], page[1]
					got, err := s.Companies(ctx, f)
					require.NoError(t, err)
					want := whole[min(f.Offset, len(whole)):min(f.Offset+f.Limit, len(whole))]
					require.Equal(t, want, companyIDs(got), "%+v", f)
				}
			}
		}
	}
}

func companyIDs(cs []Company) []int64 {
	ids := []int64{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

// The patent figures' records are listed without DISTINCT (oneRowEach): each row is one patent, so the lists
// are those DISTINCT gave, row for row, in every year of the sample and with a limit.
func TestPatentRecordListsAreTheDistinctOnes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	seen := 0
	for _, d := range s.figures() {
		if !d.oneRowEach {
			continue
		}
		seen++
		for year := 2015; year <= 2026; year++ {
			for _, limit := range []int{0, 3} {
				got, err := s.FigureRecords(ctx, d.name, year, limit)
				require.NoError(t, err)
				q, args := d.recordsQuery(year, limit)
				require.False(t, strings.HasPrefix(q, `SELECT DISTINCT`), q)
				want, err := s.queryTable(ctx, append(append([]string{}, d.columns...), ""),
					strings.Replace(q, `SELECT `, `SELECT DISTINCT `, 1), args...)
				require.NoError(t, err)
				refs := splitRefs(d.ref, want.Rows)
				assert.Equal(t, want.Rows, got.Rows, "%s %d limit %d", d.name, year, limit)
				assert.Equal(t, refs, got.Refs, "%s %d limit %d", d.name, year, limit)
				ids := map[int64]bool{}
				for _, r := range got.Refs {
					assert.False(t, ids[r.ID], "%s %d: patent %d listed twice", d.name, year, r.ID)
					ids[r.ID] = true
				}
			}
		}
	}
	require.Equal(t, 3, seen, "patent_applications, patent_grants and patents_valid")
	st, err := s.Stats(ctx, 2024)
	require.NoError(t, err)
	require.NotZero(t, st.PatentsValid, "the sample has valid patents to list")
}

// On a server the valid patents and the patents granted in a year are read in their order from an index
// (patent_granted_app_no, migration 0014) and stop at the limit: no sort of every row (the DISTINCT made one,
// 475,842 rows for a brief's 10,000 on the 100,000-company district).
func TestPatentRecordListsWalkAnIndexOnTheServer(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	if !s.Server() {
		t.Skip("the server's plan")
	}
	for _, d := range s.figures() {
		if d.name != "patents_valid" && d.name != "patent_grants" {
			continue
		}
		q, args := d.recordsQuery(2024, 10000)
		plan := serverPlan(t, s, inlineArgs(q, args))
		assert.NotRegexp(t, `(?m)^\s*(->\s+)?(Incremental )?Sort\s+\(`, plan, "%s\n%s", q, plan)
		assert.NotContains(t, plan, "Unique", "%s\n%s", q, plan)
		assert.Contains(t, plan, "patent_granted_app_no", "%s\n%s", q, plan)
	}
}

// inlineArgs writes the arguments (text or numbers) into q in place of its ? placeholders, for EXPLAIN.
func inlineArgs(q string, args []any) string {
	var b strings.Builder
	for _, a := range args {
		i := strings.Index(q, "?")
		b.WriteString(q[:i])
		switch v := a.(type) {
		case string:
			b.WriteString("'" + strings.ReplaceAll(v, "'", "''") + "'")
		default:
			fmt.Fprint(&b, v)
		}
		q = q[i+1:]
	}
	return b.String() + q
}
