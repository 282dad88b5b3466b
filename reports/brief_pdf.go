package reports

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"scitech/data"
)

// The page of GB/T 9704-2012, in millimetres and points.
const (
	pageWidth   = 210.0
	marginTop   = 37.0
	marginLeft  = 28.0
	textWidth   = 156.0
	textHeight  = 225.0
	gridLines   = 22
	linePitch   = textHeight / gridLines // the body text grid: 22 lines to the text area
	textBottom  = marginTop + textHeight
	pageNoGap   = 7.0 // from the text area to the page number
	mmPerPt     = 25.4 / 72
	bodyPt      = 16.0 // 三号
	titlePt     = 22.0 // 二号
	pageNoPt    = 14.0 // 四号
	tablePt     = 12.0 // 小四
	closingPt   = 14.0 // 四号, the distribution lines
	redRuleMM   = 0.8
	blackRuleMM = 0.35
)

// red is the red of the header (GB/T 9704 asks for red; printers take pure red).
var red = [3]int{255, 0, 0}

// MissingCharsError lists characters no font can print; printing them would give empty boxes. A brief
// holding such characters is refused before anything is written, with a *data.Error (code Invalid, key
// brief.err.missing_chars) wrapping this error; errors.As finds either.
type MissingCharsError struct {
	Chars []rune
}

func (e *MissingCharsError) Error() string {
	return fmt.Sprintf("no font has the characters %q", string(e.Chars))
}

// missingCharsError is the error a user sees: which characters, and that a font in Settings fixes it.
func missingCharsError(chars []rune) error {
	return &data.Error{Code: data.Invalid, Key: "brief.err.missing_chars",
		Args:    map[string]any{"Chars": string(chars)},
		Message: "some characters cannot be printed with the fonts set for briefs",
		Err:     &MissingCharsError{Chars: chars}}
}

// briefDoc is the GB/T 9704 page layer the briefs are built on: it sets text on the line grid in the right
// fonts, breaks lines itself and numbers the pages.
type briefDoc struct {
	pdf     *gofpdf.Fpdf
	fonts   *FontSet
	family  map[*Font]string
	widths  map[widthKey]float64
	y       float64 // top of the next line on the current page
	missing map[rune]bool
	// spread says whether justified paragraphs are spread to the full width: right for Chinese, whose lines
	// break between characters; English lines, broken only between words, would show wide gaps.
	spread bool
	held   []heldLines // headings waiting for what follows them (ensure)
	// unnumbered are the pages that carry no number: a blank page before the 版记's page, and that page.
	unnumbered map[int]bool
	// placed records every mark set, for a preview that draws the pages itself (placement returns it).
	placed []PlacedRun
}

type widthKey struct {
	font *Font
	size float64
	r    rune
}

// newBriefDoc starts an A4 document; date stamps the file so that the same brief
// written twice gives the same bytes.
func newBriefDoc(fonts *FontSet, title string, date time.Time) *briefDoc {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, marginTop, pageWidth-marginLeft-textWidth)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(title, true)
	d := &briefDoc{pdf: pdf, fonts: fonts, family: map[*Font]string{}, widths: map[widthKey]float64{},
		missing: map[rune]bool{}, unnumbered: map[int]bool{}}
	pdf.SetFooterFunc(d.pageNumber)
	d.newPage()
	return d
}

// setFont selects a font, embedding it the first time it is needed, so that a font of the set that sets no
// character of the brief is neither parsed nor embedded. gofpdf prints parse problems instead of returning
// them and may panic on a font it misreads; both become the document's error, returned by finish.
func (d *briefDoc) setFont(f *Font, size float64) {
	name, ok := d.family[f]
	if !ok {
		name = subsetFamily(len(d.family), f)
		d.family[f] = name
		d.embed(name, f)
	}
	d.pdf.SetFont(name, "", size)
}

