package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// monoWidth measures like a CJK font: ideographs and full-width punctuation one em, the rest half.
func monoWidth(r rune) float64 {
	if isCJK(r) || r > 0xFFFF {
		return 1
	}
	return 0.5
}

func checkLines(t *testing.T, text string, lines []string, width float64) {
	t.Helper()
	require.Equal(t, text, strings.Join(lines, ""), "no character may be lost or added")
	for i, l := range lines {
		require.NotEmpty(t, l, "line %d is empty", i)
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(l, " "))
		if i > 0 {
			assert.NotContains(t, noLineStart, string(first), "line %d starts with %q: %q", i, first, l)
		}
		if i < len(lines)-1 {
			assert.NotContains(t, noLineEnd, string(last), "line %d ends with %q: %q", i, last, l)
		}
		// As the line is set: adjacent marks squeezed, a mark at its end half an em.
		set := setWidth(strings.TrimRight(l, " "), monoWidth) - lineEndTrim(last, monoWidth)
		assert.LessOrEqual(t, set, width, "line %d too wide: %q", i, l)
	}
}

func TestBreakLinesKeepsPunctuationRules(t *testing.T) {
	t.Parallel()
	text := "2025年，全区36家企业报送高新技术产品产值47.45亿元，实现增加值12.09亿元。与2024年相比，产值增长9.1%，" +
		"增加值增长8.0%。《关于加快科技创新的意见》（试行）印发后，“两园一廊”建设提速；企业问：政策何时兑现？答：年内！"
	for width := 3.0; width <= 30; width++ {
		lines := breakLines(text, width, monoWidth)
		checkLines(t, text, lines, width)
	}
}

func TestBreakLinesNeverStartsWithClosingPunctuation(t *testing.T) {
	t.Parallel()
	// Width 4 would put "。" first on the second line if nothing stopped it.
	lines := breakLines("一二三四。五六", 4, monoWidth)
	assert.Equal(t, []string{"一二三", "四。五六"}, lines)
	lines = breakLines("一二三（四）五", 4, monoWidth)
	assert.Equal(t, []string{"一二三", "（四）五"}, lines, "an opening bracket goes down with what it opens")
}

func TestBreakLinesKeepsLatinWordsAndNumbersWhole(t *testing.T) {
	t.Parallel()
	text := "大连海宝渔业有限公司 reported 45272.90 of output, up 13.1% against the year before（含 R&D）。"
	for width := 6.0; width <= 24; width++ {
		lines := breakLines(text, width, monoWidth)
		checkLines(t, text, lines, width)
		for _, w := range []string{"reported", "45272.90", "output,", "13.1%", "against", "R&D）。"} {
			assert.Equal(t, strings.Count(text, w), strings.Count(strings.Join(lines, "\n"), w),
				"width %v split %q: %q", width, w, lines)
		}
	}
}

func TestBreakLinesCutsAWordWiderThanTheLine(t *testing.T) {
	t.Parallel()
	text := "见 https://kjj.lvshunkou.gov.cn/notice/2025/brief-output-summary.html 。"
	lines := breakLines(text, 10, monoWidth)
	checkLines(t, text, lines, 10)
}

func TestBreakLinesHandlesEdgeCases(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{""}, breakLines("", 10, monoWidth))
	assert.Equal(t, []string{"。"}, breakLines("。", 10, monoWidth))
	text := "𠀀𠀁𠀂 has characters above U+FFFF：𪚥𪚥𪚥𪚥。"
	lines := breakLines(text, 4, monoWidth)
	checkLines(t, text, lines, 4)
	text = "\u3000\u3000两个全角空格开头的段落。"
	lines = breakLines(text, 5, monoWidth)
	require.Equal(t, text, strings.Join(lines, ""))
	assert.True(t, strings.HasPrefix(lines[0], "\u3000\u3000"), "the indent stays at the start")
}

// TestBreakLinesKeepsStraightQuotesWithWhatTheyQuote: English text quotes Chinese names in straight quotes; the
// closing quote never starts a line (it stays with the name's last character) and the opening one never ends a
// line (it goes with the name's first).
func TestBreakLinesKeepsStraightQuotesWithWhatTheyQuote(t *testing.T) {
	t.Parallel()
	text := `through programmes such as "万名院士助创行动", 33 companies ran 'two parks' with "R&D" bases`
	for width := 4.0; width <= 30; width += 0.5 {
		lines := breakLines(text, width, monoWidth)
		checkLines(t, text, lines, width)
		for i, l := range lines {
			l = strings.TrimRight(l, " ")
			if i > 0 {
				assert.False(t, strings.HasPrefix(l, `",`) || strings.HasPrefix(l, `' `) || l == `'` || strings.HasPrefix(l, `" `),
					"width %v: line %d starts with a closing quote: %q", width, i, l)
			}
			if i < len(lines)-1 {
				assert.False(t, strings.HasSuffix(l, ` "`) || l == `"` || strings.HasSuffix(l, ` '`),
					"width %v: line %d ends with an opening quote: %q", width, i, l)
			}
		}
	}
}

// TestBreakLinesNeverPartsADashOrAnEllipsis: —— and …… are one mark two characters wide; no line break falls
// between their halves, whatever the width.
func TestBreakLinesNeverPartsADashOrAnEllipsis(t *testing.T) {
	t.Parallel()
	text := "两园一廊——现代海洋产业园、现代园艺产业园……都市休闲旅游产业长廊"
	for width := 3.0; width <= 20; width++ {
		lines := breakLines(text, width, monoWidth)
		checkLines(t, text, lines, width)
		for i := 1; i < len(lines); i++ {
			for _, m := range []string{"—", "…"} {
				assert.False(t, strings.HasSuffix(lines[i-1], m) && strings.HasPrefix(lines[i], m),
					"width %v: %q / %q part a %s%s", width, lines[i-1], lines[i], m, m)
			}
		}
	}
}
