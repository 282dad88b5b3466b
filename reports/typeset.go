package reports

import (
	"strings"
	"unicode"
)

// Typesetting of a line, after W3C's Requirements for Chinese Text Layout (CLREQ) as mainland Chinese
// publications set it: a full-width punctuation mark fills one em, its glyph in one half and a blank in the
// other, and the blank halves are what the setter may take away (标点挤压) before anything is spread.

// openingMarks have their blank half on the left (the glyph leans on what follows); closingMarks, the pause and
// stop marks of GB/T 15834 among them, on the right.
const (
	openingMarks = "（《「『“‘〔【〈〖［｛"
	closingMarks = "）》」』”’〕】〉〗］｝。，、；：？！"
)

// blankSide says where a mark's blank half lies: -1 left, +1 right, 0 not a mark with a blank half.
func blankSide(r rune) int {
	switch {
	case strings.ContainsRune(openingMarks, r):
		return -1
	case strings.ContainsRune(closingMarks, r):
		return 1
	}
	return 0
}

// halfBlank is the blank half of a full-width mark as widthOf sets it, or 0 when r has none: not such a mark,
// or a font that sets it narrow (as Latin fonts set curly quotes), so that nothing is left to take away.
func halfBlank(r rune, widthOf func(rune) float64) float64 {
	if blankSide(r) == 0 {
		return 0
	}
	w := widthOf(r)
	if w < 0.8*widthOf('中') {
		return 0
	}
	return w / 2
}

// squeeze is how much narrower a and b set side by side are than their widths added (CLREQ 3.1.6.2): two
// adjacent marks that would take 2 em take 1.5, the blank half between them going — the closing mark's blank
// when the first has it on its right (）；, 。”, ，“), else the opening mark's (（《), so that each bracket stays
// close to what it encloses.
func squeeze(a, b rune, widthOf func(rune) float64) float64 {
	if blankSide(a) == 0 || blankSide(b) == 0 {
		return 0
	}
	if blankSide(a) > 0 {
		return halfBlank(a, widthOf)
	}
	if blankSide(b) < 0 {
		return halfBlank(b, widthOf)
	}
	return 0 // （）: no blank stands between them
}

// lineEndTrim is the room a mark at the end of a line gives back: GB/T 15834 5.1.10 sets a full-width mark at
// a line's end half an em wide, its blank half past the end of the line.
func lineEndTrim(r rune, widthOf func(rune) float64) float64 {
	if blankSide(r) > 0 {
		return halfBlank(r, widthOf)
	}
	return 0
}

// setWidth is the width of s set on one line, adjacent marks squeezed.
func setWidth(s string, widthOf func(rune) float64) float64 {
	w, prev := 0.0, rune(-1)
	for _, r := range s {
		w += widthOf(r)
		if prev >= 0 {
			w -= squeeze(prev, r, widthOf)
		}
		prev = r
	}
	return w
}

// setLineLayout is a line as set: each character's rune and the start of its advance from the line's start.
type setLineLayout struct {
	runes []rune
	x     []float64
	end   float64 // where the last character's advance ends
}

// layLine places the characters of s one after the other, adjacent marks squeezed.
func layLine(s string, widthOf func(rune) float64) setLineLayout {
	l := setLineLayout{runes: []rune(s)}
	l.x = make([]float64, len(l.runes))
	x := 0.0
	for i, r := range l.runes {
		if i > 0 {
			x -= squeeze(l.runes[i-1], r, widthOf)
		}
		l.x[i] = x
		x += widthOf(r)
	}
	l.end = x
	return l
}

// The most a justified line is spread at one place, in ems of its size. CLREQ's order of expansion (拉伸处理的
// 优先顺序) lets a word space of Latin text grow by half an em at most; it sets no bound between CJK characters,
// where a quarter em is what still reads as one line of text and not spaced-out letters. A line that would need
// more is set ragged.
const (
	maxSpaceStretch = 0.5
	maxCJKStretch   = 0.25
)

// spreadable says what the gap before character i of a line may take when the line is justified: a word space
// (after a run of spaces) or a gap between two CJK characters. Never inside a Latin word, a number, a
// percentage or a date (2025年12月31日 holds no gap between two CJK characters), between the halves of a ——
// or ……, around the ideographic space of an indent, or between two marks already squeezed.
func spreadable(l setLineLayout, i int, widthOf func(rune) float64) (space, cjk bool) {
	a, b := l.runes[i-1], l.runes[i]
	if unicode.IsSpace(a) && a != '\u3000' {
		return !unicode.IsSpace(b), false
	}
	if !isCJK(a) || !isCJK(b) || a == '\u3000' || b == '\u3000' || unicode.IsSpace(b) {
		return false, false
	}
	if a == b && (a == '—' || a == '…') {
		return false, false
	}
	return false, squeeze(a, b, widthOf) == 0
}

// justifyLine spreads a line to width: first its word spaces, up to maxSpaceStretch each, then its gaps
// between CJK characters, equally, up to maxCJKStretch each. It reports false, leaving l as it was, when the
// line has nowhere to spread or would need more than that: such a line is set ragged. A mark at the line's
// end stands in the last half em (lineEndTrim).
func justifyLine(l *setLineLayout, width, em float64, widthOf func(rune) float64) bool {
	n := len(l.runes)
	for n > 0 && unicode.IsSpace(l.runes[n-1]) && l.runes[n-1] != '\u3000' {
		n-- // spaces at the line's end hang past it
	}
	if n < 2 {
		return false
	}
	slack := width - (l.x[n-1] + widthOf(l.runes[n-1]) - lineEndTrim(l.runes[n-1], widthOf))
	if slack <= 1e-6 {
		return slack > -1e-6 // already full; a forced line wider than the area is left alone
	}
	spaces, gaps := 0, 0
	kind := make([]int, n) // 1 word space, 2 CJK gap, before character i
	for i := 1; i < n; i++ {
		switch s, c := spreadable(*l, i, widthOf); {
		case s:
			kind[i], spaces = 1, spaces+1
		case c:
			kind[i], gaps = 2, gaps+1
		}
	}
	perSpace := min(slack/max(float64(spaces), 1), maxSpaceStretch*em)
	rest := slack - perSpace*float64(spaces)
	perGap := 0.0
	if rest > 1e-6 {
		if gaps == 0 || rest/float64(gaps) > maxCJKStretch*em {
			return false
		}
		perGap = rest / float64(gaps)
	}
	shift := 0.0
	for i := 1; i < len(l.runes); i++ {
		if i < n {
			shift += [3]float64{0, perSpace, perGap}[kind[i]]
		}
		l.x[i] += shift
	}
	l.end += shift
	return true
}
