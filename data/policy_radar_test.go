package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func radarNames(cs []RadarCompany) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func TestPolicyRadar(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	add := func(name, uscc string, issued string, reports ...int) {
		c := newCompany()
		c.Name, c.USCC, c.CertNo = name, uscc, "GR"+uscc[:8]
		var err error
		c.CertIssued, err = ParseDate(issued)
		require.NoError(t, err)
		require.NoError(t, s.CreateCompany(ctx, &c))
		for _, y := range reports {
			require.NoError(t, s.CreateCompanyFact(ctx, &CompanyFact{CompanyID: c.ID, Kind: "annual_report", Year: y,
				Date: day(y+1, 5, 20)}))
		}
	}
	add("甲", "91350100M000100Y43", "2022-11-01", 2022, 2023) // expires 2025-11-01; 2024's report missing
	add("乙", "91110000600037341L", "2023-12-12")             // expires 2026-12-12; none filed
	add("丙", scaleUSCC(3), "2024-10-01", 2024)               // expires 2027; all filed
	add("丁", scaleUSCC(4), "2021-06-01")                     // expired 2024-06-01: out of sight

	r, err := s.PolicyRadar(ctx, day(2025, 6, 30))
	require.NoError(t, err)
	assert.Equal(t, []string{"甲"}, radarNames(r.ExpiringThisYear))
	assert.Equal(t, []string{"乙"}, radarNames(r.ExpiringNextYear))
	assert.Equal(t, []string{"甲", "乙"}, radarNames(r.ReportMissing))
	assert.Equal(t, []int{2024}, r.ReportMissing[0].Missed)
	assert.Equal(t, []string{"乙"}, radarNames(r.StatusAtRisk), "2023 and 2024 both missed")
	assert.Equal(t, []int{2023, 2024}, r.StatusAtRisk[0].Missed)

	// The day before the due date, 2024's report is not yet missing.
	r, err = s.PolicyRadar(ctx, day(2025, 5, 30))
	require.NoError(t, err)
	assert.Equal(t, []string{"乙"}, radarNames(r.ReportMissing))
	assert.Empty(t, r.StatusAtRisk)
	// On the due date itself it is due.
	r, err = s.PolicyRadar(ctx, day(2025, 5, 31))
	require.NoError(t, err)
	assert.Equal(t, []string{"甲", "乙"}, radarNames(r.ReportMissing))

	// After its expiry 甲 still shows as expiring this year (apply again) but owes no report.
	r, err = s.PolicyRadar(ctx, day(2025, 12, 1))
	require.NoError(t, err)
	assert.Equal(t, []string{"甲"}, radarNames(r.ExpiringThisYear))
	assert.Equal(t, []string{"乙"}, radarNames(r.ReportMissing))
}

// The radar reads the certificate valid on its day: in 2025 a company recognised again in 2025 shows its 2022
// certificate running out this year, and from the new certificate's issue on says it was recognised again; its
// reports are asked of the certificate it holds that day.
func TestPolicyRadarShowsEarlierCertificates(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	c.Name, c.CertNo, c.CertIssued = "戊", "GR202521000777", day(2025, 9, 1)
	require.NoError(t, s.CreateCompany(ctx, &c))
	require.NoError(t, s.CreateCompanyFact(ctx, &CompanyFact{CompanyID: c.ID, Kind: "certificate", Year: 2022,
		Date: day(2022, 9, 10), Number: "GR202221000555"}))
	for _, y := range []int{2022, 2023} {
		require.NoError(t, s.CreateCompanyFact(ctx, &CompanyFact{CompanyID: c.ID, Kind: "annual_report", Year: y,
			Date: day(y+1, 5, 20)}))
	}

	r, err := s.PolicyRadar(ctx, day(2025, 6, 30))
	require.NoError(t, err)
	require.Equal(t, []string{"戊"}, radarNames(r.ExpiringThisYear))
	e := r.ExpiringThisYear[0]
	assert.Equal(t, "GR202221000555", e.CertNo)
	assert.True(t, e.Earlier)
	assert.Equal(t, day(2025, 9, 10), e.CertExpires)
	assert.True(t, e.Renewed.IsZero(), "on 30 June the new certificate is not yet issued")
	require.Equal(t, []string{"戊"}, radarNames(r.ReportMissing), "the 2022 certificate's report on 2024 is due")
	assert.Equal(t, []int{2024}, r.ReportMissing[0].Missed)

	r, err = s.PolicyRadar(ctx, day(2025, 12, 1))
	require.NoError(t, err)
	require.Equal(t, []string{"戊"}, radarNames(r.ExpiringThisYear))
	assert.Equal(t, day(2025, 9, 1), r.ExpiringThisYear[0].Renewed, "recognised again, with the date")
	assert.Empty(t, r.ReportMissing, "the new certificate owes no report yet")
	assert.Empty(t, r.ExpiringNextYear)

	// In 2028 the new certificate runs out in its turn, and the earlier one is out of sight.
	r, err = s.PolicyRadar(ctx, day(2028, 1, 5))
	require.NoError(t, err)
	require.Equal(t, []string{"戊"}, radarNames(r.ExpiringThisYear))
	assert.False(t, r.ExpiringThisYear[0].Earlier)
	assert.True(t, r.ExpiringThisYear[0].Renewed.IsZero())
}