func (d *briefDoc) embed(name string, f *Font) {
	defer func() {
		if p := recover(); p != nil {
			d.pdf.SetError(fmt.Errorf("cannot embed font %s: %v", f.Name, p))
		}
	}()
	// gofpdf pads each table it copies by appending to a slice of the bytes it is given, which writes into
	// them when they have room after the table: a copy keeps the fonts every brief shares (assets' bundled faces,
	// a FontSet of the window) unchanged, and two briefs written at once from writing the same bytes.
	d.pdf.AddUTF8FontFromBytes(name, "", bytes.Clone(f.Data))
	d.pdf.SetFont(name, "", bodyPt)
	if d.pdf.Err() {
		d.pdf.SetError(fmt.Errorf("cannot embed font %s: %w", f.Name, d.pdf.Error()))
	}
}

// newPage starts a page with the cursor at the top of the text area.
func (d *briefDoc) newPage() {
	d.pdf.AddPage()
	d.y = marginTop
}

// pageNumber sets "— N —" below the text area: odd pages right, even pages left, one character in from the
// edge of the text area, as GB/T 9704 asks, with half an em between each dash and the number whatever width the
// body face gives its space (a third of an em in FandolFang, half in the Arphic faces). The runs keep their
// spaces, so that the text read back from the page is "— N —".
func (d *briefDoc) pageNumber() {
	n := d.pdf.PageNo()
	if d.unnumbered[n] {
		return
	}
	num := strconv.Itoa(n)
	half := pageNoPt * mmPerPt / 2
	dash, space := d.width("—", RoleBody, pageNoPt), d.width(" ", RoleBody, pageNoPt)
	total := 2*dash + 2*half + d.width(num, RoleBody, pageNoPt)
	indent := pageNoPt * mmPerPt
	x := marginLeft + indent
	if n%2 == 1 {
		x = marginLeft + textWidth - indent - total
	}
	y := textBottom + pageNoGap + pageNoPt*mmPerPt*0.8
	d.text(x, y, "— ", RoleBody, pageNoPt)
	x += dash + half
	d.text(x, y, num, RoleBody, pageNoPt)
	x += d.width(num, RoleBody, pageNoPt) + half - space
	d.text(x, y, " —", RoleBody, pageNoPt)
}

// font returns the character to set for r and the font to set it in for a role. A character no font has is
// noted as missing; it is set as the missing-character mark when the set says so, and left out otherwise (the
// brief is then refused by finish).
func (d *briefDoc) font(role FontRole, r rune) (rune, *Font) {
	f := d.fonts.fontFor(role, r)
	if f != nil || unicode.IsControl(r) {
		return r, f
	}
	d.missing[r] = true
	if d.fonts.MarkMissing {
		if m := d.fonts.fontFor(role, MissingMark); m != nil {
			return MissingMark, m
		}
	}
	return r, nil
}

// runeWidth measures one character in the font it will be set in.
func (d *briefDoc) runeWidth(role FontRole, size float64, r rune) float64 {
	r, f := d.font(role, r)
	if f == nil {
		return size * mmPerPt // keeps the layout sane; the brief is refused anyway
	}
	k := widthKey{f, size, r}
	w, ok := d.widths[k]
	if !ok {
		d.setFont(f, size)
		w = d.pdf.GetStringWidth(string(r))
		d.widths[k] = w
	}
	return w
}

// width is the width of s set on one line (adjacent punctuation squeezed, as text sets it).
func (d *briefDoc) width(s string, role FontRole, size float64) float64 {
	return setWidth(s, d.measure(role, size))
}

// measure returns the width function breakLines needs for a role and size.
func (d *briefDoc) measure(role FontRole, size float64) func(rune) float64 {
	return func(r rune) float64 { return d.runeWidth(role, size, r) }
}

// text writes s with its baseline at x, y, adjacent punctuation squeezed (typeset.go).
func (d *briefDoc) text(x, y float64, s string, role FontRole, size float64) {
	d.setLaid(x, y, layLine(s, d.measure(role, size)), role, size)
}

