package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/data/dialect"
	"scitech/data/pgtest"
	"scitech/reports/exchange"
)

// The Excel figures of issue 7 at 100,000 rows, each beside excelize alone in the same run. Every benchmark
// reports "ms" (the time of one run) and "peak-MB" (the most heap in use while it ran, sampled every 5 ms).
// They need a district made by `scitech demo --scale 100000` (`make bench` makes one and passes it):
//
//	SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo -run '^$' -bench '100k$' -benchtime 1x ./cmd/scitech

// scaledDBCopy copies the district named by SCITECH_BENCH_DB into dir (never changing the original) and brings
// it up to date, or skips when none is named.
func scaledDBCopy(tb testing.TB, dir string) string {
	tb.Helper()
	src := os.Getenv("SCITECH_BENCH_DB")
	if src == "" {
		tb.Skip("set SCITECH_BENCH_DB to a database made by `scitech demo --scale 100000` (make bench does)")
	}
	dst := filepath.Join(dir, "s100k.db")
	in, err := os.Open(src)
	require.NoError(tb, err)
	defer in.Close()
	out, err := os.Create(dst)
	require.NoError(tb, err)
	_, err = io.Copy(out, in)
	require.NoError(tb, err)
	require.NoError(tb, out.Close())
	s, err := data.Open(dst) // applies the migrations the copy lacks, outside any timing
	require.NoError(tb, err)
	require.NoError(tb, s.Close())
	return dst
}

// peakHeap samples the heap in use every 5 ms from now until stop is called, which returns the peak in bytes.
func peakHeap() (stop func() uint64) {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
	}
	go func() {
		defer close(finished)
		for {
			sample()
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		return peak.Load()
	}
}

// measure runs fn b.N times and reports the mean time of a run in ms and the peak heap over all runs in MB.
func measure(b *testing.B, fn func(b *testing.B)) {
	b.Helper()
	var total time.Duration
	var peak uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		stop := peakHeap()
		b.StartTimer()
		start := time.Now()
		fn(b)
		total += time.Since(start)
		b.StopTimer()
		peak = max(peak, stop())
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// BenchmarkExport100k is `scitech export companies` of a 100,000-company district (open, query, labels,
// workbook written to a file) beside excelize's StreamWriter writing the same cells to a file and nothing else.
// scitech and excelize read the SQLite file; scitech-pg and excelize-pg the same district on the server
// SCITECH_BENCH_PG names (only read, so not copied), when it names one: its anchor writes the cells read from
// the server, whose pinyin order may differ a little from the file's.
func BenchmarkExport100k(b *testing.B) {
	dir := b.TempDir()
	benchExport(b, "", scaledDBCopy(b, dir), dir)
	if pgURL := pgtest.BenchURL(); pgURL != "" {
		benchExport(b, "-pg", pgURL, dir)
	}
}

// benchExport is the export benchmark's pair on one store, db a file or a server's URL; suffix ends their names.
func benchExport(b *testing.B, suffix, db, dir string) {
	b.Run("scitech"+suffix, func(b *testing.B) {
		out := filepath.Join(dir, "scitech"+suffix+".xlsx")
		measure(b, func(b *testing.B) { exportTool(b, db, out) })
	})
	b.Run("excelize"+suffix, func(b *testing.B) {
		head, cells := exportCells(b, db) // held while the anchor runs, as its input; not while the tool runs
		out := filepath.Join(dir, "excelize"+suffix+".xlsx")
		measure(b, func(b *testing.B) { exportAnchor(b, head, cells, out) })
	})
}

// exportTool is `scitech export companies` of db into out.
func exportTool(b *testing.B, db, out string) {
	if code := runExport([]string{"--db", db, "companies", out}, io.Discard, os.Stderr); code != exitOK {
		b.Fatalf("export: exit %d", code)
	}
}

// exportAnchor is excelize's StreamWriter writing the cells to out and nothing else.
func exportAnchor(b *testing.B, head []any, cells [][]any, out string) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(b, err)
	require.NoError(b, sw.SetRow("A1", head))
	for r, row := range cells {
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		require.NoError(b, sw.SetRow(ref, row))
	}
	require.NoError(b, sw.Flush())
	require.NoError(b, f.SaveAs(out))
	require.NoError(b, f.Close())
}

// exportCells reads the cells the export of the companies writes from db (a file or a server's URL), labelled
// and typed as exchange.WriteTable types them: the anchor's input.
func exportCells(b *testing.B, db string) (head []any, cells [][]any) {
	s, err := data.OpenTarget(context.Background(), dialect.ParseTarget(db))
	require.NoError(b, err)
	columns, _ := data.ExportColumns("companies")
	tbl, err := s.Export(context.Background(), "companies")
	require.NoError(b, err)
	require.NoError(b, s.Close())
	t := exportTable("companies", columns, tbl)
	require.GreaterOrEqual(b, len(t.Rows), 100000)
	cells = make([][]any, len(t.Rows))
	for r, row := range t.Rows {
		cells[r] = make([]any, len(row))
		for i, v := range row {
			cells[r][i] = v
			if t.Numeric[i] {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					cells[r][i] = n
				}
			}
		}
	}
	head = make([]any, len(t.Headers))
	for i, h := range t.Headers {
		head[i] = h
	}
	return head, cells
}

