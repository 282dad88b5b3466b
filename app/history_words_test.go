package app

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"scitech/assets"
	"scitech/data"
)

// A correction's history says which issue it corrects, by its number, not by the id of that record;
// the draft's number setting is worded as Settings offers it.
func TestHistoryWordsACorrectionAndTheDraftMark(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang        string
		issued, set []string
	}{
		{"zh", []string{"期号：第5期", "更正：第3期"}, []string{"草稿的期号：印“草稿” → 留空（第　期）"}},
		{"en", []string{"Issue number: No. 5", "Corrects: No. 3"}, []string{`Number on a draft: "Draft" → Left blank (Issue ____)`}},
	} {
		w := newHistoryWords(&env{tr: assets.NewTranslator(c.lang)}, nil)
		issued := data.HistoryEntry{Entity: "brief_register", Action: "create", Changes: []data.HistoryField{
			{Field: "IssueNo", New: "5"}, {Field: "Replaces", New: "12"}, {Field: "ReplacesNo", New: "3"}}}
		assert.Equal(t, c.issued, w.fieldTexts(issued), c.lang)
		set := data.HistoryEntry{Entity: "setting", Action: "update", Changes: []data.HistoryField{
			{Field: "brief.draft_mark", Old: "word", New: "blank"}}}
		assert.Equal(t, c.set, w.fieldTexts(set), c.lang)
		// On a server a desk's own font is kept under the font's key with the desk after an @: named as the font.
		font := data.HistoryEntry{Entity: "setting", Action: "create", Changes: []data.HistoryField{
			{Field: "brief.font.body@desk-3/li", New: `C:\Fonts\simfang.ttf`}}}
		assert.Equal(t, []string{w.T("fieldlabel.brief_font_body") + w.T("history.sep.label") + `C:\Fonts\simfang.ttf`},
			w.fieldTexts(font), c.lang)
	}
}

// A declared row's change is worded as an output row's: its amounts in 万元 under the rules' names for them (the
// sales revenue, not the operating revenue).
func TestHistoryWordsADeclaredRow(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"zh", []string{"销售收入：4093.74 万元 → 4100.00 万元", "净资产：-120.00 万元", "来源：2025年高企申报材料"}},
		{"en", []string{"Sales revenue: 4093.74 (10k yuan) → 4100.00 (10k yuan)", "Net assets: -120.00 (10k yuan)",
			"Source: 2025年高企申报材料"}},
	} {
		w := newHistoryWords(&env{tr: assets.NewTranslator(c.lang)}, nil)
		e := data.HistoryEntry{Entity: "declared_figures", Action: "update", Changes: []data.HistoryField{
			{Field: "revenue", Old: "40937400", New: "41000000"}, {Field: "net_assets", New: "-1200000"},
			{Field: "source", New: "2025年高企申报材料"}}}
		assert.Equal(t, c.want, w.fieldTexts(e), c.lang)
		// Named, as an output row is, by its company and its year.
		e.EntityID, e.Label = 7, "2023"
		w.names[data.RecordRef{Entity: "declared_figures", ID: 7}] = []string{"大连双岛湾海洋装备有限公司"}
		assert.Equal(t, w.T("history.entity.declared_figures")+" "+w.T("history.record.output",
			map[string]any{"Company": "大连双岛湾海洋装备有限公司", "Year": "2023"}), w.record(e), c.lang)
	}
}
