package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// writeOutputs writes an annual-output sheet of n rows as `scitech export outputs` would.
func writeOutputs(tb testing.TB, p string, n int) {
	tb.Helper()
	columns, _ := data.ExportColumns("outputs")
	tbl := data.Table{}
	for i := range n {
		tbl.Rows = append(tbl.Rows, []string{fmt.Sprintf("912102%012d", i), fmt.Sprintf("大连第%d科技有限公司", i),
			fmt.Sprint(2015 + i%10), fmt.Sprintf("%d.%04d", 10000+i, i%10000), fmt.Sprintf("%d.9000", 1000+i%5000),
			fmt.Sprintf("%d.5000", 20000+i), "1234.5678", fmt.Sprint(50 + i%300), fmt.Sprint(5 + i%40)})
	}
	fh, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := WriteTable(fh, exportAs("outputs", "zh", columns, tbl)); err != nil {
		tb.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkReadOutputs10k reads a 10,000-row output sheet into ImportRows; BenchmarkExcelizeRows10k is excelize
// alone iterating over the same file with Rows and Columns (raw values, as the reader asks), the yardstick.
//
//	go test -run=^$ -bench='10k$' -benchmem ./reports/exchange
func BenchmarkReadOutputs10k(b *testing.B) {
	p := filepath.Join(b.TempDir(), "outputs.xlsx")
	writeOutputs(b, p, 10000)
	b.ResetTimer()
	for range b.N {
		read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
		if err != nil || len(read.Rows) != 10000 || len(read.Issues) != 0 {
			b.Fatalf("%v: %d rows, %d issues", err, len(read.Rows), len(read.Issues))
		}
	}
}

func BenchmarkExcelizeRows10k(b *testing.B) {
	p := filepath.Join(b.TempDir(), "outputs.xlsx")
	writeOutputs(b, p, 10000)
	sheet := assets.NewTranslator("zh").T("export.kind.outputs")
	b.ResetTimer()
	for range b.N {
		f, err := excelize.OpenFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cells, err := rows.Columns(rawCells)
			if err != nil {
				b.Fatal(err)
			}
			n += len(cells)
		}
		if n != 10001*9 {
			b.Fatalf("%d cells", n)
		}
		_ = rows.Close()
		_ = f.Close()
	}
}

// BenchmarkReadVsExcelize10k times both in turn within every iteration, so that load from other processes falls
// on both alike, and reports their ratio.
func BenchmarkReadVsExcelize10k(b *testing.B) {
	p := filepath.Join(b.TempDir(), "outputs.xlsx")
	writeOutputs(b, p, 10000)
	sheet := assets.NewTranslator("zh").T("export.kind.outputs")
	var reader, alone time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		f, err := excelize.OpenFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rows, _ := f.Rows(sheet)
		for rows.Next() {
			_, _ = rows.Columns(rawCells)
		}
		_ = rows.Close()
		_ = f.Close()
		alone += time.Since(start)
		start = time.Now()
		if _, err := ReadWorkbook(context.Background(), p, ReadOptions{}); err != nil {
			b.Fatal(err)
		}
		reader += time.Since(start)
	}
	b.ReportMetric(float64(alone.Nanoseconds())/float64(b.N), "excelize-ns/op")
	b.ReportMetric(float64(reader.Nanoseconds())/float64(b.N), "reader-ns/op")
	b.ReportMetric(float64(reader)/float64(alone), "ratio")
}

// TestReadMemory100k measures the memory reading a 100,000-row sheet takes. It runs only when asked:
//
//	SCITECH_MEM100K=/tmp/outputs100k.xlsx go test -run=TestReadMemory100k -v ./reports/exchange
//
// The first run writes the file, the second reads it, sampling the heap every millisecond (run it under
// /usr/bin/time -v for the peak resident size). Not parallel: another test's heap would be counted as its.
func TestReadMemory100k(t *testing.T) {
	p := os.Getenv("SCITECH_MEM100K")
	if p == "" {
		t.Skip("set SCITECH_MEM100K to a file path to measure")
	}
	if _, err := os.Stat(p); err != nil {
		writeOutputs(t, p, 100000)
		t.Logf("wrote %s; run again to measure reading it", p)
		return
	}
	runtime.GC()
	var peakHeap, peakSys atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peakHeap.Load() {
				peakHeap.Store(m.HeapInuse)
			}
			if m.Sys > peakSys.Load() {
				peakSys.Store(m.Sys)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	start := time.Now()
	read, err := ReadWorkbook(context.Background(), p, ReadOptions{})
	elapsed := time.Since(start)
	close(done)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	st, _ := os.Stat(p)
	t.Logf("%d rows from %.1f MB in %v; peak HeapInuse %.0f MB, peak Sys %.0f MB; the rows read hold %.0f MB", len(read.Rows),
		float64(st.Size())/(1<<20), elapsed, float64(peakHeap.Load())/(1<<20), float64(peakSys.Load())/(1<<20),
		float64(after.HeapAlloc)/(1<<20))
	runtime.KeepAlive(read)
	if len(read.Rows) != 100000 || len(read.Issues) != 0 {
		t.Fatalf("%d rows, %d issues", len(read.Rows), len(read.Issues))
	}
}
