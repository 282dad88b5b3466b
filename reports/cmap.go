package reports

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrUnsupportedFont is returned for font files gofpdf cannot embed: collections (.ttc), OpenType fonts with
// CFF outlines (.otf) and anything that is not a TrueType font.
var ErrUnsupportedFont = errors.New("unsupported font")

// errCorruptFont marks a TrueType file whose tables point outside the file or contradict themselves.
var errCorruptFont = errors.New("corrupt TrueType font")

// requiredTables are the tables gofpdf reads when it embeds a font; a font missing one would make it fail
// half-way through a brief, so it is refused up front.
var requiredTables = []string{"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf", "name", "OS/2", "post"}

// coverage is the set of characters a font has a glyph for.
type coverage struct {
	bmp  [0x10000 / 64]uint64 // from the format 4 subtable: the only one gofpdf reads
	supp map[rune]bool        // from the format 12 subtable, above U+FFFF
}

func (c *coverage) setBMP(r rune) { c.bmp[r/64] |= 1 << (uint(r) % 64) }

// has reports whether the font has a glyph for r.
func (c *coverage) has(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return c.bmp[r/64]&(1<<(uint(r)%64)) != 0
	}
	return c.supp[r]
}

// sfnt is a TrueType file split into its tables.
type sfnt struct {
	data   []byte
	tables map[string][]byte
}

// parseSFNT reads the table directory, checking every table lies inside the file.
func parseSFNT(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("%w: file too short", errCorruptFont)
	}
	switch string(data[:4]) {
	case "ttcf":
		return nil, fmt.Errorf("%w: a font collection (.ttc); extract one face to a .ttf first", ErrUnsupportedFont)
	case "OTTO":
		return nil, fmt.Errorf("%w: OpenType with CFF outlines (.otf); a TrueType (.ttf) font is needed", ErrUnsupportedFont)
	case "\x00\x01\x00\x00", "true":
	default:
		return nil, fmt.Errorf("%w: not a TrueType font", ErrUnsupportedFont)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, fmt.Errorf("%w: table directory runs past the end", errCorruptFont)
	}
	f := &sfnt{data: data, tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return nil, fmt.Errorf("%w: table %q runs past the end", errCorruptFont, rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+length]
	}
	for _, t := range requiredTables {
		if _, ok := f.tables[t]; !ok {
			return nil, fmt.Errorf("%w: no %q table (TrueType outlines are needed)", ErrUnsupportedFont, t)
		}
	}
	return f, nil
}

// numGlyphs reads maxp; a glyph id at or above it is not a glyph.
func (f *sfnt) numGlyphs() (int, error) {
	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return 0, fmt.Errorf("%w: maxp too short", errCorruptFont)
	}
	return int(binary.BigEndian.Uint16(maxp[4:])), nil
}

// readCoverage parses a TrueType font far enough to know which characters it can print.
func readCoverage(data []byte) (*coverage, error) {
	f, err := parseSFNT(data)
	if err != nil {
		return nil, err
	}
	glyphs, err := f.numGlyphs()
	if err != nil {
		return nil, err
	}
	fmt4, fmt12, err := findSubtables(f.tables["cmap"])
	if err != nil {
		return nil, err
	}
	if fmt4 == nil {
		// gofpdf maps characters through the format 4 subtable only.
		return nil, fmt.Errorf("%w: no Unicode (format 4) character map", ErrUnsupportedFont)
	}
	c := &coverage{supp: map[rune]bool{}}
	if err := readFormat4(fmt4, glyphs, c); err != nil {
		return nil, err
	}
	if fmt12 != nil {
		if err := readFormat12(fmt12, glyphs, c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// findSubtables picks the Unicode subtables the way gofpdf does: the first format 4 subtable of platform 0 or
// of Windows Unicode BMP (3,1); and a format 12 subtable for characters above U+FFFF.
func findSubtables(cmap []byte) (fmt4, fmt12 []byte, err error) {
	if len(cmap) < 4 {
		return nil, nil, fmt.Errorf("%w: cmap too short", errCorruptFont)
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if 4+8*n > len(cmap) {
		return nil, nil, fmt.Errorf("%w: cmap directory runs past the end", errCorruptFont)
	}
	for i := 0; i < n; i++ {
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := uint64(binary.BigEndian.Uint32(rec[4:]))
		if off+2 > uint64(len(cmap)) {
			return nil, nil, fmt.Errorf("%w: cmap subtable outside the table", errCorruptFont)
		}
		sub := cmap[off:]
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		switch format := binary.BigEndian.Uint16(sub); {
		case !unicode:
		case format == 4 && fmt4 == nil:
			fmt4 = sub
		case format == 12 && fmt12 == nil:
			fmt12 = sub
		}
	}
	return fmt4, fmt12, nil
}

// readFormat4 marks the characters of a segment-mapped subtable that lead to a real glyph.
func readFormat4(sub []byte, glyphs int, c *coverage) error {
	if len(sub) < 14 {
		return fmt.Errorf("%w: format 4 subtable too short", errCorruptFont)
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if 16+8*segs > len(sub) {
		return fmt.Errorf("%w: format 4 segments run past the end", errCorruptFont)
	}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(sub[off:])) }
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	next := 0 // segments are sorted; clipping each to start after the last keeps the work bounded
	for i := 0; i < segs; i++ {
		start, end := max(u16(starts+2*i), next), u16(ends+2*i)
		delta, rangeOff := u16(deltas+2*i), u16(ranges+2*i)
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			g := (ch + delta) & 0xFFFF
			if rangeOff != 0 {
				at := ranges + 2*i + rangeOff + 2*(ch-u16(starts+2*i))
				if at+2 > len(sub) {
					return fmt.Errorf("%w: format 4 glyph index outside the table", errCorruptFont)
				}
				if g = u16(at); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 && g < glyphs {
				c.setBMP(rune(ch))
			}
		}
		next = max(next, end+1)
	}
	return nil
}

// readFormat12 marks the characters above U+FFFF of a segmented-coverage subtable.
func readFormat12(sub []byte, glyphs int, c *coverage) error {
	if len(sub) < 16 {
		return fmt.Errorf("%w: format 12 subtable too short", errCorruptFont)
	}
	n := uint64(binary.BigEndian.Uint32(sub[12:]))
	if 16+12*n > uint64(len(sub)) {
		return fmt.Errorf("%w: format 12 groups run past the end", errCorruptFont)
	}
	next := uint32(0x10000)
	for i := 0; i < int(n); i++ {
		g := sub[16+12*i:]
		start, end, glyph := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
		start = max(start, next)
		for ch := start; ch <= end && ch <= 0x10FFFF; ch++ {
			if id := uint64(glyph) + uint64(ch-binary.BigEndian.Uint32(g)); id != 0 && id < uint64(glyphs) {
				c.supp[rune(ch)] = true
			}
		}
		next = max(next, min(end, 0x10FFFF)+1)
	}
	return nil
}
