package reports

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"scitech/data"
)

// scaledStore opens a synthetic district of n companies (about 10 patents each) in dir.
func scaledStore(tb testing.TB, dir string, n int) *data.Store {
	tb.Helper()
	s, err := data.Open(filepath.Join(dir, "scaled.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.LoadScaled(context.Background(), n); err != nil {
		tb.Fatal(err)
	}
	return s
}

// withoutRows is the same work brief with no list or table rows: no records behind the figures, no partners
// and no park projects. It is the yardstick of what the rows cost.
func withoutRows(b WorkBrief) WorkBrief {
	b.Partners, b.Incubators = nil, nil
	b.Records = nil
	parks := make([]WorkPark, len(b.Parks))
	for i, p := range b.Parks {
		parks[i] = WorkPark{Park: p.Park}
	}
	b.Parks = parks
	return b
}

// BenchmarkWorkBrief10k makes the work brief of a district of 10,000 companies and 100,000 patents (issue 5:
// under 2 s on one core, run with -cpu 1) and sets the cost of its rows beside the same brief without any
// (a brief whose fonts were already parsed in this run: no more than 1.2×).
//
//	go test -tags migrated_fynedo -run '^$' -bench WorkBrief10k -benchmem -cpu 1 ./reports
func BenchmarkWorkBrief10k(b *testing.B) {
	s := scaledStore(b, b.TempDir(), 10_000)
	ctx := context.Background()
	date := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	fonts, err := ResolveFonts(nil)
	if err != nil {
		b.Fatal(err)
	}
	load := func(b *testing.B) WorkBrief {
		wb, err := LoadWorkBrief(ctx, s, data.ScaleLastYear, "zh", date)
		if err != nil {
			b.Fatal(err)
		}
		wb.Fonts = fonts
		return wb
	}
	write := func(b *testing.B, wb WorkBrief, pdf, xlsx bool) {
		var buf bytes.Buffer
		if pdf {
			if err := WriteWorkBriefPDF(&buf, wb); err != nil {
				b.Fatal(err)
			}
		}
		if xlsx {
			if err := WriteWorkBriefXLSX(&buf, wb); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(buf.Len()), "bytes/op")
	}
	b.Run("load+pdf+xlsx", func(b *testing.B) {
		for range b.N {
			write(b, load(b), true, true)
		}
	})
	b.Run("load", func(b *testing.B) {
		for range b.N {
			load(b)
		}
	})
	wb := load(b)
	write(b, wb, true, false) // the fonts are parsed in this run before what follows is timed
	for _, c := range []struct {
		name      string
		brief     WorkBrief
		pdf, xlsx bool
	}{
		{"pdf", wb, true, false}, {"pdf/no-rows", withoutRows(wb), true, false},
		{"xlsx", wb, false, true}, {"xlsx/no-rows", withoutRows(wb), false, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				write(b, c.brief, c.pdf, c.xlsx)
			}
		})
	}
}
