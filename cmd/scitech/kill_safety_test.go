package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/sqlite"
)

// The kill test of issue 14's first and fourth items: an import writes the database through one of its names
// (the real path, or a symbolic link to it) while other copies of the program, through the other name, back
// the database up onto itself, onto its -wal, and restore an older copy over it; the import is killed at a
// random moment. Every round, whatever the timing: no backup onto the database ever succeeds, the database is
// whole and `scitech check` finds nothing, the import is all there or not at all, and an import that reported
// success has its rows in the database — or, when a restore came after it, in the copy that restore kept.
// 20 rounds, the issue's count, in make test as in make stress.
const safetyKills = 20

// safetyFolder holds each round's database: its "#" is part of the name (issue 14's second item).
const safetyFolder = "项目#1"

// safetyRound is one round's files: the database, a link to it, and which name the import uses.
type safetyRound struct {
	dir, real, link string
	importVia       string // real or link; the others use the other name
}

// safetyOutcome is what one child process reported.
type safetyOutcome struct {
	args []string
	code int
	out  string
}

func TestWritersThroughAnyNameNeverLoseOrDamageTheDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("the kill test runs five child processes a round")
	}
	buildCrashBinary(t)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	base, xlsx, older := safetyBase(t, dir)
	rows := crashCompanies * crashYears

	// A reference run: how long the import takes alone, and what it leaves.
	ref := newSafetyRound(t, dir, "reference", base, 0)
	start := time.Now()
	o := runSafetyChild("import", xlsx, "--db", ref.real)
	full := time.Since(start)
	require.Equal(t, 0, o.code, o.out)
	require.Equal(t, rows, outputRows(t, ref.real))
	t.Logf("the import alone runs %v", full.Round(time.Millisecond))

	var killed, succeeded, restored, refusedLocked int
	for i := 0; i < safetyKills; i++ {
		// A round whose import finished before its kill is checked too, and run again until a kill lands.
		for try := 0; try < 5; try++ {
			r := newSafetyRound(t, dir, fmt.Sprintf("round%02d-%d", i, try), base, i)
			w, adv := r.race(xlsx, older, 2*full)
			for _, a := range adv {
				if a.args[0] == "restore" && a.code == 0 {
					restored++
				}
				if strings.Contains(a.out, "PID") {
					refusedLocked++
				}
			}
			r.check(t, w, adv, rows)
			if w.code == 0 {
				succeeded++
			}
			if w.code == -1 {
				killed++
				break
			}
		}
	}
	t.Logf("the import killed %d times, finished %d times; %d restores got in between writers, "+
		"%d attempts were refused naming the writer", killed, succeeded, restored, refusedLocked)
	assert.Positive(t, killed, "some kills land while the import runs")
}

// safetyBase is a database of crashCompanies companies, the workbook of their output, and an older copy of
// the database marked "旧的" to restore.
func safetyBase(t *testing.T, dir string) (base, xlsx, older string) {
	base, xlsx, older = filepath.Join(dir, "base.db"), filepath.Join(dir, "outputs.xlsx"), filepath.Join(dir, "旧的 #1.db")
	s, err := data.Open(base)
	require.NoError(t, err)
	loadCrashCompanies(t, s)
	ctx := context.Background()
	require.NoError(t, s.SetBriefSettings(ctx, data.BriefSettings{IssuingUnit: "旧的", BriefName: "科技工作简报", IssueNo: 1}))
	require.NoError(t, s.Backup(ctx, older))
	require.NoError(t, s.SetBriefSettings(ctx, data.BriefSettings{IssuingUnit: "现在的", BriefName: "科技工作简报", IssueNo: 1}))
	require.NoError(t, s.Close())
	require.NoError(t, writeBenchOutputsN(xlsx, crashCompanies, crashYears))
	return base, xlsx, older
}

// newSafetyRound copies base into a folder of its own, named with "#", and links to it from another folder;
// odd rounds import through the link.
func newSafetyRound(t *testing.T, dir, name, base string, i int) safetyRound {
	r := safetyRound{dir: filepath.Join(dir, name)}
	r.real = filepath.Join(r.dir, safetyFolder, "scitech.db")
	r.link = filepath.Join(r.dir, "桌面", "科技 数据库.db")
	require.NoError(t, os.MkdirAll(filepath.Dir(r.real), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Dir(r.link), 0o755))
	copyDB(t, base, r.real)
	symlinkOrSkip(t, r.real, r.link)
	r.importVia = r.real
	if i%2 == 1 {
		r.importVia = r.link
	}
	return r
}

