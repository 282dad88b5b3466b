package app

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"scitech/data"
)

// openRecord opens a record of every kind the dashboard names on its page, in its section; a record gone since
// is said so and the window stays where it was.
func TestOpenRecordShowsEveryKindInItsSection(t *testing.T) {
	u, st := newTestUI(t, true)
	company := firstOf(st.Companies(bg(), data.CompanyFilter{Limit: 1})).ID
	inst := firstOf(st.Institutions(bg(), data.InstitutionFilter{Limit: 1})).ID
	coop := firstOf(st.Cooperations(bg(), data.CooperationFilter{Limit: 1})).ID
	base := firstOf(st.CoopBases(bg(), data.CoopBaseFilter{Limit: 1})).ID
	iapp := firstOf(st.IncubatorApplications(bg(), data.IncubatorApplicationFilter{Limit: 1})).ID
	plan := firstOf(st.PlanApplications(bg(), data.PlanApplicationFilter{Limit: 1})).ID
	patent := firstOf(st.Patents(bg(), data.PatentFilter{Limit: 1})).ID
	for _, c := range []struct {
		ref     data.RecordRef
		section string
		shown   func() int64 // the id of the record the section's page shows
	}{
		{data.RecordRef{Entity: "company", ID: company}, "nav.companies", func() int64 { return u.companies.page.company.ID }},
		{data.RecordRef{Entity: "institution", ID: inst}, "nav.institutions", func() int64 { return u.institutions.page.inst.ID }},
		{data.RecordRef{Entity: "cooperation", ID: coop}, "nav.cooperations", func() int64 { return u.cooperations.page.coop.ID }},
		{data.RecordRef{Entity: "coop_base", ID: base}, "nav.bases", func() int64 { return u.bases.page.base.ID }},
		{data.RecordRef{Entity: "incubator_application", ID: iapp}, "nav.incubators", func() int64 { return u.incubators.page.app.ID }},
		{data.RecordRef{Entity: "plan_application", ID: plan}, "nav.plans", func() int64 { return u.plans.page.plan.ID }},
		{data.RecordRef{Entity: "patent", ID: patent}, "nav.patents", func() int64 { return u.patents.page.patent.ID }},
	} {
		u.ShowSection("nav.home")
		u.openRecord(c.ref)
		assert.Equal(t, c.section, u.sections[u.current].key, c.ref.Entity)
		assert.Equal(t, c.ref.ID, c.shown(), c.ref.Entity)
		assert.Nil(t, u.win.Canvas().Overlays().Top(), "%s: no error", c.ref.Entity)
	}

	u.ShowSection("nav.home")
	u.openRecord(data.RecordRef{Entity: "patent", ID: 999999})
	assert.Equal(t, "nav.home", u.sections[u.current].key, "a record gone since opens nothing")
	assert.NotNil(t, u.win.Canvas().Overlays().Top(), "and the window says why")
}

// firstOf is the first record a store lists; the sample set has one of every kind.
func firstOf[R any](list []R, err error) R {
	if err != nil || len(list) == 0 {
		panic(fmt.Sprintf("no record to open: %v", err))
	}
	return list[0]
}
