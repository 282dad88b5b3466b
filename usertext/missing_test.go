package usertext

import (
	"testing"

	"scitech/assets"
	"scitech/reports"
)

func TestMissingCharsNamesRecordFieldAndCodePoints(t *testing.T) {
	t.Parallel()
	record := reports.MissingText{Kind: "missing.kind.company", Record: "大连\U0002A6A5科技有限公司",
		Field: "missing.field.name", Chars: []rune{0x2A6A5}}
	inLanguages(t, func(tr *assets.Translator) string { return MissingChars(tr, record) },
		"企业“大连\U0002A6A5科技有限公司”的名称：\U0002A6A5（U+2A6A5）",
		"Company \"大连\U0002A6A5科技有限公司\", Name: \U0002A6A5 (U+2A6A5)")
	section := reports.MissingText{Kind: "missing.section.header", Field: "missing.field.issuing_unit",
		Chars: []rune{0x20000, 0xE000}}
	inLanguages(t, func(tr *assets.Translator) string { return MissingChars(tr, section) },
		"简报版头的发文单位：\U00020000（U+20000）、\uE000（U+E000）",
		"Brief header, Issuing unit: \U00020000 (U+20000), \uE000 (U+E000)")
}
