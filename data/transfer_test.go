package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/sqlite"
	"scitech/data/testsize"
)

// transferServer is the throwaway server's URL (SCITECH_PG_URL, which make test exports); without one the
// test skips, or fails when SCITECH_REQUIRE_PG=1 says the server must be there.
func transferServer(t *testing.T) string {
	t.Helper()
	u := os.Getenv("SCITECH_PG_URL")
	if u == "" {
		if os.Getenv("SCITECH_REQUIRE_PG") == "1" {
			t.Fatal("SCITECH_REQUIRE_PG=1 but SCITECH_PG_URL is not set: no PostgreSQL server to test on")
		}
		t.Skip("SCITECH_PG_URL is not set: no PostgreSQL server (make test starts one; tools/pgtest/pg.sh start)")
	}
	return u
}

// transferDatabase creates an empty database of its own on the server for one test and drops it afterwards;
// it returns the database's URL.
func transferDatabase(t *testing.T, server string) string {
	t.Helper()
	admin, err := sql.Open("pgx", server)
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "transfer_" + hex.EncodeToString(b)
	_, err = admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(server)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}

// transferServerStore sets up the schema in an empty server database and opens it as a store.
func transferServerStore(t *testing.T, u string) *Store {
	t.Helper()
	require.NoError(t, InitServer(context.Background(), u))
	s, err := Open(u)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	s.SetOperator("tester")
	return s
}

// transferSample is the sample data set with one issued brief in the register, whose files the copy must
// carry byte for byte.
func transferSample(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "desk.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	require.NoError(t, s.LoadSample(ctx))
	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	b.IssuingUnit = "旅顺口区科学技术局（迁移测试）"
	require.NoError(t, s.SetBriefSettings(ctx, b)) // setting rows, and their change history by rowid
	_, err = s.IssueBrief(ctx, BriefIssue{Kind: "output", Lang: "zh", Year: 2025, Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)},
		func(ctx context.Context, no int) (RenderedBrief, error) {
			return RenderedBrief{Title: fmt.Sprintf("简报 第%d期", no), DataHash: "h", PDF: []byte("%PDF-1.4 \x00\xff bytes"),
				XLSX: []byte("PK\x03\x04 \x00 workbook"), Text: []byte("正文")}, nil
		})
	require.NoError(t, err)
	return s
}

// transferFileRows is every table of a SQLite file, row by row in rowid order, as text; schema_migration's times are
// left out (each database records when it was set up).
func transferFileRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", sqlite.URI(path))
	require.NoError(t, err)
	defer db.Close()
	names, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	require.NoError(t, err)
	var tables []string
	for names.Next() {
		var n string
		require.NoError(t, names.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, names.Close())
	out := map[string][]string{}
	for _, table := range tables {
		query := `SELECT rowid, * FROM ` + table + ` ORDER BY rowid`
		switch table {
		case "schema_migration":
			query = `SELECT version, name FROM schema_migration ORDER BY version`
		case "company_gram":
			query = `SELECT * FROM company_gram ORDER BY 1, 2`
		}
		rows, err := db.Query(query)
		require.NoError(t, err, table)
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = fmt.Sprintf("bytes %q", b)
				}
			}
			out[table] = append(out[table], fmt.Sprintf("%#v", vals))
		}
		require.NoError(t, rows.Close())
		out[table] = append(out[table], fmt.Sprintf("%d rows", len(out[table])))
	}
	return out
}

// transferYearsStats is Stats of every year the program takes.
func transferYearsStats(t *testing.T, s *Store) []Stats {
	t.Helper()
	var out []Stats
	for y := MinYear; y <= time.Now().Year()+1; y++ {
		st, err := s.Stats(context.Background(), y)
		require.NoError(t, err, "Stats(%d)", y)
		out = append(out, st)
	}
	return out
}

// TestTransferCopiesAFileIntoANewFile: without a server, the copier makes a new SQLite file holding every
// row of the original (records, change history, audit, the issued brief's bytes) and the same figures for
// every year; an existing file is not written over.
func TestTransferCopiesAFileIntoANewFile(t *testing.T) {
	ctx := context.Background()
	desk := transferSample(t)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	rep, err := TransferToFile(ctx, desk, copyPath, false)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Briefs)
	assert.Subset(t, rep.Years, []int{MinYear, 2024, 2025, time.Now().Year()}, "the figures of every year were compared")
	assert.Equal(t, transferFileRows(t, desk.Path()), transferFileRows(t, copyPath))
	cp, err := Open(copyPath)
	require.NoError(t, err)
	defer cp.Close()
	assert.Equal(t, transferYearsStats(t, desk), transferYearsStats(t, cp))

	_, err = TransferToFile(ctx, desk, copyPath, false)
	assert.Equal(t, "err.transfer.target_exists", ErrorKey(err))
	_, err = TransferToFile(ctx, desk, desk.Path(), true)
	assert.Equal(t, "err.file.protected", ErrorKey(err), "a backup never lands on the database it copies")
}

