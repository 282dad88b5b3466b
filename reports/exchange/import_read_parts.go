package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// excelize parses some parts of a workbook whole into memory when it opens it (styles, theme, calculation
// chain, workbook, relationships, content types) or reads it (shared strings). A part of a few megabytes can
// declare millions of items — a styles part of 10 million number formats took 72 s and 2.2 GB — so each such
// part's size and count of elements is checked before excelize sees the file, by counting its start tags as
// it inflates, in bounded memory.

// Limits of the parts parsed whole.
const (
	maxWholePartBytes     = 32 << 20 // one part other than the shared strings
	maxWholePartElements  = 250_000  // … its elements: Excel's own limit of 64,000 cell formats, each with children, fits
	maxWholeTotalElements = 500_000  // all of them together
)

// The shared strings are held whole, as text and as strings (and by excelize, when the scanner leaves them to
// it, as a struct per string): 2 million strings of 30 characters (92 MB of XML in a 48 MB file) took 14 s and
// 360 MB. Excel's save of this program's largest export has some 600,000 strings in some 30 MB. Variables, so
// that a test can make them small.
var (
	maxSSTBytes    uint64 = 40 << 20
	maxSSTElements        = 2 << 20 // a million plain strings (<si><t>), fewer of rich text
)

// checkDeclarations refuses a workbook one of whose parts parsed whole would declare more than it can hold.
// Worksheets are left out: they are streamed, and scanSheet checks their rows.
func checkDeclarations(filePath string, files []*zip.File) error {
	total := 0
	for _, f := range files {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if !parsedWhole(name) {
			continue
		}
		maxBytes, maxElems := uint64(maxWholePartBytes), maxWholePartElements
		if name == "xl/sharedstrings.xml" {
			maxBytes, maxElems = maxSSTBytes, maxSSTElements
		}
		if f.UncompressedSize64 > maxBytes {
			return tooMany(filePath, f.Name, fmt.Sprintf("%d MB", f.UncompressedSize64>>20), fmt.Sprintf("%d MB", maxBytes>>20))
		}
		n, err := countElements(f, maxElems)
		if err != nil {
			return fileError(filePath, "err.import.corrupt", "the file is damaged or incomplete (a broken zip archive)", err)
		}
		if n > maxElems {
			return tooMany(filePath, f.Name, fmt.Sprintf("> %d elements", maxElems), fmt.Sprintf("%d", maxElems))
		}
		if name != "xl/sharedstrings.xml" {
			if total += n; total > maxWholeTotalElements {
				return tooMany(filePath, f.Name, fmt.Sprintf("> %d elements in all", maxWholeTotalElements), fmt.Sprintf("%d", maxWholeTotalElements))
			}
		}
	}
	return nil
}

// parsedWhole tells the XML parts that are not worksheets: everything excelize may parse into memory.
func parsedWhole(name string) bool {
	if strings.HasPrefix(name, "xl/worksheets/") && !strings.Contains(name, "/_rels/") {
		return false
	}
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") || strings.HasSuffix(name, ".vml")
}

func tooMany(filePath, part, found, limit string) error {
	return fileError(filePath, "err.import.too_many", "its part "+part+" declares more than a workbook holds ("+found+", at most "+limit+")", nil,
		"Part", part, "Found", found, "Max", limit)
}

// countElements counts the start tags of a part as it inflates, stopping once past limit.
func countElements(f *zip.File, limit int) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	n, afterLT := 0, false
	for {
		m, err := rc.Read(buf)
		chunk := buf[:m]
		if afterLT && m > 0 && startsElement(chunk[0]) {
			n++
		}
		for i := bytes.IndexByte(chunk, '<'); i >= 0; {
			if i+1 < len(chunk) && startsElement(chunk[i+1]) {
				n++
			}
			j := bytes.IndexByte(chunk[i+1:], '<')
			if j < 0 {
				break
			}
			i += j + 1
		}
		if m > 0 {
			afterLT = chunk[m-1] == '<'
		}
		if n > limit {
			return n, nil
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// startsElement tells whether the byte after '<' begins a start tag (not an end tag, comment or declaration).
func startsElement(c byte) bool { return c != '/' && c != '!' && c != '?' }
