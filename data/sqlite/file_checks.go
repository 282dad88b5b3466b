package sqlite

import (
	"context"
	"fmt"
	"strings"

	"scitech/data/dialect"
)

// The checks of a database file that SQLite itself runs, and the reading of its schema's own objects: what
// data's Check and its bulk load ask of a file, which a server has no counterpart of.

// IntegrityCheck runs PRAGMA integrity_check, stopping after limit findings: SQLite's words for each damage it
// finds, none for a whole file.
func IntegrityCheck(ctx context.Context, q dialect.Querier, limit int) ([]string, error) {
	found, err := names(q.QueryContext(ctx, fmt.Sprintf(`PRAGMA integrity_check(%d)`, limit)))
	if len(found) == 1 && found[0] == "ok" {
		found = nil
	}
	return found, err
}

// BrokenReference is a row whose foreign key names a parent row that does not exist.
type BrokenReference struct {
	Table  string
	RowID  int64
	Parent string // the table of the missing parent
}

// ForeignKeyCheck runs pragma_foreign_key_check, stopping after limit findings: SQLite enforces the keys as
// it writes, so a broken one means a file written without them, or damaged.
func ForeignKeyCheck(ctx context.Context, q dialect.Querier, limit int) ([]BrokenReference, error) {
	rows, err := q.QueryContext(ctx, `SELECT "table", rowid, parent FROM pragma_foreign_key_check LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []BrokenReference
	for rows.Next() {
		var r BrokenReference
		if err := rows.Scan(&r.Table, &r.RowID, &r.Parent); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ObjectSQL is an index or a trigger, with the SQL that makes it.
type ObjectSQL struct {
	Kind string // "index" or "trigger"
	Name string
	SQL  string
}

// IndexesAndTriggers lists the indexes and triggers of tables that their SQL makes (not those SQLite makes
// for a key), ordered by kind and name: what a bulk load drops and makes again after.
func IndexesAndTriggers(ctx context.Context, q dialect.Querier, tables []string) ([]ObjectSQL, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master
		WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ('`+strings.Join(tables, "', '")+`')
		ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ObjectSQL
	for rows.Next() {
		var o ObjectSQL
		if err := rows.Scan(&o.Kind, &o.Name, &o.SQL); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
