package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"scitech/cmd/scitech/internal/dbstate"
	"scitech/data"
	"scitech/data/datatest"
	"scitech/data/testsize"
)

// The crash tests start the real command as a child process, kill it with SIGKILL at random moments, and open
// what is left: SQLite's integrity check must pass and the change must be wholly there or wholly absent — as
// after a power cut. The child is the program built without the race detector (ten times quicker than this
// race-built test binary, and `make test` has compiled its packages already for vet); where it cannot be
// built, this test binary, re-executed with SCITECH_CRASH_ARGS, runs the command line instead of the tests.
const crashArgsEnv = "SCITECH_CRASH_ARGS"

// crashKills is how many times each crash test kills its command: 15 in make test, 50 in make stress.
var crashKills = testsize.Pick(15, 50)

func TestMain(m *testing.M) {
	if args := os.Getenv(crashArgsEnv); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	code := m.Run()
	if crashBinDir != "" {
		os.RemoveAll(crashBinDir)
	}
	if err := datatest.Cleanup(); err != nil {
		fmt.Println(err)
		code = max(code, 1)
	}
	os.Exit(code)
}

var (
	crashBinOnce sync.Once
	crashBinDir  string
	crashBin     string // the program built for the crash tests; "" to re-execute the test binary
	stateBin     string // testdata/dbstate built likewise; "" to read in this process
)

// buildCrashBinary builds the program once, with the build tags of this test binary.
func buildCrashBinary(t *testing.T) {
	crashBinOnce.Do(func() {
		// go test puts its GOROOT/bin first on the PATH; a test binary started by hand may name its Go by GOROOT.
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		}
		tags := ""
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				if s.Key == "-tags" {
					tags = s.Value
				}
			}
		}
		if crashBinDir, err = os.MkdirTemp("", "scitech-crash-"); err != nil {
			return
		}
		start := time.Now()
		build := func(name, pkg string) string {
			bin := filepath.Join(crashBinDir, name)
			out, err := exec.Command(goTool, "build", "-tags", tags, "-o", bin, pkg).CombinedOutput()
			if err != nil {
				t.Logf("cannot build %s (%v: %s); the race-built test binary stands in for it", pkg, err, out)
				return ""
			}
			return bin
		}
		crashBin, stateBin = build("scitech", "."), build("dbstate", "./testdata/dbstate")
		t.Logf("built the program and its reader for the crash tests in %v", time.Since(start).Round(time.Millisecond))
	})
}

// crashState is what a command may change: row counts of the tables it writes, and a detail of the last row.
type crashState = dbstate.State

// sameState tells whether two states are the same: the same counts and the same detail.
func sameState(s, o crashState) bool {
	return fmt.Sprint(s.Rows) == fmt.Sprint(o.Rows) && s.Detail == o.Detail
}

// readState opens the database as a fresh program would (recovering what a killed writer left), checks its
// integrity and counts the rows of the tables given; detail is a query for one more value. It runs in the
// reader built from testdata/dbstate, or in this process when that could not be built.
func readState(db string, tables []string, detail string) (crashState, error) {
	if stateBin == "" {
		return readStateHere(db, tables, detail)
	}
	var st crashState
	var stderr strings.Builder
	cmd := exec.Command(stateBin, db, strings.Join(tables, ","), detail)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return st, fmt.Errorf("%v: %s", err, stderr.String())
	}
	return st, json.Unmarshal(out, &st)
}

func readStateHere(db string, tables []string, detail string) (crashState, error) {
	return dbstate.Read(db, tables, detail)
}

// child is the real command line run in a process of its own.
func child(args ...string) *exec.Cmd {
	var cmd *exec.Cmd
	if crashBin != "" {
		cmd = exec.Command(crashBin, args...)
		cmd.Env = os.Environ()
	} else {
		cmd = exec.Command(os.Args[0], "-test.run=^$")
		// A race build sleeps a second before exiting, unless told not to.
		cmd.Env = append(os.Environ(), crashArgsEnv+"="+strings.Join(args, "\x1f"), "GORACE=atexit_sleep_ms=0")
	}
	cmd.Env = append(cmd.Env, "SCITECH_LANG=en")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	return cmd
}

func copyDB(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, b, 0o644))
}

// walFrames is how many pages the database's write-ahead log holds: above zero, a writer has begun to write.
func walFrames(db string) int64 {
	fi, err := os.Stat(db + "-wal")
	if err != nil || fi.Size() <= 32 {
		return 0
	}
	return (fi.Size() - 32) / (4096 + 24)
}

