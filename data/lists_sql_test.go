package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The lists put a record without a value in the sorted column where SQLite puts a NULL: first in ascending
// order, last in descending. PostgreSQL's own default is the opposite, so the store says so in its ORDER BY
// (orderDir); these tests hold every store the harness opens to SQLite's order. Names stay out of the
// expected orders, so that a server's collation of Han characters cannot move them; parks are ordered as the
// store's own pinyin order of their names gives them.

// listCompanies makes three companies: one in each of two parks with a founding day and a certificate, and
// one with neither park, founding day nor certificate. Ascending by founding day or by certificate expiry,
// they come as empty, older, newer; the parks are those of newer and older.
func listCompanies(t *testing.T, s *Store) (empty, older, newer int64, parkOfOlder, parkOfNewer int64) {
	t.Helper()
	ctx := context.Background()
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(parks), 2)
	mk := func(i int, park int64, founded, certIssued string) int64 {
		c := Company{USCC: sampleUSCC(900 + i), Name: "排序测试有限公司", Field: "electronics", ParkID: park}
		if founded != "" {
			c.Founded = patentDay(founded)
		}
		if certIssued != "" {
			c.CertNo, c.CertIssued = "GR202321000001", patentDay(certIssued)
		}
		require.NoError(t, s.CreateCompany(ctx, &c))
		return c.ID
	}
	newer = mk(1, parks[0].ID, "2015-03-01", "2023-12-12")
	empty = mk(2, 0, "", "")
	older = mk(3, parks[1].ID, "2010-06-01", "2021-11-30")
	return empty, older, newer, parks[1].ID, parks[0].ID
}

// companyPages lists the companies of f page by page, size at a time (0: all at once).
func companyPages(t *testing.T, s *Store, f CompanyFilter, size int) []int64 {
	t.Helper()
	ids := []int64{}
	for f.Limit, f.Offset = size, 0; ; f.Offset += size {
		cs, err := s.Companies(context.Background(), f)
		require.NoError(t, err)
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		if size == 0 || len(cs) < size {
			return ids
		}
	}
}

func reversed(ids []int64) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[len(ids)-1-i] = id
	}
	return out
}

func TestCompanyListsPutEmptyValuesFirstAscendingAndLastDescending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	empty, older, newer, parkOfOlder, parkOfNewer := listCompanies(t, s)
	byPark := []int64{empty, older, newer}
	var firstPark int64
	require.NoError(t, s.db.QueryRowContext(ctx, `SELECT id FROM park WHERE id IN (?, ?) ORDER BY name`+collatePinyin+
		` LIMIT 1`, parkOfOlder, parkOfNewer).Scan(&firstPark))
	if firstPark == parkOfNewer {
		byPark = []int64{empty, newer, older}
	}
	want := map[CompanySort][]int64{SortByFounded: {empty, older, newer}, SortByCert: {empty, older, newer}, SortByPark: byPark}
	for _, sort := range []CompanySort{SortByFounded, SortByCert, SortByPark} {
		// The whole table, and the name search's candidates; all at once, and in pages (by park: the walk park
		// by park, which pages the companies outside any park apart from the others).
		for _, query := range []string{"", "排序测试"} {
			for _, size := range []int{0, 1, 2} {
				f := CompanyFilter{Query: query, Sort: sort}
				assert.Equal(t, want[sort], companyPages(t, s, f, size), "%s ascending, query %q, pages of %d", sort, query, size)
				f.Desc = true
				assert.Equal(t, reversed(want[sort]), companyPages(t, s, f, size), "%s descending, query %q, pages of %d",
					sort, query, size)
			}
		}
	}
}

