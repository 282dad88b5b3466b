package reports

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"scitech/assets"

	"scitech/data/datatest"
)

// everySampleBriefPDF writes the sample brief of every kind in lang with the bundled fonts and returns the
// files by kind. The sample data set is loaded once.
func everySampleBriefPDF(t *testing.T, lang string) map[string]string {
	t.Helper()
	return sharedPDFs(t, "every-"+lang, func(t *testing.T) map[string]string { return writeEverySampleBrief(t, lang) })
}

func writeEverySampleBrief(t *testing.T, lang string) map[string]string {
	t.Helper()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	paths := map[string]string{}
	for _, k := range BriefKinds {
		b, err := k.Load(ctx, s, 2025, lang, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), defaultFonts(t))
		require.NoError(t, err, k.Name)
		paths[k.Name] = writeTempPDF(t, k.Name+"-"+lang+".pdf", b.WritePDF)
	}
	require.Len(t, paths, len(BriefKinds))
	return paths
}

// htmlRun is a run of text as poppler's pdftohtml reads it: its text, and the family and size (in points, at
// zoom 1) of the font that sets it.
type htmlRun struct {
	family string
	size   int
	text   string
}

// pdfFontRuns reads every text run of a PDF with the font poppler says sets it. The family keeps the subset
// tag off ("ABCDEF+FandolFang" becomes "FandolFang").
func pdfFontRuns(t *testing.T, path string) []htmlRun {
	t.Helper()
	needTool(t, "pdftohtml")
	out, err := exec.Command("pdftohtml", "-xml", "-i", "-q", "-zoom", "1", "-stdout", path).Output()
	require.NoError(t, err)
	var doc struct {
		Pages []struct {
			Fonts []struct {
				ID     string `xml:"id,attr"`
				Size   int    `xml:"size,attr"`
				Family string `xml:"family,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Font string `xml:"font,attr"`
				Text string `xml:",innerxml"`
			} `xml:"text"`
		} `xml:"page"`
	}
	// The DOCTYPE names a DTD that is not there; the decoder does not fetch it.
	require.NoError(t, xml.Unmarshal(out, &doc))
	type spec struct {
		family string
		size   int
	}
	fonts := map[string]spec{} // font ids run on across pages
	var runs []htmlRun
	for _, p := range doc.Pages {
		for _, f := range p.Fonts {
			family := f.Family
			if _, after, ok := strings.Cut(family, "+"); ok {
				family = after
			}
			fonts[f.ID] = spec{family, f.Size}
		}
		for _, x := range p.Texts {
			f, ok := fonts[x.Font]
			require.True(t, ok, "font %s is described", x.Font)
			runs = append(runs, htmlRun{f.family, f.size, stripTags(x.Text)})
		}
	}
	require.NotEmpty(t, runs)
	return runs
}

var xmlTag = regexp.MustCompile(`<[^>]*>`)

func stripTags(s string) string { return xmlTag.ReplaceAllString(s, "") }

// bodyFaceOf returns the face that sets most characters at the body's size, and how many each face set.
func bodyFaceOf(runs []htmlRun) (string, map[string]int) {
	count := map[string]int{}
	for _, r := range runs {
		if r.size != int(bodyPt) {
			continue
		}
		for _, c := range r.text {
			if !unicode.IsSpace(c) {
				count[r.family]++
			}
		}
	}
	best := ""
	for family, n := range count {
		if best == "" || n > count[best] {
			best = family
		}
	}
	return best, count
}

// GB/T 9704 sets the body in 仿宋: on a machine without simfang.ttf, the bundled FangSong, Latin letters and
// digits included, so in English briefs too.
func TestEveryKindSetsItsBodyInFangSong(t *testing.T) {
	t.Parallel()
	needTool(t, "pdffonts")
	fang := defaultFonts(t).Primary(RoleBody).PostScriptName
	require.Contains(t, fang, "Fang", "the bundled body face is a FangSong")
	for _, lang := range assets.Languages {
		for kind, path := range everySampleBriefPDF(t, lang) {
			out, err := exec.Command("pdffonts", path).Output()
			require.NoError(t, err)
			assert.Contains(t, string(out), "+"+fang+" ", "%s %s: pdffonts names the FangSong face:\n%s", kind, lang, out)
			face, count := bodyFaceOf(pdfFontRuns(t, path))
			assert.Contains(t, face, "Fang", "%s %s: the body is set in FangSong; characters at %g pt by face: %v",
				kind, lang, bodyPt, count)
		}
	}
}

// A typewriter face gives every Latin letter, digit and mark one advance; a brief's Latin text (English briefs,
// numbers, names) must come from proportional faces. The /W array of each font lists the characters the brief
// sets in it, so each face is judged by what it set: the narrowest and widest of its ASCII characters (digits
// alone do not count: proportional faces give them one width too) must differ.
func TestNoBriefSetsTextInAMonospaceFace(t *testing.T) {
	t.Parallel()
	for _, lang := range assets.Languages {
		for kind, path := range everySampleBriefPDF(t, lang) {
			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			fonts := cidFontWidths(t, raw)
			require.NotEmpty(t, fonts, "%s %s", kind, lang)
			judged := 0
			for name, w := range fonts {
				narrow, wide, others := 0, 0, false
				for c, width := range w {
					if c <= ' ' || c > '~' {
						continue
					}
					others = others || !unicode.IsDigit(c)
					if narrow == 0 || width < narrow {
						narrow = width
					}
					wide = max(wide, width)
				}
				if !others || narrow == 0 {
					continue
				}
				judged++
				assert.Less(t, narrow, wide, "%s %s: %s sets every ASCII character at one width: %v", kind, lang, name, w)
			}
			assert.Positive(t, judged, "%s %s sets Latin text in some face", kind, lang)
		}
	}
}

var (
	cidFontObject = regexp.MustCompile(`(?s)/Subtype /CIDFontType2\s*/BaseFont /(\S+).*?/W \[(.*?)\]\s*\n?/`)
	pdfNumber     = regexp.MustCompile(`\[|\]|\d+`)
)

// cidFontWidths reads, for each TrueType font of a PDF written by gofpdf, the advance widths its /W array gives
// the characters (gofpdf's CIDs are the characters' code points).
func cidFontWidths(t *testing.T, pdf []byte) map[string]map[rune]int {
	t.Helper()
	fonts := map[string]map[rune]int{}
	for _, m := range cidFontObject.FindAllSubmatch(pdf, -1) {
		fonts[string(m[1])] = parseWidths(t, string(m[2]))
	}
	return fonts
}

// parseWidths reads a /W array: "c [w1 w2 …]" gives c, c+1, … their widths; "c1 c2 w" gives c1 to c2 the one.
func parseWidths(t *testing.T, arr string) map[rune]int {
	t.Helper()
	w := map[rune]int{}
	tokens := pdfNumber.FindAllString(arr, -1)
	for i := 0; i < len(tokens); {
		first, err := strconv.Atoi(tokens[i])
		require.NoError(t, err, "a /W entry starts with a CID: %q", tokens[i])
		require.Less(t, i+1, len(tokens))
		if tokens[i+1] == "[" {
			i += 2
			for c := first; tokens[i] != "]"; c, i = c+1, i+1 {
				w[rune(c)], _ = strconv.Atoi(tokens[i])
			}
			i++
			continue
		}
		require.Less(t, i+2, len(tokens))
		last, _ := strconv.Atoi(tokens[i+1])
		width, _ := strconv.Atoi(tokens[i+2])
		for c := first; c <= last; c++ {
			w[rune(c)] = width
		}
		i += 3
	}
	return w
}

func TestParseWidthsReadsBothForms(t *testing.T) {
	t.Parallel()
	w := parseWidths(t, " 1 3 333 105 [ 283 311 ]\n 109 [ 839 ] ")
	assert.Equal(t, map[rune]int{1: 333, 2: 333, 3: 333, 'i': 283, 'j': 311, 'm': 839}, w)
}

// gb2312Hanzi lists the 6,763 hanzi of GB 2312 (rows 16 to 87 of its table).
func gb2312Hanzi(t *testing.T) []rune {
	t.Helper()
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			require.NoError(t, err)
			if r := []rune(string(s)); len(r) == 1 && unicode.Is(unicode.Han, r[0]) {
				out = append(out, r[0])
			}
		}
	}
	require.Len(t, out, 6763)
	return out
}

// tools/fontbuild cuts the faces to GB 2312: each must still hold all of it, and the CJK punctuation and the
// full-width forms a brief sets.
func TestBundledBriefFacesHoldGB2312(t *testing.T) {
	t.Parallel()
	hanzi := gb2312Hanzi(t)
	for name, data := range map[string][]byte{"fang": assets.FangFont, "song": assets.SongFont, "kai": assets.KaiFont} {
		f, err := NewFont(name, data)
		require.NoError(t, err, name)
		var lacks []rune
		for _, r := range append(hanzi, []rune("，。、；：？！（）《》“”‘’—…·〓％．０１２３ＡＢ")...) {
			if !f.Has(r) {
				lacks = append(lacks, r)
			}
		}
		assert.Empty(t, string(lacks), "%s lacks these", name)
	}
}

// A name's character outside GB 2312 is set from Micro Hei, not reported; one that no bundled face has is
// still reported before printing.
func TestACharacterOutsideTheCutFallsBackOrIsReported(t *testing.T) {
	t.Parallel()
	fs := defaultFonts(t)
	fang, hei := fs.Primary(RoleBody), fs.Primary(RoleHeading)
	for _, r := range "堃喆" {
		require.False(t, fang.Has(r), "%q lies outside the cut", r)
		assert.Same(t, hei, fs.fontFor(RoleBody, r), "%q comes from Micro Hei", r)
	}
	assert.Empty(t, fs.Missing("王堃、李喆"))
	assert.Equal(t, []rune{0x9FEF}, fs.Missing("王\u9FEF"), "U+9FEF (Unicode 11) is in no bundled face")
}

// typewriterCopy returns a copy of a TrueType font whose ASCII characters all advance half an em, as in
// Windows' simfang.ttf, and whose PostScript name is rename (as long as the old one, so no offset moves).
func typewriterCopy(t *testing.T, font []byte, rename string) []byte {
	t.Helper()
	out := append([]byte(nil), font...)
	f, err := parseSFNT(out)
	require.NoError(t, err)
	fmt4, _, err := findSubtables(f.tables["cmap"])
	require.NoError(t, err)
	n := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	half := binary.BigEndian.Uint16(f.tables["head"][18:]) / 2 // unitsPerEm / 2
	for c := ' '; c <= '~'; c++ {
		if g := glyphIndex(fmt4, int(c)); g != 0 && g < n {
			binary.BigEndian.PutUint16(f.tables["hmtx"][4*g:], half) // f's tables are slices of out
		}
	}
	old := asUTF16BE(postScriptName(font))
	require.Len(t, rename, len(old)/2)
	require.True(t, bytes.Contains(f.tables["name"], old))
	copy(f.tables["name"], bytes.ReplaceAll(f.tables["name"], old, asUTF16BE(rename)))
	return out
}

// asUTF16BE encodes an ASCII name as the Windows records of a name table hold it.
func asUTF16BE(s string) []byte {
	var b []byte
	for _, c := range s {
		b = append(b, byte(c>>8), byte(c))
	}
	return b
}

func TestFixedPitchLatinIsFound(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{"fang": assets.FangFont, "song": assets.SongFont, "kai": assets.KaiFont,
		"hei": assets.UIFont} {
		assert.False(t, fixedPitchLatin(data), "%s is proportional", name)
	}
	mono := typewriterCopy(t, assets.FangFont, "TypewriterFang-Abc")
	assert.True(t, fixedPitchLatin(mono))
	f, err := NewFont("mono", mono)
	require.NoError(t, err)
	assert.Equal(t, "TypewriterFang-Abc", f.PostScriptName)
	assert.False(t, fixedPitchLatin([]byte("not a font")))
}

// On Windows the body is simfang.ttf, whose Latin is a typewriter's: the letters, digits and marks of the body
// come from the bundled FangSong's proportional serif, the hanzi from simfang.
func TestATypewriterBodyFontTakesItsLatinFromAProportionalFace(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "simfang.ttf"),
		typewriterCopy(t, assets.FangFont, "TypewriterFang-Abc"), 0o644))
	withSystemFonts(t, dir)
	fs, err := ResolveFonts(nil)
	require.NoError(t, err)
	simfang := fs.Primary(RoleBody)
	require.Equal(t, filepath.Join(dir, "simfang.ttf"), simfang.Name)
	assert.Same(t, simfang, fs.fontFor(RoleBody, '中'), "hanzi from the Windows font")
	for _, r := range "Am9.% " {
		f := fs.fontFor(RoleBody, r)
		assert.Equal(t, "bundled:FandolFang-Regular.ttf", f.Name, "%q from the proportional FangSong", r)
	}

	b := sampleWorkBrief(t, "en")
	b.Fonts = fs
	var latin, hanzi int
	for _, r := range pdfFontRuns(t, writeWorkPDF(t, b)) {
		if r.family != "TypewriterFang-Abc" {
			continue
		}
		for _, c := range r.text {
			switch {
			case unicode.Is(unicode.Han, c):
				hanzi++
			case c > ' ' && c <= '~':
				latin++
			}
		}
	}
	assert.Positive(t, hanzi, "the English brief's Chinese names are set in the Windows FangSong")
	assert.Zero(t, latin, "no Latin character is set in the typewriter face")
}
