package data

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// journalMode is the verdicts database's journal mode: "memory" for an in-memory database, a file's otherwise.
func journalMode(t *testing.T, s *Store) string {
	t.Helper()
	pl, err := s.policyList()
	require.NoError(t, err)
	var mode string
	require.NoError(t, pl.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	return mode
}

// The verdicts of a district are tens of megabytes of pages: they are kept in SQLite's temporary database,
// whose pages beyond its cache go to a file of its own, not held in the window's memory for its whole life.
func TestVerdictsAreKeptInATemporaryFile(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	require.NoError(t, s.PreparePolicyList(ctx, PolicyGaoqi, 2025))
	assert.NotEqual(t, "memory", journalMode(t, s))
	n, err := s.CountPolicyList(ctx, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025})
	require.NoError(t, err)
	assert.Positive(t, n)
}

// Where no file can be made in the temporary folder, the verdicts are kept in memory as before: the list works.
func TestVerdictsWithoutATemporaryFolderAreKeptInMemory(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	t.Setenv("TEMP", filepath.Join(t.TempDir(), "missing"))
	t.Setenv("TMP", filepath.Join(t.TempDir(), "missing"))
	s := sampleStore(t)
	assert.Equal(t, "memory", journalMode(t, s))
	want := policyListWant(t, s, PolicyGaoqi, 2025)
	all := policyListAll(t, s, PolicyListFilter{Policy: PolicyGaoqi, Year: 2025})
	require.Len(t, all, len(want))
	for _, r := range all {
		assert.Equal(t, want[r.CompanyID], r)
	}
}