func TestCooperationAndPatentListsPutTheOpenOnesFirstAscending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	_, older, newer, _, _ := listCompanies(t, s)
	in := Institution{Name: "排序测试大学", Kind: "university", City: "大连"}
	require.NoError(t, s.CreateInstitution(ctx, &in))
	coop := func(company int64, started, ended string) int64 {
		c := Cooperation{CompanyID: company, InstitutionID: in.ID, Started: patentDay(started)}
		if ended != "" {
			c.Ended = patentDay(ended)
		}
		require.NoError(t, s.CreateCooperation(ctx, &c))
		return c.ID
	}
	endedLate := coop(older, "2019-03-01", "2024-12-31")
	going := coop(newer, "2020-05-01", "")
	endedEarly := coop(newer, "2018-01-15", "2021-06-30")
	cs, err := s.Cooperations(ctx, CooperationFilter{Sort: CoopSortEnded})
	require.NoError(t, err)
	assert.Equal(t, []int64{going, endedEarly, endedLate}, coopIDs(cs), "by end ascending: the one going on first")
	cs, err = s.Cooperations(ctx, CooperationFilter{Sort: CoopSortEnded, Desc: true})
	require.NoError(t, err)
	assert.Equal(t, []int64{endedLate, endedEarly, going}, coopIDs(cs), "by end descending: the one going on last")

	patent := func(digits, filed, granted string) int64 {
		p := Patent{CompanyID: older, AppNo: patentNoWithCheck(digits), Kind: PatentInvention, Title: "排序测试专利",
			Filed: patentDay(filed), LegalStatus: PatentPending, StatusDate: patentDay(filed)}
		if granted != "" {
			p.Granted, p.LegalStatus, p.StatusDate = patentDay(granted), PatentGranted, patentDay(granted)
		}
		require.NoError(t, s.CreatePatent(ctx, &p))
		return p.ID
	}
	grantedLate := patent("202110000001", "2021-02-01", "2023-08-08")
	pending := patent("202310000002", "2023-04-01", "")
	grantedEarly := patent("201910000003", "2019-01-10", "2020-10-10")
	for _, limit := range []int{0, 2} {
		ps, err := s.Patents(ctx, PatentFilter{Sort: PatentSortGranted, Limit: limit})
		require.NoError(t, err)
		assert.Equal(t, []int64{pending, grantedEarly, grantedLate}[:len(ps)], patentIDs(ps), "by grant ascending, limit %d", limit)
		ps, err = s.Patents(ctx, PatentFilter{Sort: PatentSortGranted, Desc: true, Limit: limit})
		require.NoError(t, err)
		assert.Equal(t, []int64{grantedLate, grantedEarly, pending}[:len(ps)], patentIDs(ps), "by grant descending, limit %d", limit)
	}
}

func coopIDs(cs []Cooperation) []int64 {
	ids := []int64{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func patentIDs(ps []Patent) []int64 {
	ids := []int64{}
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

// A list's search finds a name whatever the case of its Latin letters, as SQLite's LIKE does, on every store
// (the server's LIKE tells case; the store asks the dialect's word, containsSQL). Letters beyond ASCII keep
// their case on both, as SQLite folds none of them.
func TestListSearchesFoldTheCaseOfLatinLettersOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := Company{USCC: sampleUSCC(950), Name: "大连ABC测试科技有限公司", Field: "electronics"}
	require.NoError(t, s.CreateCompany(ctx, &c))
	e := Company{USCC: sampleUSCC(951), Name: "Émile测试有限公司", Field: "electronics"}
	require.NoError(t, s.CreateCompany(ctx, &e))
	for _, query := range []string{"abc", "ABC", "aBc测试", "c测"} {
		for _, limit := range []int{0, 20} {
			assert.Equal(t, []int64{c.ID}, companyPages(t, s, CompanyFilter{Query: query}, limit), "company %q, pages of %d",
				query, limit)
		}
	}
	assert.Equal(t, []int64{e.ID}, companyPages(t, s, CompanyFilter{Query: "Émile"}, 0))
	assert.Empty(t, companyPages(t, s, CompanyFilter{Query: "émile"}, 0), "É is not an ASCII letter")

	in := Institution{Name: "CAS大连化学物理研究所", Kind: "institute", City: "Dalian"}
	require.NoError(t, s.CreateInstitution(ctx, &in))
	for _, query := range []string{"cas", "DALIAN"} {
		got, err := s.Institutions(ctx, InstitutionFilter{Query: query})
		require.NoError(t, err)
		require.Len(t, got, 1, "institution %q", query)
		assert.Equal(t, in.ID, got[0].ID)
	}
}
