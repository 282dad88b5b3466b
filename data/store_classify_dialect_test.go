package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/dialect"
)

// classifyStores are the stores the classification is held to: a file, and a server when the tests have one.
// Both are opened here, not through openTestStore, so that the test runs once whichever store a pass opens.
func classifyStores(t *testing.T) map[string]*Store {
	file, err := Open(filepath.Join(t.TempDir(), "scitech.db"))
	require.NoError(t, err)
	t.Cleanup(func() { file.Close() })
	out := map[string]*Store{"sqlite": file}
	if u := serverURLOrEmpty(t); u != "" {
		require.NoError(t, InitServer(context.Background(), u))
		s, err := Open(u)
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		out["postgres"] = s
	}
	return out
}

// serverURLOrEmpty is a new database on the test server, or "" without one (a file alone is then tested).
func serverURLOrEmpty(t *testing.T) string {
	if testServerAvailable() {
		return freshServerDatabase(t)
	}
	return ""
}

// The store reads a refused write by its class, never by the driver's text: a duplicate is a unique
// constraint naming its table and columns (Undo finds the record that holds the value by them), a missing
// parent a reference, a value out of range a check; conflictOr and isForeignKey answer from the class.
func TestClassifyNamesTheConstraint(t *testing.T) {
	ctx := context.Background()
	for name, s := range classifyStores(t) {
		t.Run(name, func(t *testing.T) {
			c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}
			require.NoError(t, s.CreateCompany(ctx, &c))
			write := func(q string, args ...any) error {
				return s.update(ctx, func(tx *sql.Tx) error {
					_, err := tx.ExecContext(ctx, q, args...)
					return err
				})
			}

			err := write(`INSERT INTO company (uscc, name, field) VALUES (?, '另一家公司', 'electronics')`, c.USCC)
			class, k := s.d.Classify(err)
			assert.Equal(t, dialect.Unique, class, "%v", err)
			assert.Equal(t, "company", k.Table)
			assert.Equal(t, []string{"uscc"}, k.Columns)
			assert.True(t, isUnique(err))
			assert.Equal(t, Conflict, ErrorCode(conflictOr(err, "uscc", "err.company.uscc_taken", "taken", nil)))

			err = write(`INSERT INTO annual_output (company_id, year, output, added_value) VALUES (?, 2025, 1, 1)`, c.ID+1000)
			class, _ = s.d.Classify(err)
			assert.Equal(t, dialect.Reference, class, "%v", err)
			assert.True(t, isForeignKey(err))
			assert.False(t, isUnique(err))
			assert.Equal(t, Internal, ErrorCode(conflictOr(err, "uscc", "err.company.uscc_taken", "taken", nil)),
				"a missing parent is no duplicate")

			err = write(`INSERT INTO annual_output (company_id, year, output, added_value) VALUES (?, 2025, 1, 2)`, c.ID)
			class, k = s.d.Classify(err)
			assert.Equal(t, dialect.Check, class, "%v", err)
			assert.Equal(t, "annual_output", k.Table)
			assert.ElementsMatch(t, []string{"added_value", "output"}, k.Columns)
			assert.False(t, isForeignKey(err))
			assert.Equal(t, "", ErrorKey(Explain(err)), "a broken constraint is no storage error")

			require.NoError(t, write(`INSERT INTO annual_output (company_id, year, output, added_value) VALUES (?, 2025, 2, 1)`, c.ID))
		})
	}
}

// Undo reads a refusal by its class on both databases: a deleted company cannot come back while a later
// company holds its code (the unique constraint's columns find that company), nor an output row whose company
// a later change deleted (the reference); each refusal names the later change, and after that change is
// undone the first undo goes through and the rows are back as they were.
func TestUndoNamesWhatStandsInTheWay(t *testing.T) {
	ctx := context.Background()
	for name, s := range classifyStores(t) {
		t.Run(name, func(t *testing.T) {
			a := Company{USCC: "91350100M000100Y43", Name: "大连甲科技有限公司", Field: "electronics"}
			require.NoError(t, s.CreateCompany(ctx, &a))
			require.NoError(t, s.DeleteCompany(ctx, a.ID))
			deleted := lastChangeGroup(t, s)
			b := Company{USCC: a.USCC, Name: "大连乙科技有限公司", Field: "electronics"}
			require.NoError(t, s.CreateCompany(ctx, &b))
			created := lastChangeGroup(t, s)

			err := s.Undo(ctx, deleted)
			require.Error(t, err)
			assert.Equal(t, "err.undo.blocked", ErrorKey(err), "%v", err)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, created, e.Args["Group"], "the change that took the code")
			assert.Equal(t, "大连乙科技有限公司", e.Args["Record"])

			require.NoError(t, s.Undo(ctx, created))
			require.NoError(t, s.Undo(ctx, deleted))
			back, err := s.Company(ctx, a.ID)
			require.NoError(t, err)
			assert.Equal(t, "大连甲科技有限公司", back.Name)
			assert.Equal(t, a.USCC, back.USCC)
		})
	}
}

func lastChangeGroup(t *testing.T, s *Store) int64 {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT max(id) FROM change_group`).Scan(&id))
	return id
}

// The undo of a company's delete brings back what went with it, whichever order the database recorded the
// cascade in (a server's statement triggers record the company's outputs after the company, SQLite before).
func TestUndoOfADeleteWithItsOutputs(t *testing.T) {
	ctx := context.Background()
	for name, s := range classifyStores(t) {
		t.Run(name, func(t *testing.T) {
			c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}
			require.NoError(t, s.CreateCompany(ctx, &c))
			o := AnnualOutput{CompanyID: c.ID, Year: 2025, Output: 2_000_000, AddedValue: 500_000}
			require.NoError(t, s.CreateOutput(ctx, &o))
			require.NoError(t, s.DeleteCompany(ctx, c.ID))
			var n int
			require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM annual_output WHERE company_id = ?`, c.ID).Scan(&n))
			require.Equal(t, 0, n, "the output went with the company")

			require.NoError(t, s.Undo(ctx, lastChangeGroup(t, s)))
			back, err := s.Company(ctx, c.ID)
			require.NoError(t, err)
			assert.Equal(t, c.Name, back.Name)
			var output, added int64
			require.NoError(t, s.db.QueryRow(`SELECT output, added_value FROM annual_output WHERE id = ?`, o.ID).Scan(&output, &added))
			assert.Equal(t, []int64{2_000_000, 500_000}, []int64{output, added})
		})
	}
}
