package data

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"scitech/data/datatest/fixture"
	"scitech/data/pgtest"
)

// The store's tests run on both databases (issue 19: one contract suite over SQLite and PostgreSQL). TestMain
// runs the tests once on SQLite files; then, when a PostgreSQL test server is given (SCITECH_PG_URL; make test
// starts one with tools/pgtest/pg.sh), it runs again every test that opened its store through the harness —
// openTestStore, sampleStore, scaledStore — now on a database of the server. A test that opens a file itself,
// or calls sqliteOnly, is about SQLite (files, locks, backups, URIs, pragmas) and runs once.
//
// A store test that does not pass on the server yet waits in pgPending, with the first line it failed on;
// `make test-pg-pending` runs them there and names any that now pass, which must leave the list.

// testStore is the database the running pass opens: "sqlite", then "postgres".
var testStore = "sqlite"

// When the server's pass started, by the clock and in the process's CPU time.
var (
	passStart time.Time
	passCPU   time.Duration
)

// pgPendingEnv, set to 1, runs only the pending tests, on the server, and fails naming those that now pass.
const pgPendingEnv = "SCITECH_PG_PENDING"

// pgPending are the store tests that fail on PostgreSQL today, each with the first line it failed on and the
// file whose SQL it waits for. They are left out of the server's pass only; the list shrinks as the SQL is
// ported and never holds a test that passes there (make test-pg-pending).
// Empty now: every store test runs on both databases.
var pgPending = map[string]string{}

// The tests of the SQLite pass that opened a store through the harness and are not sqliteOnly: the server's pass
// runs these.
var storeTests = struct {
	sync.Mutex
	used, sqliteOnly map[string]bool
	failed           map[string]bool // in the server's pass
}{used: map[string]bool{}, sqliteOnly: map[string]bool{}, failed: map[string]bool{}}

func TestMain(m *testing.M) {
	if p := os.Getenv("SCITECH_SECOND_COPY"); p != "" {
		fmt.Println(secondCopy(p))
		os.Exit(0)
	}
	flag.Parse() // now, so that the server's pass can set its own -test.run after it
	pending := os.Getenv(pgPendingEnv) == "1"
	code := 0
	if !pending {
		code = m.Run()
	}
	passStart, passCPU = time.Now(), cpuTime()
	fixture.RemoveAll()
	code = max(code, runOnServer(m, pending))
	os.Exit(code)
}

// runOnServer runs the store tests of the SQLite pass again on the test server (pending: the pending ones).
func runOnServer(m *testing.M, pending bool) int {
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return 0 // fuzzing: the validators need no server
	}
	var names []string
	if pending {
		for name := range pgPending {
			names = append(names, name)
		}
	} else {
		for name := range storeTests.used {
			if !storeTests.sqliteOnly[name] && pgPending[name] == "" {
				names = append(names, name)
			}
		}
	}
	if len(names) == 0 {
		if pending {
			fmt.Println("nothing is pending: pgPending (data/main_test.go) is empty")
		}
		return 0
	}
	if pgtest.URL() == "" {
		if pgtest.Required() {
			fmt.Printf("%s is set but %s is not: the store tests did not run on PostgreSQL\n", pgtest.EnvRequire, pgtest.EnvURL)
			return 1
		}
		fmt.Printf("the store tests' PostgreSQL pass was skipped (set %s, e.g. from tools/pgtest/pg.sh start)\n", pgtest.EnvURL)
		return 0
	}
	slices.Sort(names)
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	if err := flag.Set("test.run", "^("+strings.Join(quoted, "|")+")$"); err != nil {
		panic(err)
	}
	testStore = "postgres"
	fmt.Printf("=== store: postgres (%d tests; %d pending in pgPending)\n", len(names), len(pgPending))
	code := m.Run()
	fmt.Printf("=== store: postgres took %.1f s (%.1f s of CPU)\n", time.Since(passStart).Seconds(),
		(cpuTime() - passCPU).Seconds())
	if err := pgtest.DropAll(); err != nil {
		fmt.Println("dropping the test databases:", err)
		code = max(code, 1)
	}
	if pending {
		return pendingVerdict(names)
	}
	return code
}

// pendingVerdict says which pending tests now pass on the server: they must leave pgPending.
func pendingVerdict(names []string) int {
	var passing, notRun []string
	for _, n := range names {
		switch {
		case !storeTests.used[n]:
			notRun = append(notRun, n)
		case !storeTests.failed[n]:
			passing = append(passing, n)
		}
	}
	if len(notRun) > 0 {
		fmt.Printf("these tests in pgPending opened no store on the server (renamed, or gone?):\n\t%s\n", strings.Join(notRun, "\n\t"))
		return 1
	}
	if len(passing) == 0 {
		fmt.Printf("every one of the %d tests in pgPending still fails on PostgreSQL\n", len(names))
		return 0
	}
	fmt.Printf("these tests pass on PostgreSQL now: take them out of pgPending (data/main_test.go):\n\t%s\n",
		strings.Join(passing, "\n\t"))
	return 1
}

// usesStore records that t's test opens a store through the harness; in the server's pass it notes a failure.
func usesStore(t testing.TB) {
	top, _, _ := strings.Cut(t.Name(), "/")
	storeTests.Lock()
	storeTests.used[top] = true
	storeTests.Unlock()
	if testStore == "postgres" {
		t.Cleanup(func() {
			if t.Failed() {
				storeTests.Lock()
				storeTests.failed[top] = true
				storeTests.Unlock()
			}
		})
	}
}

// sqliteOnly marks a test that is about SQLite itself (its files, locks, backups, URIs, pragmas): it does not
// run on the server.
func sqliteOnly(t testing.TB) {
	top, _, _ := strings.Cut(t.Name(), "/")
	storeTests.Lock()
	storeTests.sqliteOnly[top] = true
	storeTests.Unlock()
	if testStore != "sqlite" {
		t.Skip("about SQLite itself")
	}
}

// openTestStore is a new, empty database of the pass's store, closed when the test ends.
func openTestStore(t testing.TB) *Store {
	t.Helper()
	return openTemplate(t, "migrated", nil)
}

// sampleStore is a new database of the pass's store holding the sample set.
func sampleStore(t testing.TB) *Store {
	t.Helper()
	return openTemplate(t, "sample", func(s *Store) error { return s.LoadSample(context.Background()) })
}

// scaledStore is a new database of the pass's store holding a synthetic district of n companies (LoadScaled).
func scaledStore(t testing.TB, n int) *Store {
	t.Helper()
	return openTemplate(t, fmt.Sprintf("scaled%d", n), func(s *Store) error { return s.LoadScaled(context.Background(), n) })
}

// openTemplate opens a copy of the database that fill writes into a new database, built once per test binary
// and store (fixture, pgtest): migrating a database and loading the sample cost seconds of CPU under the race
// detector, a copy milliseconds.
func openTemplate(t testing.TB, name string, fill func(*Store) error) *Store {
	t.Helper()
	usesStore(t)
	build := func(target string) (err error) {
		s, err := Open(target)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, s.Close()) }()
		s.SetOperator("tester")
		if fill != nil {
			return fill(s)
		}
		return nil
	}
	var target string
	if testStore == "postgres" {
		target = pgtest.Clone(t, name, func(url string) error {
			if err := InitServer(context.Background(), url); err != nil {
				return err
			}
			return build(url)
		})
	} else {
		target = fixture.File(t, name, "scitech.db", build)
	}
	s, err := Open(target)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	s.SetOperator("tester")
	return s
}
