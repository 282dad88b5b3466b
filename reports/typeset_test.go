package reports

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAdjacentPunctuationIsSqueezed: two adjacent full-width marks take 1.5 em, not 2 (CLREQ 3.1.6.2), whichever
// blank halves meet; a mark beside a character, and （） whose blanks face away from each other, keep their em.
func TestAdjacentPunctuationIsSqueezed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    string
		want float64
	}{
		{"）；", 1.5}, {"。”", 1.5}, {"，“", 1.5}, {"（《", 1.5}, {"》）", 1.5}, {"：“", 1.5},
		{"司）；蝶", 3.5}, {"（）", 2}, {"一，", 2}, {"——", 2}, {"a，", 1.5},
	} {
		assert.InDelta(t, c.want, setWidth(c.s, monoWidth), 1e-9, "%q", c.s)
	}
	l := layLine("园）；（大", monoWidth)
	assert.Equal(t, []float64{0, 1, 1.5, 2, 3}, l.x, "the glyphs move together where a blank half goes")
	assert.InDelta(t, 4, l.end, 1e-9)
}

// TestACommaClosesAFullLine: a mark at a line's end counts half an em, so a line with half an em to spare keeps
// the comma after it instead of taking its last character down (which the old breaker had to do).
func TestACommaClosesAFullLine(t *testing.T) {
	t.Parallel()
	lines := breakLines("一二三四，五六", 4.5, monoWidth)
	assert.Equal(t, []string{"一二三四，", "五六"}, lines)
	lines = breakLines("一二三四）；五六", 4, monoWidth)
	assert.Equal(t, []string{"一二三", "四）；五", "六"}, lines, "two marks squeezed take 1.5 em inside a line")
}

// spreadAt lists, for each gap of a justified line, how much wider it is than set naturally.
func spreadAt(t *testing.T, line string, width float64) []float64 {
	t.Helper()
	natural := layLine(line, monoWidth)
	l := layLine(line, monoWidth)
	require.True(t, justifyLine(&l, width, 1, monoWidth), "%q can be justified to %v", line, width)
	out := make([]float64, len(l.x))
	for i := range l.x {
		out[i] = l.x[i] - natural.x[i]
		if i > 0 {
			out[i] -= l.x[i-1] - natural.x[i-1]
		}
	}
	return out
}

// TestJustificationNeverSpreadsInsideANumberOrWord: the room a line has spare goes between CJK characters and
// at word spaces only; the characters of "47.45", "9.1%", "2025年12月31日" and "R&D" stay together, and the
// line's last character ends exactly at the width (a closing mark's glyph, its blank half past it).
func TestJustificationNeverSpreadsInsideANumberOrWord(t *testing.T) {
	t.Parallel()
	line := "产值达到47.45亿元，增长9.1%，于2025年12月31日由R&D中心发布，"
	w := setWidth(line, monoWidth) + 1
	gaps := spreadAt(t, line, w)
	runes := []rune(line)
	for i := 1; i < len(runes); i++ {
		a, b := runes[i-1], runes[i]
		if !isCJK(a) || !isCJK(b) {
			assert.InDelta(t, 0, gaps[i], 1e-9, "no spread between %q and %q", a, b)
		}
	}
	for _, whole := range []string{"47.45", "9.1%", "2025年12月31日", "R&D"} {
		i := len([]rune(line[:strings.Index(line, whole)]))
		for k := 1; k < len([]rune(whole)); k++ {
			assert.InDelta(t, 0, gaps[i+k], 1e-9, "%q stays whole", whole)
		}
	}
	l := layLine(line, monoWidth)
	justifyLine(&l, w, 1, monoWidth)
	last := len(l.runes) - 1
	assert.InDelta(t, w+0.5, l.x[last]+monoWidth(l.runes[last]), 1e-9, "the comma's glyph ends at the width")
}

// TestJustificationSpreadsWordSpacesFirst: in a line with Latin words, the spaces take the spare room first (up to
// half an em each) and the CJK gaps only what is left; the indent of a paragraph never grows.
func TestJustificationSpreadsWordSpacesFirst(t *testing.T) {
	t.Parallel()
	line := "\u3000\u3000见 Dalian University of Technology 合作研究"
	gaps := spreadAt(t, line, setWidth(line, monoWidth)+1)
	runes := []rune(line)
	for i := 1; i < len(runes); i++ {
		switch {
		case runes[i-1] == ' ':
			assert.InDelta(t, 0.2, gaps[i], 1e-9, "each of 5 spaces takes a fifth")
		default:
			assert.InDelta(t, 0, gaps[i], 1e-9, "between %q and %q", runes[i-1], runes[i])
		}
	}
	gaps = spreadAt(t, line, setWidth(line, monoWidth)+3)
	assert.InDelta(t, 0.5, gaps[4], 1e-9, "a space takes at most half an em")
	for i := len(gaps) - 3; i < len(gaps); i++ {
		assert.InDelta(t, 0.5/3, gaps[i], 1e-9, "合作研究's three gaps share the last half em")
	}
	assert.InDelta(t, 0, gaps[2], 1e-9, "the indent stays two em")
}

// TestALineThatCannotBeJustifiedIsRagged: a line whose only gaps are inside numbers, or that would need more
// than a quarter em between its CJK characters, is left as set.
func TestALineThatCannotBeJustifiedIsRagged(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		line  string
		width float64
	}{
		{"45272.90", 10},
		{"2025年12月31日", 10},
		{"一二三", 4}, // two gaps for one em
	} {
		l := layLine(c.line, monoWidth)
		before := append([]float64(nil), l.x...)
		assert.False(t, justifyLine(&l, c.width, 1, monoWidth), "%q", c.line)
		assert.Equal(t, before, l.x, "%q is left as set", c.line)
	}
	l := layLine("一二三四五", monoWidth)
	assert.True(t, justifyLine(&l, 5.5, 1, monoWidth), "half an em over four gaps is fine")
}

// TestAParagraphNeverEndsOnOneCharacter: a last line of one character (孤字), alone or with its marks, takes the
// last character of the line before with it (CLREQ 3.4.4); Latin words and lines of two characters are left.
func TestAParagraphNeverEndsOnOneCharacter(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text  string
		width float64
		want  []string
	}{
		{"先进制造与自动化", 7, []string{"先进制造与自", "动化"}},
		{"截至年末，孵化面积五万平方米。", 14, []string{"截至年末，孵化面积五万平", "方米。"}},
		{"截至年末，孵化面积五万平方米。", 13, []string{"截至年末，孵化面积五万平", "方米。"}},
		{"孵化面积五万平方米", 7, []string{"孵化面积五万平", "方米"}},
		{"一二三四五六七八", 4, []string{"一二三四", "五六七八"}},
		{"in the year 2025 we set up base", 6, []string{"in the year ", "2025 we set ", "up base"}},
	} {
		lines := breakLines(c.text, c.width, monoWidth)
		assert.Equal(t, c.want, lines, "%q in %v", c.text, c.width)
		checkLines(t, c.text, lines, c.width)
	}
}
