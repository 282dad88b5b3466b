package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/reports/exchange"
)

// The import's speed against excelize alone on the same file: a sheet of 10,000 annual-output rows
// (2,000 companies × 5 years), read, validated, compared and committed as new rows, beside excelize reading
// the file with Rows() and nothing else. Run both in one go:
//
//	go test -tags migrated_fynedo -run '^$' -bench '10k$' -benchmem ./cmd/scitech
const (
	benchCompanies = 2000
	benchYears     = 5
)

// benchUSCC is the i-th company code of the benchmark, with a valid check character.
func benchUSCC(i int) string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	body := []byte("91210212MB")
	n := i
	for k := 0; k < 7; k++ {
		body = append(body, alphabet[n%31])
		n /= 31
	}
	check, _ := data.USCCCheckChar(string(body))
	return string(append(body, check))
}

var companyLayout = data.NewImportLayout("uscc", "name", "field")

// benchSetup makes a database holding the companies and the outputs workbook; each iteration of the import
// starts from a copy of the database.
func benchSetup(b *testing.B) (dbPath, xlsxPath string) {
	b.Helper()
	dir := b.TempDir()
	dbPath, xlsxPath = filepath.Join(dir, "base.db"), filepath.Join(dir, "outputs.xlsx")
	s, err := data.Open(dbPath)
	require.NoError(b, err)
	rows := make([]data.ImportRow, benchCompanies)
	for i := range rows {
		rows[i] = data.NewImportRow("", "企业", "companies", i+2, companyLayout, map[string]string{
			"uscc": benchUSCC(i), "name": fmt.Sprintf("大连测试%04d科技有限公司", i), "field": "electronics"})
	}
	ctx := context.Background()
	plan, err := s.PlanImport(ctx, rows)
	require.NoError(b, err)
	require.Empty(b, plan.Issues)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "companies"})
	require.NoError(b, err)
	require.NoError(b, s.Close())
	require.NoError(b, writeBenchOutputs(xlsxPath))
	return dbPath, xlsxPath
}

func writeBenchOutputs(path string) error {
	return writeBenchOutputsN(path, benchCompanies, benchYears)
}

// writeBenchOutputsN writes an outputs sheet of companies × years rows.
func writeBenchOutputsN(path string, companies, years int) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := zh.T("export.kind.outputs")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	var head []any
	for _, k := range []string{"uscc", "name", "year", "output", "added_value", "revenue", "rd_expense", "employees", "rd_staff"} {
		head = append(head, zh.T("col."+k))
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	n := 2
	for i := 0; i < companies; i++ {
		for y := 0; y < years; y++ {
			out := float64(1000+i%997) + float64(y)*12.5
			row := []any{benchUSCC(i), fmt.Sprintf("大连测试%04d科技有限公司", i), 2020 + y, out, out / 4, out * 1.3, out / 20, 100 + i%50, 20 + i%10}
			cell, _ := excelize.CoordinatesToCellName(1, n)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
			n++
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	require.NoError(b, err)
	defer in.Close()
	out, err := os.Create(to)
	require.NoError(b, err)
	_, err = io.Copy(out, in)
	require.NoError(b, err)
	require.NoError(b, out.Close())
}

// BenchmarkImportOutputs10k reads the workbook, plans and commits it: 10,000 new rows, each with its audit row.
func BenchmarkImportOutputs10k(b *testing.B) {
	base, xlsx := benchSetup(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "run.db")
		copyFile(b, base, db)
		s, err := data.Open(db)
		require.NoError(b, err)
		b.StartTimer()

		read, err := exchange.ReadWorkbook(ctx, xlsx, exchange.ReadOptions{})
		require.NoError(b, err)
		plan, err := s.PlanImportTaking(ctx, read.Rows) // as exchange.PlanFile does
		require.NoError(b, err)
		plan.Issues = append(read.Issues, plan.Issues...)
		res, err := s.ApplyImport(ctx, plan, exchange.ImportMetaOf(read))
		require.NoError(b, err)

		b.StopTimer()
		require.Equal(b, benchCompanies*benchYears, res.New)
		require.NoError(b, s.Close())
		b.StartTimer()
	}
}

// BenchmarkExcelizeRows10k reads the same workbook with excelize's Rows() and nothing else: the yardstick.
func BenchmarkExcelizeRows10k(b *testing.B) {
	_, xlsx := benchSetup(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := excelize.OpenFile(xlsx)
		require.NoError(b, err)
		rows, err := f.Rows(f.GetSheetName(0))
		require.NoError(b, err)
		n := 0
		for rows.Next() {
			cols, err := rows.Columns()
			require.NoError(b, err)
			n += len(cols)
		}
		require.NoError(b, rows.Close())
		require.NoError(b, f.Close())
		require.Equal(b, (benchCompanies*benchYears+1)*9, n)
	}
}

// BenchmarkPlanApplyOutputs10k is the import's own share: plan and commit of rows already read.
func BenchmarkPlanApplyOutputs10k(b *testing.B) {
	base, xlsx := benchSetup(b)
	ctx := context.Background()
	read, err := exchange.ReadWorkbook(ctx, xlsx, exchange.ReadOptions{})
	require.NoError(b, err)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "run.db")
		copyFile(b, base, db)
		s, err := data.Open(db)
		require.NoError(b, err)
		b.StartTimer()
		plan, err := s.PlanImport(ctx, read.Rows)
		require.NoError(b, err)
		_, err = s.ApplyImport(ctx, plan, exchange.ImportMetaOf(read))
		require.NoError(b, err)
		b.StopTimer()
		require.NoError(b, s.Close())
		b.StartTimer()
	}
}