// setLaid writes a laid-out line: one text run for each stretch of characters that follow one another in one
// font, a new run wherever a character is set in a fallback font or moved by squeezing or spreading.
func (d *briefDoc) setLaid(x, y float64, l setLineLayout, role FontRole, size float64) {
	var run strings.Builder
	var runFont *Font
	runX, runEnd := 0.0, 0.0
	flush := func() {
		if run.Len() > 0 && runFont != nil {
			d.setFont(runFont, size)
			d.pdf.Text(x+runX, y, run.String())
			d.place(PlacedRun{Kind: PlacedText, X: x + runX, Y: y, W: runEnd - runX, Text: run.String(),
				Font: runFont, Size: size, Color: rgb(d.pdf.GetTextColor())})
		}
		run.Reset()
	}
	for i, r := range l.runes {
		r, f := d.font(role, r)
		w := d.runeWidth(role, size, l.runes[i])
		if f != runFont || math.Abs(l.x[i]-runEnd) > 1e-6 {
			flush()
			runFont, runX = f, l.x[i]
		}
		if f != nil {
			run.WriteRune(r)
		}
		runEnd = l.x[i] + w
	}
	flush()
}

// justify writes a line spread to exactly width where CLREQ lets a line be spread (justifyLine), or ragged
// when it cannot be.
func (d *briefDoc) justify(x, y, width float64, line string, role FontRole, size float64) {
	widthOf := d.measure(role, size)
	l := layLine(line, widthOf)
	justifyLine(&l, width, size*mmPerPt, widthOf)
	d.setLaid(x, y, l, role, size)
}

// baseline places text of a size in a line box so that the ideographs sit in its middle.
func baseline(top, height, size float64) float64 {
	return top + height/2 + 0.36*size*mmPerPt
}

// ensure starts a new page unless h millimetres are left on this one for what comes next and the headings
// held for it, then sets those headings: they go to the next page with what they head.
func (d *briefDoc) ensure(h float64) {
	if d.y+d.heldHeight()+h > textBottom+0.01 {
		d.newPage()
	}
	d.release()
}

// heldLines are a heading's lines waiting for what follows it (paragraphStyle.keepNext).
type heldLines struct {
	lines []string
	st    paragraphStyle
}

func (d *briefDoc) heldHeight() float64 {
	h := 0.0
	for _, p := range d.held {
		h += float64(len(p.lines)) * p.st.pitch
	}
	return h
}

// release sets the held headings at the cursor.
func (d *briefDoc) release() {
	held := d.held
	d.held = nil
	for _, p := range held {
		for i, line := range p.lines {
			d.setLine(line, p.st, i == len(p.lines)-1)
			d.y += p.st.pitch
		}
	}
}

// snapToGrid moves the cursor down to the next line of the body grid, so that text after a table or a header
// sits on the grid again.
func (d *briefDoc) snapToGrid() {
	d.release()
	n := math.Ceil((d.y-marginTop)/linePitch - 0.01)
	d.y = marginTop + n*linePitch
	if d.y > textBottom-linePitch+0.01 {
		d.newPage()
	}
}

// paragraphStyle says how a block of text is set.
type paragraphStyle struct {
	role   FontRole
	size   float64
	pitch  float64
	indent bool   // first line indented two characters
	align  string // "L", "C" or "J" (justified but for the last line)
	// keepNext holds the lines until what follows asks for room (ensure), so that they go to the next page with
	// it: a heading never ends a page, whatever follows it (a paragraph, a table, a chart, the 版记).
	keepNext bool
}

var (
	bodyStyle       = paragraphStyle{role: RoleBody, size: bodyPt, pitch: linePitch, indent: true, align: "J"}
	headingStyle    = paragraphStyle{role: RoleHeading, size: bodyPt, pitch: linePitch, indent: true, align: "L", keepNext: true}
	subheadingStyle = paragraphStyle{role: RoleSubheading, size: bodyPt, pitch: linePitch, indent: true, align: "L", keepNext: true}
	titleStyle      = paragraphStyle{role: RoleTitle, size: titlePt, pitch: linePitch * 1.2, align: "C"}
)