// crashCase is one command to kill: its arguments (after the database), the tables it writes, and a query
// for a detail that must be whole too.
type crashCase struct {
	args   []string
	tables []string
	detail string
}

// crashTally counts how the kills landed.
type crashTally struct {
	mu                          sync.Mutex
	killed, finished            int // the child was running when killed / had already finished
	absent, present, midWriting int // after the kill: nothing written / all written; killed once it wrote
	cutWrite                    int // killed once it wrote, yet nothing written: the commit was cut short
}

// randomKills of the kills (a fifth) land at any moment of the run; the others at a random moment after the
// child began writing to the database (its write-ahead log grew), where a kill can do harm.
var randomKills = crashKills / 5

// runTimed runs a child to its end, returning how long it ran, when it began writing (its log grew) and how
// long it wrote (until the log was checkpointed and removed as the database closed).
func runTimed(cmd *exec.Cmd, db string) (full, writing, wrote time.Duration, err error) {
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case err := <-done:
			full = time.Since(start)
			if writing == 0 {
				writing = full
			}
			if wrote == 0 {
				wrote = full - writing
			}
			return full, writing, wrote, err
		case <-time.After(100 * time.Microsecond):
			_, statErr := os.Stat(db + "-wal")
			switch {
			case writing == 0 && walFrames(db) > 0:
				writing = time.Since(start)
			case writing > 0 && wrote == 0 && os.IsNotExist(statErr):
				wrote = time.Since(start) - writing
			}
		}
	}
}

// killRepeatedly runs the command once to the end (how long it takes, when it begins writing, the state it
// leaves), then crashKills times on a fresh copy of base, killing it at a random moment; every time the state
// must be the one before or the one after, and the file sound. Two children run at once to keep it short.
func killRepeatedly(t *testing.T, base string, c crashCase) *crashTally {
	buildCrashBinary(t)
	dir := t.TempDir()
	before, err := readState(base, c.tables, c.detail)
	require.NoError(t, err)
	ref := filepath.Join(dir, "reference.db")
	copyDB(t, base, ref)
	var out strings.Builder
	cmd := child(append(c.args, "--db", ref)...)
	cmd.Stdout, cmd.Stderr = &out, &out
	full, writing, wrote, err := runTimed(cmd, ref)
	require.NoError(t, err, "the command runs to the end: %s", out.String())
	after, err := readState(ref, c.tables, c.detail)
	require.NoError(t, err)
	require.False(t, sameState(before, after), "the command changes the database")
	t.Logf("%v: runs %v, writes from %v for %v; before %v; after %v", c.args[:1], full.Round(time.Millisecond),
		writing.Round(time.Millisecond), wrote.Round(100*time.Microsecond), before, after)

	tally := &crashTally{}
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				// A child that finished before its kill is run again, so that every kill is a real one; when the
				// moment it writes is missed three times, the kill lands anywhere in the run.
				for try := 0; try < 10; try++ {
					targeted := i >= randomKills && try < 3
					window := full
					switch {
					case targeted && i%2 == 0:
						window = wrote / 8 // as the commit writes the log
					case targeted:
						window = wrote // as it writes, checkpoints and closes
					}
					if killOnce(t, base, filepath.Join(dir, fmt.Sprintf("kill%02d.db", i)), c, targeted, window,
						before, after, tally) {
						break
					}
				}
			}
		}()
	}
	for i := 0; i < crashKills; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	t.Logf("%v: %d kills (%d while running, %d runs finished before their kill and were run again): %d left nothing, "+
		"%d left all; %d after it began writing, %d of them cutting the commit short",
		c.args[:1], crashKills, tally.killed, tally.finished, tally.absent, tally.present, tally.midWriting, tally.cutWrite)
	return tally
}

