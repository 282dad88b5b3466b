package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A worksheet's rows read straight from its XML. excelize's Rows() decodes every cell through encoding/xml,
// which costs more than everything the import does with the row afterwards; a sheet as Excel, WPS or excelize
// write it is plain enough to be read with a byte scanner. The scanner gives exactly what Rows() and
// Columns(RawCellValue) give (the same rows, empty ones included, and the same cells), and reads only what it
// is sure of: anything else (a comment, CDATA, a DOCTYPE, an entity it does not know, an odd attribute, a
// child element it does not expect, a shared string index out of range) is errNotPlain, and excelize reads the
// sheet instead, from the start.

// errNotPlain is a sheet the scanner leaves to excelize.
var errNotPlain = errors.New("not a plain worksheet")

// maxFastPartBytes bounds the shared strings part the scanner holds inflated; a larger one is read by excelize.
const maxFastPartBytes = 64 << 20

// A worksheet is scanned as it inflates, a window at a time: a sheet of a million rows (300 MB of XML) is read
// in a few megabytes, and never goes through excelize's far slower Rows for its size alone. The window keeps
// at least fastLookahead bytes ahead of the scan, more than a tag or a cell's text of any workbook Excel writes
// (32,767 characters); anything longer is errNotPlain. Variables, so that a test can make them tiny.
var (
	fastChunk     = 4 << 20
	fastLookahead = 1 << 20
)

// sheetRows is what reading a sheet asks of its rows: excelize's *Rows or the scanner.
type sheetRows interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	Error() error
	Close() error
}

// fastRows iterates over a worksheet's rows like excelize's Rows: every row number from 1 to the last row,
// a row the sheet leaves out coming back with no cells.
type fastRows struct {
	x     xmlBytes
	sst   []string
	seek  int      // the row number Next moved to
	row   int      // the number of the row last scanned; 0 before the first
	cells []string // its cells, at the end of a slab (add)
	// marks are the cells with a formula, whose cached value is read (formulaWarnings), and the logical
	// cells, read as 1 or 0 (logicalProblems).
	marks    sheetMarks
	rowBytes int  // the text of the row's cells so far
	ended    bool // no row after it
	failed   error
}

// newFastRows starts inflating a worksheet part; errNotPlain when the scanner should not read it.
func newFastRows(part *zip.File, sst []string) (*fastRows, error) {
	if part == nil {
		return nil, errNotPlain
	}
	rc, err := part.Open()
	if err != nil {
		return nil, errNotPlain
	}
	x := xmlBytes{src: rc, closer: rc}
	if err := x.more(); err != nil || !utf8Declared(x.b) {
		rc.Close()
		return nil, errNotPlain
	}
	return &fastRows{x: x, sst: sst}, nil
}

// endsRows is the tag after which excelize reads no more rows: the end of sheetData (or of the document).
func endsRows(t xmlTag) bool {
	return t.kind == tagEOF || (t.kind == tagEnd || t.kind == tagEmpty) && t.name == "sheetData"
}

// utf8Declared tells whether the XML declaration, if any, names no encoding but UTF-8.
func utf8Declared(b []byte) bool {
	head := b[:min(len(b), 200)]
	if !bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), []byte("<?xml")) {
		return !bytes.Contains(head, []byte("<?"))
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return false
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return true
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(decl[i+len("encoding"):]), "="))
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return false
	}
	enc, _, ok := strings.Cut(rest[1:], rest[:1])
	return ok && (strings.EqualFold(enc, "utf-8") || strings.EqualFold(enc, "utf8"))
}

// Next moves to the next row number, false after the last row or when the scanner gave up.
func (r *fastRows) Next() bool {
	if r.failed != nil {
		return false
	}
	r.seek++
	if r.row >= r.seek {
		return true
	}
	if r.ended {
		return false
	}
	if err := r.scanRow(); err != nil {
		r.failed = err
		return false
	}
	return !r.ended || r.row >= r.seek
}