// TestImportPeakMemory100k measures the heap of an import of 100,000 output rows (20,000 companies × 5
// years): read, plan and commit, with the peak sampled every 10 ms. It takes a while, so it runs only when
// SCITECH_MEMTEST is set: SCITECH_MEMTEST=1 go test -tags migrated_fynedo -run PeakMemory -v ./cmd/scitech
func TestImportPeakMemory100k(t *testing.T) {
	if os.Getenv("SCITECH_MEMTEST") == "" {
		t.Skip("set SCITECH_MEMTEST=1 to measure")
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "outputs.xlsx")
	require.NoError(t, writeBenchOutputsN(xlsx, 20000, 5))
	s, err := data.Open(filepath.Join(dir, "scitech.db"))
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	companies := make([]data.ImportRow, 20000)
	for i := range companies {
		companies[i] = data.NewImportRow("", "企业", "companies", i+2, companyLayout,
			map[string]string{"uscc": benchUSCC(i), "name": fmt.Sprintf("大连测试%04d科技有限公司", i), "field": "electronics"})
	}
	plan, err := s.PlanImport(ctx, companies)
	require.NoError(t, err)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "companies"})
	require.NoError(t, err)
	companies, plan = nil, data.ImportPlan{}
	runtime.GC()

	peak := heapPeak(t)
	read, err := exchange.ReadWorkbook(ctx, xlsx, exchange.ReadOptions{})
	require.NoError(t, err)
	afterRead := peak()
	plan, err = s.PlanImportTaking(ctx, read.Rows) // as exchange.PlanFile does
	require.NoError(t, err)
	afterPlan := peak()
	meta := exchange.ImportMetaOf(read)
	read.Rows = nil // as `scitech import` does once a file is planned
	require.Empty(t, plan.Warnings, "the companies are registered under the names the workbook shows")
	res, err := s.ApplyImport(ctx, plan, meta)
	require.NoError(t, err)
	require.Equal(t, 100000, res.New)
	all := peak()
	t.Logf("peak heap in use: %d MB while reading, %d MB up to the plan, %d MB over the whole import", afterRead>>20, afterPlan>>20, all>>20)
}

// heapPeak samples the heap in use until the returned function is called, which gives the peak so far.
func heapPeak(t *testing.T) func() uint64 {
	var mu sync.Mutex
	var peak uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapInuse)
		mu.Unlock()
	}
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				sample()
			}
		}
	}()
	return func() uint64 {
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
