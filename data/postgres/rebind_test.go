package postgres

import "testing"

func TestRebindRewritesOnlyPlaceholders(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		{`SELECT 1`, `SELECT 1`},
		// Numbered: SQLite's rule, a bare ? follows the highest number so far.
		{`UPDATE t SET x = json_extract(?1, '$.x') WHERE id = ?2 OR id = ?1`,
			`UPDATE t SET x = json_extract($1, '$.x') WHERE id = $2 OR id = $1`},
		{`SELECT ?3, ?, ?1, ?`, `SELECT $3, $4, $1, $5`},
		{`SELECT ?10, ?`, `SELECT $10, $11`},
		// Quoted text and names, doubled quotes inside them.
		{`SELECT '?', 'it''s ?', "a?b", "x""?", ?`, `SELECT '?', 'it''s ?', "a?b", "x""?", $1`},
		{`LIKE ? ESCAPE '\'`, `LIKE $1 ESCAPE '\'`},
		// Comments, nested block comments, a comment to the end without a newline.
		{"SELECT ? -- what?\n, ?", "SELECT $1 -- what?\n, $2"},
		{`SELECT /* ? /* ?? */ still ? */ ?`, `SELECT /* ? /* ?? */ still ? */ $1`},
		{`SELECT ? -- ?`, `SELECT $1 -- ?`},
		// Dollar-quoted bodies, with and without a tag; a $N already in PostgreSQL's spelling.
		{`CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 WHERE '?' = ? $$; SELECT ?`,
			`CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 WHERE '?' = ? $$; SELECT $1`},
		{`DO $body$ BEGIN PERFORM ?; END $body$; SELECT ?`, `DO $body$ BEGIN PERFORM ?; END $body$; SELECT $1`},
		{`SELECT $1 WHERE x = '?'`, `SELECT $1 WHERE x = '?'`},
		// Unclosed quote or comment: copied to the end, no panic.
		{`SELECT '?`, `SELECT '?`},
		{`SELECT ? /* ?`, `SELECT $1 /* ?`},
		{`SELECT ? $$ ?`, `SELECT $1 $$ ?`},
		// Chinese text around them.
		{`SELECT '旅顺?' || ? || "名?"`, `SELECT '旅顺?' || $1 || "名?"`},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
