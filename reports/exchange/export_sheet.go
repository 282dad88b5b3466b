package exchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A long table's rows are written as sheet XML here, the same bytes excelize's StreamWriter.SetRow writes for
// the same cells (a text as an inline string, a number column's number as a number), but without what SetRow
// spends on each cell: a cell reference string, a cell value struct and its text, a regular expression run
// over every text and the row held in a temporary file of its own. excelize still writes the workbook around
// them (styles, the frozen header row, the columns' widths); the rows go into its sheet part on the way to the
// zip, straight after the header row, as they come.

// sheetDataEnd is where the rows go in the sheet part excelize writes: the stream writer ends its rows there.
var sheetDataEnd = []byte(`</sheetData>`)

// rowWriter writes a table's rows as sheet XML to w, from row number r on.
type rowWriter struct {
	w       io.Writer
	buf     []byte
	r       int
	numeric []bool
	refs    [][]byte // column letters, by column index
}

// rowFlushAt is how much XML is gathered before it goes to the compressor.
const rowFlushAt = 64 << 10

func newRowWriter(w io.Writer, firstRow int, numeric []bool) *rowWriter {
	return &rowWriter{w: w, buf: make([]byte, 0, rowFlushAt+4096), r: firstRow, numeric: numeric}
}

// write writes one row, as SetRow(cell A of the row, the row's values) writes it.
func (rw *rowWriter) write(row []string) error {
	if rw.r > excelize.TotalRows {
		return fmt.Errorf("row %d: %w", rw.r, excelize.ErrMaxRows)
	}
	if len(row) > excelize.MaxColumns {
		return fmt.Errorf("row %d: %w", rw.r, excelize.ErrColumnNumber)
	}
	for len(rw.refs) < len(row) {
		name, _ := excelize.ColumnNumberToName(len(rw.refs) + 1)
		rw.refs = append(rw.refs, []byte(`<c r="`+name))
	}
	b := rw.buf
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(rw.r), 10)
	b = append(b, `">`...)
	for i, v := range row {
		b = append(b, rw.refs[i]...)
		b = strconv.AppendInt(b, int64(rw.r), 10)
		if v != "" && i < len(rw.numeric) && rw.numeric[i] {
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				if math.IsNaN(n) || math.IsInf(n, 0) {
					b = appendInlineText(b, fmt.Sprint(n))
				} else {
					b = append(b, `"><v>`...)
					b = appendCellFloat(b, n)
					b = append(b, `</v></c>`...)
				}
				continue
			}
		}
		b = appendInlineText(b, v)
	}
	b = append(b, `</row>`...)
	rw.r++
	rw.buf = b
	if len(b) >= rowFlushAt {
		return rw.flush()
	}
	return nil
}

func (rw *rowWriter) flush() error {
	if len(rw.buf) == 0 {
		return nil
	}
	_, err := rw.w.Write(rw.buf)
	rw.buf = rw.buf[:0]
	return err
}

// appendInlineText ends a cell's start tag (after its reference) and writes v as its inline string, as
// excelize's setInlineStr and writeCell do.
func appendInlineText(b []byte, v string) []byte {
	b = append(b, `" t="inlineStr"><is><t`...)
	if !plainText(v) {
		text, preserve := cellText(v)
		if preserve {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, text...)
		return append(b, `</t></is></c>`...)
	}
	if v != "" && (v[0] == ' ' || v[len(v)-1] == ' ') {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = append(b, v...)
	return append(b, `</t></is></c>`...)
}

// plainText is a text excelize writes as it is (but for xml:space on a leading or trailing space): no more
// than a cell holds, valid UTF-8 of characters XML allows, nothing XML escapes and no underscore (excelize
// escapes what reads as _xHHHH_).
func plainText(s string) bool {
	if len(s) > excelize.TotalCellChars { // a UTF-16 unit takes at least one byte of UTF-8
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '&' || c == '\'' || c == '<' || c == '>' || c == '_' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// cellText is excelize's trimCellValue(v, true) for an inline string: v cut to a cell's 32,767 UTF-16 units,
// escaped for XML (a line feed kept as it is), _xHHHH_ escaped as Excel reads it; and whether it needs
// xml:space="preserve".
func cellText(v string) (string, bool) {
	if countUTF16(v) > excelize.TotalCellChars {
		v = truncateUTF16(v, excelize.TotalCellChars)
	}
	preserve := false
	if v != "" {
		for _, c := range []byte{9, 10, 13, 32} {
			if v[0] == c || v[len(v)-1] == c {
				preserve = true
				break
			}
		}
		var buf strings.Builder
		_ = xml.EscapeText(&buf, []byte(v))
		v = strings.ReplaceAll(buf.String(), "&#xA;", "\n")
	}
	return bstrMarshal(v), preserve
}

func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func truncateUTF16(s string, length int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > length {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's: an _xHHHH_ in a text would read as the character HHHH, so its underscore is
// written as _x005F_.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// appendCellFloat is excelize's formatCellFloat(n, -1, 64): the shortest decimal, cut to Excel's 15
// significant digits.
func appendCellFloat(b []byte, n float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, n, 'f', -1, 64)
	if math.Abs(n) == math.MaxFloat64 {
		return b
	}
	str := b[start:]
	const maxPrec = 15
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			b = b[:start+idx]
			if b[len(b)-1] == '.' {
				b = b[:len(b)-1]
			}
			return b
		}
		if decimal < 0 {
			decimal = len(str)
		}
		b = b[:start+decimal]
		for ; idx < decimal; idx++ {
			b[start+idx] = '0'
		}
		return b
	}
	return b
}

// rowsIntoSheet is a zip writer for excelize that puts rows into the sheet part named part: what excelize
// writes of that part is held until its </sheetData>, where write writes the rows before the rest goes on.
type rowsIntoSheet struct {
	excelize.ZipWriter
	part  string
	write func(w io.Writer) error
	open  *sheetSplice // the part being written, until the next part begins
	done  bool
}

func (z *rowsIntoSheet) Create(name string) (io.Writer, error) {
	if err := z.endSplice(); err != nil {
		return nil, err
	}
	w, err := z.ZipWriter.Create(name)
	if err != nil || name != z.part {
		return w, err
	}
	z.open = &sheetSplice{out: w, write: z.write}
	return z.open, nil
}

func (z *rowsIntoSheet) Close() error {
	if err := z.endSplice(); err != nil {
		return err
	}
	if !z.done {
		return errNoSheetData
	}
	return z.ZipWriter.Close()
}

func (z *rowsIntoSheet) endSplice() error {
	if z.open == nil {
		return nil
	}
	s := z.open
	z.open = nil
	if !s.spliced {
		return errNoSheetData
	}
	z.done = true
	return nil
}

var errNoSheetData = errors.New("the sheet excelize wrote has no </sheetData> for the rows")

// sheetSplice is the sheet part as excelize writes it, with the rows put in before its </sheetData>.
type sheetSplice struct {
	out     io.Writer
	write   func(w io.Writer) error
	held    []byte
	spliced bool
}

func (s *sheetSplice) Write(p []byte) (int, error) {
	if s.spliced {
		return s.out.Write(p)
	}
	s.held = append(s.held, p...)
	i := bytes.Index(s.held, sheetDataEnd)
	if i < 0 {
		return len(p), nil
	}
	s.spliced = true
	if _, err := s.out.Write(s.held[:i]); err != nil {
		return 0, err
	}
	if err := s.write(s.out); err != nil {
		return 0, err
	}
	if _, err := s.out.Write(s.held[i:]); err != nil {
		return 0, err
	}
	s.held = nil
	return len(p), nil
}