// BenchmarkImport100k imports 100,000 annual-output rows (20,000 registered companies × 5 years) as
// `scitech import` does: read, validated, planned and committed with their audit rows, each run into a fresh
// copy of the database; beside excelize's Rows() reading the same file and nothing else. With SCITECH_BENCH_PG
// naming a database on a PostgreSQL server (make bench: tools/pgtest/benchpg.sh), "scitech-pg" is the same
// import into a database of that server holding the same companies (a copy made for each run, dropped after).
func BenchmarkImport100k(b *testing.B) {
	const companies, years = 20000, 5
	dir := b.TempDir()
	base, xlsx := filepath.Join(dir, "base.db"), filepath.Join(dir, "outputs.xlsx")
	registerBenchCompanies(b, base, companies)
	require.NoError(b, writeBenchOutputsN(xlsx, companies, years))

	b.Run("scitech", func(b *testing.B) {
		benchImportRuns(b, xlsx, companies*years, func(b *testing.B) *data.Store {
			db := filepath.Join(b.TempDir(), "run.db")
			copyFile(b, base, db)
			s, err := data.Open(db)
			require.NoError(b, err)
			return s
		})
	})
	if pgURL := pgtest.BenchURL(); pgURL != "" {
		pgBase := pgtest.BenchEmpty(b, pgURL)
		require.NoError(b, data.InitServer(context.Background(), pgBase))
		registerBenchCompanies(b, pgBase, companies)
		b.Run("scitech-pg", func(b *testing.B) {
			benchImportRuns(b, xlsx, companies*years, func(b *testing.B) *data.Store {
				s, err := data.Open(pgtest.BenchCopy(b, pgBase))
				require.NoError(b, err)
				return s
			})
		})
	}
	b.Run("excelize", func(b *testing.B) {
		measure(b, func(b *testing.B) {
			f, err := excelize.OpenFile(xlsx)
			require.NoError(b, err)
			rows, err := f.Rows(f.GetSheetName(0))
			require.NoError(b, err)
			n := 0
			for rows.Next() {
				cols, err := rows.Columns(excelize.Options{RawCellValue: true})
				require.NoError(b, err)
				n += len(cols)
			}
			require.NoError(b, rows.Close())
			require.NoError(b, f.Close())
			require.Equal(b, (companies*years+1)*9, n)
		})
	})
}

// benchImportRuns imports xlsx b.N times as `scitech import` does, each time into the store fresh opens (not
// timed), and reports the mean time of a run in ms and the peak heap in MB.
func benchImportRuns(b *testing.B, xlsx string, want int, fresh func(b *testing.B) *data.Store) {
	ctx := context.Background()
	var total time.Duration
	var peak uint64
	for range b.N {
		b.StopTimer()
		s := fresh(b)
		stop := peakHeap()
		b.StartTimer()
		start := time.Now()
		read, err := exchange.ReadWorkbook(ctx, xlsx, exchange.ReadOptions{})
		require.NoError(b, err)
		plan, err := s.PlanImportTaking(ctx, read.Rows) // as exchange.PlanFile does
		require.NoError(b, err)
		plan.Issues = append(read.Issues, plan.Issues...)
		meta := exchange.ImportMetaOf(read)
		read.Rows = nil // as `scitech import` does once a file is planned
		res, err := s.ApplyImport(ctx, plan, meta)
		require.NoError(b, err)
		total += time.Since(start)
		b.StopTimer()
		peak = max(peak, stop())
		require.Equal(b, want, res.New)
		require.NoError(b, s.Close())
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// registerBenchCompanies makes a database at path holding the first n benchmark companies.
func registerBenchCompanies(tb testing.TB, path string, n int) {
	tb.Helper()
	s, err := data.Open(path)
	require.NoError(tb, err)
	defer s.Close()
	rows := make([]data.ImportRow, n)
	for i := range rows {
		rows[i] = data.NewImportRow("", "企业", "companies", i+2, companyLayout, map[string]string{
			"uscc": benchUSCC(i), "name": fmt.Sprintf("大连测试%04d科技有限公司", i), "field": "electronics"})
	}
	ctx := context.Background()
	plan, err := s.PlanImport(ctx, rows)
	require.NoError(tb, err)
	require.Empty(tb, plan.Issues)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "companies"})
	require.NoError(tb, err)
}

// TestExportPeakMemory100k measures the heap of `scitech export companies` over a 100,000-company district.
// It runs only when asked: SCITECH_MEMTEST=1 SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo
// -run PeakMemory -v ./cmd/scitech
func TestExportPeakMemory100k(t *testing.T) {
	if os.Getenv("SCITECH_MEMTEST") == "" {
		t.Skip("set SCITECH_MEMTEST=1 to measure")
	}
	dir := t.TempDir()
	db := scaledDBCopy(t, dir)
	stop := peakHeap()
	out := filepath.Join(dir, "companies.xlsx")
	var stdout, stderr nopCounter
	require.Equal(t, exitOK, runExport([]string{"--db", db, "companies", out}, &stdout, &stderr))
	peak := stop()
	st, err := os.Stat(out)
	require.NoError(t, err)
	t.Logf("peak heap in use: %d MB exporting the companies of the district (%.1f MB workbook)", peak>>20, float64(st.Size())/(1<<20))
}

type nopCounter struct{ n int }

func (c *nopCounter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }
