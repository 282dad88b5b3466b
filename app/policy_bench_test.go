package app

import (
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"scitech/data"
)

// BenchmarkPolicyList100k opens the 政策服务 list of a 100,000-company district (the store checks every company
// for 高企 and writes the verdicts to its table) and then narrows it by a search, as a clerk types; it reports
// the heap the open list holds ("held-MB": its pages, the verdicts being in SQLite) and the time a search takes
// ("search-ms": a count and the first page, by SQL). The district's verdicts are checked again for each
// operation: the copy is opened afresh. It reads a district made by `scitech demo --scale 100000` (a copy of it):
//
//	SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo,no_emoji -run '^$' -bench PolicyList100k -benchtime 1x ./app
func BenchmarkPolicyList100k(b *testing.B) {
	path := benchDistrict(b)
	a := test.NewTempApp(b)
	win := a.NewWindow("")
	win.Resize(fyne.NewSize(1280, 760))
	inBackground = func(work, show func()) { work(); show() }
	defer func() { inBackground = inBackgroundOnGoroutine }()
	e := &env{tr: zh, now: func() time.Time { return testDay }}
	var search time.Duration
	var held uint64
	b.ResetTimer() // the copy of the district and its migrations are not the list's time
	for range b.N {
		b.StopTimer()
		st, err := data.Open(path) // a store of its own: its verdicts are not kept from the last operation
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		s := newPolicyScreen(e, st, win)
		win.SetContent(s.build())
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		if s.list.count < 100_000 {
			b.Fatalf("the list shows %d companies", s.list.count)
		}
		start := time.Now()
		s.list.search.SetText("科技")
		search += time.Since(start)
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(held)/(1<<20), "held-MB")
	b.ReportMetric(float64(search.Milliseconds())/float64(b.N), "search-ms")
}
