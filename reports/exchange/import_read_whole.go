package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// A sheet is imported only when its XML parses whole. excelize's Rows stops at the first XML error (an invalid
// control character, an undefined entity, garbage, a truncated end) and says nothing: the rows before it would
// be imported and the rest lost without a word. The scanner (import_read_fast.go) checks what it reads and
// gives up on anything it is not sure of; a sheet it gives up on is read here, whole, with the decoder excelize
// uses, before excelize reads it: a sheet that does not parse whole refuses the file, naming the sheet and the
// place.

// charsetReader is how excelize's decoder reads an XML part that declares an encoding other than UTF-8.
type charsetReader = func(label string, input io.Reader) (io.Reader, error)

// checkWhole decodes a worksheet part to its end with encoding/xml, as excelize's decoder would, and refuses
// the file at the first error, naming the sheet, the row it broke in and the line of the XML. It also refuses
// rows outside the sheet's data (excelize stops at the end of sheetData and would drop them unread).
func checkWhole(ctx context.Context, filePath string, ps planSheet, cs charsetReader, sst func() (int, error)) (sheetMarks, error) {
	if ps.part == nil {
		return sheetMarks{}, nil
	}
	rc, err := ps.part.Open()
	if err != nil {
		return sheetMarks{}, fileError(filePath, "err.import.corrupt", "the file is damaged or incomplete (a broken zip archive)", err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	w := wholeSheet{file: filePath, sheet: ps.name, sst: sst}
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		w.encoding = label // its decoder turns bytes it cannot read into U+FFFD without a word
		return cs(label, in)
	}
	for n := 0; ; n++ {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if w.depth == 0 && w.rootSeen {
				return w.marks, nil
			}
			err = errors.New("the XML ends before its elements are closed")
		}
		if err == nil {
			err = w.see(tok)
		}
		var de *data.Error
		if errors.As(err, &de) {
			return sheetMarks{}, de
		}
		if err != nil {
			line, col := d.InputPos()
			return sheetMarks{}, w.refuse(filePath, ps.name, line, col, err)
		}
		if n%4096 == 0 && ctx.Err() != nil {
			return sheetMarks{}, cancelled(filePath, ctx.Err())
		}
	}
}

// wholeSheet follows where the decoder is: how deep, whether in sheetData, which row.
type wholeSheet struct {
	file, sheet string
	sst         func() (int, error) // how many shared strings the workbook has
	depth       int
	space       string // the namespace of sheetData, the sheet's own
	encoding    string // the encoding the sheet declares, when not UTF-8
	rootSeen    bool
	dataDepth   int // the depth of the open sheetData element, 0 outside it
	dataSeen    bool
	inRow       bool
	row         int        // the number of the row last started
	col         int        // the column of the cell last started, as excelize counts it
	marks       sheetMarks // the formula and logical cells
	shared      bool       // the cell is a shared string: its value an index into them
	logical     bool       // the cell is TRUE or FALSE
	inV         bool       // in the value of a cell whose value is looked at (shared, logical)
	v           []byte     // the value so far
}

func (w *wholeSheet) see(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		w.depth++
		if w.depth == 1 {
			if w.rootSeen {
				return errors.New("a second root element")
			}
			w.rootSeen = true
		}
		switch t.Name.Local {
		case "sheetData":
			if w.dataSeen { // in any namespace: excelize stops at the end of any sheetData
				return errors.New("a second sheetData element")
			}
			w.dataSeen, w.dataDepth, w.space = true, w.depth, t.Name.Space
		case "row":
			if err := w.rowPlace(t); err != nil || !w.inData() {
				return err // after the data, a drawing anchor's <xdr:row>
			}
			w.row++
			for _, a := range t.Attr {
				if a.Name.Local == "r" {
					if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
						w.row = n
					}
				}
			}
			w.inRow, w.col = true, 0
		case "c":
			if !w.inData() {
				return errors.New("a cell outside sheetData") // excelize would read it into the row before
			}
			prev := w.col
			w.col++
			w.shared, w.logical, w.v = false, false, w.v[:0]
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "r":
					if col, _, err := excelize.CellNameToCoordinates(a.Value); err == nil {
						w.col = col
					}
					if w.col <= prev {
						return w.outOfOrder(a.Value, prev)
					}
				case "t":
					w.shared, w.logical = a.Value == "s", a.Value == "b"
				}
			}
		case "v":
			w.inV, w.v = w.inRow && (w.shared || w.logical), w.v[:0]
		case "f":
			if w.inRow {
				w.marks.formulas.add(cellPos{w.row, w.col})
			}
		}
	case xml.CharData:
		if w.encoding != "" && bytes.ContainsRune(t, utf8.RuneError) {
			return fmt.Errorf("bytes that are not %s, as the sheet says it is written", w.encoding)
		}
		if w.inV {
			w.v = append(w.v, t...)
		}
	case xml.EndElement:
		switch {
		case t.Name.Local == "v" && w.inV:
			w.inV = false
			if !w.shared {
				break
			}
			if err := w.sharedIndex(); err != nil {
				return err
			}
		case t.Name.Local == "c" && w.logical && w.inRow:
			noteLogical(&w.marks.logicals, w.row, w.col, string(w.v))
		case t.Name.Local == "row":
			w.inRow = false
		case w.depth == w.dataDepth:
			w.dataDepth = 0
		}
		w.depth--
	}
	return nil
}

