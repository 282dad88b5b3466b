package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// TestServerImportKilledAtRandomMomentsIsAllOrNothing: a workbook of 5,000 annual-output rows imported into a
// server database of its 1,000 companies, killed at random moments 20 times (each time into a fresh copy of
// that database): every table holds what it held before the import or what a whole import leaves, never part
// of it, and `scitech check` finds nothing wrong (issue 19: the server database is whole each time).
func TestServerImportKilledAtRandomMomentsIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test runs 20 child processes")
	}
	server := testServer(t)
	buildCrashBinary(t)
	base := emptyServerDatabase(t, server)
	code, _, errs := runCLI(t, "server", "init", base)
	require.Equal(t, 0, code, errs)
	s, err := data.Open(base)
	require.NoError(t, err)
	loadCrashCompanies(t, s)
	require.NoError(t, s.Close())
	xlsx := filepath.Join(t.TempDir(), "outputs.xlsx")
	require.NoError(t, writeBenchOutputsN(xlsx, crashCompanies, crashYears))
	before := serverTables(t, base)

	var full time.Duration
	var after map[string]int64
	for range 2 {
		whole := cloneServerDatabase(t, server, base)
		start := time.Now()
		require.NoError(t, child("import", xlsx, "--db", whole).Run())
		full = max(full, time.Since(start))
		after = serverTables(t, whole)
	}
	require.NotEqual(t, before["annual_output"], after["annual_output"], "the import writes")

	var none, all int
	for i := 0; i < 20; i++ {
		u := cloneServerDatabase(t, server, base)
		cmd := child("import", xlsx, "--db", u)
		require.NoError(t, cmd.Start())
		time.Sleep(killMoment(full))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		switch got := serverTables(t, u); {
		case sameCounts(got, before):
			none++
		case sameCounts(got, after):
			all++
		default:
			t.Fatalf("kill %d left part of an import: %v (before %v, after %v)", i, got, before, after)
		}
		code, _, errs := runCLI(t, "check", "--db", u)
		assert.Equal(t, 0, code, "kill %d: %s", i, errs)
	}
	t.Logf("a whole import took %v; of 20 kills, %d left nothing of it and %d all of it", full.Round(time.Millisecond), none, all)
}

// cloneServerDatabase copies a server database (with no one connected to it) into a new one for one test,
// dropped when the test ends, and returns its URL.
func cloneServerDatabase(t *testing.T, server, from string) string {
	t.Helper()
	admin := serverAdmin(t, server)
	name := randomName("clone_")
	_, err := admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + mustParse(t, from).Path[1:])
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	return withDatabase(t, server, name, "")
}
