package data

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"scitech/data/dialect"
	"scitech/data/testsize"
)

// plainCompanyWhere is the list's filter as a plain LIKE of the name or the code (ASCII letters in either case:
// the dialect's word for it, d.Like()).
func plainCompanyWhere(d dialect.Dialect, q string) (string, []any) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "", nil
	}
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	return ` WHERE (c.name ` + d.Like() + ` ? ESCAPE '\' OR c.uscc ` + d.Like() + ` ? ESCAPE '\')`,
		[]any{"%" + esc.Replace(q) + "%", "%" + esc.Replace(NormalizeUSCC(q)) + "%"}
}

// plainCompanyIDs is the company list as the plain LIKE query gives it, the reference for the search.
func plainCompanyIDs(t *testing.T, s *Store, f CompanyFilter) []int64 {
	t.Helper()
	where, args := plainCompanyWhere(s.d, f.Query)
	order := companySortSQL[f.Sort]
	if order == "" {
		order = companySortSQL[SortByName]
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	// orderDir: a company without a park, founding day or certificate comes where SQLite puts a NULL.
	q := `SELECT c.id` + companyFrom + where + ` ORDER BY ` + order + orderDir(order, f.Desc) + `, c.id` + dir
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := s.db.Query(q, args...)
	require.NoError(t, err)
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	return ids
}

func searchedIDs(t *testing.T, s *Store, f CompanyFilter) ([]int64, int) {
	t.Helper()
	cs, err := s.Companies(context.Background(), f)
	require.NoError(t, err)
	ids := []int64{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	n, err := s.CountCompanies(context.Background(), f)
	require.NoError(t, err)
	return ids, n
}

// requireSearchAgrees checks the search against the plain LIKE query for the fragments, every sort and a
// few pages.
func requireSearchAgrees(t *testing.T, s *Store, fragments []string) {
	t.Helper()
	sorts := []CompanySort{SortByName, SortByUSCC, SortByField, SortByPark, SortByFounded, SortByCert}
	for i, q := range fragments {
		all := plainCompanyIDs(t, s, CompanyFilter{Query: q})
		f := CompanyFilter{Query: q, Sort: sorts[i%len(sorts)], Desc: i%2 == 1}
		got, n := searchedIDs(t, s, f)
		require.Equal(t, plainCompanyIDs(t, s, f), got, "fragment %q sorted by %s", q, f.Sort)
		require.Equal(t, len(all), n, "count of %q", q)
		for _, page := range [][2]int{{7, 3}, {5, 0}, {50, len(all) - 20}, {10, len(all) + 5}} {
			f.Limit, f.Offset = page[0], max(page[1], 0)
			got, _ = searchedIDs(t, s, f)
			require.Equal(t, plainCompanyIDs(t, s, f), got, "page %v of %q sorted by %s", page, q, f.Sort)
		}
	}
}

// randomFragments takes substrings of 1 to 4 characters of the names and codes of the database, and some
// fragments found nowhere.
func randomFragments(t *testing.T, s *Store, n int, seed uint64) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT name, uscc FROM company ORDER BY id`)
	require.NoError(t, err)
	var texts []string
	for rows.Next() {
		var name, uscc string
		require.NoError(t, rows.Scan(&name, &uscc))
		texts = append(texts, name, uscc)
	}
	require.NoError(t, rows.Close())
	require.NotEmpty(t, texts)
	rnd := rand.New(rand.NewPCG(seed, 7))
	out := []string{"龘", "龘龘", "有限公司", "科技", "公司（", "ZZZZ", "a", "%", "_", "912", "91210200MA"}
	for len(out) < n {
		rs := []rune(texts[rnd.IntN(len(texts))])
		k := 1 + rnd.IntN(4)
		if k > len(rs) {
			k = len(rs)
		}
		at := rnd.IntN(len(rs) - k + 1)
		frag := string(rs[at : at+k])
		if rnd.IntN(5) == 0 {
			frag = asciiLower(frag) // LIKE ignores the case of ASCII letters
		}
		out = append(out, frag)
	}
	return out
}

// Sorting by park walks the outside-any-park companies and the parks' apart; the pages must join up.
func TestCompanyParkSortPages(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	require.NoError(t, s.LoadScaled(context.Background(), 400))
	_, err := s.db.Exec(`UPDATE company SET park_id = NULL WHERE id % 7 = 0`)
	require.NoError(t, err)
	for _, desc := range []bool{false, true} {
		for _, q := range []string{"", "科", "海瑞", "9121"} {
			for _, page := range [][2]int{{50, 0}, {50, 40}, {13, 50}, {20, 330}, {500, 0}, {10, 399}, {10, 1000}} {
				f := CompanyFilter{Query: q, Sort: SortByPark, Desc: desc, Limit: page[0], Offset: page[1]}
				got, _ := searchedIDs(t, s, f)
				require.Equal(t, plainCompanyIDs(t, s, f), got, "%+v", f)
			}
		}
	}
}

func TestCompanySearchAgreesWithLikeOnTheSample(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	requireSearchAgrees(t, s, randomFragments(t, s, 150, 1))
	requireGramsMatchNames(t, s)
}

func TestCompanySearchAgreesWithLikeOnAScaledDistrict(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a synthetic district")
	}
	// 500 companies and 30 fragments in make test, 3,000 and 120 in make stress.
	s := scaledStore(t, testsize.Pick(500, 3000))
	requireGramsMatchNames(t, s)
	requireSearchAgrees(t, s, randomFragments(t, s, testsize.Pick(30, 120), 2))
}

// requireGramsMatchNames checks company_gram against the pairs of the names as they are now.
func requireGramsMatchNames(t *testing.T, s *Store) {
	t.Helper()
	var missing, extra int
	want := `SELECT DISTINCT lower(substr(c.name || char(1), s.n, 2)), c.id FROM company c JOIN gram_seq s ON s.n <= length(c.name)`
	if s.Server() { // the same pairs, without SQLite's numbers table; lower() of the C collation is ASCII's, as SQLite's
		want = `SELECT DISTINCT lower(substr(c.name || chr(1), s.n, 2) COLLATE "C"), c.id FROM company c
			JOIN generate_series(1, 1000) s(n) ON s.n <= length(c.name)`
	}
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM (`+want+` EXCEPT SELECT gram, company_id FROM company_gram) x`).Scan(&missing))
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM (SELECT gram, company_id FROM company_gram EXCEPT `+want+`) x`).Scan(&extra))
	require.Zero(t, missing, "pairs missing from company_gram")
	require.Zero(t, extra, "pairs left in company_gram")
}

// The triggers keep company_gram through the store's writes and their undo.
func TestCompanyGramsFollowWritesAndUndo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	c := Company{USCC: validUSCCs[0], Name: "龘鑫Ab生物科技有限公司", Field: "bio"}
	cs, err := s.Companies(ctx, CompanyFilter{Limit: 1})
	require.NoError(t, err)
	c.Field = cs[0].Field
	require.NoError(t, s.CreateCompany(ctx, &c))
	requireGramsMatchNames(t, s)
	created := lastGroup(t, s)
	got, _ := searchedIDs(t, s, CompanyFilter{Query: "鑫ab"})
	require.Equal(t, []int64{c.ID}, got)

	c.Name = "新名字海洋有限公司"
	require.NoError(t, s.UpdateCompany(ctx, &c))
	requireGramsMatchNames(t, s)
	got, _ = searchedIDs(t, s, CompanyFilter{Query: "鑫ab"})
	require.Empty(t, got)
	require.NoError(t, s.Undo(ctx, lastGroup(t, s)))
	requireGramsMatchNames(t, s)
	got, _ = searchedIDs(t, s, CompanyFilter{Query: "鑫AB"})
	require.Equal(t, []int64{c.ID}, got)

	require.NoError(t, s.DeleteCompany(ctx, c.ID))
	requireGramsMatchNames(t, s)
	require.NoError(t, s.Undo(ctx, lastGroup(t, s)))
	requireGramsMatchNames(t, s)
	got, _ = searchedIDs(t, s, CompanyFilter{Query: "龘"})
	require.Equal(t, []int64{c.ID}, got)
	_ = created
	requireSearchAgrees(t, s, randomFragments(t, s, 60, 3))
}

// At scale the dashboard's valid-patent count (two index range counts) agrees with the scan by
// PatentValidSQL, the form the records behind the figure are listed by.
func TestValidPatentCountAgreesAtScale(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a synthetic district")
	}
	ctx := context.Background()
	s := scaledStore(t, 2000)
	for y := ScaleLastYear - ScaleYears - 1; y <= ScaleLastYear+12; y++ {
		cond, args := s.patentValidSQL("p", YearEnd(y))
		var want int
		require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM patent p WHERE `+cond, args...).Scan(&want))
		if y <= ScaleLastYear+1 {
			st, err := s.Stats(ctx, y)
			require.NoError(t, err)
			require.Equal(t, want, st.PatentsValid, "year %d", y)
		}
		q, qargs := patentValidCountSQL(s.d, YearEnd(y))
		var got int
		require.NoError(t, s.db.QueryRow(q, qargs...).Scan(&got))
		require.Equal(t, want, got, "year %d", y)
		if y == ScaleLastYear {
			require.Greater(t, want, 1000)
		}
	}
}