// Columns gives the cells of the current row: nil for a row the sheet leaves out.
func (r *fastRows) Columns(...excelize.Options) ([]string, error) {
	if r.row > r.seek {
		return nil, nil
	}
	cells := r.cells
	r.cells = r.cells[len(cells):] // the next row's cells follow in the same slab
	if len(cells) == 0 {
		return nil, nil
	}
	return cells[:len(cells):len(cells)], nil
}

// Error is errNotPlain when the scanner gave up.
func (r *fastRows) Error() error { return r.failed }

// Close lets go of the part.
func (r *fastRows) Close() error {
	r.x.b, r.x.src = nil, nil
	if r.x.closer != nil {
		r.x.closer.Close()
		r.x.closer = nil
	}
	return nil
}

// scanRow reads up to the next <row> and its cells, which run to the next <row> or the end of sheetData.
func (r *fastRows) scanRow() error {
	for {
		t, err := r.x.next()
		if err != nil {
			return err
		}
		switch {
		case endsRows(t):
			r.ended = true
			return r.x.finish()
		case t.name == "row" && t.kind != tagEnd:
			if !r.x.inSheetData(t) {
				return errNotPlain // a row outside sheetData: checkWhole refuses the sheet
			}
			return r.rowAt(t)
		}
	}
}

func (r *fastRows) rowAt(t xmlTag) error {
	if v, ok, err := t.attr("r"); err != nil {
		return err
	} else if ok {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return errNotPlain
		}
		r.row = n
	} else {
		r.row++
	}
	r.cells, r.rowBytes = r.cells[:0], 0 // cells not handed over (Columns) are not held by anyone
	col := 0
	for {
		mark, depth := r.x.base+r.x.i, len(r.x.stack) // where the window starts may move in next
		t, err := r.x.next()
		if err != nil {
			return err
		}
		switch {
		case endsRows(t):
			r.ended = true
			return r.x.finish()
		case t.name == "row" && t.kind != tagEnd:
			if v, ok, _ := t.attr("r"); ok {
				if n, err := strconv.Atoi(v); err == nil && n <= r.row {
					return errNotPlain // rows out of order: excelize merges them; the scan refuses the file anyway
				}
			}
			r.x.i, r.x.stack = mark-r.x.base, r.x.stack[:depth] // the next row's start: read again by the next scanRow
			return nil
		case t.name == "c" && t.kind != tagEnd:
			if col, err = r.cell(t, col); err != nil {
				return err
			}
		}
	}
}

// cell reads one <c> as excelize's rowXMLHandler does: its column from r (else the one after the last), its
// value raw, and an empty cell kept only when it has a formula.
func (r *fastRows) cell(t xmlTag, col int) (int, error) {
	prev := col
	col++
	ref, typ, err := cellAttrs(t.attrs)
	if err != nil {
		return 0, err
	}
	if ref != nil {
		if col = refColumn(ref); col == 0 {
			if col, _, err = excelize.CellNameToCoordinates(string(ref)); err != nil {
				return 0, errNotPlain
			}
		}
		if col <= prev {
			return 0, errNotPlain // a cell back or twice in its row: excelize would put it in the next column; checkWhole refuses it
		}
	}
	var v, is string
	var hasF, hasIS bool
	if t.kind == tagStart {
		if v, is, hasF, hasIS, err = r.cellBody(); err != nil {
			return 0, err
		}
	}
	val := v
	switch string(typ) {
	case "s":
		if v != "" {
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 || i >= len(r.sst) {
				return 0, errNotPlain // excelize says what is wrong
			}
			val = r.sst[i]
		}
	case "inlineStr":
		if hasIS {
			val = is
		}
	}
	if hasF {
		r.marks.formulas.add(cellPos{r.row, col})
	}
	if string(typ) == "b" {
		noteLogical(&r.marks.logicals, r.row, col, val)
	}
	if r.rowBytes += len(val); r.rowBytes > maxRowBytes {
		return 0, errNotPlain // excelize reads it, after the scan, and rowWithin refuses it
	}
	if val != "" || hasF {
		blank := col - len(r.cells)
		for i := 1; i < blank; i++ {
			r.add("")
		}
		r.add(val)
	}
	return col, nil
}

