package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A part of several blocks, compressed on several goroutines, reads back as one deflate stream with every
// byte in its place; a part smaller than a block is the bytes archive/zip's own compressor writes.
func TestBlockDeflaterWritesOneStream(t *testing.T) {
	t.Parallel()
	var text strings.Builder
	for i := 0; text.Len() < 3*deflateBlock+12345; i++ {
		fmt.Fprintf(&text, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>大连%07d科技有限公司</t></is></c></row>`, i, i, i*7919%1000003)
	}
	big, small := []byte(text.String()), []byte(text.String()[:50000])

	write := func(blocks bool, parts map[string][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		if blocks {
			zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
				return &blockDeflater{out: out}, nil
			})
		}
		for _, name := range []string{"big", "small"} {
			w, err := zw.Create(name)
			require.NoError(t, err)
			for p := parts[name]; len(p) > 0; { // in pieces, as io.Copy hands them over
				k := min(len(p), 32<<10)
				_, err := w.Write(p[:k])
				require.NoError(t, err)
				p = p[k:]
			}
		}
		require.NoError(t, zw.Close())
		return buf.Bytes()
	}
	parts := map[string][]byte{"big": big, "small": small}
	ours, theirs := write(true, parts), write(false, parts)

	r, err := zip.NewReader(bytes.NewReader(ours), int64(len(ours)))
	require.NoError(t, err)
	ref, err := zip.NewReader(bytes.NewReader(theirs), int64(len(theirs)))
	require.NoError(t, err)
	for i, f := range r.File {
		rc, err := f.Open()
		require.NoError(t, err)
		got, err := io.ReadAll(rc) // also checks the CRC
		require.NoError(t, err)
		require.True(t, bytes.Equal(parts[f.Name], got), "%s reads back whole and in order", f.Name)
		if f.Name == "small" {
			assert.Equal(t, ref.File[i].CRC32, f.CRC32)
			assert.Equal(t, ref.File[i].CompressedSize64, f.CompressedSize64, "one block is compressed as archive/zip does")
		} else {
			assert.InDelta(t, float64(ref.File[i].CompressedSize64), float64(f.CompressedSize64),
				0.01*float64(ref.File[i].CompressedSize64), "blocks compress about as well as one stream")
		}
	}
}

// A sheet of many blocks, written straight to the writer, reads back in excelize cell by cell.
func TestWriteTableOfManyBlocksReadsBack(t *testing.T) {
	t.Parallel()
	const n = 20000
	tbl := Table{Sheet: "企业", Headers: []string{"序号", "名称", "地址"}, Numeric: []bool{true, false, false}}
	for i := range n {
		tbl.Rows = append(tbl.Rows, []string{strconv.Itoa(i), fmt.Sprintf("大连%05d科技有限公司", i),
			fmt.Sprintf("辽宁省大连市旅顺口区%d号", i*31)})
	}
	var buf bytes.Buffer
	require.NoError(t, WriteTable(&buf, tbl))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	require.Equal(t, n+1, len(rows), "every row reads back")
	for i, row := range tbl.Rows {
		require.Equal(t, row, rows[i+1], "row %d", i+2)
	}
}
