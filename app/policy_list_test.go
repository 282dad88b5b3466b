package app

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// pagingStore is the store with the list's queries recorded.
type pagingStore struct {
	*data.Store
	mu    sync.Mutex
	pages []data.PolicyListFilter
}

func (p *pagingStore) PolicyList(ctx context.Context, f data.PolicyListFilter) ([]data.PolicyListRow, error) {
	p.mu.Lock()
	p.pages = append(p.pages, f)
	p.mu.Unlock()
	return p.Store.PolicyList(ctx, f)
}

// The 政策服务 list pages from SQL: while the store checks the companies it shows none and says so; then it
// reads the rows a page at a time with the search, filter and sort given to the store, and reads every row only
// to export them.
func TestPolicyListPagesFromTheStore(t *testing.T) {
	u, st := newTestUI(t, true)
	ps := &pagingStore{Store: st}
	var pending []func()
	inBackground = func(work, show func()) { pending = append(pending, func() { work(); show() }) }
	s := newPolicyScreen(u.env, ps, u.win)
	u.win.SetContent(s.build())
	assert.Equal(t, 0, s.list.count, "nothing counted while the checks run")
	assert.Equal(t, zh.T("policyui.checking"), s.status.Text)
	require.Len(t, pending, 1)
	pending[0]()
	inBackground = func(work, show func()) { work(); show() }
	n, err := st.CountPolicyList(bg(), data.PolicyListFilter{Policy: data.PolicyGaoqi, Year: 2025})
	require.NoError(t, err)
	assert.Equal(t, n, s.list.count)
	assert.Contains(t, s.status.Text, "2016", "the rule set's version")

	s.list.filters["verdict"].SetSelected(zh.T("policyui.candidates"))
	test.Type(s.list.search, "大连")
	s.list.onSort(policySortName)
	s.list.table.Refresh()
	ps.mu.Lock()
	last := ps.pages[len(ps.pages)-1]
	ps.mu.Unlock()
	assert.Equal(t, data.PolicyListFilter{Policy: data.PolicyGaoqi, Year: 2025, Query: "大连", Verdict: data.VerdictCandidates,
		Sort: data.PolicySortName, Limit: recordListPageSize}, last)
	for _, f := range ps.pages {
		assert.NotZero(t, f.Limit, "the window reads pages, not every row")
	}
	rows := exportList(t, s.list)
	assert.Len(t, rows, s.list.count+1, "the export holds every row the list selects, with its header")
}
