package reports

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"scitech/data"
	"scitech/data/pgtest"
)

// BenchmarkWorkBrief100k is the work brief of a district of 100,000 companies and about 1,000,000 patents
// (issue 7: under 2 s): loaded, then written as PDF and workbook ("scitech"), beside the same brief without
// any list or table rows written alone ("no-rows"). Building such a district takes about 45 s, so it reads one
// made by `scitech demo --scale 100000` (a copy of it; `make bench` makes and passes one):
//
//	SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo -run '^$' -bench WorkBrief100k -benchtime 3x ./reports
//
// With SCITECH_BENCH_PG naming the same district on a PostgreSQL server (make bench: tools/pgtest/benchpg.sh),
// "scitech-pg" is the same brief loaded from the server (it only reads that database).
func BenchmarkWorkBrief100k(b *testing.B) {
	src := os.Getenv("SCITECH_BENCH_DB")
	if src == "" {
		b.Skip("set SCITECH_BENCH_DB to a database made by `scitech demo --scale 100000` (make bench does)")
	}
	db := filepath.Join(b.TempDir(), "s100k.db")
	copyTo(b, src, db)
	s, err := data.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	date := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	fonts, err := ResolveFonts(nil)
	if err != nil {
		b.Fatal(err)
	}
	load := func(b *testing.B, s *data.Store) WorkBrief {
		wb, err := LoadWorkBrief(ctx, s, data.ScaleLastYear, "zh", date)
		if err != nil {
			b.Fatal(err)
		}
		wb.Fonts = fonts
		return wb
	}
	write := func(b *testing.B, wb WorkBrief) {
		var buf bytes.Buffer
		if err := WriteWorkBriefPDF(&buf, wb); err != nil {
			b.Fatal(err)
		}
		if err := WriteWorkBriefXLSX(&buf, wb); err != nil {
			b.Fatal(err)
		}
	}
	bare := withoutRows(load(b, s))
	write(b, bare) // the fonts are parsed in this run before anything is timed
	type run struct {
		name string
		run  func(b *testing.B)
	}
	runs := []run{
		{"scitech", func(b *testing.B) { write(b, load(b, s)) }},
		{"no-rows", func(b *testing.B) { write(b, bare) }},
	}
	if u := pgtest.BenchURL(); u != "" {
		ps, err := data.Open(u)
		if err != nil {
			b.Fatalf("%s: %v", pgtest.EnvBench, err)
		}
		defer ps.Close()
		runs = append(runs, run{"scitech-pg", func(b *testing.B) { write(b, load(b, ps)) }})
	}
	for _, c := range runs {
		b.Run(c.name, func(b *testing.B) {
			start := time.Now()
			for range b.N {
				c.run(b)
			}
			b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms")
		})
	}
}

func copyTo(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}
