package data

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"scitech/data/pgtest"
)

// The city-scale benchmarks (issue 7): the company list's first page for a search and for each sort column,
// and the dashboard's Stats, each beside its anchor, the same SQL run directly through database/sql.
//
// They open a copy of a scaled database: SCITECH_BENCH_DB when set, else one built by LoadScaled with
// SCITECH_BENCH_N companies (default 100,000) and kept in the temporary directory for later runs
// (scitech-bench-N.db). The copy is scitech-bench-work.db there, overwritten by each run. Setup is not timed.
//
// Each runs on the server too (issue 19) when SCITECH_BENCH_PG names the same district in a database of a
// PostgreSQL server (make bench: tools/pgtest/benchpg.sh): the same sub-benchmarks with "-pg" appended to the
// first part of their names (tool-pg/cn1-common beside tool/cn1-common), reading that database itself (they
// only read). Without it only the SQLite ones run.

var (
	benchOnce  sync.Once
	benchStore *Store
	benchErr   error

	benchPGOnce  sync.Once
	benchPGStore *Store
	benchPGErr   error
)

// benchOn is a store of the scaled district and the suffix of its sub-benchmarks' names.
type benchOn struct {
	suffix string // "" on SQLite, "-pg" on the server
	s      *Store
}

// benchStores are the scaled district's copy on SQLite and, when SCITECH_BENCH_PG is set, its database on the
// server.
func benchStores(b *testing.B) []benchOn {
	b.Helper()
	on := []benchOn{{"", benchScaleStore(b)}}
	if u := pgtest.BenchURL(); u != "" {
		benchPGOnce.Do(func() { benchPGStore, benchPGErr = Open(u) })
		if benchPGErr != nil {
			b.Fatalf("%s: %v", pgtest.EnvBench, benchPGErr)
		}
		on = append(on, benchOn{"-pg", benchPGStore})
	}
	return on
}

