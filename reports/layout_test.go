package reports

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfRun is one piece of text as the PDF's own content stream places it: the page (from 1), the start of its
// baseline in millimetres from the top-left corner of the page, the font size in points and the text.
type pdfRun struct {
	page       int
	x, y, size float64
	text       string
}

var (
	pdfObject   = regexp.MustCompile(`(?m)^(\d+) 0 obj\s*`)
	pdfContents = regexp.MustCompile(`/Contents (\d+) 0 R`)
	pdfLength   = regexp.MustCompile(`/Length (\d+)`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]`)
)

// pdfPageRuns reads the text runs of every page of a PDF written by gofpdf, straight from its content
// streams: the size comes from the Tf before the run and the place from its Td. It also returns the page
// size in millimetres.
func pdfPageRuns(t *testing.T, path string) (pages [][]pdfRun, width, height float64) {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	m := pdfMediaBox.FindSubmatch(raw)
	require.NotNil(t, m, "the PDF states its page size")
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	width, height = w*mmPerPt, h*mmPerPt
	objects := map[string][]byte{} // object number → what follows "N 0 obj"
	locs := pdfObject.FindAllSubmatchIndex(raw, -1)
	for i, l := range locs {
		end := len(raw)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		objects[string(raw[l[2]:l[3]])] = raw[l[1]:end]
	}
	for i, c := range pdfContents.FindAllSubmatch(raw, -1) {
		obj := objects[string(c[1])]
		require.NotNil(t, obj, "page %d's content object", i+1)
		content := streamOf(t, obj)
		pages = append(pages, contentRuns(t, i+1, content, h))
	}
	require.NotEmpty(t, pages)
	return pages, width, height
}

// streamOf returns the decoded stream of an object.
func streamOf(t *testing.T, obj []byte) []byte {
	t.Helper()
	l := pdfLength.FindSubmatch(obj)
	require.NotNil(t, l)
	n, _ := strconv.Atoi(string(l[1]))
	start := bytes.Index(obj, []byte("stream\n"))
	require.GreaterOrEqual(t, start, 0)
	body := obj[start+len("stream\n") : start+len("stream\n")+n]
	if !bytes.Contains(obj[:start], []byte("/FlateDecode")) {
		return body
	}
	r, err := zlib.NewReader(bytes.NewReader(body))
	require.NoError(t, err)
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return out
}

// contentRuns tokenises a content stream just far enough to follow Tf, Td and Tj. pageHeight is in points.
func contentRuns(t *testing.T, page int, content []byte, pageHeight float64) []pdfRun {
	t.Helper()
	var runs []pdfRun
	var stack []string
	size, x, y := 0.0, 0.0, 0.0
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, "page %d: operand %q", page, s)
		return v
	}
	for i := 0; i < len(content); {
		c := content[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '(':
			var s []byte
			i++
			for depth := 1; i < len(content); i++ {
				b := content[i]
				if b == '\\' && i+1 < len(content) {
					i++
					switch content[i] {
					case 'r':
						s = append(s, '\r')
					case 'n':
						s = append(s, '\n')
					default:
						s = append(s, content[i])
					}
					continue
				}
				if b == '(' {
					depth++
				} else if b == ')' {
					if depth--; depth == 0 {
						i++
						break
					}
				}
				s = append(s, b)
			}
			stack = append(stack, "("+string(s))
		default:
			j := i
			for j < len(content) && !strings.ContainsRune(" \n\r\t(", rune(content[j])) {
				j++
			}
			tok := string(content[i:j])
			i = j
			switch tok {
			case "Tf":
				size = num(stack[len(stack)-1])
			case "Td":
				x, y = num(stack[len(stack)-2]), num(stack[len(stack)-1])
			case "Tj":
				runs = append(runs, pdfRun{page: page, x: x * mmPerPt, y: (pageHeight - y) * mmPerPt, size: size,
					text: utf16BE(stack[len(stack)-1][1:])})
			}
			if len(tok) > 0 && (tok[0] >= 'A' && tok[0] <= 'Z' || tok[0] >= 'a' && tok[0] <= 'z' || tok[0] == '\'' || tok[0] == '"') {
				stack = stack[:0] // an operator consumes its operands
			} else {
				stack = append(stack, tok)
			}
		}
	}
	return runs
}

// utf16BE decodes the big-endian UTF-16 gofpdf writes for a UTF-8 font.
func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// bboxWord is a word as pdftotext -bbox sees it, in millimetres from the top-left corner.
type bboxWord struct {
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	bboxPage  = regexp.MustCompile(`<page width="[\d.]+" height="[\d.]+">`)
	bboxWord_ = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// bboxPages reads every word's box, page by page, with pdftotext -bbox.
func bboxPages(t *testing.T, path string) [][]bboxWord {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	require.NoError(t, err)
	parts := bboxPage.Split(string(out), -1)[1:]
	pages := make([][]bboxWord, len(parts))
	for i, p := range parts {
		for _, m := range bboxWord_.FindAllStringSubmatch(p, -1) {
			var f [4]float64
			for k := range f {
				v, _ := strconv.ParseFloat(m[k+1], 64)
				f[k] = v * mmPerPt
			}
			pages[i] = append(pages[i], bboxWord{f[0], f[1], f[2], f[3], m[5]})
		}
	}
	return pages
}

// sharedBriefs are the sample briefs several tests read, each set written once per test binary (sharedPDFs):
// seven tests that read every kind in both languages wrote the same ten briefs again, most of the package's
// time under make test's race detector. The tests only read them.
var sharedBriefs struct {
	sync.Mutex
	paths map[string]map[string]string // set → brief → file in briefsDir
}

// sharedPDFs gives the files of a set of briefs, written by write the first time the set is asked for and
// copied into briefsDir, where they outlive the test that wrote them.
func sharedPDFs(t *testing.T, set string, write func(t *testing.T) map[string]string) map[string]string {
	t.Helper()
	sharedBriefs.Lock()
	defer sharedBriefs.Unlock()
	if p, ok := sharedBriefs.paths[set]; ok {
		return p
	}
	out := map[string]string{}
	for name, path := range write(t) {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		kept := filepath.Join(briefsDir, fmt.Sprintf("%s-%d.pdf", set, len(out)))
		require.NoError(t, os.WriteFile(kept, b, 0o644))
		out[name] = kept
	}
	if sharedBriefs.paths == nil {
		sharedBriefs.paths = map[string]map[string]string{}
	}
	sharedBriefs.paths[set] = out
	return out
}

// layoutBriefs are every brief kind in both languages from the sample data set, and a long table.
func layoutBriefs(t *testing.T) map[string]string {
	t.Helper()
	return sharedPDFs(t, "layout", writeLayoutBriefs)
}

func writeLayoutBriefs(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, lang := range []string{"zh", "en"} {
		out["output "+lang] = writePDF(t, chartBrief(t, lang))
		out["work "+lang] = writeWorkPDF(t, sampleWorkBrief(t, lang))
		out["patents "+lang] = writePatentPDF(t, samplePatentBrief(t, lang))
		out["incubators "+lang] = writeIncubatorPDF(t, sampleIncubatorBrief(t, lang))
		out["cooperation "+lang] = writeCoopPDF(t, sampleCoopBrief(t, lang))
	}
	out["long table"] = longTableDoc(t, 60)
	return out
}

// TestBriefLayoutMeasured measures every page of every brief kind, in both languages, against GB/T 9704-2012:
// the page is A4; every piece of text starts inside the text area (156 × 225 mm, 28 mm from the left and 37 mm
// from the top); paragraphs are set in 16 pt on the grid of 22 lines; the title is 22 pt; and the page number
// "— N —" is 14 pt, its top 7 mm below the text area, one character in from the right on odd pages and from the
// left on even ones. Places are read from the PDF's own content (Td, Tf) and, for the right ends of words,
// from pdftotext -bbox; they must agree within 1 mm and 0.5 pt.
func TestBriefLayoutMeasured(t *testing.T) {
	t.Parallel()
	const mm, pt = 1.0, 0.5
	firstLine := baseline(marginTop, linePitch, bodyPt) // the baseline of the grid's first line
	oneChar := pageNoPt * mmPerPt
	for name, path := range layoutBriefs(t) {
		pages, w, h := pdfPageRuns(t, path)
		boxes := bboxPages(t, path)
		require.Len(t, boxes, len(pages), name)
		assert.InDelta(t, 210, w, mm, "%s: A4 width", name)
		assert.InDelta(t, 297, h, mm, "%s: A4 height", name)
		paragraphs, titles := 0, 0
		for p, runs := range pages {
			where := fmt.Sprintf("%s, page %d", name, p+1)
			var number strings.Builder
			var numberRuns []pdfRun
			for _, r := range runs {
				if r.y > textBottom+mm {
					number.WriteString(r.text)
					numberRuns = append(numberRuns, r)
					continue
				}
				assert.GreaterOrEqual(t, r.x, marginLeft-mm, "%s: %q starts left of the text area", where, r.text)
				assert.LessOrEqual(t, r.x, marginLeft+textWidth, "%s: %q starts right of the text area", where, r.text)
				assert.GreaterOrEqual(t, r.y, marginTop, "%s: %q lies above the text area", where, r.text)
				if strings.HasPrefix(r.text, "\u3000\u3000") {
					// The first line of a paragraph or a heading, indented two characters.
					paragraphs++
					assert.InDelta(t, bodyPt, r.size, pt, "%s: %q is set in 16 pt", where, r.text)
					line := (r.y - firstLine) / linePitch
					assert.InDelta(t, math.Round(line), line, 0.1/linePitch, "%s: %q sits on the line grid", where, r.text)
					assert.Less(t, math.Round(line), float64(gridLines), "%s: %q is within the 22 lines", where, r.text)
				}
				if math.Abs(r.size-titlePt) <= pt {
					titles++
				}
				if r.size > bodyPt+pt && math.Abs(r.size-titlePt) > pt {
					assert.Zero(t, p, "%s: %q (%.1f pt): only the red header's name may be larger than the title", where, r.text, r.size)
				}
			}
			// The page number, from the content stream (text and size) and from pdftotext (its box).
			assert.Equal(t, "— "+strconv.Itoa(p+1)+" —", strings.TrimSpace(number.String()), "%s: page number", where)
			for _, r := range numberRuns {
				assert.InDelta(t, pageNoPt, r.size, pt, "%s: the page number is 14 pt", where)
			}
			var left, right, top = math.Inf(1), math.Inf(-1), math.Inf(1)
			for _, b := range boxes[p] {
				if b.yMin > textBottom+mm {
					left, right, top = math.Min(left, b.xMin), math.Max(right, b.xMax), math.Min(top, b.yMin)
					continue
				}
				// Every other word lies wholly in the text area, but for the blank half of a mark ending a line
				// (GB/T 15834 5.1.10 sets it half an em wide: its glyph ends at the edge, its blank half past it).
				hang := 0.0
				if r := []rune(b.text); len(r) > 0 && blankSide(r[len(r)-1]) > 0 {
					hang = (b.yMax - b.yMin) / 2
				}
				assert.True(t, b.xMin >= marginLeft-mm && b.xMax <= marginLeft+textWidth+hang+mm,
					"%s: %q lies across the side of the text area (%.1f–%.1f mm)", where, b.text, b.xMin, b.xMax)
				assert.True(t, b.yMin >= marginTop-mm && b.yMax <= textBottom+mm,
					"%s: %q lies across the top or bottom of the text area (%.1f–%.1f mm)", where, b.text, b.yMin, b.yMax)
			}
			require.False(t, math.IsInf(left, 1), "%s: pdftotext finds the page number", where)
			assert.InDelta(t, textBottom+pageNoGap, top, mm, "%s: the page number's top is 7 mm below the text area", where)
			if (p+1)%2 == 1 {
				assert.InDelta(t, marginLeft+textWidth-oneChar, right, mm, "%s: odd pages: number one character in from the right", where)
			} else {
				assert.InDelta(t, marginLeft+oneChar, left, mm, "%s: even pages: number one character in from the left", where)
			}
		}
		assert.Positive(t, paragraphs, "%s: has paragraphs", name)
		if name != "long table" {
			assert.Positive(t, titles, "%s: has a title", name)
		}
	}
}

// pdfLines joins the text runs of a page that share a baseline, left to right: the text the brief set on each
// line, spaces where it had spaces.
func pdfLines(runs []pdfRun) []string {
	byY := map[int][]pdfRun{}
	for _, r := range runs {
		k := int(math.Round(r.y * 10))
		byY[k] = append(byY[k], r)
	}
	var lines []string
	for _, rs := range byY {
		slices.SortFunc(rs, func(a, b pdfRun) int { return cmp.Compare(a.x, b.x) })
		var b strings.Builder
		for _, r := range rs {
			b.WriteString(r.text)
		}
		lines = append(lines, b.String())
	}
	return lines
}

// wordy are the characters of Latin words and numbers (with their signs: 9.1%, 1,200, R&D, 2024–2025).
func wordy(r rune) bool {
	return unicode.IsLetter(r) && !isCJK(r) || unicode.IsDigit(r) || strings.ContainsRune(".,%&'-–/:+", r)
}

// TestNoGapInsideANumberOrWord reads every line of every page of every sample brief, in both languages, as
// pdftotext -bbox finds its words (it parts two characters where it sees a gap between them), and finds no
// gap inside a number, a percentage, a date or a Latin word: wherever pdftotext parts a Latin letter or a
// digit from what stands beside it, less than half an em apart, the brief had set a space there. Justifying by
// spreading letters (值 1 2 . 0 9 亿 元) or gaps between a number and its unit (2024 年) fails it; so does a
// line spread more than a quarter em between two CJK characters (it should have been set ragged).
func TestNoGapInsideANumberOrWord(t *testing.T) {
	t.Parallel()
	for name, path := range layoutBriefs(t) {
		pages, _, _ := pdfPageRuns(t, path)
		boxes := bboxPages(t, path)
		require.Len(t, boxes, len(pages), name)
		for p, words := range boxes {
			text := strings.Join(pdfLines(pages[p]), "\n")
			for i := 1; i < len(words); i++ {
				a, b := words[i-1], words[i]
				if math.Abs(a.yMax-b.yMax) > 0.5 || b.xMin < a.xMax-0.1 {
					continue // not side by side on one line
				}
				em := a.yMax - a.yMin
				ra, rb := []rune(a.text), []rune(b.text)
				if b.xMin-a.xMax >= em/2 || strings.Contains(text, a.text+" "+b.text) {
					continue // cells of a table, or a word space
				}
				if !wordy(ra[len(ra)-1]) && !wordy(rb[0]) {
					// Between two CJK characters a line is spread a quarter em at most; more, it is set ragged.
					assert.LessOrEqual(t, b.xMin-a.xMax, em*maxCJKStretch+0.1, "%s, page %d: %q spread", name, p+1, a.text+b.text)
					continue
				}
				assert.False(t, strings.Contains(text, a.text+b.text),
					"%s, page %d: a gap of %.2f mm inside %q", name, p+1, b.xMin-a.xMax, a.text+b.text)
			}
		}
	}
}

// TestClosingOnAnEvenLastPage: every kind in both languages ends with the 版记 (GB/T 9704 7.4) at the foot of its
// last page, an even page: its copies line the last text above the page number, its rules' bottom at most one
// line above the text area's bottom edge, and nothing of the body on a page after it.
func TestClosingOnAnEvenLastPage(t *testing.T) {
	t.Parallel()
	for name, path := range layoutBriefs(t) {
		if name == "long table" {
			continue
		}
		pages, _, _ := pdfPageRuns(t, path)
		last := pages[len(pages)-1]
		assert.Zero(t, len(pages)%2, "%s: %d pages: the last page is even", name, len(pages))
		var copies *pdfRun
		for i, r := range last {
			if strings.Contains(r.text, "共印") || strings.Contains(r.text, "copies printed") {
				copies = &last[i]
			}
		}
		require.NotNil(t, copies, "%s: the copies line is on the last page", name)
		assert.InDelta(t, textBottom, copies.y, closingPitch, "%s: the 版记 sits at the foot of the page", name)
		for _, r := range last {
			if r.y <= textBottom+1 {
				assert.LessOrEqual(t, r.y, copies.y+0.01, "%s: %q stands below the 版记", name, r.text)
			}
		}
	}
}

// headingLine matches the first line of a heading as the briefs set them: 一、 （一） in Chinese, I. 1. (1) in English.
var headingLine = regexp.MustCompile(`^\x{3000}\x{3000}([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[IVX]+\. |\d+\. |\(\d+\) )`)

// TestHeadingsNeverEndAPageAndNotesStayWithTheirTables: on no page of any sample brief is the lowest line of
// text a heading (what it heads went to the next page without it), and a note under a table (注：…, Note: …) is
// never the first thing on its page.
func TestHeadingsNeverEndAPageAndNotesStayWithTheirTables(t *testing.T) {
	t.Parallel()
	for name, path := range layoutBriefs(t) {
		pages, _, _ := pdfPageRuns(t, path)
		for p, runs := range pages {
			var lowest, top *pdfRun
			for i, r := range runs {
				if r.y > textBottom+1 {
					continue // the page number
				}
				if lowest == nil || r.y > lowest.y+0.1 || math.Abs(r.y-lowest.y) <= 0.1 && r.x < lowest.x {
					lowest = &runs[i]
				}
				if top == nil || r.y < top.y {
					top = &runs[i]
				}
				if strings.HasPrefix(r.text, "注：") || strings.HasPrefix(r.text, "Note:") {
					assert.NotEqual(t, top, &runs[i], "%s, page %d: the note %q stands first on its page", name, p+1, r.text)
				}
			}
			if lowest != nil && p < len(pages)-1 {
				assert.False(t, headingLine.MatchString(lowest.text), "%s, page %d ends with the heading %q", name, p+1, lowest.text)
			}
		}
	}
}

// TestAdjacentMarksAreSqueezedOnThePage: wherever two full-width marks stand side by side in a sample brief
// (）；, 。”, （《…), the PDF sets the second half an em before the first's em box ends (CLREQ 3.1.6.2): they take
// 1.5 em, not 2. Read from the content streams; the widths of what comes before are the body face's. Two marks
// within one text run were set a full em apart (the old way), and fail it.
func TestAdjacentMarksAreSqueezedOnThePage(t *testing.T) {
	t.Parallel()
	d := newBriefDoc(defaultFonts(t), "measure", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	pairs := 0
	for name, path := range layoutBriefs(t) {
		pages, _, _ := pdfPageRuns(t, path)
		for p, runs := range pages {
			for _, r := range runs {
				rs := []rune(r.text)
				for k := 1; k < len(rs); k++ {
					// A squeezed mark starts a run of its own; two marks in one run were set a full em apart.
					assert.Zero(t, squeeze(rs[k-1], rs[k], monoWidth), "%s, page %d: %q not squeezed in %q", name, p+1, string(rs[k-1:k+1]), r.text)
				}
			}
			for i := 1; i < len(runs); i++ {
				a, b := runs[i-1], runs[i]
				ra, rb := []rune(a.text), []rune(b.text)
				if len(ra) == 0 || len(rb) == 0 || math.Abs(a.y-b.y) > 0.01 || a.size != bodyPt || b.size != bodyPt ||
					squeeze(ra[len(ra)-1], rb[0], monoWidth) == 0 {
					continue
				}
				pairs++
				gap := b.x - (a.x + d.width(a.text, RoleBody, a.size))
				assert.InDelta(t, -bodyPt*mmPerPt/2, gap, 0.2, "%s, page %d: %q then %q", name, p+1, a.text, b.text)
			}
		}
	}
	assert.Positive(t, pairs, "the sample briefs hold adjacent marks")
}
