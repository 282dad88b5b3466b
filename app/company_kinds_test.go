package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// Every kind of IP right and of company fact can be added through the company page's forms, each saved with
// the fields its kind records and nothing of the others.
func TestCompanyPageAddsEveryKind(t *testing.T) {
	u, st := newTestUI(t, true)
	p := openCompanyPage(t, u, st, "海宝")
	rights, err := st.IPRights(bg(), p.company.ID)
	require.NoError(t, err)
	for i, kind := range data.IPRightKinds {
		test.Tap(p.ip.list.addBtn)
		f := p.ip.form
		f.kind.set(kind)
		no := fmt.Sprintf("CNA2025%04d", i)
		if kind == "software_copyright" {
			no = fmt.Sprintf("2025SR%07d", 7000+i)
		}
		test.Type(f.regNo, no)
		test.Type(f.title, "测试"+kind)
		test.Type(f.granted, "2025-04-01")
		require.False(t, f.saveBtn.Disabled(), "%s: %s", kind, f.problem.Text)
		test.Tap(f.saveBtn)
		require.Empty(t, f.problem.Text, kind)
	}
	after, err := st.IPRights(bg(), p.company.ID)
	require.NoError(t, err)
	assert.Len(t, after, len(rights)+len(data.IPRightKinds))
	assert.Equal(t, len(after), p.ip.list.count)

	facts, err := st.CompanyFacts(bg(), p.company.ID)
	require.NoError(t, err)
	for _, kind := range data.FactKinds {
		test.Tap(p.facts.list.addBtn)
		f := p.facts.form
		f.kind.set(kind)
		// Every field typed whatever the kind: the form keeps only those the kind records.
		f.level.set("provincial")
		test.Type(f.rank, "2")
		test.Type(f.amount, "500")
		test.Type(f.note, "测试"+kind)
		f.year.SetText("2023")
		test.Type(f.date, "2023-06-01")
		if kind == "certificate" {
			test.Type(f.number, "GR202321000999")
		}
		require.False(t, f.saveBtn.Disabled(), "%s: %s", kind, f.problem.Text)
		test.Tap(f.saveBtn)
		require.Empty(t, f.problem.Text, kind)
	}
	saved, err := st.CompanyFacts(bg(), p.company.ID)
	require.NoError(t, err)
	require.Len(t, saved, len(facts)+len(data.FactKinds))
	for _, f := range saved {
		if f.Note != "测试"+f.Kind {
			continue
		}
		level, rank, amount := factUses(f.Kind)
		assert.Equal(t, level, f.Level == "provincial", "%s: level", f.Kind)
		assert.Equal(t, rank, f.Rank == 2, "%s: rank", f.Kind)
		assert.Equal(t, amount, f.Amount == 5_000_000, "%s: amount", f.Kind)
		assert.Equal(t, 2023, f.Year, f.Kind)
	}
}
