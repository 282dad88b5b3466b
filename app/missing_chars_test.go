package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/reports"
)

func missingList() []reports.MissingText {
	return []reports.MissingText{
		{Kind: "missing.kind.company", Record: "大连\U0002A6A5科技有限公司", Field: "missing.field.name",
			Text: "大连\U0002A6A5科技有限公司", Chars: []rune{0x2A6A5}},
		{Kind: "missing.section.header", Field: "missing.field.issuing_unit", Text: "旅顺\U00020000\uE000局",
			Chars: []rune{0x20000, 0xE000}},
	}
}

func TestMissingCharsDialogListsRecordFieldAndCharacters(t *testing.T) {
	u, _ := newTestUI(t, false)
	var answers []bool
	u.env.confirmMissingChars(u.win, missingList(), func(ok bool) { answers = append(answers, ok) })
	top := u.win.Canvas().Overlays().Top()
	require.NotNil(t, top)
	texts := labelTexts(top)
	assert.Contains(t, texts, "企业“大连\U0002A6A5科技有限公司”的名称：\U0002A6A5（U+2A6A5）")
	assert.Contains(t, texts, "简报版头的发文单位：\U00020000（U+20000）、\uE000（U+E000）")
	overlayButton(t, u.win, "继续（缺字以〓标出）")

	test.Tap(overlayButton(t, u.win, "返回修改"))
	assert.Equal(t, []bool{false}, answers, "going back writes nothing")
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "the dialog is closed")

	u.env.confirmMissingChars(u.win, missingList(), func(ok bool) { answers = append(answers, ok) })
	test.Tap(overlayButton(t, u.win, "继续（缺字以〓标出）"))
	assert.Equal(t, []bool{false, true}, answers, "going on writes the brief")
	assert.Nil(t, u.win.Canvas().Overlays().Top())
}

func TestMissingCharsDialogCountsWhatItDoesNotList(t *testing.T) {
	u, _ := newTestUI(t, false)
	var list []reports.MissingText
	for i := 0; i < missingShown+7; i++ {
		list = append(list, reports.MissingText{Kind: "missing.kind.company", Record: fmt.Sprintf("企业%d\uE000", i),
			Field: "missing.field.name", Chars: []rune{0xE000}})
	}
	u.env.confirmMissingChars(u.win, list, func(bool) {})
	texts := labelTexts(u.win.Canvas().Overlays().Top())
	assert.Contains(t, texts, "……另有7处")
	assert.NotContains(t, texts, fmt.Sprintf("企业“企业%d\uE000”的名称：\uE000（U+E000）", missingShown))
	assert.Contains(t, texts, fmt.Sprintf("企业“企业%d\uE000”的名称：\uE000（U+E000）", missingShown-1))
}

func TestMissingCharsDialogInEnglish(t *testing.T) {
	u, _ := newTestUI(t, false)
	u.env.inLanguage("en").confirmMissingChars(u.win, missingList()[:1], func(bool) {})
	texts := labelTexts(u.win.Canvas().Overlays().Top())
	assert.Contains(t, texts, "Company \"大连\U0002A6A5科技有限公司\", Name: \U0002A6A5 (U+2A6A5)")
	overlayButton(t, u.win, "Go on (mark them with 〓)")
	overlayButton(t, u.win, "Go back and fix")
}
