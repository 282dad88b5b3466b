package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func patentTestCompany(t *testing.T, s *Store, uscc, name string) int64 {
	t.Helper()
	c := newCompany()
	c.USCC, c.Name = uscc, name
	require.NoError(t, s.CreateCompany(context.Background(), &c))
	return c.ID
}

func TestPatentCRUD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	companyID := patentTestCompany(t, s, validUSCCs[0], "大连海宝渔业有限公司")

	p := validPatent()
	p.CompanyID = companyID
	require.NoError(t, s.CreatePatent(ctx, &p))
	assert.NotZero(t, p.ID)
	assert.Equal(t, "大连海宝渔业有限公司", p.CompanyName)

	got, err := s.Patent(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "201710601862.3", got.AppNo)
	assert.Equal(t, PatentInvention, got.Kind)
	assert.Equal(t, "2019-05-21", FormatDate(got.Granted))
	assert.Equal(t, "大连海宝渔业有限公司", got.CompanyName)

	got.LegalStatus, got.StatusDate = PatentLapsed, patentDay("2023-06-01")
	require.NoError(t, s.UpdatePatent(ctx, &got))
	again, err := s.Patent(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, PatentLapsed, again.LegalStatus)
	ok, why := again.ValidOn(patentDay("2025-12-31"))
	assert.False(t, ok)
	assert.Equal(t, WhyLapsed, why)

	log, err := s.AuditLog(ctx, "patent", p.ID)
	require.NoError(t, err)
	require.Len(t, log, 2)
	assert.Contains(t, log[0].Before, `"LegalStatus":"granted"`)
	assert.Contains(t, log[0].After, `"LegalStatus":"lapsed"`)

	require.NoError(t, s.DeletePatent(ctx, p.ID))
	_, err = s.Patent(ctx, p.ID)
	assert.Equal(t, NotFound, ErrorCode(err))
	assert.Equal(t, NotFound, ErrorCode(s.DeletePatent(ctx, p.ID)))
	assert.Equal(t, NotFound, ErrorCode(s.UpdatePatent(ctx, &again)))
	log, err = s.AuditLog(ctx, "patent", p.ID)
	require.NoError(t, err)
	require.Len(t, log, 3)
	assert.Equal(t, "delete", log[0].Action)
	assert.Contains(t, log[0].Before, "201710601862.3")
}

func TestPatentDuplicateNumberIsConflict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	companyID := patentTestCompany(t, s, validUSCCs[0], "甲公司")
	a := validPatent()
	a.CompanyID = companyID
	require.NoError(t, s.CreatePatent(ctx, &a))
	audits := auditCount(t, s)

	b := validPatent()
	b.CompanyID = companyID
	b.AppNo = "CN2017106018623" // the same number written another way
	b.Title = "另一个标题"
	err := s.CreatePatent(ctx, &b)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, Conflict, e.Code)
	assert.Equal(t, "app_no", e.Field)
	assert.Equal(t, audits, auditCount(t, s), "a refused change leaves no audit row")

	c := validPatent()
	c.CompanyID = companyID
	c.AppNo, c.Filed = "202310123456.6", patentDay("2023-03-01")
	c.Granted = time.Time{}
	c.LegalStatus = PatentPending
	require.NoError(t, s.CreatePatent(ctx, &c))
	c.AppNo, c.Filed = a.AppNo, a.Filed
	assert.Equal(t, Conflict, ErrorCode(s.UpdatePatent(ctx, &c)))

	d := validPatent()
	d.AppNo, d.Filed, d.Granted = "95115608.X", patentDay("1995-10-09"), patentDay("1999-01-01")
	d.CompanyID = 9999
	err = s.CreatePatent(ctx, &d)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "company", e.Field, "an unknown company is named, not a crash")
}

func TestPatentGrantBeforeFilingIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	p := validPatent()
	p.CompanyID = patentTestCompany(t, s, validUSCCs[0], "甲公司")
	p.Granted = patentDay("2017-01-01")
	var errs Errors
	require.ErrorAs(t, s.CreatePatent(ctx, &p), &errs)
	require.NotNil(t, errs.For("granted"))
	assert.Equal(t, Invalid, errs.For("granted").Code)
	assert.Equal(t, 1, auditCount(t, s), "only the company was written")
}

// patentVariety is a varied set of patents: every kind, filing dates around the rule changes and leap days,
// every legal status with status dates before and after the days they are judged on, old numbers.
func patentVariety() []Patent {
	type spec struct {
		kind, filed, granted, status, statusDate string
	}
	typeDigit := map[string]string{PatentInvention: "1", PatentUtility: "2", PatentDesign: "3"}
	var specs []spec
	for _, kind := range PatentKinds {
		for _, filed := range []string{"2004-02-29", "2005-03-01", "2012-01-05", "2016-05-10", "2021-05-31", "2021-06-01", "2024-02-01"} {
			f := patentDay(filed)
			granted := FormatDate(f.AddDate(1, 2, 3))
			specs = append(specs,
				spec{kind, filed, "", PatentPending, filed},
				spec{kind, filed, granted, PatentGranted, granted},
				spec{kind, filed, granted, PatentLapsed, FormatDate(f.AddDate(3, 0, 0))},
				spec{kind, filed, granted, PatentInvalidated, FormatDate(f.AddDate(2, 6, 0))},
				spec{kind, filed, granted, PatentExpired, FormatDate(Patent{Kind: kind, Filed: f}.TermEnds().AddDate(0, 0, 1))},
				spec{kind, filed, "", PatentWithdrawn, FormatDate(f.AddDate(0, 8, 0))},
				spec{kind, filed, "", PatentRejected, FormatDate(f.AddDate(1, 0, 0))},
			)
		}
	}
	var out []Patent
	for i, sp := range specs {
		f := patentDay(sp.filed)
		p := Patent{AppNo: patentNoWithCheck(fmt.Sprintf("%d%s%07d", f.Year(), typeDigit[sp.kind], i+1)),
			Title: fmt.Sprintf("专利 %d", i+1), Filed: f, LegalStatus: sp.status, StatusDate: patentDay(sp.statusDate)}
		if sp.granted != "" {
			p.Granted = patentDay(sp.granted)
		}
		if p.StatusDate.After(Today()) || p.Granted.After(Today()) {
			continue // an expiry still to come is not recorded yet
		}
		out = append(out, p)
	}
	old := Patent{AppNo: "95115608.X", Title: "旧发明", Filed: patentDay("1995-10-09"), Granted: patentDay("1998-04-01"),
		LegalStatus: PatentGranted, StatusDate: patentDay("1998-04-01")}
	oldUtility := Patent{AppNo: patentNoWithCheck("02200017"), Title: "旧实用新型", Filed: patentDay("2002-07-01"),
		Granted: patentDay("2003-01-08"), LegalStatus: PatentGranted, StatusDate: patentDay("2003-01-08")}
	return append(out, old, oldUtility)
}

