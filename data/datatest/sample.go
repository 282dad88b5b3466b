// Package datatest opens databases for the tests of the packages that read them, so that each package's tests
// do not carry their own copy of opening and filling one. Each database is built once per test binary and
// copied for each test (fixture, pgtest): a package using it calls Cleanup from its TestMain.
package datatest

import (
	"context"
	"errors"
	"testing"

	"scitech/data"
	"scitech/data/datatest/fixture"
	"scitech/data/pgtest"
)

// SampleStore is a fresh database in the test's temporary folder holding the sample data set, closed when the
// test ends.
func SampleStore(tb testing.TB) *data.Store {
	tb.Helper()
	return open(tb, SampleFile(tb))
}

// EmptyStore is a fresh, empty database in the test's temporary folder, closed when the test ends.
func EmptyStore(tb testing.TB) *data.Store {
	tb.Helper()
	return open(tb, EmptyFile(tb))
}

// SampleFile is the path of a fresh database file (scitech.db in the test's temporary folder) holding the
// sample data set, as LoadSample writes it into a new database.
func SampleFile(tb testing.TB) string {
	tb.Helper()
	return fixture.File(tb, "sample", "scitech.db", func(path string) error {
		return build(path, func(s *data.Store) error { return s.LoadSample(context.Background()) })
	})
}

// EmptyFile is the path of a fresh, migrated database file with no records (scitech.db in the test's
// temporary folder).
func EmptyFile(tb testing.TB) string {
	tb.Helper()
	return fixture.File(tb, "empty", "scitech.db", func(path string) error { return build(path, nil) })
}

// SampleServerStore is a fresh database on the PostgreSQL test server (pgtest) holding the sample data set,
// closed and dropped when the test ends. Without a server the test skips, or fails when SCITECH_REQUIRE_PG is
// set.
func SampleServerStore(tb testing.TB) *data.Store {
	tb.Helper()
	return open(tb, SampleServerURL(tb))
}

// SampleServerURL is the URL of a fresh database on the PostgreSQL test server holding the sample data set,
// dropped when the test ends.
func SampleServerURL(tb testing.TB) string {
	tb.Helper()
	return pgtest.Clone(tb, "sample", func(url string) error {
		if err := data.InitServer(context.Background(), url); err != nil {
			return err
		}
		return build(url, func(s *data.Store) error { return s.LoadSample(context.Background()) })
	})
}

// Cleanup removes the databases built for the test binary; TestMain calls it after the tests.
func Cleanup() error {
	fixture.RemoveAll()
	return pgtest.DropAll()
}

func build(target string, fill func(*data.Store) error) (err error) {
	s, err := data.Open(target)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, s.Close()) }()
	if fill != nil {
		err = fill(s)
	}
	return err
}

func open(tb testing.TB, target string) *data.Store {
	tb.Helper()
	s, err := data.Open(target)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}