// cellSlab is how many cells one allocation holds for the rows that come: a row's list grown from nothing
// would cost five allocations for nine cells.
const cellSlab = 4096

// add appends a cell to the row's cells, which are the end of a slab shared with the rows before (each of
// them handed over cut to its length, so that nothing a caller appends reaches the next row's).
func (r *fastRows) add(v string) {
	if len(r.cells) == cap(r.cells) {
		s := make([]string, len(r.cells), max(cellSlab, 2*len(r.cells)))
		copy(s, r.cells)
		r.cells = s
	}
	r.cells = append(r.cells, v)
}

// cellAttrs reads a cell's r and t (nil when absent) and checks its s is a number, as excelize does, in one
// pass and without allocating. The attributes are well formed: next checked them.
func cellAttrs(a []byte) (ref, typ []byte, err error) {
	for {
		a = xmlTrimLeft(a)
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return ref, typ, nil
		}
		key := xmlTrimRight(a[:eq])
		rest := xmlTrimLeft(a[eq+1:])
		end := bytes.IndexByte(rest[1:], rest[0])
		val := rest[1 : 1+end]
		a = rest[end+2:]
		if k := bytes.LastIndexByte(key, ':'); k >= 0 {
			if string(key[:k]) == "xmlns" {
				continue
			}
			key = key[k+1:]
		}
		switch string(key) {
		case "r":
			ref = val
		case "t":
			typ = val
		case "s":
			if _, err := strconv.ParseInt(string(val), 10, 64); err != nil {
				return nil, nil, errNotPlain
			}
		}
	}
}

// refColumn is the column of a cell reference written the usual way (A1 to XFD1048576); 0 for any other,
// which excelize's CellNameToCoordinates then reads.
func refColumn(ref []byte) int {
	col, i := 0, 0
	for ; i < len(ref) && 'A' <= ref[i] && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i > 3 || col > excelize.MaxColumns || i == len(ref) || ref[i] == '0' || len(ref)-i > 7 {
		return 0
	}
	row := 0
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0
		}
		row = row*10 + int(c-'0')
	}
	if row > excelize.TotalRows {
		return 0
	}
	return col
}

// cellBody reads a cell's children up to </c>: <v>, <f> and <is>; any other is errNotPlain.
func (r *fastRows) cellBody() (v, is string, hasF, hasIS bool, err error) {
	for {
		t, err := r.x.next()
		if err != nil {
			return "", "", false, false, err
		}
		switch {
		case t.kind == tagEnd && t.name == "c":
			return v, is, hasF, hasIS, nil
		case t.kind == tagEOF || t.kind == tagEnd:
			return "", "", false, false, errNotPlain
		case t.name == "v":
			if t.kind == tagStart {
				if v, err = r.x.text("v"); err != nil {
					return "", "", false, false, err
				}
			} else {
				v = ""
			}
		case t.name == "f":
			hasF = true
			if t.kind == tagStart {
				if _, err = r.x.text("f"); err != nil {
					return "", "", false, false, err
				}
			}
		case t.name == "is":
			hasIS = true
			if t.kind == tagStart {
				if is, err = r.x.stringItem("is"); err != nil {
					return "", "", false, false, err
				}
			}
		default:
			return "", "", false, false, errNotPlain
		}
	}
}

// readSharedStrings reads the shared strings part as excelize does (xl/sharedStrings.xml, whatever the
// relationships say); errNotPlain when the scanner should not read it.
func readSharedStrings(part *zip.File) ([]string, error) {
	if part == nil {
		return nil, nil
	}
	if part.UncompressedSize64 > maxFastPartBytes {
		return nil, errNotPlain
	}
	rc, err := part.Open()
	if err != nil {
		return nil, errNotPlain
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxFastPartBytes+1))
	if err != nil || len(b) > maxFastPartBytes || !utf8Declared(b) {
		return nil, errNotPlain
	}
	x := xmlBytes{b: b}
	// Room for every item at once: grown by appending, a table of a million strings left twice its size in
	// garbage while excelize opened the workbook beside it.
	out := make([]string, 0, bytes.Count(b, []byte("<si")))
	for {
		t, err := x.next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.kind == tagEOF:
			return out, nil
		case t.name == "si" && t.kind == tagStart:
			s, err := x.stringItem("si")
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		case t.name == "si" && t.kind == tagEmpty:
			out = append(out, "")
		}
	}
}

