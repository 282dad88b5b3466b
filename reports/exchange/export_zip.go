package exchange

import (
	"archive/zip"
	"io"

	"github.com/xuri/excelize/v2"
)

// zipStraightTo has a workbook's zip written straight to w, each part compressed by archive/zip's own
// compressor, and rows written into the sheet part named part (see rowsIntoSheet). excelize would first write
// the whole zip to a buffer of its own and then copy it to w; given this zip writer, that buffer stays empty.
// (excelize mends the buffer's local headers of a part over 4 GB, which an export never reaches: Excel's
// 1,048,576 rows of this program's columns stay far below it.)
func zipStraightTo(f *excelize.File, w io.Writer, part string, rows func(io.Writer) error) {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return &rowsIntoSheet{ZipWriter: zip.NewWriter(w), part: part, write: rows}
	})
}

// streamedSheetPart is the part of the one sheet of a workbook excelize.NewFile makes.
const streamedSheetPart = "xl/worksheets/sheet1.xml"
