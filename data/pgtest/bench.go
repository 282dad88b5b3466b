package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The benchmarks' server (issue 19: `make bench` prints a PostgreSQL figure beside each SQLite one). make bench
// starts a bench server that keeps the 100,000-company district between runs (tools/pgtest/benchpg.sh) and
// names its database in SCITECH_BENCH_PG, as SCITECH_BENCH_DB names the district's SQLite file. Without it the
// benchmarks leave their server half out. Benchmarks that only read use that database itself; one that writes
// works in a copy (BenchCopy), as the SQLite half copies the file.

// EnvBench names the bench server's database holding the 100,000-company district
// (postgres://postgres@/bench100k?host=DIR).
const EnvBench = "SCITECH_BENCH_PG"

// BenchURL is the bench district's database on the server, "" when none is given.
func BenchURL() string { return os.Getenv(EnvBench) }

var benchCopies atomic.Int64

// BenchCopy returns the URL of a new database on the server of src, a copy of the database src names
// (CREATE DATABASE … TEMPLATE), dropped when tb ends. PostgreSQL copies only a database nobody is connected
// to: close every store on src first (a closed pool's connections end a moment later; BenchCopy waits up to
// ten seconds for them).
func BenchCopy(tb testing.TB, src string) string {
	tb.Helper()
	return benchDatabase(tb, src, "TEMPLATE "+quoteIdent(databaseOf(tb, src)))
}

// BenchEmpty returns the URL of a new empty database on the server of src, dropped when tb ends.
func BenchEmpty(tb testing.TB, src string) string {
	tb.Helper()
	return benchDatabase(tb, src, "ENCODING 'UTF8' TEMPLATE template0")
}

func benchDatabase(tb testing.TB, src, how string) string {
	tb.Helper()
	admin, err := sql.Open("pgx", DatabaseURL(src, "postgres"))
	if err != nil {
		tb.Fatal(err)
	}
	admin.SetMaxOpenConns(1)
	name := fmt.Sprintf("scitech_bench%d_%d", os.Getpid(), benchCopies.Add(1))
	ctx := context.Background()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err = admin.ExecContext(ctx, `CREATE DATABASE `+name+` `+how)
		// 55006 object_in_use: "source database … is being accessed by other users".
		if err == nil || !strings.Contains(err.Error(), "55006") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		admin.Close()
		tb.Fatalf("making the bench database %s on the server: %v", name, err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Errorf("dropping the bench database %s: %v", name, err)
		}
	})
	return DatabaseURL(src, name)
}

// databaseOf is the database a server URL names.
func databaseOf(tb testing.TB, u string) string {
	tb.Helper()
	p, err := url.Parse(u)
	if err != nil || strings.Trim(p.Path, "/") == "" {
		tb.Fatalf("%s: %q names no database", EnvBench, u)
	}
	return strings.Trim(p.Path, "/")
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
