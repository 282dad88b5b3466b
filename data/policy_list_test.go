package data

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// policyListWant is what the list should hold: every company's check, made one by one through PolicyChecks.
func policyListWant(t *testing.T, s *Store, p Policy, year int) map[int64]PolicyListRow {
	t.Helper()
	want := map[int64]PolicyListRow{}
	require.NoError(t, s.PolicyChecks(context.Background(), p, year, "", func(pc *PolicyCheck) error {
		want[pc.CompanyID] = PolicyListRowOf(pc)
		return nil
	}))
	return want
}

func policyListAll(t *testing.T, s *Store, f PolicyListFilter) []PolicyListRow {
	t.Helper()
	rows, err := s.PolicyList(context.Background(), f)
	require.NoError(t, err)
	n, err := s.CountPolicyList(context.Background(), f)
	require.NoError(t, err)
	assert.Len(t, rows, n, "the count and the rows agree: %+v", f)
	return rows
}

func TestPolicyListPagesTheChecksFromSQL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	for _, p := range []Policy{PolicyGaoqi, PolicyKexiao} {
		want := policyListWant(t, s, p, 2025)
		all := policyListAll(t, s, PolicyListFilter{Policy: p, Year: 2025})
		require.Len(t, all, len(want), p)
		byVerdict := map[Verdict]int{}
		for i, r := range all {
			assert.Equal(t, want[r.CompanyID], r, "%s: the list keeps the check's verdict, score, rules short and fields missing", p)
			byVerdict[r.Verdict]++
			if i > 0 {
				prev := all[i-1]
				assert.LessOrEqual(t, verdictListRank(prev.Verdict), verdictListRank(r.Verdict), "best verdict first")
				if prev.Verdict == r.Verdict {
					assert.GreaterOrEqual(t, prev.ScoreMax, r.ScoreMax, "within a verdict the closest first")
				}
			}
		}
		for v, n := range byVerdict {
			got := policyListAll(t, s, PolicyListFilter{Policy: p, Year: 2025, Verdict: v})
			assert.Len(t, got, n, "%s %s", p, v)
		}
		cands := policyListAll(t, s, PolicyListFilter{Policy: p, Year: 2025, Verdict: VerdictCandidates})
		assert.Len(t, cands, byVerdict[VerdictMeets]+byVerdict[VerdictPossible]+byVerdict[VerdictNear], p)

		// Pages put together are the whole list, in both directions of every sort.
		for _, key := range []string{PolicySortVerdict, PolicySortName, PolicySortUSCC, PolicySortScore} {
			for _, desc := range []bool{false, true} {
				f := PolicyListFilter{Policy: p, Year: 2025, Sort: key, Desc: desc}
				whole := policyListAll(t, s, f)
				var paged []PolicyListRow
				for f.Limit, f.Offset = 7, 0; f.Offset < len(whole)+7; f.Offset += 7 {
					page, err := s.PolicyList(ctx, f)
					require.NoError(t, err)
					paged = append(paged, page...)
				}
				assert.Equal(t, whole, paged, "%s %s desc=%v", p, key, desc)
			}
		}
	}

	// Sorted by name, the list is in the pinyin order of the company list.
	companies, err := s.Companies(ctx, CompanyFilter{Sort: SortByName})
	require.NoError(t, err)
	var names, listed []string
	for _, c := range companies {
		names = append(names, c.Name)
	}
	for _, r := range policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Sort: PolicySortName}) {
		listed = append(listed, r.Name)
	}
	assert.Equal(t, names, listed)

	// A search finds a part of a name or of a code, typed in any case; % and _ are plain characters.
	first := companies[0]
	for _, q := range []string{string([]rune(first.Name)[1:3]), first.USCC[4:12], " " + first.USCC[2:9] + " ",
		strings.ToLower(first.USCC[6:14]), first.USCC[:6] + "-" + first.USCC[6:10]} {
		got := policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: q})
		assert.True(t, slices.ContainsFunc(got, func(r PolicyListRow) bool { return r.CompanyID == first.ID }), "search %q", q)
	}
	assert.Empty(t, policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: "%"}))
	assert.Empty(t, policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: "_"}))
	assert.Empty(t, policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: "-"}), "a dash is no code")
	// Latin letters of a name match in either case.
	c := newCompany()
	c.Name = "大连ABC海洋科技有限公司"
	require.NoError(t, s.CreateCompany(ctx, &c))
	got := policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: "abc海洋"})
	require.Len(t, got, 1)
	assert.Equal(t, c.ID, got[0].CompanyID)

	_, err = s.PolicyList(ctx, PolicyListFilter{Policy: PolicyGaoqi, Year: 2010})
	assert.Equal(t, Invalid, ErrorCode(err), "no rules for 2010")
}

