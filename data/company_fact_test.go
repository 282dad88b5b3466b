package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompanyFactValidationNamesFields(t *testing.T) {
	for field, f := range map[string]CompanyFact{
		"company": {Kind: "accident", Year: 2025},
		"kind":    {CompanyID: 1, Kind: "rumour", Year: 2025},
		"year":    {CompanyID: 1, Kind: "accident", Year: 1900},
		"level":   {CompanyID: 1, Kind: "award", Year: 2025},
		"amount":  {CompanyID: 1, Kind: "financing", Year: 2025, Amount: -1},
		"rank":    {CompanyID: 1, Kind: "standard", Level: "national", Year: 2025, Rank: -1},
	} {
		var errs Errors
		require.ErrorAs(t, f.Validate(), &errs, field)
		assert.NotNil(t, errs.For(field), "%s: %v", field, errs)
	}
	require.NoError(t, CompanyFact{CompanyID: 1, Kind: "award", Level: "national", Rank: 2, Year: 2024}.Validate())
}

// Facts recorded in the store reach the checks: an accident bars 高企 in its year, a provincial R&D institution
// is a direct route to 科小, and a fact deleted no longer counts.
func TestCompanyFactsReachTheChecks(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	c.CertNo, c.CertIssued = "", time.Time{} // no certificate: no direct route by it
	require.NoError(t, s.CreateCompany(ctx, &c))
	for _, o := range kexiaoInput().Outputs {
		o.CompanyID = c.ID
		o.STStaff = ip(0) // the staff item scores 0: fails without a direct route
		require.NoError(t, s.CreateOutput(ctx, &o))
	}
	check := func(p Policy, rule string) PolicyLine {
		pc, err := s.PolicyCheckOf(ctx, p, 2025, c.USCC)
		require.NoError(t, err)
		return lineOf(t, pc, rule)
	}
	require.Equal(t, VerdictMeets, check(PolicyGaoqi, "gaoqi.integrity").Verdict)
	require.Equal(t, "st_zero", check(PolicyKexiao, "kexiao.score").Reason)

	acc := CompanyFact{CompanyID: c.ID, Kind: "accident", Year: 2025, Date: day(2025, 6, 3), Note: "车间火灾"}
	require.NoError(t, s.CreateCompanyFact(ctx, &acc))
	inst := CompanyFact{CompanyID: c.ID, Kind: "rd_institution", Level: "provincial", Year: 2020, Number: "辽科发〔2020〕1号"}
	require.NoError(t, s.CreateCompanyFact(ctx, &inst))
	l := check(PolicyGaoqi, "gaoqi.integrity")
	assert.Equal(t, VerdictFails, l.Verdict)
	assert.Equal(t, []PolicyFigure{{"company_fact.accident", 2025, 1, ""}}, l.Figures)
	assert.Equal(t, "direct_institution", check(PolicyKexiao, "kexiao.score").Reason)

	facts, err := s.CompanyFacts(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, facts, 2)
	assert.Equal(t, day(2025, 6, 3), facts[0].Date)
	acc.Year = 2023 // a year before the one checked
	require.NoError(t, s.UpdateCompanyFact(ctx, &acc))
	assert.Equal(t, VerdictMeets, check(PolicyGaoqi, "gaoqi.integrity").Verdict)
	require.NoError(t, s.DeleteCompanyFact(ctx, inst.ID))
	assert.Equal(t, "st_zero", check(PolicyKexiao, "kexiao.score").Reason)
	assert.Equal(t, NotFound, ErrorCode(s.DeleteCompanyFact(ctx, inst.ID)))
	entries, err := s.AuditLog(ctx, "company_fact", acc.ID)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "create and update, each audited")
}
