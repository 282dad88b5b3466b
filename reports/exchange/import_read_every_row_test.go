package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// FuzzReadWorkbookReadsEveryRow: a workbook the reader accepts was read whole. Its sheet parses to the end
// with encoding/xml; excelize's own reader finds as many rows as the XML numbers (so it did not stop early
// either); the reader read that many; and every row below the header that has a cell comes back as a record's
// row unless a problem of the whole sheet was reported.
//
//	go test -run=^$ -fuzz=FuzzReadWorkbookReadsEveryRow -fuzztime=15s -fuzzminimizetime=2s ./reports/exchange
func FuzzReadWorkbookReadsEveryRow(f *testing.F) {
	header := inlineRow("1", "统一社会信用代码", "名称", "年度", "高新技术产品产值（万元）", "增加值（万元）")
	full := sheetXML(outputRows(20, nil))
	for _, s := range []string{
		full,
		full[:len(full)*2/3],
		sheetXML(outputRows(5, func(r int) string { return map[int]string{3: "\x01", 4: "&nbsp;", 5: "\u202e"}[r] })),
		sheetXML(header + `<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3"><f>1+1</f><v>2024</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>`),
		sheetXML(header + `<row r="2"><!-- c --><c r="B2" t="str"><v><![CDATA[a<b]]></v></c></row>`),
		`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` + strings.ReplaceAll(header, "<", "<x:") + `</x:sheetData></x:worksheet>`,
		sheetXML(header) + `<row r="9"><c r="A9"><v>1</v></c></row>`,
		strings.Replace(sheetXML(header+inlineRow("2", "a", "b")), "</sheetData>", "</sheetData><sheetData>"+inlineRow("3", "c", "d")+"</sheetData>", 1),
		strings.Replace(sheetXML(header+inlineRow("2", "a", "b")), "</sheetData>", `</sheetData><x:row xmlns:x="urn:x">1</x:row>`, 1),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		p := filepath.Join(t.TempDir(), "fuzz.xlsx")
		require.NoError(t, os.WriteFile(p, namedWorkbook(t, "年度产值", sheet, testSST), 0o644))
		read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
		if err != nil {
			var de *data.Error
			if !errors.As(err, &de) || de.Field != "file" || de.Key == "err.import.panic" {
				t.Fatalf("refused with %#v", err)
			}
			return
		}
		last, err := xmlRows(sheet)
		if err != nil {
			t.Fatalf("accepted a sheet that does not parse whole: %v", err)
		}
		all := excelizeRows(t, p, "年度产值")
		// Once Columns has read the end of sheetData with the last row, excelize reads on: an element named row
		// of another namespace after the data (a drawing anchor's <xdr:row>) is an empty row to it.
		for len(all) > last && len(all[len(all)-1]) == 0 {
			all = all[:len(all)-1]
		}
		if len(all) != last {
			t.Fatalf("excelize read %d rows of a sheet whose XML numbers %d", len(all), last)
		}
		if read.RowsRead < len(all) {
			t.Fatalf("the reader read %d rows, excelize %d", read.RowsRead, len(all))
		}
		assertEveryRowCameBack(t, read, all)
	})
}

// assertEveryRowCameBack: below the header, every row with a cell is a row of the read, unless the sheet was
// refused or ignored as a whole.
func assertEveryRowCameBack(t *testing.T, read WorkbookRead, all [][]string) {
	for _, is := range read.Issues {
		if is.Row == 0 {
			return // a problem of the whole sheet: its rows are dropped on purpose, and said so
		}
	}
	if len(read.Ignored) > 0 || !nonEmptySheet(all[:min(len(all), headRows)]) {
		return
	}
	k := kindByName("年度产值")
	hdr, _ := k.headerRowIn(all[:min(len(all), headRows)])
	var want, got []int
	for i := hdr + 1; i < len(all); i++ {
		if !emptyRow(all[i]) {
			want = append(want, i+1)
		}
	}
	for _, r := range read.Rows {
		got = append(got, r.Row)
	}
	if !slices.Equal(want, got) {
		t.Fatalf("rows read %v, rows with cells below the header %v", got, want)
	}
}

// xmlRows decodes a worksheet whole as encoding/xml does and returns the number of its last row inside
// sheetData, counted as excelize counts (a row without r is the one after the last).
func xmlRows(sheet string) (int, error) {
	d := xml.NewDecoder(strings.NewReader(sheet))
	// encoding/xml knows UTF-8 only by that name; the reader, like excelize, also takes "utf8".
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf8") {
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q", label)
	}
	last, inData, ended := 0, false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return last, nil
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "sheetData":
				inData = true
			case t.Name.Local == "row" && !ended:
				last++
				for _, a := range t.Attr {
					if n, err := strconv.Atoi(a.Value); a.Name.Local == "r" && err == nil && n != 0 {
						last = n
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" && inData {
				ended = true
			}
		}
	}
}

// excelizeRows reads every row of a sheet with excelize's Rows, as the reader's excelize path does.
func excelizeRows(t *testing.T, p, sheet string) [][]string {
	f, err := excelize.OpenFile(p, excelize.Options{UnzipSizeLimit: maxUnzippedBytes, UnzipXMLSizeLimit: excelize.StreamChunkSize})
	require.NoError(t, err)
	defer closeQuietly(f)
	rows, err := f.Rows(sheet)
	require.NoError(t, err)
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns(rawCells)
		require.NoError(t, err)
		out = append(out, cells)
	}
	require.NoError(t, rows.Error())
	return out
}

// namedWorkbook is rawWorkbook with the sheet named.
func namedWorkbook(t testing.TB, name, sheetXML, sstXML string) []byte {
	b := rawWorkbook(t, sheetXML, sstXML)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		if f.Name == "xl/workbook.xml" {
			body = bytes.Replace(body, []byte(`name="S"`), []byte(`name="`+name+`"`), 1)
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}
