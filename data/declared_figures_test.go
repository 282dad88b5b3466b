package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Declared figures are refused as an output row's are, each refusal naming its field.
func TestDeclaredFiguresValidateNamesTheField(t *testing.T) {
	t.Parallel()
	ok := DeclaredFigures{CompanyID: 1, Year: 2023, Revenue: yp(10_000_000), RDExpense: yp(600_000), Employees: ip(50),
		TotalIncome: yp(11_000_000), HighTechIncome: yp(8_000_000), RDDomestic: yp(500_000), STStaff: ip(10),
		NetAssets: yp(-3_000_000), Source: "2025年高企申报材料"}
	require.NoError(t, ok.Validate(), "net assets may be negative")
	for _, tc := range []struct {
		field, key string
		change     func(*DeclaredFigures)
	}{
		{"st_staff", "err.st_staff.exceeds", func(d *DeclaredFigures) { d.STStaff = ip(51) }},
		{"rd_domestic", "err.rd_domestic.exceeds", func(d *DeclaredFigures) { d.RDDomestic = yp(600_001) }},
		{"hightech_income", "err.hightech_income.exceeds", func(d *DeclaredFigures) { d.HighTechIncome = yp(11_000_001) }},
		{"revenue", "err.sales.exceeds", func(d *DeclaredFigures) { d.Revenue = yp(11_000_001) }},
		{"rd_expense", "err.amount.negative", func(d *DeclaredFigures) { d.RDExpense = yp(-1) }},
		{"conversions", "err.amount.negative", func(d *DeclaredFigures) { d.Conversions = ip(-1) }},
		{"year", "err.year.range", func(d *DeclaredFigures) { d.Year = 1989 }},
		{"revenue", "err.declared.empty", func(d *DeclaredFigures) { *d = DeclaredFigures{CompanyID: 1, Year: 2023} }},
	} {
		d := ok
		tc.change(&d)
		assertFieldKey(t, d.Validate(), tc.field, tc.key)
	}
	// A figure not declared is not compared: staff unknown, S&T staff alone is fine.
	d := DeclaredFigures{CompanyID: 1, Year: 2023, STStaff: ip(30)}
	require.NoError(t, d.Validate())
}

