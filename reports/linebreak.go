package reports

import (
	"strings"
	"unicode"
)

// noLineStart are characters Chinese typesetting never puts at the start of a line (行首禁则).
const noLineStart = "。，、；：？！）》」』”’〕】〉％…·,.;:?!)]}%"

// noLineEnd are characters it never leaves at the end of a line (行尾禁则).
const noLineEnd = "（《「『“‘〔【〈([{"

// isCJK reports whether r is set one character at a time, so that a line may break before and after it.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation
		(r >= 0xFF00 && r <= 0xFFEF) || // full-width forms
		(r >= 0x2010 && r <= 0x206F) // general punctuation: dashes, quotes, ellipsis
}

// lineUnits cuts text into the smallest pieces a line may break between: one CJK character, a run of spaces,
// or a word (any run of other characters, so that Latin words, numbers such as "47.45" and "9.1%" stay whole).
// Pieces that may not be separated are then glued: a piece starting with a noLineStart character joins the one
// before it, and a piece ending with a noLineEnd character joins the one after it.
func lineUnits(text string) []string {
	var units []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			units = append(units, word.String())
			word.Reset()
		}
	}
	prevSpace := false
	for _, r := range text {
		switch space := unicode.IsSpace(r); {
		case isCJK(r) && !space:
			flush()
			units = append(units, string(r))
		case space != prevSpace:
			flush()
			word.WriteRune(r)
		default:
			word.WriteRune(r)
		}
		prevSpace = unicode.IsSpace(r)
	}
	flush()
	return glueUnits(units)
}

// glueUnits joins units that the line-breaking rules keep together. A straight quote (" or ') is closing
// when it follows a character without a space between, so that it stays with that character (行首禁则 for a
// closing quote), and opening otherwise, so that it goes with what it opens (行尾禁则): English text quotes
// Chinese names with them ("万名院士助创行动").
func glueUnits(units []string) []string {
	var out []string
	joinNext := false
	for _, u := range units {
		r := []rune(u)
		afterText := len(out) > 0 && !unicode.IsSpace([]rune(out[len(out)-1])[len([]rune(out[len(out)-1]))-1])
		closingQuote := straightQuote(r[0]) && afterText
		if len(out) > 0 && (joinNext || strings.ContainsRune(noLineStart, r[0]) || closingQuote || halfOfPair(out[len(out)-1], r[0])) {
			out[len(out)-1] += u
		} else {
			out = append(out, u)
		}
		last := r[len(r)-1]
		joinNext = strings.ContainsRune(noLineEnd, last) || straightQuote(last) && len(r) == 1 && !closingQuote
	}
	return out
}

func straightQuote(r rune) bool { return r == '"' || r == '\'' }

// halfOfPair reports whether r continues a —— or …… that ends prev: the two halves of a dash or an ellipsis
// are never parted by a line break (CLREQ 3.1.5, 分隔禁则).
func halfOfPair(prev string, r rune) bool {
	p := []rune(prev)
	return (r == '—' || r == '…') && p[len(p)-1] == r
}

// breakLines splits one paragraph into lines no wider than width, measuring each character with widthOf and
// setting adjacent punctuation squeezed, as the lines will be set (typeset.go). A mark ending a line counts
// half an em (GB/T 15834 5.1.10), so that a comma may still close a full line rather than take the last
// character down with it. Every character is kept: joining the lines gives the text back. Spaces where a line
// breaks stay at the end of the line before and do not count towards its width. A piece wider than a whole
// line (a very long word) is cut between characters rather than let run into the margin.
func breakLines(text string, width float64, widthOf func(rune) float64) []string {
	var lines []string
	var line strings.Builder
	used, last := 0.0, rune(-1)
	for _, u := range lineUnits(text) {
		w := setWidth(u, widthOf)
		first, end := []rune(u)[0], []rune(u)[len([]rune(u))-1]
		if last >= 0 {
			w -= squeeze(last, first, widthOf)
		}
		if strings.TrimSpace(u) == "" {
			line.WriteString(u) // hangs past the margin if need be
			used += w
			last = end
			continue
		}
		if used+w-lineEndTrim(end, widthOf) > width+1e-9 && line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
			used, w = 0, setWidth(u, widthOf)
		}
		last = end
		if w-lineEndTrim(end, widthOf) > width+1e-9 {
			var parts []string
			parts, used = cutWord(u, width, widthOf)
			lines = append(lines, parts[:len(parts)-1]...)
			line.WriteString(parts[len(parts)-1])
			continue
		}
		line.WriteString(u)
		used += w
	}
	if line.Len() > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return noOrphan(lines, width, widthOf)
}

// noOrphan keeps a paragraph from ending on a line of one character (孤字: one CJK character, with the marks that
// follow it, as 米。), which CLREQ 3.4.4 says does not make a line: the last piece of the line before goes down
// with it, and that line, one character shorter, is spread when justified.
func noOrphan(lines []string, width float64, widthOf func(rune) float64) []string {
	n := len(lines)
	if n < 2 {
		return lines
	}
	last := lineUnits(strings.TrimRightFunc(lines[n-1], unicode.IsSpace))
	if len(last) != 1 || !orphan(last[0]) {
		return lines
	}
	prev := lineUnits(lines[n-2])
	if len(prev) < 3 || strings.TrimSpace(prev[len(prev)-1]) == "" {
		return lines
	}
	moved := prev[len(prev)-1]
	tail := moved + lines[n-1]
	end := []rune(strings.TrimRightFunc(tail, unicode.IsSpace))
	if setWidth(string(end), widthOf)-lineEndTrim(end[len(end)-1], widthOf) > width {
		return lines
	}
	out := append([]string(nil), lines[:n-2]...)
	return append(out, strings.Join(prev[:len(prev)-1], ""), tail)
}

// orphan reports whether a line's one piece is a lone character: a CJK character, not a mark, and nothing after
// it but marks.
func orphan(u string) bool {
	r := []rune(u)
	if !isCJK(r[0]) || blankSide(r[0]) != 0 || strings.ContainsRune(noLineStart, r[0]) || unicode.IsSpace(r[0]) {
		return false
	}
	for _, m := range r[1:] {
		if !strings.ContainsRune(noLineStart, m) && blankSide(m) == 0 {
			return false
		}
	}
	return true
}

func unitWidth(u string, widthOf func(rune) float64) float64 {
	w := 0.0
	for _, r := range u {
		w += widthOf(r)
	}
	return w
}

// cutWord cuts a piece too wide for a line into lines of whole characters; it returns the pieces and the
// width of the last, which the next pieces continue.
func cutWord(u string, width float64, widthOf func(rune) float64) ([]string, float64) {
	var parts []string
	var line []rune
	used := 0.0
	for _, r := range u {
		w := widthOf(r)
		if used+w > width && len(line) > 0 {
			cut := len(line)
			// Take the last character down too rather than start a line with "." or ")".
			if strings.ContainsRune(noLineStart, r) && cut > 1 {
				cut--
			}
			parts = append(parts, string(line[:cut]))
			line = append([]rune(nil), line[cut:]...)
			used = unitWidth(string(line), widthOf)
		}
		line = append(line, r)
		used += w
	}
	return append(parts, string(line)), used
}