// stringItem reads a shared or inline string up to its end tag as excelize's xlsxSI.String: its <t>, then the
// <t> of each run, phonetic runs and properties left out.
func (x *xmlBytes) stringItem(end string) (string, error) {
	var b strings.Builder
	direct, ok := "", false
	var runs []string
	for {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		switch {
		case t.kind == tagEnd && t.name == end:
			if !ok && len(runs) == 0 {
				return "", nil
			}
			if len(runs) == 0 {
				return unescapeXString(direct), nil // the usual item: its text, not a second copy of it
			}
			b.WriteString(direct)
			for _, r := range runs {
				b.WriteString(r)
			}
			if b.Len() == 0 {
				return "", nil
			}
			return unescapeXString(b.String()), nil
		case t.kind == tagEOF || t.kind == tagEnd:
			return "", errNotPlain
		case t.name == "t":
			if ok {
				return "", errNotPlain // two texts: leave it to encoding/xml
			}
			ok = true
			if t.kind == tagStart {
				if direct, err = x.text("t"); err != nil {
					return "", err
				}
			}
		case t.name == "r" && t.kind == tagStart:
			s, err := x.run()
			if err != nil {
				return "", err
			}
			runs = append(runs, s)
		case t.name == "r" && t.kind == tagEmpty:
		case t.name == "rPh" || t.name == "phoneticPr":
			if t.kind == tagStart {
				if err := x.skip(t.name); err != nil {
					return "", err
				}
			}
		default:
			return "", errNotPlain
		}
	}
}

// run reads a rich text run up to </r>: its <t>, its properties skipped.
func (x *xmlBytes) run() (string, error) {
	text, ok := "", false
	for {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		switch {
		case t.kind == tagEnd && t.name == "r":
			return text, nil
		case t.kind == tagEOF || t.kind == tagEnd:
			return "", errNotPlain
		case t.name == "t":
			if ok {
				return "", errNotPlain
			}
			ok = true
			if t.kind == tagStart {
				if text, err = x.text("t"); err != nil {
					return "", err
				}
			}
		case t.name == "rPr":
			if t.kind == tagStart {
				if err := x.skip("rPr"); err != nil {
					return "", err
				}
			}
		default:
			return "", errNotPlain
		}
	}
}

// skip passes over an element's content up to its end tag, nested elements of other names included.
func (x *xmlBytes) skip(name string) error {
	depth := 0
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch {
		case t.kind == tagEOF:
			return errNotPlain
		case t.kind == tagStart:
			depth++
		case t.kind == tagEnd && depth == 0:
			if t.name != name {
				return errNotPlain
			}
			return nil
		case t.kind == tagEnd:
			depth--
		}
	}
}

