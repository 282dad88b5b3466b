package app

import (
	"context"
	"strings"
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

// The history names records, never by number or by the program's keys, and words every field.
func TestHistorySpeaksTheClerksLanguage(t *testing.T) {
	u, st := newTestUI(t, false)
	parks, err := st.Parks(bg())
	require.NoError(t, err)
	c := historyCompany("91350100M000100Y43", "大连测试科技有限公司")
	c.ParkID = parks[0].ID
	require.NoError(t, st.CreateCompany(bg(), &c))
	out := data.AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 12_345_600, Employees: 40}
	require.NoError(t, st.CreateOutput(bg(), &out))
	out.Employees = 41
	require.NoError(t, st.UpdateOutput(bg(), &out))
	issueTestBrief(t, st)

	u.ShowSection("nav.history")
	h := u.history
	var all []string
	for r := 0; r < h.list.count; r++ {
		for col := range h.list.cfg.Columns {
			all = append(all, h.list.cellText(r, col))
		}
	}
	text := strings.Join(all, " | ")
	for _, never := range []string{"编号", "#", "Kind", "IssueNo", "DataHash", "PDFBytes", "work", "T00:00:00Z"} {
		assert.NotContains(t, text, never)
	}

	brief := historyRow(h, "简报签发")
	assert.Equal(t, "简报签发 2025年科技工作简报", h.list.cellText(brief, 3))
	assert.Equal(t, "简报类别：科技工作简报；语言：中文；报告年度：2025；期号：第1期；标题：2025年科技工作简报；签发日期：2026-11-26",
		h.list.cellText(brief, 4))
	update := historyRow(h, "修改", "年度产值")
	assert.Equal(t, "年度产值 大连测试科技有限公司 2025年", h.list.cellText(update, 3), "an output row by its company and year")
	assert.Equal(t, "从业人员（人）：40 → 41", h.list.cellText(update, 4))
	created := historyRow(h, "新增", "企业 大连测试科技有限公司")
	assert.Contains(t, h.list.cellText(created, 4), "所在园区："+parks[0].Name, "a link by the name of what it points at")
	newOutput := historyRow(h, "新增", "年度产值")
	assert.Contains(t, h.list.cellText(newOutput, 4), "企业：大连测试科技有限公司")
}

// Every field of every kind of record the sample set and an issued brief leave in the history has a label in
// both languages, and no link is shown by its number.
func TestEveryFieldInTheHistoryHasALabel(t *testing.T) {
	u, st := newTestUI(t, true)
	issueTestBrief(t, st)
	entries, err := st.History(bg(), data.HistoryFilter{})
	require.NoError(t, err)
	for _, lang := range []string{"zh", "en"} {
		w := newHistoryWords(u.env.inLanguage(lang), st)
		w.learn(entries)
		seen := map[string]bool{}
		for _, h := range entries {
			for _, c := range h.Changes {
				col := historyColumn(c.Field)
				if seen[h.Entity+"."+col] || historyHidden[h.Entity+"."+col] {
					continue
				}
				seen[h.Entity+"."+col] = true
				label := w.fieldLabel(h.Entity, col)
				assert.NotEqual(t, col, label, "%s: %s.%s has no label", lang, h.Entity, col)
				assert.NotContains(t, label, "_", "%s: %s.%s", lang, h.Entity, col)
				if historyRefTarget(h.Entity, col) != "" {
					assert.NotEqual(t, w.T("history.ref.gone"), w.value(h.Entity, col, c.New), "%s: %s.%s names what it points at", lang, h.Entity, col)
				}
			}
			assert.NotContains(t, w.record(h), "#", lang)
		}
		assert.Greater(t, len(seen), 60, "the sample set touches every kind of record")
	}
}