// A declared row is kept with audit and undo; a year with an output row is refused naming the year, and an output
// row added later for a declared year wins (the row is marked superseded and the rules read the output row).
func TestDeclaredFiguresStoreAndTheOutputRowWins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	o := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1, Revenue: 20_000_000, RDExpense: 1_000_000, Employees: 40}
	require.NoError(t, s.CreateOutput(ctx, &o))

	taken := DeclaredFigures{CompanyID: c.ID, Year: 2025, Revenue: yp(1)}
	err := s.CreateDeclaredFigures(ctx, &taken)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "year", e.Field)
	assert.Equal(t, "err.declared.has_output", e.Key)
	assert.Equal(t, 2025, e.Args["Year"], "the refusal names the year")

	d := DeclaredFigures{CompanyID: c.ID, Year: 2023, Revenue: yp(15_000_000), RDExpense: yp(900_000), Employees: ip(35),
		NetAssets: yp(4_000_000), Source: "2025年高企申报材料"}
	require.NoError(t, s.CreateDeclaredFigures(ctx, &d))
	again := DeclaredFigures{CompanyID: c.ID, Year: 2023, Revenue: yp(1)}
	assert.Equal(t, Conflict, ErrorCode(s.CreateDeclaredFigures(ctx, &again)))

	d.RDExpense = yp(950_000)
	require.NoError(t, s.UpdateDeclaredFigures(ctx, &d))
	got, err := s.DeclaredFiguresByID(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(950_000), *got.RDExpense)
	assert.Nil(t, got.TotalIncome, "not declared stays NULL")
	assert.False(t, got.Superseded)

	h, err := s.History(ctx, HistoryFilter{Entity: "declared_figures", EntityID: d.ID})
	require.NoError(t, err)
	require.Len(t, h, 2)
	require.NoError(t, s.Undo(ctx, h[0].Group))
	got, err = s.DeclaredFiguresByID(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(900_000), *got.RDExpense, "undo puts the declared R&D back")
	names, err := s.RecordNames(ctx, []RecordRef{{Entity: "declared_figures", ID: d.ID}})
	require.NoError(t, err)
	assert.Equal(t, []string{c.Name}, names[RecordRef{Entity: "declared_figures", ID: d.ID}])

	// The policy rules read the declared year, and mark it.
	in := PolicyInput{Company: Company{ID: c.ID, Field: "electronics", Founded: c.Founded}, Outputs: []AnnualOutput{o}}
	in.Declared, err = s.DeclaredFiguresOf(ctx, c.ID)
	require.NoError(t, err)
	l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio")
	assert.Equal(t, []string{"annual_output.2024"}, l.Missing, "2023 is declared; 2024 has neither row")

	o24 := AnnualOutput{CompanyID: c.ID, Year: 2024, Output: 1, Revenue: 18_000_000, RDExpense: 800_000, Employees: 38}
	require.NoError(t, s.CreateOutput(ctx, &o24))
	in.Outputs = append(in.Outputs, o24)
	l = lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio")
	assert.Equal(t, VerdictMeets, l.Verdict, "(900,000 + 800,000 + 1,000,000) / 53,000,000 = 5.09 %")
	assert.Equal(t, "5.09%", l.Ratio)
	assert.Equal(t, []int{2023}, l.Declared)

	// An output row of 2023 added later wins: the declared row is marked superseded and no longer read.
	o23 := AnnualOutput{CompanyID: c.ID, Year: 2023, Output: 1, Revenue: 15_000_000, RDExpense: 700_000, Employees: 35}
	require.NoError(t, s.CreateOutput(ctx, &o23))
	list, err := s.DeclaredFiguresOf(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.True(t, list[0].Superseded)
	m, err := DeclaredUpTo(ctx, s.db, 2025, "")
	require.NoError(t, err)
	assert.Empty(t, m, "the reader leaves out a declared year with an output row")
	in.Outputs = append(in.Outputs, o23)
	l = lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio")
	assert.Equal(t, "4.71%", l.Ratio, "the output row's 700,000, not the declared 900,000")
	assert.Equal(t, VerdictNear, l.Verdict)
	assert.Empty(t, l.Declared)

	require.NoError(t, s.DeleteDeclaredFigures(ctx, d.ID))
	_, err = s.DeclaredFiguresByID(ctx, d.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	names, err = s.RecordNames(ctx, []RecordRef{{Entity: "declared_figures", ID: d.ID}})
	require.NoError(t, err)
	assert.Equal(t, []string{c.Name}, names[RecordRef{Entity: "declared_figures", ID: d.ID}], "a deleted row by its company")
}

// A declared year without sales or R&D is named by the figures it lacks, not as a missing year; a declared row
// of a year before the window, or one whose employees are not declared, changes nothing it should not.
func TestDeclaredYearLackingSalesNamesTheFigures(t *testing.T) {
	t.Parallel()
	in := passingInput()
	in.Outputs = in.Outputs[1:] // 2024 and 2025 only
	in.Declared = []DeclaredFigures{{CompanyID: 1, Year: 2023, RDExpense: yp(4_000_000), NetAssets: yp(20_000_000)},
		{CompanyID: 1, Year: 2022, Revenue: yp(1), RDExpense: yp(1)}}
	pc := CheckPolicy(gaoqi(t), in, 2025)
	assert.Equal(t, []string{"annual_output.revenue.2023"}, lineOf(t, pc, "gaoqi.rd_ratio").Missing)
	assert.Equal(t, VerdictMissing, pc.Verdict)

	in.Declared[0].Revenue = yp(40_000_000)
	in.Declared[0].RDDomestic, in.Declared[0].Conversions = yp(4_000_000), ip(6)
	pc = CheckPolicy(gaoqi(t), in, 2025)
	for _, rule := range []string{"gaoqi.rd_ratio", "gaoqi.rd_domestic"} {
		l := lineOf(t, pc, rule)
		assert.Equal(t, VerdictMeets, l.Verdict, rule)
		assert.Equal(t, []int{2023}, l.Declared, rule)
	}
	// The same verdicts and score as with a 2023 output row of the same figures.
	want := CheckPolicy(gaoqi(t), passingInput(), 2025)
	assert.Equal(t, want.Verdict, pc.Verdict)
	assert.Equal(t, lineOf(t, want, "gaoqi.score").Score, lineOf(t, pc, "gaoqi.score").Score)
	assert.Empty(t, lineOf(t, pc, "gaoqi.st_staff").Declared, "a 2025 rule reads the 2025 output row")
}

// A utility model or design may be marked as used in a recognition from its grant year on; an invention patent,
// class I, never; the mark is stored and read back.
func TestPatentUsedIn(t *testing.T) {
	t.Parallel()
	p := validPatent() // an invention patent granted 2019
	p.Normalize()
	p.UsedIn = 2022
	assertFieldKey(t, p.Validate(), "used_in", "err.patent.used_in.invention")

	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	u := Patent{CompanyID: c.ID, AppNo: "201820123456.0", Title: "一种网箱", Filed: day(2018, 3, 1), Granted: day(2018, 11, 2),
		LegalStatus: PatentGranted, StatusDate: day(2018, 11, 2)}
	u.Normalize()
	require.NoError(t, u.Validate())
	require.Equal(t, PatentUtility, u.Kind)
	u.UsedIn = 2017
	assertFieldKey(t, u.Validate(), "used_in", "err.patent.used_in.before_granted")
	u.UsedIn = 2021
	require.NoError(t, s.CreatePatent(ctx, &u))
	got, err := s.Patent(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, 2021, got.UsedIn)
	got.UsedIn = 0
	require.NoError(t, s.UpdatePatent(ctx, &got))
	got, err = s.Patent(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, got.UsedIn)
	pending := u
	pending.Granted, pending.LegalStatus, pending.UsedIn = time.Time{}, PatentPending, 2021
	assertFieldKey(t, pending.Validate(), "used_in", "err.patent.used_in.not_granted")
}

// An earlier certificate is known by its number and issue day, in the year of its issue; it opens 科小's direct
// route while it is valid, as the current one does.
func TestCertificateFact(t *testing.T) {
	t.Parallel()
	f := CompanyFact{CompanyID: 1, Kind: "certificate", Year: 2022, Date: day(2022, 11, 20), Number: "GR202221000123"}
	require.NoError(t, f.Validate())
	assert.Equal(t, day(2025, 11, 20), f.CertificateExpires())
	assert.True(t, f.CertificateValidOn(day(2025, 11, 19)))
	assert.False(t, f.CertificateValidOn(day(2025, 11, 20)))
	bad := f
	bad.Year = 2023
	assertFieldKey(t, bad.Validate(), "year", "err.fact.certificate_year")
	bad = f
	bad.Number = ""
	assertFieldKey(t, bad.Validate(), "number", "err.required")
	bad = f
	bad.Date = time.Time{}
	assertFieldKey(t, bad.Validate(), "date", "err.required")

	in := passingInput()
	in.Facts = []CompanyFact{f}
	assert.Equal(t, "direct_cert", lineOf(t, CheckPolicy(kexiao(t), in, 2024), "kexiao.score").Reason)
	assert.NotEqual(t, "direct_cert", lineOf(t, CheckPolicy(kexiao(t), in, 2025), "kexiao.score").Reason,
		"ran out on 2025-11-20")
}

// An IP right's mark of use is refused as a patent's is: never on a class I right, not before its grant.
func TestIPRightUsedIn(t *testing.T) {
	t.Parallel()
	sw := IPRight{CompanyID: 1, Kind: "software_copyright", RegNo: "2023SR1120453", Title: "冷链温控调度软件V1.0",
		Granted: day(2023, 9, 5), UsedIn: 2023}
	require.NoError(t, sw.Validate())
	sw.UsedIn = 2022
	assertFieldKey(t, sw.Validate(), "used_in", "err.ip.used_in.before_granted")
	layout := IPRight{CompanyID: 1, Kind: "ic_layout", RegNo: "BS.245500871", Title: "北斗导航基带芯片布图设计",
		Granted: day(2024, 11, 1), UsedIn: 2025}
	assertFieldKey(t, layout.Validate(), "used_in", "err.ip.used_in.class1")
}

// The store keeps only certificates before the company's current one as facts.
func TestCertificateFactIsEarlierThanTheCurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany() // current certificate GR202321000001 of 2023-12-12
	require.NoError(t, s.CreateCompany(ctx, &c))
	f := CompanyFact{CompanyID: c.ID, Kind: "certificate", Year: 2024, Date: day(2024, 1, 5), Number: "GR202421000009"}
	var e *Error
	require.ErrorAs(t, s.CreateCompanyFact(ctx, &f), &e)
	assert.Equal(t, "date", e.Field)
	assert.Equal(t, "err.fact.certificate_not_earlier", e.Key)
	f = CompanyFact{CompanyID: c.ID, Kind: "certificate", Year: 2020, Date: day(2020, 12, 1), Number: c.CertNo}
	require.ErrorAs(t, s.CreateCompanyFact(ctx, &f), &e)
	assert.Equal(t, "number", e.Field)
	f.Number = "GR202021000042"
	require.NoError(t, s.CreateCompanyFact(ctx, &f))
	f.Date, f.Year = day(2023, 12, 12), 2023
	require.ErrorAs(t, s.UpdateCompanyFact(ctx, &f), &e, "the current certificate's own day is not earlier")
}

