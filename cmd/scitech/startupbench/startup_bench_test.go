package startupbench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"scitech/app"
	"scitech/data"
)

// appID is the window's application ID (cmd/scitech's), so that the child reads the same preferences.
const appID = "cn.gov.lvshunkou.scitech"

// Start-up (issue 7, points 4 and 6): this test binary, re-executed with SCITECH_STARTUP_CHILD, opens either
// the window on a 100,000-company district as `scitech --db` does (without the day's backup) or an empty Fyne
// window of the same size, the anchor. The parent times launch to the first frame (the child prints "frame"
// once the whole canvas has been painted and read back with Canvas().Capture() after the app started), then
// the child opens the Companies list, paints it, waits a second and prints its peak resident size (VmHWM).
// Fyne needs a display: `make bench` runs these under Xvfb on :99.
//
//	DISPLAY=:99 SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo -run '^$' -bench Startup100k -benchtime 3x ./cmd/scitech
const startupChildEnv = "SCITECH_STARTUP_CHILD"

// init runs the child on the main goroutine, as Fyne's driver needs, before the tests would start.
func init() {
	if mode := os.Getenv(startupChildEnv); mode != "" {
		os.Exit(startupChild(mode, os.Getenv("SCITECH_STARTUP_DB")))
	}
}

func startupChild(mode, db string) int {
	a := fyneapp.NewWithID(appID)
	var w fyne.Window
	var ui *app.UI
	var s *data.Store
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	switch mode {
	case "scitech":
		app.TuneMemory() // as the window's main does
		var err error
		if s, err = data.Open(db); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer s.Close()
		ui = app.New(a, s)
		ui.ShowStartup(ctx, app.StartupInfo{Path: db}, s)
		w = ui.Window()
	default:
		w = a.NewWindow("scitech")
		w.SetContent(widget.NewLabel(""))
		w.Resize(fyne.NewSize(1280, 760))
	}
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			w.Canvas().Capture()
			fmt.Println("frame")
			if ui != nil {
				fyne.DoAndWait(func() { ui.ShowSection("nav.companies") })
				w.Canvas().Capture()
			}
			time.Sleep(time.Second)
			fmt.Println("hwm", vmHWM())
			fyne.Do(a.Quit)
		}()
	})
	w.Show()
	a.Run()
	return 0
}

// vmHWM is this process's peak resident size in kB, from /proc/self/status.
func vmHWM() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// BenchmarkStartup100k reports "ms" from launch to the first frame and "rss-MB", the window's peak resident
// size on the Companies list (for the anchor, the empty window's).
func BenchmarkStartup100k(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("no display: run under Xvfb (`make bench` starts one on :99)")
	}
	db := scaledDBCopy(b)
	for _, mode := range []string{"scitech", "empty-window"} {
		b.Run(mode, func(b *testing.B) {
			var total time.Duration
			var hwm int
			for range b.N {
				frame, kb, ok := startOnce(b, mode, db)
				total += frame
				hwm = max(hwm, kb)
				if !ok {
					b.Logf("%s: no first frame within %v; stopped", mode, startupTimeout)
					b.ReportMetric(1, "timeout")
					total = frame * time.Duration(b.N)
					break
				}
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms")
			b.ReportMetric(float64(hwm)/1024, "rss-MB")
		})
	}
}

// startupTimeout is how long a child may take to paint its first frame and report before it is stopped.
const startupTimeout = 30 * time.Second

// startOnce launches one child and returns its time to the first frame and its peak resident size in kB;
// ok is false when it painted nothing within startupTimeout.
func startOnce(b *testing.B, mode, db string) (frame time.Duration, hwm int, ok bool) {
	ctx, cancel := context.WithTimeout(context.Background(), startupTimeout+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), startupChildEnv+"="+mode, "SCITECH_STARTUP_DB="+db)
	var stderr bytes.Buffer // Fyne's log, shown only when the child fails: it would split the benchmark's line
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var painted atomic.Bool
	timer := time.AfterFunc(startupTimeout, func() {
		if !painted.Load() {
			cancel()
		}
	})
	defer timer.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		switch f := strings.Fields(sc.Text()); {
		case len(f) == 1 && f[0] == "frame":
			frame = time.Since(start)
			painted.Store(true)
		case len(f) == 2 && f[0] == "hwm":
			hwm, _ = strconv.Atoi(f[1])
		}
	}
	err = cmd.Wait()
	if frame == 0 {
		return startupTimeout, hwm, false
	}
	if err != nil || hwm == 0 {
		b.Fatalf("%s: %v (frame %v, hwm %d)\n%s", mode, err, frame, hwm, stderr.String())
	}
	return frame, hwm, true
}

// scaledDBCopy copies SCITECH_BENCH_DB (made by `scitech demo --scale 100000`) into a temporary folder and
// brings it to the program's schema there, outside any timing.
func scaledDBCopy(b *testing.B) string {
	b.Helper()
	src := os.Getenv("SCITECH_BENCH_DB")
	if src == "" {
		b.Skip("set SCITECH_BENCH_DB to a database made by `scitech demo --scale 100000` (make bench does)")
	}
	dst := filepath.Join(b.TempDir(), "s100k.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(dst)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}