// The SQL filter and Patent.ValidOn must agree on every patent and every day; the days are those where an
// answer changes (grants, status dates, ends of term) and the days around them.
func TestPatentValidSQLAgreesWithValidOn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	companyID := patentTestCompany(t, s, validUSCCs[0], "甲公司")
	patents := patentVariety()
	days := map[string]time.Time{}
	addDay := func(d time.Time) {
		if d.IsZero() {
			return
		}
		for _, k := range []int{-1, 0, 1} {
			days[FormatDate(d.AddDate(0, 0, k))] = d.AddDate(0, 0, k)
		}
	}
	for i := range patents {
		patents[i].CompanyID = companyID
		require.NoError(t, s.CreatePatent(ctx, &patents[i]), patents[i].AppNo)
		addDay(patents[i].Granted)
		addDay(patents[i].StatusDate)
		addDay(patents[i].TermEnds())
	}
	for y := 1995; y <= 2040; y++ {
		addDay(YearEnd(y))
	}
	require.Greater(t, len(patents), 120)
	require.Greater(t, len(days), 300)

	sawValid, sawInvalid := 0, 0
	for _, d := range days {
		var want []string
		for _, p := range patents {
			if ok, _ := p.ValidOn(d); ok {
				want = append(want, p.AppNo)
			}
		}
		valid, err := s.Patents(ctx, PatentFilter{Validity: OnlyValid, ValidOn: d})
		require.NoError(t, err)
		got := patentNos(valid)
		sort.Strings(want)
		require.Equal(t, want, got, "valid on %s", FormatDate(d))
		q, args := patentValidCountSQL(s.d, d)
		var counted int
		require.NoError(t, s.db.QueryRowContext(ctx, q, args...).Scan(&counted))
		require.Equal(t, len(want), counted, "valid on %s, counted by PatentValidCountSQL", FormatDate(d))
		n, err := s.CountPatents(ctx, PatentFilter{Validity: OnlyInvalid, ValidOn: d})
		require.NoError(t, err)
		require.Equal(t, len(patents)-len(want), n, "not valid on %s", FormatDate(d))
		sawValid += len(want)
		sawInvalid += n
	}
	assert.Greater(t, sawValid, 1000, "the set must hold valid patents on many days")
	assert.Greater(t, sawInvalid, 1000)

	for _, p := range patents {
		var ends string
		require.NoError(t, s.db.QueryRowContext(ctx, `SELECT `+s.d.PatentTermEnds("x")+` FROM patent x WHERE x.id = ?`, p.ID).Scan(&ends))
		assert.Equal(t, FormatDate(p.TermEnds()), ends, "term of %s %s filed %s", p.Kind, p.AppNo, FormatDate(p.Filed))
	}
}

// The counting form reads two indexes only; it stops doing so if its expression drifts from the index's.
func TestPatentValidCountUsesIndexes(t *testing.T) {
	sqliteOnly(t) // SQLite's query plan
	t.Parallel()
	s := openTestStore(t)
	q, args := patentValidCountSQL(s.d, YearEnd(2024))
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q, args...)
	require.NoError(t, err)
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &notused, &detail))
		plan = append(plan, detail)
	}
	require.NoError(t, rows.Err())
	all := strings.Join(plan, "\n")
	assert.Contains(t, all, "COVERING INDEX patent_granted", all)
	assert.Contains(t, all, "INDEX patent_valid_until", all)
	assert.NotContains(t, all, "SCAN patent\n", all)
}

func patentNos(ps []Patent) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.AppNo)
	}
	sort.Strings(out)
	return out
}

func TestPatentFiltersSortAndPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	a := patentTestCompany(t, s, validUSCCs[0], "甲公司")
	b := patentTestCompany(t, s, validUSCCs[1], "乙公司")
	patents := patentVariety()
	for i := range patents {
		patents[i].CompanyID = a
		if i%3 == 0 {
			patents[i].CompanyID = b
		}
		require.NoError(t, s.CreatePatent(ctx, &patents[i]))
	}
	count := func(f PatentFilter) int {
		t.Helper()
		n, err := s.CountPatents(ctx, f)
		require.NoError(t, err)
		list, err := s.Patents(ctx, f)
		require.NoError(t, err)
		require.Len(t, list, n, "Count and the list agree")
		return n
	}
	want := func(keep func(p Patent) bool) int {
		n := 0
		for _, p := range patents {
			if keep(p) {
				n++
			}
		}
		return n
	}
	assert.Equal(t, len(patents), count(PatentFilter{}))
	assert.Equal(t, want(func(p Patent) bool { return p.CompanyID == b }), count(PatentFilter{CompanyID: b}))
	assert.Equal(t, want(func(p Patent) bool { return p.CompanyID == b }), count(PatentFilter{CompanyName: "乙"}))
	assert.Equal(t, 0, count(PatentFilter{CompanyName: "丙"}))
	assert.Equal(t, want(func(p Patent) bool { return p.Kind == PatentDesign }), count(PatentFilter{Kind: PatentDesign}))
	assert.Equal(t, want(func(p Patent) bool { return p.LegalStatus == PatentLapsed }), count(PatentFilter{LegalStatus: PatentLapsed}))
	assert.Equal(t, want(func(p Patent) bool { return p.Filed.Year() == 2021 }), count(PatentFilter{FiledYear: 2021}))
	assert.Equal(t, want(func(p Patent) bool { return p.Granted.Year() == 2022 }), count(PatentFilter{GrantedYear: 2022}))
	assert.Equal(t, want(func(p Patent) bool { return p.Kind == PatentUtility && p.Filed.Year() == 2016 && p.CompanyID == a }),
		count(PatentFilter{Kind: PatentUtility, FiledYear: 2016, CompanyID: a}))
	valid := want(func(p Patent) bool { ok, _ := p.ValidOn(Today()); return ok })
	assert.Equal(t, valid, count(PatentFilter{Validity: OnlyValid}), "validity is judged today by default")
	assert.Equal(t, want(func(p Patent) bool { ok, _ := p.ValidOn(Today()); return ok && p.Kind == PatentInvention }),
		count(PatentFilter{Validity: OnlyValid, Kind: PatentInvention}))

	assert.Equal(t, 1, count(PatentFilter{Query: "旧发明"}))
	assert.Equal(t, 1, count(PatentFilter{Query: "ZL 951156"}), "a number is found in the form it is typed")
	assert.Equal(t, 1, count(PatentFilter{Query: "95115608x"}))
	assert.Equal(t, 0, count(PatentFilter{Query: "100%_"}), "LIKE wildcards are matched literally")

	years, err := s.PatentYears(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{2024, 2021, 2016, 2012, 2005, 2004, 2002, 1995}, years)

	page1, err := s.Patents(ctx, PatentFilter{Sort: PatentSortAppNo, Limit: 10})
	require.NoError(t, err)
	page2, err := s.Patents(ctx, PatentFilter{Sort: PatentSortAppNo, Limit: 10, Offset: 10})
	require.NoError(t, err)
	require.Len(t, page1, 10)
	require.Len(t, page2, 10)
	assert.Less(t, page1[9].AppNo, page2[0].AppNo)
	desc, err := s.Patents(ctx, PatentFilter{Sort: PatentSortFiled, Desc: true, Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, "2024-02-01", FormatDate(desc[0].Filed))
	byCompany, err := s.Patents(ctx, PatentFilter{Sort: PatentSortCompany, Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, "甲公司", byCompany[0].CompanyName, "甲 (jiǎ) sorts before 乙 (yǐ) in pinyin; code point order put 乙 first")
}

func TestDeleteCompanyPatentsKeepsThemInTheAuditLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	a := patentTestCompany(t, s, validUSCCs[0], "甲公司")
	b := patentTestCompany(t, s, validUSCCs[1], "乙公司")
	patents := patentVariety()[:5]
	for i := range patents {
		patents[i].CompanyID = a
		require.NoError(t, s.CreatePatent(ctx, &patents[i]))
	}
	other := patentVariety()[6]
	other.CompanyID = b
	require.NoError(t, s.CreatePatent(ctx, &other))

	links, err := s.CompanyPatentLinks(ctx, a)
	require.NoError(t, err)
	assert.Equal(t, Links{{Kind: "link.patents", Count: 5}}, links)
	none, err := s.CompanyPatentLinks(ctx, 9999)
	require.NoError(t, err)
	assert.Empty(t, none)

	require.NoError(t, s.update(ctx, func(tx *sql.Tx) error { return s.deleteCompanyPatents(ctx, tx, a) }))
	n, err := s.CountPatents(ctx, PatentFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, n, "only the other company's patent is left")
	for _, p := range patents {
		log, err := s.AuditLog(ctx, "patent", p.ID)
		require.NoError(t, err)
		require.Len(t, log, 2, p.AppNo)
		assert.Equal(t, "delete", log[0].Action)
		assert.Contains(t, log[0].Before, p.AppNo)
	}
}
