package exchange

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"sync"

	"github.com/xuri/excelize/v2"
)

// zipStraightTo has a workbook's zip written straight to w, each part compressed as archive/zip compresses it
// but a large part (the sheet of a long list) in blocks on every core, and rows written into the sheet part
// named part (see rowsIntoSheet). excelize would first write the whole zip to a buffer of its own and then
// copy it to w; given this zip writer, that buffer stays empty. (excelize mends the buffer's local headers of
// a part over 4 GB, which an export never reaches: Excel's 1,048,576 rows of this program's columns stay far
// below it.)
func zipStraightTo(f *excelize.File, w io.Writer, part string, rows func(io.Writer) error) {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return &blockDeflater{out: out}, nil
		})
		return &rowsIntoSheet{ZipWriter: zw, part: part, write: rows}
	})
}

// streamedSheetPart is the part of the one sheet of a workbook excelize.NewFile makes.
const streamedSheetPart = "xl/worksheets/sheet1.xml"

// deflateBlock is how much of a part is compressed as one block: big enough that the blocks' lost matches
// across their edges cost little (a block starts with an empty window), small enough that a 100,000-row
// sheet makes a hundred of them for the cores to share.
const deflateBlock = 1 << 20

// deflateLevel is archive/zip's own level for its Deflate method.
const deflateLevel = 5

var deflaters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, deflateLevel)
	return fw
}}

// blockDeflater is one zip part's Deflate compressor. It cuts what it is given into blocks and compresses
// them on as many goroutines as there are cores, then writes them to out in order: each block but the last
// ends with a sync flush (byte-aligned, not final) and the last closes the stream, so that together they
// are one deflate stream, as pigz makes them. A part smaller than a block comes out byte for byte as
// archive/zip's compressor writes it.
type blockDeflater struct {
	out     io.Writer
	block   []byte
	pending []chan deflated // blocks being compressed, in order
	turns   chan struct{}   // one a core
	err     error
}

type deflated struct {
	buf *bytes.Buffer
	err error
}

var (
	deflatedBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	blocks       = sync.Pool{New: func() any { b := make([]byte, 0, deflateBlock); return &b }}
)

func (d *blockDeflater) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 && d.err == nil {
		if d.block == nil {
			d.block = (*blocks.Get().(*[]byte))[:0]
		}
		k := min(len(p), deflateBlock-len(d.block))
		d.block = append(d.block, p[:k]...)
		p = p[k:]
		if len(d.block) == deflateBlock {
			d.start(false)
		}
	}
	if d.err != nil {
		return n - len(p), d.err
	}
	return n, nil
}

// Close compresses what is left as the final block and writes every block still pending.
func (d *blockDeflater) Close() error {
	if d.err == nil {
		d.start(true)
	}
	for len(d.pending) > 0 {
		d.writeOldest()
	}
	return d.err
}

// start compresses the block filled so far on a goroutine of its own, waiting for a core to be free, and
// writes out the oldest blocks while more than two a core are pending.
func (d *blockDeflater) start(final bool) {
	if d.turns == nil {
		d.turns = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	block := d.block
	d.block = nil
	done := make(chan deflated, 1)
	d.pending = append(d.pending, done)
	go func() {
		d.turns <- struct{}{}
		defer func() { <-d.turns }()
		done <- deflate(block, final)
		if cap(block) == deflateBlock {
			blocks.Put(&block)
		}
	}()
	for len(d.pending) > 2*cap(d.turns) && d.err == nil {
		d.writeOldest()
	}
}

func (d *blockDeflater) writeOldest() {
	r := <-d.pending[0]
	d.pending = d.pending[1:]
	if r.err == nil && d.err == nil {
		_, r.err = r.buf.WriteTo(d.out)
	}
	if d.err == nil {
		d.err = r.err
	}
	r.buf.Reset()
	deflatedBufs.Put(r.buf)
}

// deflate compresses one block with a fresh window: flushed to a byte boundary, or closed when final.
func deflate(block []byte, final bool) deflated {
	buf := deflatedBufs.Get().(*bytes.Buffer)
	fw := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(fw)
	fw.Reset(buf)
	_, err := fw.Write(block)
	if err == nil && final {
		err = fw.Close()
	} else if err == nil {
		err = fw.Flush()
	}
	return deflated{buf: buf, err: err}
}
