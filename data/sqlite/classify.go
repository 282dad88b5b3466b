package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"scitech/data/dialect"
)

// Classify says what a driver error means, from SQLite's result codes (the driver turns extended codes on for
// every connection, so a constraint's kind is in its code, not only in its message). data's storage errors
// (data/errors_storage.go) are named from these classes.
//
// For a broken constraint it names what SQLite's message names: a UNIQUE or NOT NULL failure gives
// "table.column[, table.column…]"; a CHECK gives its constraint's name or, unnamed as every CHECK of the
// store's schema is, the text of its expression, whose table Classify finds in the schema of the database
// Open opened (none when the same expression is in several tables, as `revenue >= 0` is) and whose columns
// are the table's columns the expression names, in their order of first mention (the server's catalogue lists
// a CHECK's columns so). A FOREIGN KEY failure names nothing: SQLite counts broken keys and reports them at
// the statement's end without saying which. Constraint.Name stays empty but for a named CHECK or an
// expression index.
func (d *Dialect) Classify(err error) (dialect.ErrorClass, dialect.Constraint) {
	if err == nil {
		return dialect.Other, dialect.Constraint{}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return d.classifyCode(se.Code(), se.Error())
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC:
			return dialect.Full, dialect.Constraint{}
		case syscall.EROFS:
			return dialect.ReadOnly, dialect.Constraint{}
		case syscall.EACCES, syscall.EPERM:
			return dialect.Denied, dialect.Constraint{}
		}
	}
	if errors.Is(err, fs.ErrPermission) {
		return dialect.Denied, dialect.Constraint{}
	}
	return dialect.Other, dialect.Constraint{}
}

func (d *Dialect) classifyCode(code int, msg string) (dialect.ErrorClass, dialect.Constraint) {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_ROWID:
		return dialect.Unique, d.named(after(msg, "UNIQUE constraint failed: "))
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return dialect.NotNull, d.named(after(msg, "NOT NULL constraint failed: "))
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return dialect.Reference, dialect.Constraint{}
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return dialect.Check, d.check(after(msg, "CHECK constraint failed: "))
	}
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return dialect.Busy, dialect.Constraint{}
	case sqlite3.SQLITE_FULL:
		return dialect.Full, dialect.Constraint{}
	case sqlite3.SQLITE_READONLY:
		return dialect.ReadOnly, dialect.Constraint{}
	case sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		// The file or its folder refuses the program (the store's words: err.db.readonly_file).
		return dialect.Denied, dialect.Constraint{}
	case sqlite3.SQLITE_CANTOPEN:
		// No such file where the folder is missing or unreadable: there is no database to open there.
		return dialect.NoDatabase, dialect.Constraint{}
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return dialect.Damaged, dialect.Constraint{}
	case sqlite3.SQLITE_IOERR:
		if code == sqlite3.SQLITE_IOERR_NOMEM {
			return dialect.Other, dialect.Constraint{} // out of memory, which the disk has nothing to do with
		}
		return dialect.IO, dialect.Constraint{}
	}
	// A RAISE(ABORT) of a trigger (SQLITE_CONSTRAINT_TRIGGER) is the store's own refusal, said by its message:
	// none of the schema's triggers raises today.
	return dialect.Other, dialect.Constraint{}
}

// codeSuffix is what the driver appends to SQLite's message: the result code, and for a busy database its name.
var codeSuffix = regexp.MustCompile(`( \(\d+\))?( \(SQLITE_BUSY\))?$`)

// after is the part of a driver message after SQLite's own prefix, without the driver's code suffix.
func after(msg, prefix string) string {
	i := strings.Index(msg, prefix)
	if i < 0 {
		return ""
	}
	return codeSuffix.ReplaceAllString(msg[i+len(prefix):], "")
}

// named reads "t.a, t.b" (a UNIQUE or NOT NULL failure) or "index 'name'" (a unique index on expressions).
func (d *Dialect) named(s string) dialect.Constraint {
	var c dialect.Constraint
	if name, ok := strings.CutPrefix(s, "index '"); ok {
		c.Name = strings.TrimSuffix(name, "'")
		c.Table, c.Columns = d.index(c.Name)
		return c
	}
	for _, tc := range strings.Split(s, ", ") {
		table, col, ok := strings.Cut(tc, ".")
		if !ok || (c.Table != "" && c.Table != table) {
			return dialect.Constraint{} // not SQLite's form: say nothing rather than something wrong
		}
		c.Table = table
		c.Columns = append(c.Columns, col)
	}
	return c
}

