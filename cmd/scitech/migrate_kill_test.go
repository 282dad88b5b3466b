package main

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKilledMigrateLeavesTheServerEmptyOrWhole kills `scitech migrate` of the sample (with an issued brief) into
// an empty server database at random moments, 20 times, each into a database of its own: what is left is
// either no record at all (the copy's transaction never committed) or the whole copy, and a second migrate
// then completes it, after which `scitech check` finds nothing wrong (issue 19: the server database is whole
// each time).
func TestKilledMigrateLeavesTheServerEmptyOrWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs 20 child processes")
	}
	server := testServer(t)
	buildCrashBinary(t)
	desk := deskWithIssuedBrief(t)

	var full time.Duration
	var want map[string]int64
	for range 2 {
		whole := emptyServerDatabase(t, server)
		start := time.Now()
		require.NoError(t, child("migrate", "--from", desk, "--to", whole).Run())
		full = max(full, time.Since(start))
		want = serverTables(t, whole)
	}

	var empty, complete int
	for i := 0; i < 20; i++ {
		u := emptyServerDatabase(t, server)
		cmd := child("migrate", "--from", desk, "--to", u)
		require.NoError(t, cmd.Start())
		time.Sleep(killMoment(full))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()

		got := serverTables(t, u)
		switch {
		case sameCounts(got, want):
			complete++
		case noRecords(got):
			empty++
			code, _, errs := runCLI(t, "migrate", "--from", desk, "--to", u)
			require.Equal(t, 0, code, "kill %d: a second migrate completes the copy: %s", i, errs)
			assert.Equal(t, want, serverTables(t, u), "kill %d", i)
		default:
			t.Fatalf("kill %d left part of a copy: %v", i, got)
		}
		code, _, errs := runCLI(t, "check", "--db", u)
		assert.Equal(t, 0, code, "kill %d: %s", i, errs)
	}
	t.Logf("a whole migrate took %v; of 20 kills, %d left no record and %d the whole copy", full.Round(time.Millisecond), empty, complete)
}

// killMoment is a random moment to kill a command that takes about full to run whole (the longer of two
// runs: a run's time varies by half on a loaded machine): from a fifth of the way in (the program starting and
// connecting) to half again after it, so that kills land while it writes, around its COMMIT and after it.
func killMoment(full time.Duration) time.Duration {
	return full/5 + time.Duration(rand.Int64N(int64(full*13/10)))
}

// sameCounts tells whether two databases hold as many rows in each table.
func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// noRecords tells whether a database holds nothing but what setting it up put there: no tables yet, or the
// schema with its migrations' rows (the three parks of 0001).
func noRecords(tables map[string]int64) bool {
	for name, n := range tables {
		switch name {
		case "schema_migration":
		case "park":
			if n > 3 {
				return false
			}
		default:
			if n > 0 {
				return false
			}
		}
	}
	return true
}
