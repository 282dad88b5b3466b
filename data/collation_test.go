package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sample institutions in the order a Chinese reader looks them up: by pinyin, so 大连… (dà) before 上海交通大学
// (shàng) and 中国… (zhōng) last, where byte order put 上海交通大学 (上 is U+4E0A) and 中国… first and 大连… (大 is
// U+5927) in the middle. This is the desk's order, the Go collator's (CLDR 23): it reads 沈 chén, so 沈阳… comes
// between běi and dà. That reading is wrong for 沈阳 (Shěnyáng), as for the surname 沈: chén is the old reading
// of 沈 as 沉. A server reads shěn (serverReadsOtherwise).
var samplesInPinyinOrder = []string{
	"北京航空航天大学", "沈阳工业大学", "沈阳农业大学", "大连大学", "大连东软信息学院", "大连工业大学", "大连海事大学",
	"大连海洋大学", "大连交通大学", "大连科技学院", "大连理工大学", "大连民族大学", "大连市农业科学研究院", "大连医科大学",
	"东北财经大学", "东北大学", "国家海洋环境监测中心", "哈尔滨工业大学", "吉林大学", "辽宁工程技术大学",
	"辽宁省海洋水产科学研究院", "辽宁省农业科学院", "辽宁师范大学", "清华大学", "上海交通大学", "西北工业大学", "浙江大学",
	"中国海洋大学", "中国科学院沈阳应用生态研究所", "中国科学院沈阳自动化研究所", "中国科学院大连化学物理研究所",
	"中国科学院海洋研究所", "中国科学院金属研究所", "中国农业大学", "中国水产科学研究院黄海水产研究所",
}

func TestSampleInstitutionsInPinyinOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	want := samplesInPinyinOrder
	if s.Server() {
		// The server's own order of these names, which is the desk's but for the 沈阳 names (read shěn there):
		// between 上海 (shàng) and 西北 (xī), and 中国科学院沈阳… after 中国科学院金属… (jīn).
		want = storePinyinOrder(t, s, samplesInPinyinOrder)
		assertOrdersDifferOnlyIn(t, want, samplesInPinyinOrder, serverReadsOtherwise)
		assertInOrder(t, want, "上海交通大学", "沈阳工业大学", "沈阳农业大学", "西北工业大学")
		assertInOrder(t, want, "中国科学院金属研究所", "中国科学院沈阳应用生态研究所", "中国科学院沈阳自动化研究所", "中国农业大学")
	}
	list, err := s.Institutions(ctx, InstitutionFilter{Sort: InstSortName})
	require.NoError(t, err)
	assert.Equal(t, want, institutionNames(list))

	desc, err := s.Institutions(ctx, InstitutionFilter{Sort: InstSortName, Desc: true})
	require.NoError(t, err)
	names := institutionNames(desc)
	slices.Reverse(names)
	assert.Equal(t, want, names, "descending is the same order backwards")

	table, err := s.Export(ctx, "institutions")
	require.NoError(t, err)
	var exported []string
	for _, row := range table.Rows {
		exported = append(exported, row[0])
	}
	assert.Equal(t, want, exported, "the export lists them in the same order")
}

// serverReadsOtherwise are the names whose place in a server's pinyin order (ICU's zh-u-kr-latn-hani, its own
// CLDR) differs from the desk's Go collator (CLDR 23), each with the reading that moves it. They are all the
// names the two orders disagree on in the sample set (every name and title a list pages by) and in this file's
// tests: a name missing here that the orders place apart fails the test that meets it, and so does a name here
// that they no longer place apart. In each the server's reading is the right one for the name and CLDR 23's is
// wrong; the desk's order is left as it is (collation.go).
var serverReadsOtherwise = map[string]string{
	"沈阳工业大学":         "沈阳 is Shěnyáng: the server reads 沈 shěn, the desk chén",
	"沈阳农业大学":         "沈阳 is Shěnyáng: the server reads 沈 shěn, the desk chén",
	"中国科学院沈阳应用生态研究所": "沈阳 is Shěnyáng: the server reads 沈 shěn, the desk chén",
	"中国科学院沈阳自动化研究所":  "沈阳 is Shěnyáng: the server reads 沈 shěn, the desk chén",
	"重庆测试有限公司":       "重庆 is Chóngqìng: the server reads 重 chóng, the desk zhòng",
}

// expectedDifferences are the names whose place in the store's pinyin order may, and must, differ from the Go
// collator's: none on SQLite, whose collation is that collator.
func expectedDifferences(s *Store) map[string]string {
	if s.Server() {
		return serverReadsOtherwise
	}
	return nil
}

