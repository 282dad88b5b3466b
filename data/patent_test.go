package data

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func patentDay(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func grantedPatent(kind, filed, granted string) Patent {
	return Patent{Kind: kind, Filed: patentDay(filed), Granted: patentDay(granted), LegalStatus: PatentGranted, StatusDate: patentDay(granted)}
}

func TestPatentTermEnds(t *testing.T) {
	t.Parallel()
	cases := []struct {
		kind, filed, ends string
	}{
		{PatentInvention, "2005-03-01", "2025-02-28"},
		{PatentUtility, "2016-05-10", "2026-05-09"},
		{PatentDesign, "2021-05-31", "2031-05-30"},
		{PatentDesign, "2021-06-01", "2036-05-31"},
		{PatentUtility, "2021-06-01", "2031-05-31"},
		{PatentInvention, "2004-02-29", "2024-02-28"},
		{PatentUtility, "2004-02-29", "2014-02-28"},
	}
	for _, c := range cases {
		p := Patent{Kind: c.kind, Filed: patentDay(c.filed)}
		assert.Equal(t, c.ends, FormatDate(p.TermEnds()), "%s filed %s", c.kind, c.filed)
	}
	assert.True(t, Patent{Kind: PatentInvention}.TermEnds().IsZero())
}

func TestPatentValidOn(t *testing.T) {
	t.Parallel()
	invention := grantedPatent(PatentInvention, "2005-03-01", "2008-06-01")
	utility := grantedPatent(PatentUtility, "2005-03-01", "2006-01-10")
	designOld := grantedPatent(PatentDesign, "2021-05-31", "2021-11-02")
	designNew := grantedPatent(PatentDesign, "2021-06-01", "2021-11-02")
	lapsed := grantedPatent(PatentUtility, "2016-05-10", "2017-01-03")
	lapsed.LegalStatus, lapsed.StatusDate = PatentLapsed, patentDay("2020-03-01")
	invalidated := grantedPatent(PatentInvention, "2015-04-01", "2018-09-04")
	invalidated.LegalStatus, invalidated.StatusDate = PatentInvalidated, patentDay("2024-07-01")
	expired := grantedPatent(PatentUtility, "2012-01-05", "2012-08-01")
	expired.LegalStatus, expired.StatusDate = PatentExpired, patentDay("2022-01-05")
	pending := Patent{Kind: PatentInvention, Filed: patentDay("2024-02-01"), LegalStatus: PatentPending, StatusDate: patentDay("2024-02-01")}
	rejected := pending
	rejected.LegalStatus, rejected.StatusDate = PatentRejected, patentDay("2025-05-05")
	withdrawn := pending
	withdrawn.LegalStatus, withdrawn.StatusDate = PatentWithdrawn, patentDay("2024-09-09")

	cases := []struct {
		name string
		p    Patent
		on   string
		why  string // "" = valid
	}{
		{"invention before grant", invention, "2008-05-31", WhyGrantedLater},
		{"invention on grant day", invention, "2008-06-01", ""},
		{"invention on the last day of its term", invention, "2025-02-28", ""},
		{"invention on the 20th anniversary", invention, "2025-03-01", WhyExpiredTerm},
		{"utility on the last day of its term", utility, "2015-02-28", ""},
		{"utility on the 10th anniversary", utility, "2015-03-01", WhyExpiredTerm},
		{"invention filed the same day still valid then", invention, "2015-03-01", ""},
		{"design of 2021-05-31 on its last day", designOld, "2031-05-30", ""},
		{"design of 2021-05-31 after 10 years", designOld, "2031-05-31", WhyExpiredTerm},
		{"design of 2021-06-01 after 10 years", designNew, "2031-06-01", ""},
		{"design of 2021-06-01 on its last day", designNew, "2036-05-31", ""},
		{"design of 2021-06-01 after 15 years", designNew, "2036-06-01", WhyExpiredTerm},
		{"lapse dated after the report date", lapsed, "2019-12-31", ""},
		{"the day before the lapse", lapsed, "2020-02-29", ""},
		{"the day of the lapse", lapsed, "2020-03-01", WhyLapsed},
		{"lapse dated before the report date", lapsed, "2025-12-31", WhyLapsed},
		{"invalidation dated after the report date", invalidated, "2023-12-31", ""},
		{"the day before the invalidation", invalidated, "2024-06-30", ""},
		{"the day of the invalidation", invalidated, "2024-07-01", WhyInvalidated},
		{"invalidation dated before the report date", invalidated, "2025-12-31", WhyInvalidated},
		{"expired status not yet reached", expired, "2022-01-04", ""},
		{"expired status", expired, "2022-01-05", WhyExpiredTerm},
		{"pending", pending, "2025-12-31", WhyNotGranted},
		{"rejected", rejected, "2025-12-31", WhyRejected},
		{"rejected, judged before the rejection", rejected, "2025-01-01", WhyRejected},
		{"withdrawn", withdrawn, "2025-12-31", WhyWithdrawn},
	}
	for _, c := range cases {
		ok, why := c.p.ValidOn(patentDay(c.on))
		assert.Equal(t, c.why == "", ok, c.name)
		assert.Equal(t, c.why, why, c.name)
	}
}

func validPatent() Patent {
	return Patent{CompanyID: 1, AppNo: "ZL 2017 1 0601862.3", Title: " 一种海参育苗装置 ", Filed: patentDay("2017-08-14"),
		Granted: patentDay("2019-05-21"), LegalStatus: PatentGranted}
}

func TestPatentNormalizeTakesTheKindFromTheNumber(t *testing.T) {
	t.Parallel()
	p := validPatent()
	p.Kind = PatentDesign
	p.Normalize()
	require.NoError(t, p.Validate())
	assert.Equal(t, "201710601862.3", p.AppNo)
	assert.Equal(t, PatentInvention, p.Kind)
	assert.Equal(t, "一种海参育苗装置", p.Title)
	assert.Equal(t, "2019-05-21", FormatDate(p.StatusDate), "a granted patent's status date defaults to its grant")

	old := Patent{CompanyID: 1, AppNo: "95115608x", Title: "旧专利", Filed: patentDay("1995-10-09"), LegalStatus: PatentPending}
	old.Normalize()
	require.NoError(t, old.Validate())
	assert.Equal(t, "95115608.X", old.AppNo)
	assert.Equal(t, PatentInvention, old.Kind)
	assert.Equal(t, old.Filed, old.StatusDate)
}

func TestPatentValidateNamesFields(t *testing.T) {
	t.Parallel()
	future := Today().AddDate(0, 0, 1)
	cases := []struct {
		name  string
		edit  func(p *Patent)
		field string
		key   string
	}{
		{"no company", func(p *Patent) { p.CompanyID = 0 }, "company", "err.required"},
		{"wrong check", func(p *Patent) { p.AppNo = "201710601862.4" }, "app_no", "err.patent.app_no.check"},
		{"no title", func(p *Patent) { p.Title = "  " }, "title", "err.required"},
		{"no filing date", func(p *Patent) { p.Filed = time.Time{} }, "filed", "err.required"},
		{"filed in another year", func(p *Patent) { p.Filed = patentDay("2018-01-02") }, "filed", "err.patent.filed.year"},
		{"granted before filed", func(p *Patent) { p.Granted = patentDay("2017-08-13") }, "granted", "err.patent.granted.before_filed"},
		{"granted in the future", func(p *Patent) { p.Granted, p.StatusDate = future, future }, "granted", "err.date.future"},
		{"granted without date", func(p *Patent) { p.Granted = time.Time{}; p.StatusDate = patentDay("2019-05-21") }, "granted", "err.patent.granted.required"},
		{"lapsed without grant", func(p *Patent) {
			p.Granted = time.Time{}
			p.LegalStatus = PatentLapsed
			p.StatusDate = patentDay("2021-01-01")
		}, "granted", "err.patent.granted.required"},
		{"pending with a grant date", func(p *Patent) { p.LegalStatus = PatentPending }, "granted", "err.patent.granted.not_allowed"},
		{"rejected with a grant date", func(p *Patent) { p.LegalStatus = PatentRejected; p.StatusDate = patentDay("2019-06-01") }, "granted", "err.patent.granted.not_allowed"},
		{"withdrawn with a grant date", func(p *Patent) { p.LegalStatus = PatentWithdrawn; p.StatusDate = patentDay("2019-06-01") }, "granted", "err.patent.granted.not_allowed"},
		{"unknown status", func(p *Patent) { p.LegalStatus = "sleeping" }, "legal_status", "err.patent.status"},
		{"lapse without date", func(p *Patent) { p.LegalStatus = PatentLapsed }, "status_date", "err.required"},
		{"lapse before grant", func(p *Patent) { p.LegalStatus = PatentLapsed; p.StatusDate = patentDay("2019-05-20") }, "status_date", "err.patent.status_date.before_granted"},
		{"status in the future", func(p *Patent) { p.LegalStatus = PatentLapsed; p.StatusDate = future }, "status_date", "err.date.future"},
	}
	for _, c := range cases {
		p := validPatent()
		if c.name != "lapse without date" && c.name != "lapse before grant" && c.name != "status in the future" {
			p.StatusDate = p.Granted
		}
		c.edit(&p)
		p.Normalize()
		var errs Errors
		require.ErrorAs(t, p.Validate(), &errs, c.name)
		e := errs.For(c.field)
		require.NotNil(t, e, "%s: %v", c.name, errs)
		assert.Equal(t, c.key, e.Key, c.name)
	}
}