// other is the database's name the import does not use.
func (r safetyRound) other() string {
	if r.importVia == r.real {
		return r.link
	}
	return r.real
}

// race starts the import, and beside it other copies of the program that try, one after another until the
// import ends, to back the database up onto itself and onto its -wal, to back it up elsewhere, and to restore
// the older copy over it, each through the other name; the import is killed after a random part of full.
// The import's outcome has code -1 when the kill ended it.
func (r safetyRound) race(xlsx, older string, window time.Duration) (safetyOutcome, []safetyOutcome) {
	var out bytes.Buffer
	w := child("import", xlsx, "--db", r.importVia)
	w.Stdout, w.Stderr = &out, &out
	if err := w.Start(); err != nil {
		return safetyOutcome{code: -2, out: err.Error()}, nil
	}
	done := make(chan error, 1)
	go func() { done <- w.Wait() }()
	attempts := [][]string{
		{"backup", r.other(), "--db", r.importVia},
		{"backup", r.importVia, "--db", r.other()},
		{"backup", r.real + "-wal", "--db", r.other()},
		{"backup", filepath.Join(r.dir, "elsewhere.db"), "--db", r.other()},
		{"restore", older, "--db", r.other()},
	}
	var adv []safetyOutcome
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			adv = append(adv, runSafetyChild(attempts[i%len(attempts)]...))
		}
	}()
	kill := time.After(time.Duration(rand.Int64N(int64(window))))
	var err error
	select {
	case err = <-done:
	case <-kill:
		_ = w.Process.Signal(syscall.SIGKILL)
		err = <-done
	}
	close(stop)
	wg.Wait()
	o := safetyOutcome{args: []string{"import"}, out: out.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case strings.Contains(err.Error(), "killed"):
		o.code = -1
	case errors.As(err, &exit):
		o.code = exit.ExitCode()
	default:
		o.code = -2
	}
	return o, adv
}

// check is what must hold after a round, whatever the timing.
func (r safetyRound) check(t *testing.T, w safetyOutcome, adv []safetyOutcome, rows int) {
	t.Helper()
	for _, a := range adv {
		onto := a.args[0] == "backup" && !strings.HasSuffix(a.args[1], "elsewhere.db")
		if onto {
			assert.NotEqual(t, 0, a.code, "a backup onto the database succeeded: %v: %s", a.args, a.out)
		}
		if a.args[0] == "backup" && !onto && a.code == 0 {
			assert.NoError(t, data.CheckBackup(a.args[1]), "a backup said to be checked is sound")
		}
	}
	code, out, errs := runCLI(t, "check", "--db", r.real)
	assert.Equal(t, 0, code, "%s: scitech check: %s%s", r.dir, out, errs)
	n := outputRows(t, r.real)
	assert.Contains(t, []int{0, rows}, n, "%s: the import is all there or not at all", r.dir)
	if w.code == 0 && n != rows {
		kept := 0
		list, err := data.ListBackups(data.BackupDir(r.real))
		require.NoError(t, err)
		for _, b := range list {
			if b.Kind == data.BackupBeforeRestore && outputRows(t, b.Path) == rows {
				kept++
			}
		}
		assert.Positive(t, kept, "%s: the import reported success (%s) but its rows are neither in the database "+
			"nor in the copy a later restore kept", r.dir, firstLine(w.out))
	}
	if w.code == -2 {
		t.Errorf("%s: the import could not be run: %s", r.dir, w.out)
	}
}

// outputRows counts the annual output rows of a database file, opened as the program would open it (so a
// killed writer's log is recovered), after an integrity check.
func outputRows(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", sqlite.URI(path, "_pragma", "busy_timeout(5000)"))
	require.NoError(t, err)
	defer db.Close()
	var ok string
	require.NoError(t, db.QueryRow(`PRAGMA integrity_check`).Scan(&ok))
	require.Equal(t, "ok", ok, path)
	var n int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM annual_output`).Scan(&n))
	return n
}

// runSafetyChild runs the program in a child process to its end.
func runSafetyChild(args ...string) safetyOutcome {
	var out bytes.Buffer
	cmd := child(args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	o := safetyOutcome{args: args, out: out.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		o.code = exit.ExitCode()
	} else if err != nil {
		o.code = -2
		o.out += err.Error()
	}
	return o
}

// firstLine is the start of a command's report, enough to name what it claimed.
func firstLine(s string) string {
	lines := strings.SplitN(s, "\n", 3)
	return strings.Join(lines[:min(2, len(lines))], " / ")
}
