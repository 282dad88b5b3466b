package app

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// issueTestBrief registers a brief as the Reports screen would, with made-up files.
func issueTestBrief(t *testing.T, st *data.Store) data.IssuedBrief {
	t.Helper()
	b, err := st.IssueBrief(bg(), data.BriefIssue{Kind: "work", Lang: "zh", Year: 2025, Date: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		func(context.Context, int) (data.RenderedBrief, error) {
			return data.RenderedBrief{Title: "2025年科技工作简报", DataHash: "hash", PDF: []byte("%PDF"), XLSX: []byte("PK")}, nil
		})
	require.NoError(t, err)
	return b
}

// An issued brief stays issued: its Undo is disabled and says why before the clerk tries.
func TestUndoIsDisabledForAnIssuedBriefAndSaysWhy(t *testing.T) {
	u, st := newTestUI(t, false)
	issueTestBrief(t, st)
	u.ShowSection("nav.history")
	h := u.history
	selectHistoryRow(t, h, historyRow(h, "简报签发"))
	assert.True(t, h.undoBtn.Disabled(), "an issued brief cannot be withdrawn")
	assert.Equal(t, "已签发的简报不能撤回。", h.undoWhy.Text)
	assert.NotContains(t, h.undoWhy.Text, "早于", "not told it is older than the history")
	h.list.table.UnselectAll()
	assert.Empty(t, h.undoWhy.Text)
}
