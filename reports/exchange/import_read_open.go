package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// A workbook from outside is checked before excelize sees it: what the file really is (by its first bytes, not
// its name), whether its zip directory promises more than a workbook can hold, and whether its sheets' row
// numbers are ones Excel could have written. Only then does excelize open it, with its own limits set too.

// Limits of a workbook read from outside.
const (
	DefaultMaxBytes  = 50 << 20  // the file itself
	maxUnzippedBytes = 500 << 20 // all its parts inflated
	maxPartRatio     = 100       // inflated ÷ compressed size of one part …
	ratioFromBytes   = 10 << 20  // … judged for parts inflating to more than this
	maxParts         = 10000
	maxXMLPartBytes  = 16 << 20 // workbook.xml and its relationships
	maxSheetRows     = excelize.TotalRows
	maxMergeRanges   = 100000
)

// fileError is the refusal of a whole file: its message names the file and the problem.
func fileError(filePath, key, msg string, cause error, args ...any) *data.Error {
	name := filepath.Base(filePath)
	a := map[string]any{"File": name}
	for i := 0; i+1 < len(args); i += 2 {
		a[args[i].(string)] = args[i+1]
	}
	return &data.Error{Code: data.Invalid, Field: "file", Key: key, Args: a, Message: name + ": " + msg, Err: cause}
}

var (
	magicZip   = []byte("PK\x03\x04")
	magicEmpty = []byte("PK\x05\x06")
	magicOLE   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicPDF   = []byte("%PDF")
	// An encrypted xlsx is an OLE container holding the streams EncryptionInfo and EncryptedPackage; directory
	// entries name their streams in UTF-16LE.
	oleEncryptionInfo = utf16le("EncryptionInfo")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// sniff refuses whatever is not a zip by what its first bytes say it is.
func sniff(filePath string, b []byte) error {
	switch {
	case len(b) == 0:
		return fileError(filePath, "err.import.empty", "the file is empty", nil)
	case bytes.HasPrefix(b, magicZip), bytes.HasPrefix(b, magicEmpty):
		return nil
	case bytes.HasPrefix(b, magicOLE):
		if bytes.Contains(b, oleEncryptionInfo) {
			return fileError(filePath, "err.import.encrypted", "the workbook is protected by a password; save it again without one", nil)
		}
		return fileError(filePath, "err.import.xls", "is an old Excel 97–2003 workbook (.xls); save it as .xlsx", nil)
	case bytes.HasPrefix(b, magicPDF):
		return fileError(filePath, "err.import.pdf", "is a PDF document, not an Excel workbook", nil)
	case looksLikeText(b):
		return fileError(filePath, "err.import.text", "is a text file (such as CSV), not an Excel workbook; open it in Excel and save it as .xlsx", nil)
	}
	return fileError(filePath, "err.import.not_xlsx", "is not an Excel workbook (.xlsx)", nil)
}

// looksLikeText: no NUL byte and valid UTF-8 in the first few kilobytes (GBK text has no NUL either).
func looksLikeText(b []byte) bool {
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	if utf8.Valid(head) || len(head) == 8192 && utf8.Valid(head[:len(head)-4]) {
		return true
	}
	return bytes.ContainsAny(head, ",\t\n")
}

// workbookPlan is what the checks learn of a workbook: its sheets in order and each sheet's rows and merges.
type workbookPlan struct {
	sheets   []planSheet
	date1904 bool
	sst      *zip.File // xl/sharedStrings.xml, where excelize looks for the shared strings; nil when absent
	sstOdd   bool      // a shared strings part under another spelling: left to excelize
}

type planSheet struct {
	index int
	name  string
	part  *zip.File // the worksheet XML; nil when the workbook names a part it lacks
}

// sheetScan is what scanning a worksheet's XML found.
type sheetScan struct {
	rows   int // the last row number
	merges []string
}

// checkZip refuses a zip that is no workbook, is damaged, or would inflate to more than a workbook can hold,
// reading only its directory and workbook part; scanSheets then reads the worksheets.
func checkZip(filePath string, b []byte) (workbookPlan, error) {
	var plan workbookPlan
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return plan, fileError(filePath, "err.import.corrupt", "the file is damaged or incomplete (a broken zip archive)", err)
	}
	if err := checkSizes(filePath, zr); err != nil {
		return plan, err
	}
	if err := checkDeclarations(filePath, zr.File); err != nil {
		return plan, err
	}
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if _, dup := parts[name]; dup {
			// Part names are compared without case (OPC); two parts of one name would let the checks read one
			// and excelize the other.
			return plan, fileError(filePath, "err.import.corrupt", "the file is damaged: it holds the part "+f.Name+" twice", nil)
		}
		parts[name] = f
		if name == "xl/sharedstrings.xml" {
			plan.sstOdd = plan.sstOdd || plan.sst != nil || f.Name != "xl/sharedStrings.xml"
			plan.sst = f
		}
	}
	wbPath := workbookPart(parts)
	wb, ok := parts[strings.ToLower(wbPath)]
	if !ok {
		return plan, fileError(filePath, "err.import.not_workbook", "is a zip archive but not an Excel workbook", nil)
	}
	sheets, date1904, err := readWorkbookXML(wb)
	if err != nil {
		return plan, fileError(filePath, "err.import.corrupt", "the file is damaged or incomplete (a broken zip archive)", err)
	}
	plan.date1904 = date1904
	targets := readRels(parts[strings.ToLower(relsPath(wbPath))])
	for i, s := range sheets {
		ps := planSheet{index: i, name: s.name}
		if part := resolvePart(path.Dir(wbPath), targets[s.rid]); part != "" {
			ps.part = parts[strings.ToLower(part)]
		}
		plan.sheets = append(plan.sheets, ps)
	}
	return plan, checkSheetNames(filePath, plan, readRelsFull(parts[strings.ToLower(relsPath(wbPath))]))
}