// The list is kept with the data version it was checked at: a change of any record a rule reads shows in the
// next page, whether it touched a few companies (checked again one by one) or many (all checked again).
func TestPolicyListFollowsEveryChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	// A company that meets every rule the records decide (policy_test.go's passingInput), with an invention patent.
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	require.NoError(t, s.CreatePatent(ctx, &Patent{CompanyID: c.ID, AppNo: "201710601862.3", Kind: "invention", Title: "一种海水净化装置",
		Filed: day(2017, 5, 2), Granted: day(2019, 5, 2), LegalStatus: PatentGranted, StatusDate: day(2019, 5, 2)}))
	var last AnnualOutput
	for _, o := range passingInput().Outputs {
		o.CompanyID = c.ID
		require.NoError(t, s.CreateOutput(ctx, &o))
		last = o
	}
	f := PolicyListFilter{Policy: PolicyGaoqi, Year: 2025}
	rechecked := func() int {
		pl, err := s.policyList()
		require.NoError(t, err)
		return pl.rechecked
	}
	same := func(why string) {
		t.Helper()
		want := policyListWant(t, s, f.Policy, f.Year)
		got := policyListAll(t, s, f)
		require.Len(t, got, len(want), why)
		for _, r := range got {
			assert.Equal(t, want[r.CompanyID], r, why)
		}
	}
	same("first check")
	kept := func() string {
		pl, err := s.policyList()
		require.NoError(t, err)
		var v string
		require.NoError(t, pl.db.QueryRow(`SELECT data_version FROM verdict_set WHERE policy = ? AND year = ?`, string(f.Policy), f.Year).Scan(&v))
		return v
	}
	before := kept()
	same("nothing changed")
	assert.Equal(t, before, kept())

	got := policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: c.USCC})
	require.Len(t, got, 1)
	assert.Equal(t, VerdictPossible, got[0].Verdict)

	// A figure edited: S&T staff 9 of 100 is a near miss.
	o, err := s.Output(ctx, last.ID)
	require.NoError(t, err)
	o.STStaff = ip(9)
	require.NoError(t, s.UpdateOutput(ctx, &o))
	same("a figure edited")
	assert.NotEqual(t, before, kept())
	assert.Equal(t, 1, rechecked(), "one company checked again, not all")
	got = policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Query: c.USCC})
	require.Len(t, got, 1)
	assert.Equal(t, VerdictNear, got[0].Verdict)
	assert.Equal(t, []string{"gaoqi.st_staff"}, got[0].Short)

	// Undone: the verdict is back.
	var group int64
	require.NoError(t, s.db.QueryRow(`SELECT max(id) FROM change_group`).Scan(&group))
	require.NoError(t, s.Undo(ctx, group))
	same("the edit undone")
	assert.Equal(t, 1, rechecked())

	// A company renamed (its place in the order of names moves), a company deleted, one added.
	c.Name = "阿" + c.Name
	require.NoError(t, s.UpdateCompany(ctx, &c))
	same("a company renamed")
	assert.Equal(t, -1, rechecked(), "a rename moves the order of names: all checked again")
	require.NoError(t, s.DeleteCompany(ctx, c.ID))
	same("a company deleted")
	assert.Equal(t, 1, rechecked())
	n := newCompany()
	n.USCC, n.Name = "91110000600037341L", "大连无数据科技有限公司"
	require.NoError(t, s.CreateCompany(ctx, &n))
	same("a company added")
	assert.Equal(t, -1, rechecked())
	byName := policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025, Sort: PolicySortName})
	companies, err := s.Companies(ctx, CompanyFilter{Sort: SortByName})
	require.NoError(t, err)
	require.Len(t, byName, len(companies))
	for i := range companies {
		assert.Equal(t, companies[i].ID, byName[i].CompanyID, "pinyin order at %d", i)
	}
}

// A check of the list cancelled half way (another policy or year chosen) leaves the verdicts kept before it,
// and the next check makes them.
func TestPolicyListCheckCancelled(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	f := PolicyListFilter{Policy: PolicyKexiao, Year: 2025}
	ctx, cancel := context.WithCancel(context.Background())
	pl, err := s.policyList()
	require.NoError(t, err)
	rs, err := RuleSetFor(f.Policy, f.Year)
	require.NoError(t, err)
	cancel()
	assert.ErrorIs(t, pl.checkAll(ctx, s, rs, f.Year, "0.0"), context.Canceled)
	want := policyListWant(t, s, f.Policy, f.Year)
	assert.Len(t, policyListAll(t, s, f), len(want))
}