// Bad declared input gives a verdict with its reason, never a panic: a declared year before the company was
// founded is not read, and a negative declared net assets base gives the growth item no points.
func TestDeclaredBadInput(t *testing.T) {
	t.Parallel()
	in := passingInput()
	in.Outputs = in.Outputs[1:]
	in.Company.Founded = day(2024, 2, 1)
	in.Declared = []DeclaredFigures{{CompanyID: 1, Year: 2023, Revenue: yp(0), RDExpense: yp(0)}}
	l := lineOf(t, CheckPolicy(gaoqi(t), in, 2025), "gaoqi.rd_ratio")
	assert.Equal(t, VerdictMeets, l.Verdict, "2024 and 2025 only: the company did not exist in 2023")
	assert.Empty(t, l.Declared)
	assert.Len(t, l.Figures, 4)

	in = passingInput()
	in.Outputs = in.Outputs[1:]
	in.Declared = []DeclaredFigures{{CompanyID: 1, Year: 2023, Revenue: yp(0), RDExpense: yp(0), NetAssets: yp(-5_000_000),
		RDDomestic: yp(0), Conversions: ip(0)}}
	pc := CheckPolicy(gaoqi(t), in, 2025)
	for _, item := range lineOf(t, pc, "gaoqi.score").Score.Items {
		if item.Item == "growth_net_assets" || item.Item == "growth_sales" {
			assert.Equal(t, 0, item.Max, "%s: a negative or zero base gives no growth", item.Item)
		}
	}
	assert.Equal(t, "10.00%", lineOf(t, pc, "gaoqi.rd_ratio").Ratio, "a declared year of no sales and no R&D adds nothing")
}

