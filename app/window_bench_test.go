package app

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"scitech/data"
)

// The window's memory on the Companies list (issue 7, point 6), apart from the rest of start-up: this test
// binary, re-executed with SCITECH_LIST_CHILD, opens a real window (Fyne's GL driver, the app's theme) holding
// the Companies list over a 100,000-company district, paints it (Canvas().Capture()), waits a second and
// prints its peak resident size (VmHWM). Its anchor is BenchmarkStartup100k/empty-window in cmd/scitech.
//
//	DISPLAY=:99 SCITECH_BENCH_DB=/tmp/s100k.db go test -tags migrated_fynedo -run '^$' -bench CompaniesWindow100k -benchtime 1x ./app
const listChildEnv = "SCITECH_LIST_CHILD"

func init() {
	if db := os.Getenv(listChildEnv); db != "" {
		os.Exit(companiesWindowChild(db))
	}
}

func companiesWindowChild(db string) int {
	a := fyneapp.NewWithID("cn.gov.lvshunkou.scitech")
	st, err := data.Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow("scitech")
	l := newCompanyList(newEnv(a), st, w)
	w.SetContent(l.build())
	w.Resize(fyne.NewSize(1280, 760))
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			w.Canvas().Capture()
			fmt.Println("frame")
			time.Sleep(time.Second)
			fmt.Println("hwm", listVmHWM())
			fyne.Do(a.Quit)
		}()
	})
	w.Show()
	a.Run()
	return 0
}

func listVmHWM() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// BenchmarkCompaniesWindow100k reports "ms" from launch to the list's first frame and "rss-MB", the peak
// resident size of the window on the Companies list.
func BenchmarkCompaniesWindow100k(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("no display: run under Xvfb (`make bench` starts one on :99)")
	}
	db := benchDistrict(b)
	b.Run("scitech", func(b *testing.B) {
		var total time.Duration
		hwm := 0
		for range b.N {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), listChildEnv+"="+db)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			var frame time.Duration
			kb := 0
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				switch f := strings.Fields(sc.Text()); {
				case len(f) == 1 && f[0] == "frame":
					frame = time.Since(start)
				case len(f) == 2 && f[0] == "hwm":
					kb, _ = strconv.Atoi(f[1])
				}
			}
			if err := cmd.Wait(); err != nil || frame == 0 || kb == 0 {
				b.Fatalf("%v (frame %v, hwm %d)\n%s", err, frame, kb, stderr.String())
			}
			total += frame
			hwm = max(hwm, kb)
		}
		b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms")
		b.ReportMetric(float64(hwm)/1024, "rss-MB")
	})
}
