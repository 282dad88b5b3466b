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

// everyKindOfRecord stores one record of every kind the history follows, each link set, and moves the
// applications a step, so that the history holds every field of every table a clerk edits.
func everyKindOfRecord(t *testing.T, st *data.Store) {
	t.Helper()
	day := func(s string) time.Time { d, err := data.ParseDate(s); require.NoError(t, err); return d }
	parks, err := st.Parks(bg())
	require.NoError(t, err)
	c := data.Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics", ParkID: parks[0].ID,
		LegalRep: "张三", Address: "旅顺口区", Contact: "李四", Phone: "0411-86000000", Founded: day("2010-01-01"), AboveScale: true,
		CertNo: "GR202421000001", CertIssued: day("2024-01-01"), TechSMENo: "202421021200001", TechSMEYear: 2024}
	require.NoError(t, st.CreateCompany(bg(), &c))
	require.NoError(t, st.CreateOutput(bg(), &data.AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 1_000_000, AddedValue: 300_000,
		Revenue: 2_000_000, RDExpense: 100_000, Employees: 50, RDStaff: 10}))
	in := data.Institution{Name: "大连理工大学", Kind: "university", City: "大连"}
	require.NoError(t, st.CreateInstitution(bg(), &in))
	k := data.Cooperation{CompanyID: c.ID, InstitutionID: in.ID, Programme: "万名院士助创行动", Started: day("2024-03-01"), Ended: day("2025-03-01")}
	require.NoError(t, st.CreateCooperation(bg(), &k))
	require.NoError(t, st.CreateCoopOutcome(bg(), &data.CoopOutcome{CooperationID: k.ID, Kind: "product", Title: "海洋防腐涂料", Year: 2024}))
	require.NoError(t, st.CreateCoopBase(bg(), &data.CoopBase{Name: "联合实验室", CompanyID: c.ID, InstitutionID: in.ID, Established: day("2024-05-01")}))
	inc, app := seedIncubator(t, st)
	_ = inc
	require.NoError(t, st.MoveIncubatorApplication(bg(), app.ID, "reviewing", day("2025-03-05"), "材料齐全"))
	plan := data.PlanApplication{CompanyID: c.ID, Level: "district", Plan: "旅顺口区科技计划", Title: "海洋传感器", Year: 2025, Requested: 300_000}
	require.NoError(t, st.CreatePlanApplication(bg(), &plan))
	require.NoError(t, st.MovePlanApplication(bg(), plan.ID, "submitted", data.Today(), ""))
	require.NoError(t, st.CreatePatent(bg(), &data.Patent{CompanyID: c.ID, AppNo: "202310123456.6", Title: "一种传感器",
		Filed: day("2023-03-01"), Granted: day("2024-05-01"), LegalStatus: data.PatentGranted}))
	require.NoError(t, st.CreateParkProject(bg(), &data.ParkProject{ParkID: parks[0].ID, Title: "海洋牧场", Lead: "大连测试科技有限公司",
		Description: "示范项目", Status: "operating", Area: 450_000, Investment: 98_000_000}))
	issueTestBrief(t, st)
}

// Every field of every kind of record in the history has a label in both languages, and no link is shown by
// its number.
func TestEveryFieldInTheHistoryHasALabel(t *testing.T) {
	u, st := newTestUI(t, false)
	everyKindOfRecord(t, st)
	entries, err := st.History(bg(), data.HistoryFilter{})
	require.NoError(t, err)
	for _, lang := range []string{"zh", "en"} {
		w := newHistoryWords(u.env.inLanguage(lang), st)
		w.learn(entries)
		seen := map[string]bool{}
		for _, h := range entries {
			for _, c := range h.Changes {
				col := historyColumn(c.Field)
				if seen[h.Entity+"."+col] || historyFields[h.Entity+"."+col].hidden {
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
		assert.Greater(t, len(seen), 60, "every kind of record")
	}
}

// Loading the sample set is one entry of the history, in words.
func TestTheSampleSetIsOneEntryOfTheHistory(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.history")
	h := u.history
	require.Equal(t, 1, h.list.count, "one entry, not one per record")
	assert.Equal(t, "载入", h.list.cellText(0, 2))
	assert.Equal(t, "示例数据", h.list.cellText(0, 3))
	assert.Regexp(t, `^企业（家）：36；记录（条）：\d{4}$`, h.list.cellText(0, 4))
	selectHistoryRow(t, h, 0)
	assert.False(t, h.undoBtn.Disabled(), "the sample can be taken away again")
}
