package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleVerdicts counts the sample district's verdicts for 2025, overall and per rule.
func sampleVerdicts(t *testing.T, s *Store, p Policy) (map[Verdict]int, map[string]map[Verdict]int) {
	t.Helper()
	overall, byRule := map[Verdict]int{}, map[string]map[Verdict]int{}
	require.NoError(t, s.PolicyChecks(context.Background(), p, 2025, "", func(pc *PolicyCheck) error {
		overall[pc.Verdict]++
		for _, l := range pc.Lines {
			if byRule[l.Rule] == nil {
				byRule[l.Rule] = map[Verdict]int{}
			}
			byRule[l.Rule][l.Verdict]++
		}
		return nil
	}))
	return overall, byRule
}

// For 2025 the sample shows each verdict more than once for both policies: 符合, 接近, 不符合 and 缺数据 for 科小, and
// 可能, 接近, 不符合 and 缺数据 for 高企, whose 符合 the records cannot give (the experts' 36 points count from 0,
// so the minimum of the innovation score is at most 51: see gaoqiScore). The 高企 near misses include each of the
// S&T staff share, the three-year R&D ratio (read from the 2023 figures the companies declared) and the
// high-tech income, each the one rule a company of 接近 misses.
func TestSamplePolicyVerdicts(t *testing.T) {
	s := sampleStore(t)
	kx, _ := sampleVerdicts(t, s, PolicyKexiao)
	for _, v := range []Verdict{VerdictMeets, VerdictNear, VerdictFails, VerdictMissing} {
		assert.GreaterOrEqual(t, kx[v], 2, "科小 %s: %v", v, kx)
	}
	gq, rules := sampleVerdicts(t, s, PolicyGaoqi)
	for _, v := range []Verdict{VerdictPossible, VerdictNear, VerdictFails, VerdictMissing} {
		assert.GreaterOrEqual(t, gq[v], 2, "高企 %s: %v", v, gq)
	}
	assert.Zero(t, gq[VerdictMeets], "the experts' points decide every 高企 score")
	for _, r := range []string{"gaoqi.st_staff", "gaoqi.hightech_income", "gaoqi.rd_ratio"} {
		for _, v := range []Verdict{VerdictMeets, VerdictNear, VerdictMissing} {
			assert.GreaterOrEqual(t, rules[r][v], 2, "%s %s: %v", r, v, rules[r])
		}
	}
	assert.GreaterOrEqual(t, rules["gaoqi.st_staff"][VerdictFails], 2)

	nearOn := map[string]int{}
	require.NoError(t, s.PolicyChecks(context.Background(), PolicyGaoqi, 2025, "", func(pc *PolicyCheck) error {
		if pc.Verdict != VerdictNear {
			return nil
		}
		for _, l := range pc.Lines {
			if l.Verdict == VerdictNear && l.Rule != "gaoqi.score" {
				nearOn[l.Rule]++
			}
		}
		return nil
	}))
	for _, r := range []string{"gaoqi.st_staff", "gaoqi.rd_ratio", "gaoqi.hightech_income"} {
		assert.GreaterOrEqual(t, nearOn[r], 2, "companies of 接近 by %s: %v", r, nearOn)
	}

	// The first company's R&D ratio reads its declared 2023 figures beside its output rows, and says so.
	pc, err := s.PolicyCheckOf(context.Background(), PolicyGaoqi, 2025, sampleUSCC(0))
	require.NoError(t, err)
	l := lineOf(t, pc, "gaoqi.rd_ratio")
	assert.Equal(t, VerdictMeets, l.Verdict)
	assert.Equal(t, []int{2023}, l.Declared)
	assert.Len(t, l.Figures, 6, "R&D and sales of 2023, 2024 and 2025")
	// A company without policy figures still lacks the year.
	pc, err = s.PolicyCheckOf(context.Background(), PolicyGaoqi, 2025, sampleUSCC(3))
	require.NoError(t, err)
	assert.Equal(t, []string{"annual_output.2023"}, lineOf(t, pc, "gaoqi.rd_ratio").Missing)
}

// In 2025 the radar shows the 2022 certificates of the companies recognised again in 2025 running out, with
// the day each was recognised again once it was, and the 2023 certificates running out in 2026. The earlier
// certificates' utility models and designs were used in their recognition and no longer count.
func TestSampleCertificatesExpiring2025And2026(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	r, err := s.PolicyRadar(ctx, day(2025, 12, 31))
	require.NoError(t, err)
	require.Len(t, r.ExpiringThisYear, len(sampleEarlierCerts))
	for _, c := range r.ExpiringThisYear {
		assert.True(t, c.Earlier, c.Name)
		assert.Equal(t, 2025, c.Renewed.Year(), "%s was recognised again in 2025", c.Name)
		assert.Equal(t, 2022, c.CertIssued.Year())
	}
	assert.GreaterOrEqual(t, len(r.ExpiringNextYear), 2)
	for _, c := range r.ExpiringNextYear {
		assert.Equal(t, 2023, c.CertIssued.Year(), c.Name)
		assert.True(t, c.Renewed.IsZero())
	}
	r, err = s.PolicyRadar(ctx, day(2025, 6, 30))
	require.NoError(t, err)
	renewed := 0
	for _, c := range r.ExpiringThisYear {
		if !c.Renewed.IsZero() {
			renewed++
		}
	}
	assert.Equal(t, 2, renewed, "by 30 June two of the six were recognised again")

	var used int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM patent WHERE used_in = 2022`).Scan(&used))
	assert.Positive(t, used)
	var declared int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM declared_figures WHERE year = 2023`).Scan(&declared))
	assert.Equal(t, 30, declared, "every company with policy figures declared its 2023")
}

// The sample's facts reach the radar and the checks: two holders behind on their annual reports, an accident
// failing 高企's integrity rule, and each direct route to 科小.
func TestSamplePolicyFacts(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	r, err := s.PolicyRadar(ctx, day(2025, 6, 30))
	require.NoError(t, err)
	assert.Equal(t, []string{"大连铁山船舶配套有限公司", "大连獐子湾水产科技有限公司"}, radarNames(r.ReportMissing))
	assert.Equal(t, []string{"大连铁山船舶配套有限公司"}, radarNames(r.StatusAtRisk))
	assert.NotEmpty(t, r.ExpiringNextYear, "the certificates of 2023 run out in 2026")
	reason := map[string]string{}
	require.NoError(t, s.PolicyChecks(ctx, PolicyKexiao, 2025, "", func(pc *PolicyCheck) error {
		reason[pc.Name] = lineOf(t, *pc, "kexiao.score").Reason
		return nil
	}))
	assert.Equal(t, "direct_award", reason["大连北方园艺种苗有限公司"])
	assert.Equal(t, "direct_institution", reason["大连旅顺医药科技有限公司"])
	assert.Equal(t, "direct_standard", reason["大连光洋数控科技有限公司"])
	id, err := s.CompanyByUSCC(ctx, sampleUSCC(7))
	require.NoError(t, err)
	pc, err := s.PolicyCheckOf(ctx, PolicyGaoqi, 2025, id.USCC)
	require.NoError(t, err)
	assert.Equal(t, "大连旅顺渤海冷链物流科技有限公司", pc.Name)
	assert.Equal(t, VerdictFails, lineOf(t, pc, "gaoqi.integrity").Verdict, "the 2025 accident")
}
