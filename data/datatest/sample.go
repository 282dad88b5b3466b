// Package datatest opens databases for the tests of the packages that read them, so that each package's tests
// do not carry their own copy of opening and filling one.
package datatest

import (
	"context"
	"path/filepath"
	"testing"

	"scitech/data"
)

// SampleStore is a fresh database in the test's temporary folder holding the sample data set, closed when the
// test ends.
func SampleStore(tb testing.TB) *data.Store {
	tb.Helper()
	s, err := data.Open(filepath.Join(tb.TempDir(), "x.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.LoadSample(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}