// paragraph sets a block of text on the grid; a newline in text starts a new paragraph.
func (d *briefDoc) paragraph(text string, st paragraphStyle) {
	for _, para := range strings.Split(text, "\n") {
		if st.indent {
			para = "\u3000\u3000" + para
		}
		lines := breakLines(para, textWidth, d.measure(st.role, st.size))
		if st.keepNext {
			d.held = append(d.held, heldLines{lines, st})
			continue
		}
		// No first line alone at a page's foot (an orphan).
		d.ensure(st.pitch * float64(min(len(lines), 2)))
		onPage := 0 // lines of this paragraph set on the current page
		for i, line := range lines {
			if i == len(lines)-2 && onPage >= 2 && d.y+2*st.pitch > textBottom+0.01 {
				// The last line would stand alone at the top of the next page (a widow): take one more with it.
				d.newPage()
				onPage = 0
			}
			if d.y+st.pitch > textBottom+0.01 {
				d.newPage()
				onPage = 0
			}
			d.setLine(line, st, i == len(lines)-1)
			d.y += st.pitch
			onPage++
		}
	}
	if st.pitch != linePitch {
		d.snapToGrid() // the title's wider lines must not push the body off the grid
	}
}

func (d *briefDoc) setLine(line string, st paragraphStyle, last bool) {
	y := baseline(d.y, st.pitch, st.size)
	switch {
	case st.align == "C":
		line = strings.TrimSpace(line)
		d.text(marginLeft+(textWidth-d.width(line, st.role, st.size))/2, y, line, st.role, st.size)
	case st.align == "J" && !last && d.spread:
		d.justify(marginLeft, y, textWidth, line, st.role, st.size)
	default:
		d.text(marginLeft, y, line, st.role, st.size)
	}
}

// blankLine leaves one line of the grid empty.
func (d *briefDoc) blankLine() {
	d.release()
	if d.y > marginTop+0.01 {
		d.y += linePitch
	}
}

// finish writes the document, or refuses when characters would print as boxes (unless the set marks them).
func (d *briefDoc) finish(w io.Writer) error {
	d.ensure(0) // a heading nothing followed
	if len(d.missing) > 0 && !d.fonts.marks() {
		return missingCharsError(sortedRunes(d.missing))
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return err
	}
	_, err := w.Write(d.tagSubsets(buf.Bytes()))
	return err
}

// gofpdf embeds only the glyphs a document uses but names the font "utf8<family>", while PDF 32000 (9.6.4)
// names a subset "ABCDEF+PostScriptName" — six capital letters and a plus — and viewers, pdffonts and print
// shops go by that name to tell a subset from a whole font. The family a font is added under is chosen so
// that gofpdf's name is exactly as long as the subset name, and finish swaps one for the other in place:
// no byte moves, so the cross-reference offsets stay right.

// subsetFamily is the family the i-th font of a document is added under: "utf8" + family is as long as
// subsetName gives.
func subsetFamily(i int, f *Font) string {
	return fmt.Sprintf("%03d", i) + strings.ToLower(f.PostScriptName)
}

// subsetName is the PDF name of the i-th font's subset: a tag drawn from the font and its place in the
// document, so that the same brief gives the same bytes and two fonts of one document get different tags.
func subsetName(i int, f *Font) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%d\x00%s\x00%d", i, f.PostScriptName, len(f.Data)))
	tag := make([]byte, 6)
	for j := range tag {
		tag[j] = 'A' + sum[j]%26
	}
	return string(tag) + "+" + f.PostScriptName
}

// tagSubsets renames each embedded font in the written document to its subset name, in place. The names
// stand in three dictionaries per font (Type0 and CIDFontType2 /BaseFont, FontDescriptor /FontName), each
// followed by a line end, which must match too, so that no other bytes can be taken for them.
func (d *briefDoc) tagSubsets(pdf []byte) []byte {
	names := make(map[string]string, len(d.family))
	for f, family := range d.family {
		i, _ := strconv.Atoi(family[:3])
		names["utf8"+strings.ToLower(family)] = subsetName(i, f)
	}
	for _, key := range [][]byte{[]byte("/BaseFont /utf8"), []byte("/FontName /utf8")} {
		for at := 0; ; {
			j := bytes.Index(pdf[at:], key)
			if j < 0 {
				break
			}
			start := at + j + len(key) - len("utf8")
			end := bytes.IndexByte(pdf[start:], '\n')
			if end < 0 {
				break
			}
			if to, ok := names[string(pdf[start:start+end])]; ok {
				copy(pdf[start:], to) // as long as the name it replaces
			}
			at = start + max(end, 1)
		}
	}
	return pdf
}

func sortedRunes(m map[rune]bool) []rune { return slices.Sorted(maps.Keys(m)) }
