package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sample institutions in the order a Chinese reader looks them up: by pinyin, so 大连… (dà) before 上海交通大学
// (shàng) and 中国… (zhōng) last, where byte order put 上海交通大学 (上 is U+4E0A) and 中国… first and 大连… (大 is
// U+5927) in the middle. 沈 takes CLDR's reading chén, so 沈阳… comes between běi and dà.
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
	list, err := s.Institutions(ctx, InstitutionFilter{Sort: InstSortName})
	require.NoError(t, err)
	assert.Equal(t, samplesInPinyinOrder, institutionNames(list))

	desc, err := s.Institutions(ctx, InstitutionFilter{Sort: InstSortName, Desc: true})
	require.NoError(t, err)
	names := institutionNames(desc)
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	assert.Equal(t, samplesInPinyinOrder, names, "descending is the same order backwards")

	table, err := s.Export(ctx, "institutions")
	require.NoError(t, err)
	var exported []string
	for _, row := range table.Rows {
		exported = append(exported, row[0])
	}
	assert.Equal(t, samplesInPinyinOrder, exported, "the export lists them in the same order")
}

func institutionNames(list []Institution) []string {
	out := make([]string, len(list))
	for i, in := range list {
		out[i] = in.Name
	}
	return out
}

// Every list that pages by a name or a title gives, page after page, the order a Go sort by the same collator
// gives, both ways, and reads its page from an index rather than sorting the table.
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
	want := make([]string, len(all))
	for i, c := range all {
		want[i] = c.Name
	}
	sort.SliceStable(want, func(i, j int) bool { return ComparePinyin(want[i], want[j]) < 0 })
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
			for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
				got[i], got[j] = got[j], got[i]
			}
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
		// The company list by park (companiesByPark): the parks in the index's order, each one's companies by id.
		`SELECT c.id FROM park p CROSS JOIN company c ON c.park_id = p.id ORDER BY p.name COLLATE pinyin, c.id LIMIT 50`,
		`SELECT c.id FROM park p CROSS JOIN company c ON c.park_id = p.id ORDER BY p.name COLLATE pinyin DESC, c.id DESC LIMIT 50`,
	} {
		plan := queryPlan(t, s.db, q)
		assert.NotContains(t, plan, "TEMP B-TREE", "%s\n%s", q, plan)
	}
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