// unescapeXString undoes Excel's _xHHHH_ escapes as excelize does.
func unescapeXString(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			if s[i:i+7] == "_x005F_" {
				b.WriteByte('_')
			} else {
				n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
				if r := rune(n); utf8.ValidRune(r) {
					b.WriteRune(r)
				}
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// xmlBytes scans an XML document held in memory, tag by tag, checking what encoding/xml would refuse: tags
// closed out of order or never closed, names and attributes it would not read, text it would not decode.
type xmlBytes struct {
	b      []byte
	i      int
	stack  [][]byte // the names of the open elements, as written
	rooted bool     // the root element has started
	// rootPrefix is the namespace prefix of the root element, the sheet's own: a drawing anchor's <xdr:row>
	// after the data is no row of the sheet.
	rootPrefix string
	// A document read as it inflates: b is a window of it starting at base, refilled from src by more.
	src    io.Reader
	closer io.Closer
	base   int
}

// prefixOf is the namespace prefix of a name as written, "" when it has none.
func prefixOf(qname []byte) string {
	if i := bytes.IndexByte(qname, ':'); i >= 0 {
		return string(qname[:i])
	}
	return ""
}

// inSheetData tells whether a start tag just read is a child of sheetData.
func (x *xmlBytes) inSheetData(t xmlTag) bool {
	parent := len(x.stack) - 1
	if t.kind == tagStart {
		parent-- // the tag itself is on the stack
	}
	return parent >= 0 && localName(x.stack[parent]) == "sheetData"
}

// more keeps fastLookahead bytes ahead of the scan while the document has more. The window is a new buffer
// each time: the names on the stack and the slices a caller still holds point into the old one, which is
// never written again.
func (x *xmlBytes) more() error {
	if x.src == nil || len(x.b)-x.i >= fastLookahead {
		return nil
	}
	tail := x.b[x.i:]
	b := make([]byte, len(tail), len(tail)+fastChunk)
	copy(b, tail)
	n, err := io.ReadFull(x.src, b[len(tail):cap(b)])
	x.base += x.i
	x.b, x.i = b[:len(tail)+n], 0
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		x.src = nil
	case err != nil:
		return errNotPlain // a damaged part: the checks say what
	}
	return nil
}

// finish reads the rest of a worksheet after its rows, so that a sheet is read only when it parses whole:
// anything odd there (a second sheetData, a row after the data, an element left open) is errNotPlain, and
// checkWhole then names the fault.
func (x *xmlBytes) finish() error {
	for {
		t, err := x.next()
		switch {
		case err != nil:
			return err
		case t.kind == tagEOF:
			if !x.rooted {
				return errNotPlain
			}
			return nil
		case t.kind != tagEnd && (t.name == "sheetData" || t.name == "c" || t.name == "row" && prefixOf(t.qname) == x.rootPrefix):
			return errNotPlain
		}
	}
}

type tagKind int

const (
	tagEOF   tagKind = iota
	tagStart         // <name …>
	tagEnd           // </name>
	tagEmpty         // <name …/>
)

// xmlTag is a tag: its kind, its local name (without a namespace prefix) and its attributes as written.
type xmlTag struct {
	kind  tagKind
	name  string
	attrs []byte
	qname []byte // the name as written, prefix included
}

// next moves past the next tag and returns it; the text before it is skipped. Comments, CDATA, processing
// instructions and DOCTYPEs are errNotPlain, except the XML declaration at the very start.
func (x *xmlBytes) next() (xmlTag, error) {
	if err := x.more(); err != nil {
		return xmlTag{}, err
	}
	j := bytes.IndexByte(x.b[x.i:], '<')
	if j < 0 {
		j = len(x.b) - x.i
	}
	if j > 0 && !wellFormedText(x.b[x.i:x.i+j]) {
		return xmlTag{}, errNotPlain
	}
	if x.i+j == len(x.b) {
		if x.src != nil {
			return xmlTag{}, errNotPlain // text longer than the window
		}
		x.i = len(x.b)
		if len(x.stack) > 0 {
			return xmlTag{}, errNotPlain // cut short
		}
		return xmlTag{kind: tagEOF}, nil
	}
	start := x.i + j
	if start+1 >= len(x.b) {
		return xmlTag{}, errNotPlain
	}
	switch x.b[start+1] {
	case '!':
		return xmlTag{}, errNotPlain
	case '?':
		if x.base > 0 || len(bytes.TrimLeft(x.b[:start], "\xef\xbb\xbf \t\r\n")) > 0 {
			return xmlTag{}, errNotPlain // only the XML declaration, first
		}
		end := bytes.Index(x.b[start:], []byte("?>"))
		if end < 0 || !plainDeclaration(x.b[start+2:start+end]) {
			return xmlTag{}, errNotPlain
		}
		x.i = start + end + 2
		return x.next()
	case '/':
		end := bytes.IndexByte(x.b[start:], '>')
		if end < 0 {
			return xmlTag{}, errNotPlain
		}
		name := xmlTrimRight(x.b[start+2 : start+end])
		if len(x.stack) == 0 || !bytes.Equal(x.stack[len(x.stack)-1], name) {
			return xmlTag{}, errNotPlain
		}
		x.stack = x.stack[:len(x.stack)-1]
		x.i = start + end + 1
		return xmlTag{kind: tagEnd, name: localName(name)}, nil
	}
	// A start tag: its end is the first '>' outside quotes.
	quote := byte(0)
	k := start + 1
	for ; k < len(x.b); k++ {
		c := x.b[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			goto found
		}
	}
	return xmlTag{}, errNotPlain
found:
	body := x.b[start+1 : k]
	kind := tagStart
	if len(body) > 0 && body[len(body)-1] == '/' {
		kind, body = tagEmpty, body[:len(body)-1]
	}
	n := 0
	for n < len(body) && !isSpace(body[n]) {
		n++
	}
	x.i = k + 1
	if !xmlName(body[:n]) || !wellFormedAttrs(body[n:]) {
		return xmlTag{}, errNotPlain
	}
	if len(x.stack) == 0 {
		if x.rooted {
			return xmlTag{}, errNotPlain // a second root element
		}
		x.rooted = true
		x.rootPrefix = prefixOf(body[:n])
	}
	if kind == tagStart {
		x.stack = append(x.stack, body[:n])
	}
	return xmlTag{kind: kind, name: localName(body[:n]), attrs: body[n:], qname: body[:n]}, nil
}

// plainDeclaration accepts an XML declaration (the text between "<?" and "?>") that encoding/xml reads as
// this scanner does: version 1.0, UTF-8 if an encoding is named, standalone yes or no, nothing else. A
// declaration encoding/xml would refuse (a version of "1\x01.0", a name of garbage) is left to it.
func plainDeclaration(decl []byte) bool {
	rest, ok := bytes.CutPrefix(decl, []byte("xml"))
	if !ok || len(rest) > 0 && !isXMLSpace(rest[0]) || !wellFormedAttrs(rest) {
		return false
	}
	for a := xmlTrimLeft(rest); len(a) > 0; a = xmlTrimLeft(a) {
		eq := bytes.IndexByte(a, '=')
		name := string(xmlTrimRight(a[:eq]))
		v := xmlTrimLeft(a[eq+1:])
		end := bytes.IndexByte(v[1:], v[0])
		val := string(v[1 : 1+end])
		a = v[end+2:]
		switch {
		case name == "version" && val == "1.0":
		case name == "encoding" && (strings.EqualFold(val, "utf-8") || strings.EqualFold(val, "utf8")):
		case name == "standalone" && (val == "yes" || val == "no"):
		default:
			return false
		}
	}
	return true
}

// xmlName accepts the names encoding/xml reads: a letter, '_' or ':' (or any non-ASCII character) first,
// then letters, digits, '.', '-', '_' and ':'.
func xmlName(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	for i, c := range name {
		switch {
		case c >= 0x80 || c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return utf8.Valid(name)
}

// wellFormedAttrs accepts attributes written name="value" or name='value', separated by spaces, with no '<'
// or '&' in their values.
func wellFormedAttrs(a []byte) bool {
	for {
		trimmed := xmlTrimLeft(a)
		if len(trimmed) == 0 {
			return true
		}
		if len(trimmed) == len(a) {
			return false // no space before the name
		}
		eq := bytes.IndexByte(trimmed, '=')
		if eq < 0 || !xmlName(xmlTrimRight(trimmed[:eq])) {
			return false
		}
		rest := xmlTrimLeft(trimmed[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return false
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 || bytes.ContainsAny(rest[1:1+end], "<&") {
			return false
		}
		if !wellFormedText(rest[1 : 1+end]) {
			return false
		}
		a = rest[end+2:]
	}
}

// text reads character data up to the element's end tag, decoded as encoding/xml decodes it.
func (x *xmlBytes) text(name string) (string, error) {
	if err := x.more(); err != nil {
		return "", err
	}
	j := bytes.IndexByte(x.b[x.i:], '<')
	if j < 0 {
		return "", errNotPlain
	}
	raw := x.b[x.i : x.i+j]
	x.i += j
	t, err := x.next()
	if err != nil {
		return "", err
	}
	if t.kind != tagEnd || t.name != name {
		return "", errNotPlain
	}
	return decodeText(raw)
}

// wellFormedText tells whether decodeText accepts raw, without making the text of plain character data: the
// attributes of every cell and the spaces between tags are checked, not kept.
func wellFormedText(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	for _, c := range raw {
		if c == '&' || c == '\r' || (c < 0x20 && c != '\t' && c != '\n') {
			_, err := decodeText(raw)
			return err == nil
		}
	}
	return true
}

// decodeText turns character data into text: line ends folded to \n, the five entities and character
// references replaced; anything encoding/xml would refuse is errNotPlain.
func decodeText(raw []byte) (string, error) {
	if !utf8.Valid(raw) {
		return "", errNotPlain
	}
	plain := true
	for _, c := range raw {
		if c == '&' || c == '\r' || (c < 0x20 && c != '\t' && c != '\n') {
			plain = false
			break
		}
	}
	if plain {
		return string(raw), nil
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case c < 0x20 && c != '\t' && c != '\n':
			return "", errNotPlain
		case c == '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return "", errNotPlain
			}
			ent := string(raw[i+1 : i+end])
			switch ent {
			case "lt":
				b.WriteByte('<')
			case "gt":
				b.WriteByte('>')
			case "amp":
				b.WriteByte('&')
			case "apos":
				b.WriteByte('\'')
			case "quot":
				b.WriteByte('"')
			default:
				r, ok := charRef(ent)
				if !ok {
					return "", errNotPlain
				}
				b.WriteRune(r)
			}
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// charRef reads #123 or #x7B as a character XML allows.
func charRef(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ent[1] == 'x' {
		n, err = strconv.ParseUint(ent[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(ent[1:], 10, 32)
	}
	r := rune(n)
	ok := err == nil && (r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF)
	return r, ok
}

func localName(name []byte) string {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	switch string(name) { // the names read often, without an allocation
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "f":
		return "f"
	case "t":
		return "t"
	case "r":
		return "r"
	case "si":
		return "si"
	case "is":
		return "is"
	}
	return string(name)
}

// attr finds an attribute by local name (the last one, as excelize keeps); an attribute with an entity in its
// value is errNotPlain.
func (t xmlTag) attr(name string) (value string, found bool, err error) {
	a := t.attrs
	for len(a) > 0 {
		a = xmlTrimLeft(a)
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			if len(bytes.TrimSpace(a)) > 0 {
				return "", false, errNotPlain
			}
			break
		}
		key := bytes.TrimSpace(a[:eq])
		rest := xmlTrimLeft(a[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return "", false, errNotPlain
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", false, errNotPlain
		}
		val := rest[1 : 1+end]
		a = rest[end+2:]
		if k := bytes.LastIndexByte(key, ':'); k >= 0 {
			if string(key[:k]) == "xmlns" {
				continue
			}
			key = key[k+1:]
		}
		if string(key) == name {
			if bytes.ContainsAny(val, "&<\r\n\t") {
				return "", false, errNotPlain
			}
			value, found = string(val), true
		}
	}
	return value, found, nil
}

// isXMLSpace reports whether c is XML white space (space, tab, CR, LF).
func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// xmlTrimLeft drops the white space at the start of b. bytes.TrimLeft with a cut set builds the set on each
// call, which at a million attributes is a tenth of the reader's time.
func xmlTrimLeft(b []byte) []byte {
	for len(b) > 0 && isXMLSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// xmlTrimRight drops the white space at the end of b.
func xmlTrimRight(b []byte) []byte {
	for len(b) > 0 && isXMLSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