// relsPath is where a part's relationships are.
func relsPath(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// checkSheetNames refuses a workbook whose sheets could be read as one another: two sheets of one name (Excel
// compares names without case, and so does excelize when it looks a sheet up), two sheets on one part (their
// rows would be imported twice), a relationship id given twice, a sheet whose part is missing.
func checkSheetNames(filePath string, plan workbookPlan, rels []xmlRel) error {
	damaged := func(key, what string, args ...any) error {
		return fileError(filePath, key, "is damaged: "+what, nil, args...)
	}
	ids := map[string]bool{}
	for _, r := range rels {
		if ids[r.ID] {
			return damaged("err.import.rel_twice", "the relationship "+r.ID+" is given twice", "Id", r.ID)
		}
		ids[r.ID] = true
	}
	names := map[string]string{}
	parts := map[*zip.File]string{}
	for _, ps := range plan.sheets {
		key := strings.ToLower(ps.name)
		if prev, dup := names[key]; dup {
			return damaged("err.import.sheet_twice", "two sheets are named "+prev+" and "+ps.name, "Sheet", ps.name, "Other", prev)
		}
		names[key] = ps.name
		if ps.part == nil {
			return damaged("err.import.sheet_missing", "the content of sheet "+ps.name+" is missing", "Sheet", ps.name)
		}
		if prev, dup := parts[ps.part]; dup {
			return damaged("err.import.sheet_shared", "sheets "+prev+" and "+ps.name+" are one and the same part", "Sheet", ps.name, "Other", prev)
		}
		parts[ps.part] = ps.name
	}
	return nil
}

// scanSheets scans every worksheet's XML, in sheet order.
func scanSheets(ctx context.Context, filePath string, plan workbookPlan) ([]sheetScan, error) {
	out := make([]sheetScan, len(plan.sheets))
	for i, ps := range plan.sheets {
		if ps.part == nil {
			continue
		}
		if err := scanSheet(ctx, filePath, ps, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkSizes reads the zip's central directory: archive/zip stops a part at its declared size, so the declared
// sizes bound what inflating can produce.
func checkSizes(filePath string, zr *zip.Reader) error {
	if len(zr.File) > maxParts {
		return fileError(filePath, "err.import.zip_bomb", "would unpack to far more than a workbook holds; it is refused", nil,
			"Reason", fmt.Sprintf("%d parts", len(zr.File)))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		ratio := f.UncompressedSize64 / max(f.CompressedSize64, 1)
		if f.UncompressedSize64 > ratioFromBytes && ratio > maxPartRatio || total > maxUnzippedBytes {
			return fileError(filePath, "err.import.zip_bomb", "would unpack to far more than a workbook holds; it is refused", nil,
				"Reason", fmt.Sprintf("%s: %d bytes from %d", f.Name, f.UncompressedSize64, f.CompressedSize64))
		}
	}
	return nil
}

// workbookPart is the workbook's part named by the package relationships, xl/workbook.xml by default.
func workbookPart(parts map[string]*zip.File) string {
	for _, r := range readRelsFull(parts["_rels/.rels"]) {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return resolvePart("", r.Target)
		}
	}
	return "xl/workbook.xml"
}

type xmlRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func readRelsFull(f *zip.File) []xmlRel {
	if f == nil {
		return nil
	}
	var rels struct {
		Rels []xmlRel `xml:"Relationship"`
	}
	if err := decodePart(f, &rels); err != nil {
		return nil
	}
	return rels.Rels
}

func readRels(f *zip.File) map[string]string {
	out := map[string]string{}
	for _, r := range readRelsFull(f) {
		out[r.ID] = r.Target
	}
	return out
}

// resolvePart turns a relationship target into a zip path.
func resolvePart(dir, target string) string {
	if target == "" {
		return ""
	}
	target = strings.ReplaceAll(target, "\\", "/") // as excelize reads it
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(dir, target)), "/")
}

func decodePart(f *zip.File, v any) error {
	if f.UncompressedSize64 > maxXMLPartBytes {
		return errors.New(f.Name + " is too large")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxXMLPartBytes)).Decode(v)
}

