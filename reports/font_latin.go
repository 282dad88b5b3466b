package reports

import "encoding/binary"

// Windows' Chinese fonts (simfang, simhei, simkai, simsun) give every ASCII character one half-em advance: Latin
// text set in them looks typed. A role whose own font is such a face takes its ASCII characters from the next
// font of the role that is proportional — for the body, the bundled FandolFang's serif — so that an English
// brief, or a figure in a Chinese one, never reads like a typewriter's.

// isLatin reports whether r is an ASCII character a brief prints: letters, digits, marks and the space between
// Latin words, which must come from the same face as the words.
func isLatin(r rune) bool { return r >= ' ' && r <= '~' }

// fixedPitchLatin reports whether a TrueType font gives i and m the same advance: a typewriter face. A font that
// lacks either, or whose tables cannot be read, counts as proportional, so that nothing is taken from it.
func fixedPitchLatin(data []byte) bool {
	f, err := parseSFNT(data)
	if err != nil {
		return false
	}
	fmt4, _, err := findSubtables(f.tables["cmap"])
	if err != nil || fmt4 == nil {
		return false
	}
	i, m := glyphIndex(fmt4, 'i'), glyphIndex(fmt4, 'm')
	if i == 0 || m == 0 {
		return false
	}
	wi, ok1 := advance(f, i)
	wm, ok2 := advance(f, m)
	return ok1 && ok2 && wi == wm
}

// glyphIndex looks one character up in a format 4 character map; 0 (the missing glyph) when it is not there
// or the table is damaged.
func glyphIndex(sub []byte, ch int) int {
	if len(sub) < 14 {
		return 0
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if 16+8*segs > len(sub) {
		return 0
	}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(sub[off:])) }
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for i := 0; i < segs; i++ {
		start, end := u16(starts+2*i), u16(ends+2*i)
		if ch < start || ch > end {
			continue
		}
		delta, rangeOff := u16(deltas+2*i), u16(ranges+2*i)
		if rangeOff == 0 {
			return (ch + delta) & 0xFFFF
		}
		at := ranges + 2*i + rangeOff + 2*(ch-start)
		if at+2 > len(sub) {
			return 0
		}
		if g := u16(at); g != 0 {
			return (g + delta) & 0xFFFF
		}
		return 0
	}
	return 0
}

// advance reads a glyph's advance width from hmtx; glyphs past the last full metric share its advance.
func advance(f *sfnt, glyph int) (int, bool) {
	hhea, hmtx := f.tables["hhea"], f.tables["hmtx"]
	if len(hhea) < 36 {
		return 0, false
	}
	n := int(binary.BigEndian.Uint16(hhea[34:]))
	if n == 0 || 4*n > len(hmtx) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(hmtx[4*min(glyph, n-1):])), true
}
