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

// For 2025 the sample shows each 科小 verdict more than once, and the 高企 rules it can decide from one year's
// figures (S&T staff, high-tech income) each meet, miss narrowly and fail; its R&D ratio is missing data, since
// the sample has no 2023 output rows, and says so by naming the year.
func TestSamplePolicyVerdicts(t *testing.T) {
	s := sampleStore(t)
	kx, _ := sampleVerdicts(t, s, PolicyKexiao)
	for _, v := range []Verdict{VerdictMeets, VerdictNear, VerdictFails, VerdictMissing} {
		assert.GreaterOrEqual(t, kx[v], 2, "科小 %s: %v", v, kx)
	}
	gq, rules := sampleVerdicts(t, s, PolicyGaoqi)
	assert.GreaterOrEqual(t, gq[VerdictMissing], 2, "%v", gq)
	assert.GreaterOrEqual(t, gq[VerdictFails], 2, "%v", gq)
	for _, r := range []string{"gaoqi.st_staff", "gaoqi.hightech_income"} {
		for _, v := range []Verdict{VerdictMeets, VerdictNear, VerdictMissing} {
			assert.GreaterOrEqual(t, rules[r][v], 2, "%s %s: %v", r, v, rules[r])
		}
	}
	assert.GreaterOrEqual(t, rules["gaoqi.st_staff"][VerdictFails], 2)
	pc, err := s.PolicyCheckOf(context.Background(), PolicyGaoqi, 2025, sampleUSCC(0))
	require.NoError(t, err)
	assert.Equal(t, []string{"annual_output.2023"}, lineOf(t, pc, "gaoqi.rd_ratio").Missing)
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
