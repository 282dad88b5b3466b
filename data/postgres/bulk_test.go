package postgres

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/dialect"
)

// A bulk insert puts every row in with its values as given (NULLs, a flag as 0/1, a named integer type, text),
// returns what RETURNING lists, fires the change triggers as a multi-row INSERT does, and is one statement
// text whatever the number of rows.
func TestBulkInsertWritesEveryRowAsGiven(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback()
	cols, err := d.Columns(ctx, tx, "company")
	require.NoError(t, err)
	pick := func(names ...string) []dialect.Column {
		var out []dialect.Column
		for _, n := range names {
			for _, c := range cols {
				if c.Name == n {
					out = append(out, c)
				}
			}
		}
		require.Len(t, out, len(names))
		return out
	}
	var group int64
	require.NoError(t, tx.QueryRowContext(ctx, `INSERT INTO change_group (at, operator, open) VALUES ('t', 'o', 1) RETURNING id`).Scan(&group))
	require.NoError(t, d.OpenChangeGroup(ctx, tx, group))

	type year int // a named integer type, as the store's Yuan is
	rows := [][]any{
		{"91210212MA0000001A", "甲公司", nil, true, year(2024), "energy", nil},
		{"91210212MA0000002A", "乙公司", "2020-01-02", false, 0, "energy", nil},
		{"91210212MA0000003A", "丙公司", "2021-03-04", int64(1), 7, "energy", nil},
	}
	target := pick("uscc", "name", "founded", "above_scale", "techsme_year", "field", "park_id")
	q, args, err := d.BulkInsert("company", target, rows, "id, uscc")
	require.NoError(t, err)
	assert.Len(t, args, len(target), "one argument a column")
	// field and park_id are alike in every row: each one value, not an array.
	assert.Equal(t, "energy", args[5])
	assert.Nil(t, args[6])
	assert.Contains(t, q, "SELECT u.c0, u.c1, u.c2, u.c3, u.c4, $6::text, $7::bigint FROM unnest(")
	more := append(slices.Clone(rows), []any{"91210212MA0000004A", "丁公司", nil, false, 0, "energy", nil})
	q2, _, err := d.BulkInsert("company", target, more, "id, uscc")
	require.NoError(t, err)
	assert.Equal(t, q, q2, "the statement's text does not depend on the number of rows, only on which columns are alike")

	res, err := tx.QueryContext(ctx, q, args...)
	require.NoError(t, err)
	ids := map[string]int64{}
	for res.Next() {
		var id int64
		var uscc string
		require.NoError(t, res.Scan(&id, &uscc))
		ids[uscc] = id
	}
	require.NoError(t, res.Err())
	require.Len(t, ids, 3)

	for _, r := range rows {
		var name string
		var founded sql.NullString
		var above sql.NullInt64
		require.NoError(t, tx.QueryRowContext(ctx, `SELECT name, founded, above_scale FROM company WHERE id = ?`,
			ids[r[0].(string)]).Scan(&name, &founded, &above))
		assert.Equal(t, r[1], name)
		if r[2] == nil {
			assert.False(t, founded.Valid)
		} else {
			assert.Equal(t, r[2], founded.String)
		}
		assert.True(t, above.Valid)
		assert.Equal(t, r[0] != "91210212MA0000002A", above.Int64 == 1)
	}
	var techYear int64
	var park sql.NullInt64
	require.NoError(t, tx.QueryRowContext(ctx, `SELECT techsme_year, park_id FROM company WHERE id = ?`,
		ids["91210212MA0000001A"]).Scan(&techYear, &park))
	assert.Equal(t, int64(2024), techYear)
	assert.False(t, park.Valid, "a nil is NULL")

	var changes int
	require.NoError(t, tx.QueryRowContext(ctx, `SELECT count(*) FROM change WHERE group_id = ? AND tbl = 'company' AND old IS NULL`,
		group).Scan(&changes))
	assert.Equal(t, 3, changes, "the change trigger recorded every new row")

	// A value that does not suit its column's storage class is refused before anything is sent.
	_, _, err = d.BulkInsert("company", pick("uscc", "techsme_year"), [][]any{{"x", "2024"}}, "")
	assert.Error(t, err)
	_, _, err = d.BulkInsert("company", pick("uscc", "name"), [][]any{{"x", 3}}, "")
	assert.Error(t, err)
}

// A column alike in every row (a text, a NULL, a flag, a number) is one value; one that differs in a single row
// stays an array; every row goes in as given either way.
func TestBulkInsertSendsAlikeColumnsOnce(t *testing.T) {
	db, d := SharedDB(t)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback()
	cols, err := d.Columns(ctx, tx, "company")
	require.NoError(t, err)
	var target []dialect.Column
	for _, n := range []string{"uscc", "name", "field", "founded", "above_scale", "techsme_year"} {
		i := slices.IndexFunc(cols, func(c dialect.Column) bool { return c.Name == n })
		require.GreaterOrEqual(t, i, 0, n)
		target = append(target, cols[i])
	}
	rows := [][]any{
		{"91210212MA0000011A", "甲", "energy", nil, true, int64(2023)},
		{"91210212MA0000012A", "乙", "energy", nil, true, int64(2023)},
		{"91210212MA0000013A", "丙", "electronics", nil, true, int64(2023)},
	}
	q, args, err := d.BulkInsert("company", target, rows, "uscc, field, founded, above_scale, techsme_year")
	require.NoError(t, err)
	assert.Contains(t, q, "SELECT u.c0, u.c1, u.c2, $4::text, $5::bigint, $6::bigint FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c0, c1, c2)")
	assert.Equal(t, []any{nil, int64(1), int64(2023)}, args[3:])

	res, err := tx.QueryContext(ctx, q, args...)
	require.NoError(t, err)
	got := map[string][]any{}
	for res.Next() {
		var uscc, field string
		var founded sql.NullString
		var above, year int64
		require.NoError(t, res.Scan(&uscc, &field, &founded, &above, &year))
		got[uscc] = []any{field, founded.Valid, above, year}
	}
	require.NoError(t, res.Err())
	assert.Equal(t, map[string][]any{
		"91210212MA0000011A": {"energy", false, int64(1), int64(2023)},
		"91210212MA0000012A": {"energy", false, int64(1), int64(2023)},
		"91210212MA0000013A": {"electronics", false, int64(1), int64(2023)},
	}, got)
}
