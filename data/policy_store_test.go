package data

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOutputPolicyFiguresAreStoredAndNilStaysNotRecorded(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	o := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1000, Revenue: 900, RDExpense: 100, Employees: 10,
		TotalIncome: yp(1000), RDDomestic: yp(70), NetAssets: yp(-5000), STStaff: ip(3)}
	require.NoError(t, s.CreateOutput(ctx, &o))
	got, err := s.Output(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(1000), *got.TotalIncome)
	assert.Equal(t, Yuan(70), *got.RDDomestic)
	assert.Equal(t, Yuan(-5000), *got.NetAssets, "net assets may be negative")
	assert.Equal(t, 3, *got.STStaff)
	assert.Nil(t, got.HighTechIncome, "not recorded is not zero")
	assert.Nil(t, got.Conversions)

	got.Conversions, got.TotalIncome = ip(0), nil
	require.NoError(t, s.UpdateOutput(ctx, &got))
	again, err := s.Output(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, *again.Conversions)
	assert.Nil(t, again.TotalIncome)
}

func TestOutputPolicyFiguresRefusalsNameTheField(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	base := func() AnnualOutput {
		return AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1000, Revenue: 900, RDExpense: 100, Employees: 10,
			TotalIncome: yp(1000), HighTechIncome: yp(600), RDDomestic: yp(100), STStaff: ip(10)}
	}
	ok := base()
	require.NoError(t, ok.Validate(), "at every limit: S&T staff = staff, domestic R&D = R&D")
	for field, set := range map[string]func(o *AnnualOutput){
		"st_staff":        func(o *AnnualOutput) { o.STStaff = ip(11) },
		"rd_domestic":     func(o *AnnualOutput) { o.RDDomestic = yp(101) },
		"hightech_income": func(o *AnnualOutput) { o.HighTechIncome = yp(1001) },
		"revenue":         func(o *AnnualOutput) { o.TotalIncome = yp(899) },
		"total_assets":    func(o *AnnualOutput) { o.TotalAssets = yp(-1) },
		"total_costs":     func(o *AnnualOutput) { o.TotalCosts = yp(-1) },
		"conversions":     func(o *AnnualOutput) { o.Conversions = ip(-1) },
	} {
		o := base()
		set(&o)
		var errs Errors
		require.ErrorAs(t, s.CreateOutput(ctx, &o), &errs, field)
		assert.NotNil(t, errs.For(field), "%s: %v", field, errs)
		assert.Len(t, errs, 1, "%s: only its own refusal: %v", field, errs)
	}
	n, err := s.Outputs(ctx, c.ID)
	require.NoError(t, err)
	assert.Empty(t, n, "nothing refused was written")
}

func TestPolicyChecksReadTheStore(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany() // founded 2015, certificate issued 2023-12-12
	require.NoError(t, s.CreateCompany(ctx, &c))
	bare := newCompany()
	bare.USCC, bare.Name, bare.CertNo, bare.CertIssued = "91110000600037341L", "大连无数据科技有限公司", "", time.Time{}
	require.NoError(t, s.CreateCompany(ctx, &bare))
	p := Patent{CompanyID: c.ID, AppNo: "201710601862.3", Kind: "invention", Title: "一种海水净化装置", Filed: day(2017, 5, 2),
		Granted: day(2019, 5, 2), LegalStatus: PatentGranted, StatusDate: day(2019, 5, 2)}
	require.NoError(t, s.CreatePatent(ctx, &p))
	var ids []int64
	for _, o := range passingInput().Outputs {
		o.CompanyID = c.ID
		require.NoError(t, s.CreateOutput(ctx, &o))
		ids = append(ids, o.ID)
	}
	var all []PolicyCheck
	require.NoError(t, s.PolicyChecks(ctx, PolicyGaoqi, 2025, "", func(pc *PolicyCheck) error { all = append(all, *pc); return nil }))
	require.Len(t, all, 2)
	assert.Equal(t, c.ID, all[0].CompanyID)
	assert.Equal(t, VerdictPossible, all[0].Verdict, "%+v", all[0])
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 1, ""}, {"ip_class2", 0, 0, ""}}, lineOf(t, all[0], "gaoqi.ip").Figures, "the granted invention patent")
	// No output rows and no IP: the IP rule fails outright, which decides; the missing rows are still named.
	assert.Equal(t, VerdictFails, all[1].Verdict)
	assert.Equal(t, VerdictMissing, lineOf(t, all[1], "gaoqi.st_staff").Verdict)
	assert.Contains(t, all[1].Missing, "annual_output.2025")

	// Editing a figure changes the verdict: S&T staff 9 of 100 is a near miss.
	o, err := s.Output(ctx, ids[2])
	require.NoError(t, err)
	o.STStaff = ip(9)
	require.NoError(t, s.UpdateOutput(ctx, &o))
	one, err := s.PolicyCheckOf(ctx, PolicyGaoqi, 2025, " "+c.USCC+" ")
	require.NoError(t, err)
	assert.Equal(t, VerdictNear, one.Verdict)
	assert.Equal(t, "9.00%", lineOf(t, one, "gaoqi.st_staff").Ratio)

	kx, err := s.PolicyCheckOf(ctx, PolicyKexiao, 2025, c.USCC)
	require.NoError(t, err)
	assert.Equal(t, "direct_cert", lineOf(t, kx, "kexiao.score").Reason, "the certificate issued 2023-12-12 is valid at 2025's end")

	_, err = s.PolicyCheckOf(ctx, PolicyGaoqi, 2025, "91350100M000100Y43X")
	assert.Equal(t, NotFound, ErrorCode(err))
	_, err = s.PolicyCheckOf(ctx, PolicyGaoqi, 2010, c.USCC)
	assert.Equal(t, Invalid, ErrorCode(err), "no rules for 2010")
}