// killOnce runs the command on a fresh copy of base and kills it after a random delay within window, counted
// from its start or (afterWriting) from when it began writing, then checks what it left. It reports whether
// the child was still running when killed.
func killOnce(t *testing.T, base, db string, c crashCase, afterWriting bool, window time.Duration, before, after crashState,
	tally *crashTally) bool {
	copyDB(t, base, db)
	cmd := child(append(c.args, "--db", db)...)
	if err := cmd.Start(); err != nil {
		t.Error(err)
		return true
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	wrote := false
	if afterWriting {
		for !wrote && !exited(done) {
			time.Sleep(50 * time.Microsecond) // the write lasts a few milliseconds
			wrote = walFrames(db) > 0
		}
	}
	time.Sleep(time.Duration(rand.Int64N(int64(max(window, time.Millisecond)))))
	wrote = wrote || walFrames(db) > 0
	_ = cmd.Process.Signal(syscall.SIGKILL)
	err := <-done
	killed := err != nil && strings.Contains(err.Error(), "killed")
	defer removeDB(db)
	if !killed {
		tally.mu.Lock()
		tally.finished++
		tally.mu.Unlock()
		return false
	}
	got, rerr := readState(db, c.tables, c.detail)
	if rerr != nil {
		t.Errorf("after a kill (%v) the database is not sound: %v", err, rerr)
		return true
	}
	tally.mu.Lock()
	defer tally.mu.Unlock()
	tally.killed++
	switch {
	case sameState(got, before):
		tally.absent++
		if wrote {
			tally.cutWrite++
		}
	case sameState(got, after):
		tally.present++
	default:
		t.Errorf("after a kill (%v) the database holds part of the change: %v (before %v, after %v)", err, got, before, after)
	}
	if wrote {
		tally.midWriting++
	}
	return true
}

func removeDB(db string) {
	for _, f := range []string{db, db + "-wal", db + "-shm", db + ".lock"} {
		_ = os.Remove(f)
	}
}

// exited reports, without waiting, whether the child has ended; done is then refilled for the caller.
func exited(done chan error) bool {
	select {
	case err := <-done:
		done <- err
		return true
	default:
		return false
	}
}

// crashImportRows is the size of the workbook: companies × years rows of annual output.
const (
	crashCompanies = 1000
	crashYears     = 5
)

// loadCrashCompanies imports the crashCompanies companies the crash tests' workbooks of output refer to.
func loadCrashCompanies(t *testing.T, s *data.Store) {
	t.Helper()
	rows := make([]data.ImportRow, crashCompanies)
	for i := range rows {
		rows[i] = data.NewImportRow("", "企业", "companies", i+2, companyLayout, map[string]string{
			"uscc": benchUSCC(i), "name": fmt.Sprintf("大连测试%04d科技有限公司", i), "field": "electronics"})
	}
	ctx := context.Background()
	plan, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	_, err = s.ApplyImport(ctx, plan, data.ImportMeta{FileName: "companies"})
	require.NoError(t, err)
}

// A workbook of 5,000 annual-output rows imported into a database of its 1,000 companies: killed at any moment,
// the import is wholly there (rows, their audit rows, the import's entry) or not at all.
func TestImportKilledAtRandomMomentsIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs crashKills child processes")
	}
	dir := t.TempDir()
	base, xlsx := filepath.Join(dir, "base.db"), filepath.Join(dir, "outputs.xlsx")
	s, err := data.Open(base)
	require.NoError(t, err)
	loadCrashCompanies(t, s)
	require.NoError(t, s.Close())
	require.NoError(t, writeBenchOutputsN(xlsx, crashCompanies, crashYears))
	t.Parallel() // the kills run beside the other crash test; the set-up above uses the program's globals

	tally := killRepeatedly(t, base, crashCase{args: []string{"import", xlsx},
		tables: []string{"annual_output", "audit_log", "import_log"},
		detail: `SELECT group_concat(year || ':' || output, ',') FROM (SELECT year, sum(output) AS output FROM annual_output GROUP BY year)`})
	require.Equal(t, crashKills, tally.killed, "every kill lands while the import runs")
	require.Positive(t, tally.midWriting, "some kills land while it writes")
}

// An issued brief killed at any moment is registered whole (its number, title and both files) or not at all.
func TestBriefIssueKilledAtRandomMomentsIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs crashKills child processes")
	}
	base := demoDB(t)
	t.Parallel()
	tally := killRepeatedly(t, base, crashCase{args: []string{"brief", "output", "--year", "2025", "--issue"},
		tables: []string{"brief_register", "audit_log"},
		detail: `SELECT group_concat(year || '/' || issue_no || '/' || title || '/' || (length(pdf) > 1000) || '/' || (length(xlsx) > 1000)) FROM brief_register`})
	require.Equal(t, crashKills, tally.killed, "every kill lands while the brief is made")
	require.Positive(t, tally.midWriting, "some kills land while it writes")
}