// A check names the certificate the company holds at the end of the year: the current one, or an earlier one
// still valid then; none once both have run out.
func TestPolicyCheckNamesTheCertificateHeld(t *testing.T) {
	t.Parallel()
	in := passingInput()
	in.Company.CertNo, in.Company.CertIssued = "GR202521000777", day(2025, 9, 1)
	in.Facts = []CompanyFact{{CompanyID: 1, Kind: "certificate", Year: 2022, Date: day(2022, 9, 10), Number: "GR202221000555"}}
	pc := CheckPolicy(kexiao(t), in, 2025)
	assert.Equal(t, &PolicyCertificate{Number: "GR202521000777", Issued: "2025-09-01", Expires: "2028-09-01"}, pc.Certificate)
	assert.Equal(t, "direct_cert", lineOf(t, pc, "kexiao.score").Reason)
	pc = CheckPolicy(kexiao(t), in, 2024)
	assert.Equal(t, &PolicyCertificate{Number: "GR202221000555", Issued: "2022-09-10", Expires: "2025-09-10", Earlier: true},
		pc.Certificate)
	assert.Equal(t, "direct_cert", lineOf(t, pc, "kexiao.score").Reason)
	in.Company.CertNo = ""
	assert.Nil(t, CheckPolicy(gaoqi(t), in, 2025).Certificate, "the earlier one ran out on 2025-09-10")
}