// index is the table of an index and its columns (none for an expression), from the schema.
func (d *Dialect) index(name string) (string, []string) {
	if d.db == nil {
		return "", nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var table string
	if err := d.db.QueryRowContext(ctx, `SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&table); err != nil {
		return "", nil
	}
	rows, err := d.db.QueryContext(ctx, `SELECT name FROM pragma_index_info(?) WHERE name IS NOT NULL ORDER BY seqno`, name)
	if err != nil {
		return table, nil
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			cols = append(cols, c)
		}
	}
	return table, cols
}

// check finds the table of a failed CHECK from its name or expression text in the schema, and the table's
// columns the expression names. It reads the schema on the pool Open made, not in the failed statement's
// transaction, which the store rolls back; a read that fails gives no table rather than another error.
//
// An answer is kept for the dialect's life (the schema changes only by migrations, run when the store opens),
// so only a kind of CHECK failure not seen before reads the schema: on a pool of one connection held by the
// failed transaction that read would wait its timeout and give no table.
func (d *Dialect) check(text string) dialect.Constraint {
	if text == "" || d.db == nil {
		return dialect.Constraint{}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.checks[text]; ok {
		c.Columns = slices.Clone(c.Columns) // the caller's to keep
		return c
	}
	c, ok := d.readCheck(text)
	if ok && (c.Table != "" || len(c.Columns) > 0) { // a CHECK not found may be of a table made since: read again
		if d.checks == nil {
			d.checks = map[string]dialect.Constraint{}
		}
		kept := c
		kept.Columns = slices.Clone(c.Columns)
		d.checks[text] = kept
	}
	return c
}

// readCheck is check's reading of the schema; ok is false when it could not be read.
func (d *Dialect) readCheck(text string) (c dialect.Constraint, ok bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rows, err := d.db.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL`)
	if err != nil {
		return dialect.Constraint{}, false
	}
	type hit struct{ table, expr string }
	var hits []hit
	var name string
	for rows.Next() {
		var table, ddl string
		if rows.Scan(&table, &ddl) != nil {
			continue
		}
		if expr, ok := checkExpr(ddl, text); ok {
			hits = append(hits, hit{table, expr})
			if expr != text {
				name = text // a named constraint: SQLite's message gave its name
			}
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return dialect.Constraint{}, false
	}
	rows.Close()
	if len(hits) == 0 {
		return dialect.Constraint{}, true
	}
	c = dialect.Constraint{Name: name}
	seen := map[string]bool{}
	for _, h := range hits {
		cols, err := d.Columns(ctx, d.db, h.table)
		if err != nil {
			return dialect.Constraint{}, false
		}
		has := map[string]bool{}
		for _, col := range cols {
			has[col.Name] = true
		}
		for _, w := range identifiers(h.expr) {
			if has[w] && !seen[w] {
				seen[w] = true
				c.Columns = append(c.Columns, w)
			}
		}
	}
	if len(hits) == 1 {
		c.Table = hits[0].table
	}
	return c, true
}

// checkExpr reports whether a table's CREATE statement holds the CHECK SQLite's message named: "CHECK (text)"
// for an unnamed one, "CONSTRAINT text CHECK (expr)" for a named one, whose expression it returns.
func checkExpr(ddl, text string) (string, bool) {
	for _, open := range []string{"CHECK (", "CHECK(", "check (", "check("} {
		if strings.Contains(ddl, open+text+")") {
			return text, true
		}
	}
	for _, q := range []string{text, `"` + text + `"`} {
		i := strings.Index(strings.ToUpper(ddl), "CONSTRAINT "+strings.ToUpper(q)+" CHECK")
		if i < 0 {
			continue
		}
		rest := ddl[i:]
		open := strings.IndexByte(rest, '(')
		if open < 0 {
			continue
		}
		depth := 0
		for j := open; j < len(rest); j++ {
			switch rest[j] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return rest[open+1 : j], true
				}
			}
		}
	}
	return "", false
}

// identifiers lists the words of an SQL expression outside its string literals, in order, "quoted" ones
// unquoted: the column names among them are the expression's columns (keywords and functions are not columns).
func identifiers(expr string) []string {
	var out []string
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\'':
			j := i + 1
			for j < len(expr) {
				if expr[j] == '\'' {
					if j+1 < len(expr) && expr[j+1] == '\'' {
						j += 2 // a doubled quote inside the literal
						continue
					}
					break
				}
				j++
			}
			i = j + 1
		case c == '"':
			j := strings.IndexByte(expr[i+1:], '"')
			if j < 0 {
				return out
			}
			out = append(out, expr[i+1:i+1+j])
			i += j + 2
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			j := i
			for j < len(expr) && (expr[j] == '_' || 'a' <= expr[j] && expr[j] <= 'z' || 'A' <= expr[j] && expr[j] <= 'Z' || '0' <= expr[j] && expr[j] <= '9') {
				j++
			}
			out = append(out, expr[i:j])
			i = j
		case '0' <= c && c <= '9':
			for i < len(expr) && ('0' <= expr[i] && expr[i] <= '9' || expr[i] == '.') {
				i++
			}
		default:
			i++
		}
	}
	return out
}