// storePinyinOrder sorts names by the store itself, as its lists do with COLLATE pinyin: the names go to the
// database as one value and come back sorted, no table read. On SQLite the collation is the Go collator
// (ComparePinyin, which the program registers); on a server it is the server's own.
func storePinyinOrder(t *testing.T, s *Store, names []string) []string {
	t.Helper()
	q := `SELECT x FROM unnest(?::text[]) AS t(x) ORDER BY x COLLATE pinyin`
	var arg any = names
	if !s.Server() {
		b, err := json.Marshal(names)
		require.NoError(t, err)
		q, arg = `SELECT value FROM json_each(?) ORDER BY value COLLATE pinyin`, string(b)
	}
	rows, err := s.db.Query(q, arg)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var x string
		require.NoError(t, rows.Scan(&x))
		out = append(out, x)
	}
	require.NoError(t, rows.Err())
	require.ElementsMatch(t, names, out)
	return out
}

// assertOrdersDifferOnlyIn checks that the store's order of some names and the desk's (the Go collator's)
// place every two names alike unless one of them is in differ, and that each name of differ among them is
// needed there: placed otherwise than by the desk against a name not in differ. The list is exact, and a
// difference not in it is reported by the name that moved (the one in most of the pairs placed otherwise).
func assertOrdersDifferOnlyIn(t *testing.T, store, desk []string, differ map[string]string) {
	t.Helper()
	require.ElementsMatch(t, desk, store)
	at := make(map[string]int, len(store))
	for i, x := range store {
		at[x] = i
	}
	// By the desk's positions, without a map in the loop over every pair: the store's place and whether listed.
	rank, listed := make([]int, len(desk)), make([]bool, len(desk))
	for i, x := range desk {
		rank[i], listed[i] = at[x], differ[x] != ""
	}
	needed := map[string]bool{}
	var unlisted [][2]string // pairs the orders place otherwise, neither in differ: desk order, a before b
	for i := range desk {
		for j := i + 1; j < len(desk); j++ {
			switch {
			case rank[i] < rank[j]:
			case listed[i] && !listed[j]:
				needed[desk[i]] = true
			case listed[j] && !listed[i]:
				needed[desk[j]] = true
			case !listed[i] && !listed[j]:
				unlisted = append(unlisted, [2]string{desk[i], desk[j]})
			}
		}
	}
	for len(unlisted) > 0 {
		count := map[string]int{}
		for _, p := range unlisted {
			count[p[0]]++
			count[p[1]]++
		}
		moved := ""
		for _, x := range desk {
			if count[x] > count[moved] {
				moved = x
			}
		}
		var against []string
		rest := unlisted[:0]
		for _, p := range unlisted {
			switch moved {
			case p[0]:
				against = append(against, "the desk puts it before "+p[1]+", the store after")
			case p[1]:
				against = append(against, "the desk puts it after "+p[0]+", the store before")
			default:
				rest = append(rest, p)
			}
		}
		unlisted = rest
		t.Errorf("%s: the store places it otherwise than the desk's collator against %d names (first: %s), "+
			"a difference not in the list", moved, len(against), against[0])
	}
	for x, why := range differ {
		if _, ok := at[x]; ok && !needed[x] {
			t.Errorf("%s: the store and the desk now place it alike (%s): take it out of the list", x, why)
		}
	}
}

// assertInOrder checks that names come in list one right after the other, in this order.
func assertInOrder(t *testing.T, list []string, names ...string) {
	t.Helper()
	i := indexOf(list, names[0])
	require.GreaterOrEqual(t, i, 0, names[0])
	assert.Equal(t, names, list[i:min(i+len(names), len(list))])
}

// The store's pinyin order of every name and title of the sample set that a list pages by is the Go collator's
// on SQLite, and on a server differs from it only in the names of serverReadsOtherwise.
func TestSampleNamesInEachStoresPinyinOrder(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	var names []string
	for _, col := range []string{`company.name`, `park.name`, `institution.name`, `incubator.name`,
		`coop_base.name`, `patent.title`, `plan_application.title`, `coop_outcome.title`,
		`incubator_application.applicant`, `park_project.title`} {
		table, column, _ := strings.Cut(col, ".")
		rows, err := s.db.Query(`SELECT DISTINCT ` + column + ` FROM ` + table + ` WHERE ` + column + ` IS NOT NULL`)
		require.NoError(t, err)
		for rows.Next() {
			var x string
			require.NoError(t, rows.Scan(&x))
			names = append(names, x)
		}
		require.NoError(t, rows.Err())
		require.NoError(t, rows.Close())
	}
	slices.Sort(names)
	names = slices.Compact(names)
	require.Greater(t, len(names), 500)
	desk := slices.Clone(names)
	slices.SortStableFunc(desk, ComparePinyin)
	assertOrdersDifferOnlyIn(t, storePinyinOrder(t, s, names), desk, expectedDifferences(s))
}