// outOfOrder refuses a cell whose reference is not after the cell before it in its row (backwards, twice, or
// after a cell without reference that took its place): excelize puts such a cell in the next column, so its
// value would be imported under another field.
func (w *wholeSheet) outOfOrder(ref string, prev int) error {
	before, _ := excelize.ColumnNumberToName(max(prev, 1))
	if len(ref) > 20 {
		ref = ref[:20] + "…"
	}
	return fileError(w.file, "err.import.cell_order", fmt.Sprintf("sheet %s, row %d: cell %s comes after column %s in its row", w.sheet, w.row, ref, before), nil,
		"Sheet", w.sheet, "Row", w.row, "Cell", ref, "After", before)
}

// inData tells whether the decoder is inside sheetData.
func (w *wholeSheet) inData() bool { return w.dataDepth > 0 }

// rowPlace refuses a row excelize would read as one of the sheet's and XML does not: before sheetData, after it
// in the sheet's namespace, nested, or of another namespace in it. Excelize counts any element named row until
// sheetData ends (and past it, once Columns has read that end), so only an element of another namespace after
// the data — a drawing anchor's <xdr:row>, which holds no cells — is let through.
func (w *wholeSheet) rowPlace(t xml.StartElement) error {
	switch {
	case !w.dataSeen:
		return errors.New("a row before sheetData")
	case !w.inData() && t.Name.Space == w.space:
		return errors.New("a row after sheetData")
	case !w.inData():
		return nil
	case w.depth != w.dataDepth+1 || t.Name.Space != w.space:
		return errors.New("a row outside sheetData")
	}
	return nil
}

// sharedIndex refuses a shared string cell whose index the workbook has no string for: excelize reads it as
// empty (or, not a number, as the first string) without a word, and the cell's text would be lost.
func (w *wholeSheet) sharedIndex() error {
	text := strings.TrimSpace(string(w.v))
	if text == "" {
		return nil
	}
	n, err := w.sst()
	if err != nil {
		return err
	}
	if i, err := strconv.Atoi(text); err == nil && i >= 0 && i < n {
		return nil
	}
	cell, _ := excelize.CoordinatesToCellName(max(w.col, 1), max(w.row, 1))
	if len(text) > 20 {
		text = text[:20] + "…"
	}
	return fileError(w.file, "err.import.shared_string", fmt.Sprintf("sheet %s, cell %s refers to shared text %s, which the workbook does not have (it has %d)", w.sheet, cell, text, n), nil,
		"Sheet", w.sheet, "Cell", cell, "Index", text, "Count", n)
}

// countSharedStrings counts the strings of the shared strings part as excelize reads them.
func countSharedStrings(part *zip.File) (int, error) {
	if part == nil {
		return 0, nil
	}
	rc, err := part.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	n, depth := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth == 2 && t.Name.Local == "si" {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

// refuse names the place: the row the break is in, or the one after the last whole row.
func (w *wholeSheet) refuse(filePath, sheet string, line, col int, cause error) error {
	row := w.row
	if !w.inRow {
		row++
	}
	return fileError(filePath, "err.import.xml",
		fmt.Sprintf("sheet %s does not parse whole: it breaks at row %d (line %d, column %d of its XML): %v", sheet, row, line, col, cause),
		cause, "Sheet", sheet, "Row", row, "Line", line, "Column", col, "Reason", cause.Error())
}

// checkAllWhole holds the problems workbook to what the reader accepts: every sheet's row numbers are ones
// Excel writes and its XML parses whole. Otherwise the copy sent back would keep only what excelize read.
func checkAllWhole(filePath string, plan workbookPlan, cs charsetReader) error {
	ctx := context.Background()
	if _, err := scanSheets(ctx, filePath, plan); err != nil {
		return err
	}
	sst := sync.OnceValues(func() (int, error) { return sharedStringsOf(filePath, plan.sst) })
	for _, ps := range plan.sheets {
		if _, err := checkWhole(ctx, filePath, ps, cs, sst); err != nil {
			return err
		}
	}
	return nil
}

// sharedStringsOf counts the shared strings, a damaged part refusing the file.
func sharedStringsOf(filePath string, part *zip.File) (int, error) {
	n, err := countSharedStrings(part)
	if err != nil {
		return 0, fileError(filePath, "err.import.unreadable", "the workbook cannot be read: "+err.Error(), err, "Reason", err.Error())
	}
	return n, nil
}