// The reader merges its streams by company: a company's declared figures fill a year without an output row, a
// utility model counted in an earlier recognition no longer counts, and each company gets only its own rows.
func TestPolicyChecksReadDeclaredFiguresAndUsedPatents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	other := newCompany()
	other.USCC, other.Name = "91110000600037341L", "大连无数据科技有限公司"
	require.NoError(t, s.CreateCompany(ctx, &other))
	for i, o := range passingInput().Outputs {
		if i == 0 {
			continue // 2023 is declared below
		}
		o.CompanyID = c.ID
		require.NoError(t, s.CreateOutput(ctx, &o))
	}
	rev, rd := Yuan(40_000_000), Yuan(4_000_000)
	require.NoError(t, s.CreateDeclaredFigures(ctx, &DeclaredFigures{CompanyID: c.ID, Year: 2023, Revenue: &rev, RDExpense: &rd,
		Source: "2025年高企申报材料"}))
	for i, kind := range []string{"utility", "utility", "design"} {
		p := Patent{CompanyID: c.ID, AppNo: []string{"201820000001.X", "201820000002.4", "201830000003.4"}[i], Kind: kind,
			Title: "一种装置", Filed: day(2018, 1, 2), Granted: day(2018, 9, 2), LegalStatus: PatentGranted, StatusDate: day(2018, 9, 2)}
		if i == 0 {
			p.UsedIn = 2022 // counted in the 2022 recognition
		}
		require.NoError(t, s.CreatePatent(ctx, &p))
	}
	var all []PolicyCheck
	require.NoError(t, s.PolicyChecks(ctx, PolicyGaoqi, 2025, "", func(pc *PolicyCheck) error { all = append(all, *pc); return nil }))
	require.Len(t, all, 2)
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 0, ""}, {"ip_class2", 0, 2, ""}}, lineOf(t, all[0], "gaoqi.ip").Figures,
		"the used utility model is not counted again")
	rd3 := lineOf(t, all[0], "gaoqi.rd_ratio")
	assert.Equal(t, VerdictMeets, rd3.Verdict, "%+v", rd3)
	assert.Equal(t, []int{2023}, rd3.Declared, "2023's figures are the declared ones")
	assert.Equal(t, other.ID, all[1].CompanyID)
	assert.Contains(t, all[1].Missing, "annual_output.2023", "the other company has none of the first's rows")
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 0, ""}, {"ip_class2", 0, 0, ""}}, lineOf(t, all[1], "gaoqi.ip").Figures)

	// A check that stops early (its callback fails) returns that error and leaves no reader behind.
	stop := errors.New("enough")
	assert.Equal(t, stop, s.PolicyChecks(ctx, PolicyGaoqi, 2025, "", func(*PolicyCheck) error { return stop }))
}

// A check of every company reads the IP counts as two halves of the companies at once; each company's check
// must equal its check alone (read as one stream), for every sample company and both policies — the one at the
// split included.
func TestPolicyChecksOfAllEqualEachAlone(t *testing.T) {
	s := sampleStore(t)
	ctx := context.Background()
	for _, p := range []Policy{PolicyGaoqi, PolicyKexiao} {
		var all []PolicyCheck
		require.NoError(t, s.PolicyChecks(ctx, p, 2025, "", func(pc *PolicyCheck) error { all = append(all, *pc); return nil }))
		require.Len(t, all, 36)
		classII := 0
		for _, pc := range all {
			alone, err := s.PolicyCheckOf(ctx, p, 2025, pc.USCC)
			require.NoError(t, err)
			assert.Equal(t, alone, pc, "%s %s", p, pc.Name)
			for _, l := range pc.Lines {
				for _, f := range l.Figures {
					if f.Field == "ip_class2" {
						classII += int(f.Value)
					}
				}
			}
		}
		if p == PolicyGaoqi {
			assert.NotZero(t, classII, "the sample's companies hold class II IP, read through both halves")
		}
	}
}
