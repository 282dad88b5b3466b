package app

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// BenchmarkScrollCompanies100k scrolls the Companies list of a 100,000-company district through 1,000 rows
// in Fyne's test driver, one row a frame (Table.ScrollToOffset, which lays out and fills the cells it shows,
// reading pages from SQL as they come into view), and reports the slowest frame ("max-frame-ms") and the
// mean ("ms"). The anchor ("memory-table") is the same table, same columns and size, over the same rows held
// in memory. It reads a district made by `scitech demo --scale 100000` (a copy of it):
//
//	SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo -run '^$' -bench ScrollCompanies100k -benchtime 3x ./app
func BenchmarkScrollCompanies100k(b *testing.B) {
	const rows = 1000
	st, err := data.Open(benchDistrict(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()

	// The anchor's rows: what the list shows of its first rows, read once.
	e := &env{tr: zh, now: func() time.Time { return testDay }}
	columns := companyColumns(e)
	var mem [][]string
	for off := 0; off < rows+100; off += recordListPageSize {
		cs, err := st.Companies(bg(), data.CompanyFilter{Sort: data.SortByName, Offset: off, Limit: recordListPageSize})
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cs {
			var r []string
			for _, col := range columns {
				r = append(r, col.Text(c))
			}
			mem = append(mem, r)
		}
	}

	scroll := func(b *testing.B, table *widget.Table) {
		var total, slowest time.Duration
		rowH := (&widget.Label{Text: "企业"}).MinSize().Height + 4 // a row and the table's separator
		for range b.N {
			table.ScrollToTop()
			for i := 1; i <= rows; i++ {
				start := time.Now()
				table.ScrollToOffset(fyne.NewPos(0, float32(i)*rowH))
				d := time.Since(start)
				total += d
				slowest = max(slowest, d)
			}
		}
		b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N*rows), "ms")
		b.ReportMetric(float64(slowest.Microseconds())/1000, "max-frame-ms")
	}

	b.Run("scitech", func(b *testing.B) {
		a := test.NewTempApp(b)
		w := a.NewWindow("")
		l := newCompanyList(e, st, w)
		w.SetContent(l.build())
		w.Resize(fyne.NewSize(1280, 760))
		scroll(b, &l.list.table.Table)
	})
	b.Run("memory-table", func(b *testing.B) {
		a := test.NewTempApp(b)
		w := a.NewWindow("")
		t := &widget.Table{
			Length:       func() (int, int) { return len(mem), len(columns) },
			CreateCell:   func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
			UpdateCell:   func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(mem[id.Row][id.Col]) },
			CreateHeader: func() fyne.CanvasObject { return widget.NewLabel("") },
			UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
				o.(*widget.Label).SetText(e.T(columns[id.Col].Key))
			},
			ShowHeaderRow: true,
		}
		t.ExtendBaseWidget(t)
		for i, c := range columns {
			t.SetColumnWidth(i, c.Width)
		}
		w.SetContent(t)
		w.Resize(fyne.NewSize(1280, 760))
		scroll(b, t)
	})
}

// benchDistrict is a copy of the 100,000-company district SCITECH_BENCH_DB names (made by `scitech demo --scale
// 100000`), brought to the program's schema, in the benchmark's temporary folder; the benchmark is skipped
// without one.
func benchDistrict(b *testing.B) string {
	b.Helper()
	src := os.Getenv("SCITECH_BENCH_DB")
	if src == "" {
		b.Skip("set SCITECH_BENCH_DB to a database made by `scitech demo --scale 100000` (make bench does)")
	}
	db := filepath.Join(b.TempDir(), "s100k.db")
	copyDB(b, src, db)
	st, err := data.Open(db) // the migrations the copy lacks, outside any timing
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	return db
}

func copyDB(tb testing.TB, from, to string) {
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