func benchScaleStore(b *testing.B) *Store {
	b.Helper()
	benchOnce.Do(func() { benchStore, benchErr = openBenchCopy() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

func openBenchCopy() (*Store, error) {
	src := os.Getenv("SCITECH_BENCH_DB")
	if src == "" {
		n := 100000
		if v := os.Getenv("SCITECH_BENCH_N"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				return nil, err
			}
		}
		src = filepath.Join(os.TempDir(), "scitech-bench-"+strconv.Itoa(n)+".db")
		if _, err := os.Stat(src); err != nil {
			tmp := src + ".building"
			os.Remove(tmp)
			s, err := Open(tmp)
			if err != nil {
				return nil, err
			}
			err = s.LoadScaled(context.Background(), n)
			if cerr := s.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return nil, err
			}
			if err := os.Rename(tmp, src); err != nil {
				return nil, err
			}
		}
	}
	// The copy lives in a folder made anew each run: opening it migrates a district built before the latest
	// migrations, and the store keeps a backup of the database before a migration beside it (backups/), half a
	// gigabyte a run that nothing else removed (11 GB in /tmp/backups after one day's benchmarks filled the disk).
	dir := filepath.Join(os.TempDir(), "scitech-bench-work")
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	work := filepath.Join(dir, "scitech.db")
	if err := copyFile(src, work); err != nil {
		return nil, err
	}
	return Open(work)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// benchFragments are search keystrokes: common and rare Chinese fragments of one to four characters, some found
// nowhere, code prefixes and a code fragment.
var benchFragments = []struct{ name, q string }{
	{"cn1-common", "科"}, {"cn1-none", "鑫"}, {"cn2-common", "海瑞"}, {"cn2-none", "龘龘"},
	{"cn3-rare", "（1）"}, {"cn4", "大连海瑞"}, {"cn4-none", "海瑞龘鑫"}, {"digits-rare", "12345"},
	{"uscc-prefix", "91210200MA"}, {"uscc-rare", "MA8E"},
}

// rawCompanyPage runs q through database/sql and scans every column of each row, as the store does.
func rawCompanyPage(b *testing.B, db *sql.DB, q string, args ...any) int {
	rows, err := db.Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := scanCompany(rows); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkCompanySearchPage: the first page (50 rows, by name) for a keystroke. tool is Store.Companies;
// sql is the plain LIKE query the list ran before (name or code, no helper table) straight through
// database/sql.
func BenchmarkCompanySearchPage(b *testing.B) {
	for _, on := range benchStores(b) {
		benchCompanySearchPage(b, on.s, on.suffix)
	}
}

func benchCompanySearchPage(b *testing.B, s *Store, suffix string) {
	ctx := context.Background()
	for _, fr := range benchFragments {
		f := CompanyFilter{Query: fr.q, Sort: SortByName, Limit: 50}
		b.Run("tool"+suffix+"/"+fr.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := s.Companies(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("sql"+suffix+"/"+fr.name, func(b *testing.B) {
			b.ReportAllocs()
			where, args := plainCompanyWhere(s.d, fr.q)
			q := `SELECT ` + companyColumns + companyFrom + where + ` ORDER BY c.name, c.id LIMIT 50`
			for range b.N {
				rawCompanyPage(b, s.db, q, args...)
			}
		})
	}
}

// BenchmarkCompanySearchCount: the count shown beside the list for a keystroke, tool and plain SQL.
func BenchmarkCompanySearchCount(b *testing.B) {
	for _, on := range benchStores(b) {
		benchCompanySearchCount(b, on.s, on.suffix)
	}
}

func benchCompanySearchCount(b *testing.B, s *Store, suffix string) {
	ctx := context.Background()
	for _, fr := range benchFragments {
		f := CompanyFilter{Query: fr.q}
		b.Run("tool"+suffix+"/"+fr.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := s.CountCompanies(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("sql"+suffix+"/"+fr.name, func(b *testing.B) {
			b.ReportAllocs()
			where, args := plainCompanyWhere(s.d, fr.q)
			for range b.N {
				var n int
				if err := s.db.QueryRow(`SELECT count(*)`+companyFrom+where, args...).Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompanySortPage: the first page (50 rows) of the whole list sorted by each column, both ways. The
// tool's SQL and the anchor's are the same; the anchor runs it straight through database/sql.
func BenchmarkCompanySortPage(b *testing.B) {
	for _, on := range benchStores(b) {
		benchCompanySortPage(b, on.s, on.suffix)
	}
}

func benchCompanySortPage(b *testing.B, s *Store, suffix string) {
	ctx := context.Background()
	for _, col := range []CompanySort{SortByName, SortByUSCC, SortByField, SortByPark, SortByFounded, SortByCert} {
		for _, desc := range []bool{false, true} {
			name := string(col)
			dir := " ASC"
			if desc {
				name, dir = name+"-desc", " DESC"
			}
			f := CompanyFilter{Sort: col, Desc: desc, Limit: 50}
			b.Run("tool"+suffix+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					if _, err := s.Companies(ctx, f); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("sql"+suffix+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				q := `SELECT ` + companyColumns + companyFrom + ` ORDER BY ` + companySortSQL[col] + dir + `, c.id` + dir + ` LIMIT 50`
				for range b.N {
					rawCompanyPage(b, s.db, q)
				}
			})
		}
	}
}

// BenchmarkStats: the dashboard's figures for one year (2024). The anchor runs the same queries straight
// through database/sql; sql-scan-valid is the valid-patent count as it was before migration 0007 (a scan of
// the patent table by the store's patentValidSQL), for comparison with the index counts, on SQLite only.
func BenchmarkStats(b *testing.B) {
	for _, on := range benchStores(b) {
		benchStats(b, on.s, on.suffix)
	}
}

func benchStats(b *testing.B, s *Store, suffix string) {
	ctx := context.Background()
	const year = 2024
	b.Run("tool"+suffix, func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := s.Stats(ctx, year); err != nil {
				b.Fatal(err)
			}
		}
	})
	type query struct {
		q    string
		args []any
	}
	qs := []query{{`SELECT year, sum(output), sum(added_value), count(*)
		FROM annual_output WHERE year IN (?, ?) GROUP BY year`, []any{year, year - 1}}}
	for _, d := range s.figures() {
		from := d.from
		if d.countFrom != "" {
			from = d.countFrom
		}
		q, args := `SELECT `+d.count+from, d.args(year)
		if d.countQuery != nil {
			q, args = d.countQuery(year)
		}
		qs = append(qs, query{q, args})
	}
	b.Run("sql"+suffix, func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, q := range qs {
				rows, err := s.db.Query(q.q, q.args...)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
			}
		}
	})
	if suffix != "" {
		return // 2.7 s a run for the history of SQLite files (before 0007); the server never counted so
	}
	b.Run("sql-scan-valid", func(b *testing.B) {
		b.ReportAllocs()
		cond, args := s.patentValidSQL("p", YearEnd(year))
		for range b.N {
			var n int
			if err := s.db.QueryRow(`SELECT count(*) FROM patent p WHERE `+cond, args...).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDashboard: everything the dashboard reads when it opens on a year (off the main goroutine): the
// figures of the year and of the year before (Stats), the output
// of the last five years and by park for the charts, and the soonest 30 of what needs attention.
func BenchmarkDashboard(b *testing.B) {
	for _, on := range benchStores(b) {
		benchDashboard(b, on.s, on.suffix)
	}
}

func benchDashboard(b *testing.B, s *Store, suffix string) {
	ctx := context.Background()
	const year = 2024
	today := YearEnd(ScaleLastYear).AddDate(0, -1, 0)
	b.Run("tool"+suffix, func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, y := range []int{year, year - 1} { // the year and the one it is compared with
				if _, err := s.Stats(ctx, y); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := s.OutputByYear(ctx, year, 5); err != nil {
				b.Fatal(err)
			}
			if _, err := s.OutputByPark(ctx, year); err != nil {
				b.Fatal(err)
			}
			if _, _, err := s.Attention(ctx, today, 30); err != nil {
				b.Fatal(err)
			}
		}
	})
}