func institutionNames(list []Institution) []string {
	out := make([]string, len(list))
	for i, in := range list {
		out[i] = in.Name
	}
	return out
}

// Every list that pages by a name or a title gives, page after page, the store's own pinyin order of its names
// (the Go collator's on SQLite; on a server the server's, which differs from it only in serverReadsOtherwise),
// both ways, and reads its page from an index rather than sorting the table.
func TestNamePagesAgreeWithTheCollator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	// Names that byte order and pinyin order disagree on, Latin letters in both cases, digits, and two names
	// the collator alone finds equal (é composed, and e with a combining accent), which must still come in one
	// fixed order.
	for i, name := range []string{"上海测试科技有限公司", "Alpha 科技有限公司", "alpha 科技有限公司", "123 科技有限公司",
		"重庆测试有限公司", "阿里测试有限公司", "Café 测试有限公司", "Cafe\u0301 测试有限公司", "ZETA 有限公司"} {
		c := newCompany()
		c.USCC, c.Name = sampleUSCC(100+i), name
		require.NoError(t, s.CreateCompany(ctx, &c), name)
	}
	all, err := s.Companies(ctx, CompanyFilter{})
	require.NoError(t, err)
	desk := make([]string, len(all))
	for i, c := range all {
		desk[i] = c.Name
	}
	slices.SortStableFunc(desk, ComparePinyin)
	// The store's own order of the names, which is the desk's collator's on SQLite; a server's differs from it
	// in 重庆 only (chóng there, zhòng on the desk), right after 阿里 (ā) and before 大连 (dà).
	want := storePinyinOrder(t, s, desk)
	assertOrdersDifferOnlyIn(t, want, desk, expectedDifferences(s))
	if s.Server() {
		assertInOrder(t, want, "阿里测试有限公司", "重庆测试有限公司", "大连北方园艺种苗有限公司")
	} else {
		assert.Equal(t, "重庆测试有限公司", want[len(want)-1], "zhòng, after 中 (zhōng) and every other name")
	}
	for _, desc := range []bool{false, true} {
		var got []string
		for offset := 0; ; offset += 7 {
			page, err := s.Companies(ctx, CompanyFilter{Sort: SortByName, Desc: desc, Limit: 7, Offset: offset})
			require.NoError(t, err)
			if len(page) == 0 {
				break
			}
			for _, c := range page {
				got = append(got, c.Name)
			}
		}
		if desc {
			slices.Reverse(got)
		}
		assert.Equal(t, want, got, "desc=%v", desc)
	}
	assert.Less(t, indexOf(want, "大连海宝渔业有限公司"), indexOf(want, "上海测试科技有限公司"))
	assert.Less(t, indexOf(want, "123 科技有限公司"), indexOf(want, "Alpha 科技有限公司"), "digits before letters")
	assert.Less(t, indexOf(want, "ZETA 有限公司"), indexOf(want, "阿里测试有限公司"), "letters before characters")

	for _, q := range []string{
		`SELECT id FROM company ORDER BY name COLLATE pinyin, id LIMIT 50`,
		`SELECT id FROM company ORDER BY name COLLATE pinyin DESC, id DESC LIMIT 50`,
		`SELECT i.id FROM institution i ORDER BY i.name COLLATE pinyin, i.id LIMIT 50`,
		`SELECT i.id FROM incubator i ORDER BY i.name COLLATE pinyin, i.id LIMIT 50`,
		`SELECT b.id FROM coop_base b ORDER BY b.name COLLATE pinyin, b.id LIMIT 50`,
		`SELECT t.id FROM patent t ORDER BY t.title COLLATE pinyin, t.id LIMIT 50`,
		`SELECT p.id FROM plan_application p ORDER BY p.title COLLATE pinyin, p.id LIMIT 50`,
		`SELECT o.id FROM coop_outcome o ORDER BY o.title COLLATE pinyin, o.id LIMIT 50`,
		`SELECT a.id FROM incubator_application a ORDER BY a.applicant COLLATE pinyin, a.id LIMIT 50`,
		`SELECT j.id FROM park_project j ORDER BY j.title COLLATE pinyin, j.id LIMIT 50`,
		// The company list by park (companiesByPark): the parks in the park names' index's order, then the
		// companies outside any park and each park's by id (company_park), a page at a time.
		`SELECT id FROM park ORDER BY name COLLATE pinyin DESC`,
		`SELECT c.id FROM company c LEFT JOIN park p ON p.id = c.park_id
			WHERE c.park_id = (SELECT id FROM park ORDER BY name COLLATE pinyin DESC LIMIT 1) ORDER BY c.id DESC LIMIT 50`,
		`SELECT c.id FROM company c LEFT JOIN park p ON p.id = c.park_id WHERE c.park_id IS NULL ORDER BY c.id LIMIT 50 OFFSET 10`,
		`SELECT c.id FROM company c LEFT JOIN park p ON p.id = c.park_id WHERE c.park_id = 1 ORDER BY c.id LIMIT 50 OFFSET 10`,
		`SELECT c.id FROM company c LEFT JOIN park p ON p.id = c.park_id WHERE c.park_id = 1 ORDER BY c.id DESC LIMIT 50`,
	} {
		if s.Server() {
			plan := serverPlan(t, s, q)
			assert.NotRegexp(t, `(?m)^\s*(->\s+)?(Incremental )?Sort\s+\(`, plan, "%s\n%s", q, plan)
			continue
		}
		plan := queryPlan(t, s.db, q)
		assert.NotContains(t, plan, "TEMP B-TREE", "%s\n%s", q, plan)
	}
}

