package data

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
)

// importRowsOf makes an import of companies with years of output each: companies × (years + 1) records.
// scale makes the outputs differ from an earlier import of the same companies, so that it changes them.
func importRowsOf(companies, years, scale int) []ImportRow {
	code := func(i int) string {
		body := "91210212MC" + strings.ToUpper(strconv.FormatInt(int64(100000+i), 10)) + "0"
		check, _ := USCCCheckChar(body[:17])
		return body[:17] + string(check)
	}
	var rows []ImportRow
	for i := 0; i < companies; i++ {
		rows = append(rows, importRow("companies", len(rows)+2, "uscc", code(i), "name", "公司"+strconv.Itoa(i), "field", "energy"))
		for y := 0; y < years; y++ {
			out := strconv.Itoa((i + 1) * 10000 * (y + 1) * scale)
			rows = append(rows, importRow("outputs", len(rows)+2, "uscc", code(i), "year", strconv.Itoa(2020+y),
				"output", out, "added_value", "1000"))
		}
	}
	return rows
}

// BenchmarkApplyImport10k measures the write of an import of 10,002 new records, then of the same records
// changed: the cost the change history adds to an import.
func BenchmarkApplyImport10k(b *testing.B) {
	ctx := context.Background()
	var cpu time.Duration
	for range b.N {
		b.StopTimer()
		s, err := Open(b.TempDir() + "/bench.db")
		if err != nil {
			b.Fatal(err)
		}
		plan, err := s.PlanImport(ctx, importRowsOf(1667, 5, 1))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := cpuTime()
		if _, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "new.xlsx"}); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - t0
		b.StopTimer()
		plan, err = s.PlanImport(ctx, importRowsOf(1667, 5, 2))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 = cpuTime()
		if _, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "changed.xlsx"}); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - t0
		b.StopTimer()
		s.Close()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkUndoImport10k measures undoing an import that changed 8,335 records and then one that created
// 10,002.
func BenchmarkUndoImport10k(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		s, err := Open(b.TempDir() + "/bench.db")
		if err != nil {
			b.Fatal(err)
		}
		var ids []int64
		for _, scale := range []int{1, 2} {
			plan, err := s.PlanImport(ctx, importRowsOf(1667, 5, scale))
			if err != nil {
				b.Fatal(err)
			}
			res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "bench.xlsx"})
			if err != nil {
				b.Fatal(err)
			}
			ids = append(ids, res.ImportID)
		}
		b.StartTimer()
		for i := len(ids) - 1; i >= 0; i-- {
			if err := s.UndoImport(ctx, ids[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
	}
}