// TestTransferThroughTheServer: the sample (with an issued brief) copied from a desk's file onto an empty
// server database and from there into a new file is the original row for row, with the same figures for every
// year in both files; the brief's files read from the server byte for byte.
func TestTransferThroughTheServer(t *testing.T) {
	server := transferServer(t)
	ctx := context.Background()
	desk := transferSample(t)
	office := transferServerStore(t, transferDatabase(t, server))
	rep, err := Transfer(ctx, desk, office)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Briefs)
	n, err := office.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, 36, n)

	back := filepath.Join(t.TempDir(), "back.db")
	_, err = TransferToFile(ctx, office, back, false)
	require.NoError(t, err)
	assert.Equal(t, transferFileRows(t, desk.Path()), transferFileRows(t, back))
	b, err := Open(back)
	require.NoError(t, err)
	defer b.Close()
	assert.Equal(t, transferYearsStats(t, desk), transferYearsStats(t, b))
	for _, format := range []string{BriefPDF, BriefXLSX, BriefText} {
		want, err := desk.IssuedBriefFile(ctx, 1, format)
		require.NoError(t, err)
		got, err := office.IssuedBriefFile(ctx, 1, format)
		require.NoError(t, err)
		assert.Equal(t, want, got, format)
	}
	var id, companies int64
	require.NoError(t, office.db.QueryRow(`SELECT max(id) FROM company`).Scan(&companies))
	require.NoError(t, office.db.QueryRow(`INSERT INTO company (name, uscc, field) VALUES ('迁移后新增的企业', '91210212MA0TRANSF1', '')
		RETURNING id`).Scan(&id))
	assert.Equal(t, companies+1, id, "the server numbers new records after the copied ones")
}

// TestTransferredServerGivesTheSameFigures: Stats of every year on the server equal the desk's it was copied
// from: the same rows through the server's SQL give the same figures.
func TestTransferredServerGivesTheSameFigures(t *testing.T) {
	server := transferServer(t)
	desk := transferSample(t)
	office := transferServerStore(t, transferDatabase(t, server))
	_, err := Transfer(context.Background(), desk, office)
	require.NoError(t, err)
	assert.Equal(t, transferYearsStats(t, desk), transferYearsStats(t, office))
}

// TestTransferIntoARecordedDatabaseWritesNothing: a server database holding records is refused, and left
// exactly as it was.
func TestTransferIntoARecordedDatabaseWritesNothing(t *testing.T) {
	server := transferServer(t)
	ctx := context.Background()
	desk := transferSample(t)
	office := transferServerStore(t, transferDatabase(t, server))
	_, err := office.db.Exec(`INSERT INTO park (name, kind, focus) VALUES ('服务器上已有的园区', 'garden', '')`)
	require.NoError(t, err)
	before := transferCounts(t, office)
	_, err = Transfer(ctx, desk, office)
	assert.Equal(t, "err.transfer.not_empty", ErrorKey(err))
	assert.Equal(t, before, transferCounts(t, office))
}

// TestTransferThatFailsItsProofIsRolledBack: a copy whose rows do not read back as they were written (here a
// trigger on the server changes a name as it is inserted) is rolled back whole and says which table differs.
func TestTransferThatFailsItsProofIsRolledBack(t *testing.T) {
	server := transferServer(t)
	ctx := context.Background()
	desk := transferSample(t)
	office := transferServerStore(t, transferDatabase(t, server))
	_, err := office.db.Exec(`CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN NEW.programme := NEW.programme || '*'; RETURN NEW; END $$;
		CREATE TRIGGER tamper BEFORE INSERT ON cooperation FOR EACH ROW EXECUTE FUNCTION tamper()`)
	require.NoError(t, err)
	before := transferCounts(t, office)
	_, err = Transfer(ctx, desk, office)
	require.Error(t, err)
	assert.Equal(t, "err.transfer.proof", ErrorKey(err))
	assert.Contains(t, err.Error(), "cooperation")
	assert.Equal(t, before, transferCounts(t, office), "nothing of the copy is left")
}

// transferCounts is the rows of every table of a store's database.
func transferCounts(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	names, err := tableNames(ctx, s, s.db)
	require.NoError(t, err)
	out := map[string]int64{}
	for name := range names {
		var n int64
		require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM `+quoteIdent(name)).Scan(&n))
		out[name] = n
	}
	return out
}

// TestTransferOfAScaledDistrict: a synthetic district of 2,000 companies (ten years of output, patents,
// cooperations, incubations) goes from a file to the server and back into a new file row for row, with the
// same figures for every year in both files. make test takes 500 companies: under -race the pure-Go SQLite
// makes the 2,000 of make stress (SCITECH_STRESS=1) take 3.5 minutes (20 s without -race).
func TestTransferOfAScaledDistrict(t *testing.T) {
	if testing.Short() {
		t.Skip("a synthetic district: not in -short")
	}
	companies := testsize.Pick(500, 2000)
	server := transferServer(t)
	ctx := context.Background()
	desk, err := Open(filepath.Join(t.TempDir(), "district.db"))
	require.NoError(t, err)
	defer desk.Close()
	require.NoError(t, desk.LoadScaled(ctx, companies))
	office := transferServerStore(t, transferDatabase(t, server))
	rep, err := Transfer(ctx, desk, office)
	require.NoError(t, err)
	assert.Greater(t, rep.Rows(), int64(companies*45)) // 98,865 rows for 2,000 companies
	back := filepath.Join(t.TempDir(), "back.db")
	_, err = TransferToFile(ctx, office, back, false)
	require.NoError(t, err)
	assert.Equal(t, transferFileRows(t, desk.Path()), transferFileRows(t, back))
	b, err := Open(back)
	require.NoError(t, err)
	defer b.Close()
	assert.Equal(t, transferYearsStats(t, desk), transferYearsStats(t, b))
}

// TestStatsDiffNamesTheFigure: a copy whose figures differ says the year, the figure and both values.
func TestStatsDiffNamesTheFigure(t *testing.T) {
	a, b := Stats{Year: 2025, PatentsValid: 206}, Stats{Year: 2025, PatentsValid: 205}
	assert.Equal(t, "2025 patents_valid: 206 in the original, 205 in the copy", statsDiff(a, b))
}