type wbSheet struct {
	name, rid string
}

func readWorkbookXML(f *zip.File) ([]wbSheet, bool, error) {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(f, &wb); err != nil {
		return nil, false, err
	}
	out := make([]wbSheet, 0, len(wb.Sheets))
	for _, s := range wb.Sheets {
		ws := wbSheet{name: s.Name}
		for _, a := range s.Attrs {
			if a.Name.Local == "id" {
				ws.rid = a.Value
			}
		}
		out = append(out, ws)
	}
	d := strings.ToLower(wb.Pr.Date1904)
	return out, d == "1" || d == "true", nil
}

// scanSheet reads a worksheet's XML as bytes, without building it, for its row numbers and merged ranges: a row
// number outside 1…1,048,576, or rows out of order, refuse the file before excelize iterates over it. It looks
// only for the start tags of rows and merged ranges (with the namespace prefix the sheet uses, if any), so it
// costs little more than inflating the part.
func scanSheet(ctx context.Context, filePath string, ps planSheet, scan *sheetScan) error {
	rc, err := ps.part.Open()
	if err != nil {
		return fileError(filePath, "err.import.corrupt", "the file is damaged or incomplete (a broken zip archive)", err)
	}
	defer rc.Close()
	sc := &tagScanner{r: rc, buf: make([]byte, 0, 256<<10)}
	last, lastAt := 0, 0
	tooLarge := func(at int) error {
		if last > 0 && at-lastAt > maxRowXML {
			return fileError(filePath, "err.import.row_large", fmt.Sprintf("sheet %s, row %d is %d MB of XML, over %d MB", ps.name, last, (at-lastAt)>>20, maxRowXML>>20), nil,
				"Sheet", ps.name, "Row", last, "MaxMB", maxRowXML>>20)
		}
		return nil
	}
	for {
		tag, err := sc.next()
		if errors.Is(err, io.EOF) {
			scan.rows = last
			return tooLarge(sc.base + len(sc.buf))
		}
		if err != nil {
			return fileError(filePath, "err.import.corrupt", "the file is damaged or incomplete (a broken zip archive)", err)
		}
		if sc.tags%4096 == 0 && ctx.Err() != nil {
			return cancelled(filePath, ctx.Err())
		}
		switch tagName(tag) {
		case "row":
			r, text := rowAttr(tag, last)
			switch {
			case r > maxSheetRows:
				return fileError(filePath, "err.import.rows_max", "sheet claims row "+text+"; a sheet has at most 1,048,576 rows", nil,
					"Sheet", ps.name, "Row", text)
			case r <= last:
				return fileError(filePath, "err.import.row_number", "sheet has a row numbered "+text+" where row "+strconv.Itoa(last+1)+" or later belongs", nil,
					"Sheet", ps.name, "Row", text)
			}
			if err := tooLarge(sc.base + sc.pos); err != nil {
				return err
			}
			last, lastAt = r, sc.base+sc.pos
		case "mergeCell":
			if ref := attr(tag, "ref"); ref != "" && len(scan.merges) < maxMergeRanges {
				scan.merges = append(scan.merges, ref)
			}
		}
	}
}

// tagScanner finds the start tags <row …> and <mergeCell …> in a worksheet's XML stream. It learns the sheet's
// namespace prefix from its root element (<x:worksheet> makes rows <x:row>).
type tagScanner struct {
	r        io.Reader
	buf      []byte
	pos      int
	eof      bool
	patterns [][]byte
	hits     []int // per pattern: where it is next found in buf, noHit, or hitUnknown (searching anew each time
	// would read the buffer again for every row while no merged range comes)
	tags int
	base int // the offset in the part of buf[0]
}

const (
	noHit      = -1
	hitUnknown = -2
)

// maxTagBytes bounds one start tag; a longer "row" tag is a damaged or hostile file.
const maxTagBytes = 64 << 10

