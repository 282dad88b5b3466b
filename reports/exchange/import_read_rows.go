package exchange

import (
	"fmt"
)

// Bounds of the rows a workbook may bring. A row's cells are held whole while it is read, and the rows kept
// take some two hundred bytes each: a hostile file could otherwise fill memory with one row of half a
// gigabyte of text (compressed under the zip bomb check), or with three sheets of a million rows each.
// Variables, so that a test can make them small.
var (
	maxRowBytes = 8 << 20              // the text of one row: Excel's 32,767 characters a cell, in some 80 full cells
	maxRowXML   = 16 << 20             // the XML of one row, found by the scan before excelize builds it
	maxBookRows = maxSheetRows + 1<<16 // rows read in all: one full sheet, and the template's others
)

// cellBytes is the text of a row's cells.
func cellBytes(cells []string) int {
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	return n
}

// rowWithin refuses the file at a row over the bounds: too much text, or one row too many in the workbook.
func (r *sheetReader) rowWithin(cells []string) error {
	if r.out.RowsRead >= maxBookRows {
		return fileError(r.file, "err.import.rows_total", fmt.Sprintf("holds more than %d rows in all", maxBookRows), nil,
			"Max", maxBookRows)
	}
	if n := cellBytes(cells); n > maxRowBytes {
		return fileError(r.file, "err.import.row_large", fmt.Sprintf("sheet %s, row %d holds %d MB of text, over %d MB", r.sheet, r.rowNo+1, n>>20, maxRowBytes>>20), nil,
			"Sheet", r.sheet, "Row", r.rowNo+1, "MaxMB", maxRowBytes>>20)
	}
	return nil
}