// serverPlan is the plan a server makes for q when it may neither sort nor read a table whole where anything
// else would do: a sort is then in the plan only if no index gives the order (the sample's tables are small
// enough that the server would rather sort them otherwise).
func serverPlan(t *testing.T, s *Store, q string) string {
	t.Helper()
	tx, err := s.db.Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	for _, set := range []string{`SET LOCAL enable_sort = off`, `SET LOCAL enable_seqscan = off`} {
		_, err := tx.Exec(set)
		require.NoError(t, err)
	}
	rows, err := tx.Query(`EXPLAIN ` + q)
	require.NoError(t, err)
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		fmt.Fprintln(&b, line)
	}
	require.NoError(t, rows.Err())
	return b.String()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func queryPlan(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.Query(`EXPLAIN QUERY PLAN ` + q)
	require.NoError(t, err)
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
		fmt.Fprintln(&b, detail)
	}
	require.NoError(t, rows.Err())
	return b.String()
}

// A database of the version before the pinyin indexes is upgraded when opened: its lists come in pinyin order
// and SQLite's integrity check, which reads the new indexes through the collation, finds nothing wrong.
func TestAnOlderDatabaseGetsThePinyinIndexes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "scitech.db")
	s, err := Open(path)
	require.NoError(t, err)
	require.NoError(t, s.LoadSample(ctx))
	// Back to version 7, as the previous program left it.
	_, err = s.db.Exec(`DROP INDEX company_name; CREATE INDEX company_name ON company (name);
		DROP INDEX park_name; DROP INDEX institution_name; DROP INDEX incubator_name; DROP INDEX coop_base_name;
		DROP INDEX coop_outcome_title; DROP INDEX incubator_application_applicant; DROP INDEX plan_application_title;
		DROP INDEX patent_title; DROP INDEX park_project_title;
		DELETE FROM schema_migration WHERE version = 8`)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s, err = Open(path)
	require.NoError(t, err)
	defer s.Close()
	var collation string
	require.NoError(t, s.db.QueryRow(`SELECT coll FROM pragma_index_xinfo('company_name') WHERE cid >= 0`).Scan(&collation))
	assert.Equal(t, Pinyin, collation)
	var ok string
	require.NoError(t, s.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok))
	assert.Equal(t, "ok", ok)
	problems, err := CheckFile(ctx, path)
	require.NoError(t, err)
	assert.Empty(t, problems)
	list, err := s.Institutions(ctx, InstitutionFilter{})
	require.NoError(t, err)
	assert.Equal(t, samplesInPinyinOrder, institutionNames(list))
}

// SQLite compares on the goroutine of whichever connection sorts, and a collate.Collator keeps state between
// calls: many comparisons at once must each give the answer one alone gives.
func TestComparePinyinConcurrently(t *testing.T) {
	t.Parallel()
	names := samplesInPinyinOrder
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 2000; k++ {
				i, j := (k*7+g)%len(names), (k*13+3*g)%len(names)
				want := 0
				if i < j {
					want = -1
				} else if i > j {
					want = 1
				}
				if got := ComparePinyin(names[i], names[j]); got != want {
					errs <- fmt.Sprintf("%s vs %s: %d, want %d", names[i], names[j], got, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	assert.Equal(t, -1, ComparePinyin("Café", "Cafe\u0301")*ComparePinyin("Cafe\u0301", "Café"),
		"names the collator finds equal are still ordered, one way only")
	assert.Zero(t, ComparePinyin("大连", "大连"))
}