func (s *tagScanner) next() ([]byte, error) {
	for {
		if s.patterns == nil {
			if err := s.learnPrefix(); err != nil {
				return nil, err
			}
		}
		at := -1
		for i, p := range s.patterns {
			if s.hits[i] == hitUnknown || s.hits[i] >= 0 && s.hits[i] < s.pos {
				s.hits[i] = noHit
				if j := bytes.Index(s.buf[s.pos:], p); j >= 0 {
					s.hits[i] = s.pos + j
				}
			}
			if h := s.hits[i]; h >= 0 && (at < 0 || h < at) {
				at = h
			}
		}
		if at >= 0 {
			start := at
			if end := bytes.IndexByte(s.buf[start:], '>'); end >= 0 {
				tag := s.buf[start+1 : start+end+1]
				s.pos = start + end + 1
				if tagName(tag) == "" { // <rows…> or <mergeCells>: a longer name with the same start
					continue
				}
				s.tags++
				return tag, nil
			}
			if s.eof {
				return nil, io.EOF
			}
			if len(s.buf)-start > maxTagBytes {
				return nil, errors.New("a row tag longer than 64 KB")
			}
			s.pos = start
		} else if s.eof {
			return nil, io.EOF
		} else {
			s.pos = max(s.pos, len(s.buf)-len(s.patterns[1])+1) // a tag may start in the tail
		}
		if err := s.fill(); err != nil {
			return nil, err
		}
	}
}

// fill keeps the unread tail and reads more.
func (s *tagScanner) fill() error {
	for i := range s.hits {
		s.hits[i] = hitUnknown
	}
	n := copy(s.buf[:cap(s.buf)], s.buf[s.pos:])
	s.base += s.pos
	s.buf, s.pos = s.buf[:n], 0
	if n == cap(s.buf) {
		s.buf = append(s.buf, make([]byte, cap(s.buf))...)[:n]
	}
	m, err := io.ReadFull(s.r, s.buf[n:cap(s.buf)])
	s.buf = s.buf[:n+m]
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		s.eof = true
		return nil
	}
	return err
}

// learnPrefix reads up to the root element and sets the tags to look for.
func (s *tagScanner) learnPrefix() error {
	for {
		if i := bytes.Index(s.buf, []byte("worksheet")); i >= 0 {
			prefix := ""
			if j := bytes.LastIndexByte(s.buf[:i], '<'); j >= 0 && i-j > 1 && s.buf[i-1] == ':' {
				prefix = string(s.buf[j+1 : i])
			}
			s.patterns = [][]byte{[]byte("<" + prefix + "row"), []byte("<" + prefix + "mergeCell")}
			s.hits = []int{hitUnknown, hitUnknown}
			return nil
		}
		if s.eof || len(s.buf) > maxTagBytes {
			s.patterns = [][]byte{[]byte("<row"), []byte("<mergeCell")}
			s.hits = []int{hitUnknown, hitUnknown}
			return nil
		}
		s.pos = 0
		if err := s.fill(); err != nil {
			return err
		}
	}
}

// tagName is the local name of a start tag read after its '<'.
func tagName(tag []byte) string {
	end := bytes.IndexAny(tag, " \t\r\n/>")
	if end <= 0 {
		return ""
	}
	name := tag[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	switch string(name) {
	case "row":
		return "row"
	case "mergeCell":
		return "mergeCell"
	}
	return ""
}

// rowAttr reads a row's number: its r attribute, or the row after the last one without it. A number that is
// not a positive integer comes back as 0 (never a row).
func rowAttr(tag []byte, last int) (int, string) {
	v := attr(tag, "r")
	if v == "" {
		return last + 1, strconv.Itoa(last + 1)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n <= 0 {
		if len(v) > 20 {
			v = v[:20] + "…"
		}
		return 0, v
	}
	if n > maxSheetRows {
		return maxSheetRows + 1, v
	}
	return int(n), v
}

// attr finds an attribute's value in a start tag (name="value" or name='value').
func attr(tag []byte, name string) string {
	for i := 0; i < len(tag); {
		j := bytes.Index(tag[i:], []byte(name+"="))
		if j < 0 {
			return ""
		}
		j += i
		i = j + len(name) + 1
		if j == 0 || !isSpace(tag[j-1]) || i >= len(tag) {
			continue
		}
		q := tag[i]
		if q != '"' && q != '\'' {
			continue
		}
		end := bytes.IndexByte(tag[i+1:], q)
		if end < 0 {
			return ""
		}
		return string(tag[i+1 : i+1+end])
	}
	return ""
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func cancelled(filePath string, err error) *data.Error {
	return fileError(filePath, "err.import.cancelled", "reading was cancelled; nothing was imported", err)
}
