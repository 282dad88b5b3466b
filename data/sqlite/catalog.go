package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"scitech/data/dialect"
)

// explicitKeys are the tables whose sole INTEGER PRIMARY KEY the program always gives: schema_migration's
// version is the migration's number. On the server that key is a plain bigint, with no identity behind it, so
// it has no default there and none here.
var explicitKeys = map[string]bool{"schema_migration": true}

// Columns reads a table's columns with pragma_table_info, in table order, in the terms the server's catalogue
// is read in (data/postgres's Columns; TestSchemasAgree compares the two): the declared type in upper case;
// NotNull also for a primary key column (SQLite lets a TEXT key be NULL by an old bug; the store never writes
// one); HasDefault for a DEFAULT, and for a sole INTEGER PRIMARY KEY, which is the rowid and numbered when a
// row gives none, as an identity column is on the server.
func (d *Dialect) Columns(ctx context.Context, q dialect.Querier, table string) ([]dialect.Column, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value IS NOT NULL, pk
		FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dialect.Column
	keys, key := 0, -1
	for rows.Next() {
		var c dialect.Column
		var pk int
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &c.HasDefault, &pk); err != nil {
			return nil, err
		}
		c.Type = strings.ToUpper(c.Type)
		c.PrimaryKey = pk > 0
		c.NotNull = c.NotNull || c.PrimaryKey
		if c.PrimaryKey {
			keys++
			key = len(out)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if keys == 1 && out[key].Type == "INTEGER" && !explicitKeys[table] {
		out[key].HasDefault = true
	}
	return out, nil
}

// ForeignKeys reads a table's foreign keys with pragma_foreign_key_list, one a column, ordered by column.
// A key that names no column refers to the parent's primary key, named here. SQLite spells ON DELETE as the server's catalogue is read ("NO ACTION", "CASCADE", "SET NULL"…).
func (d *Dialect) ForeignKeys(ctx context.Context, q dialect.Querier, table string) ([]dialect.ForeignKey, error) {
	rows, err := q.QueryContext(ctx, `SELECT k."from", k."table",
			coalesce(k."to", (SELECT p.name FROM pragma_table_info(k."table") p WHERE p.pk = 1)), k.on_delete
		FROM pragma_foreign_key_list(?) k ORDER BY k."from"`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dialect.ForeignKey
	for rows.Next() {
		var k dialect.ForeignKey
		if err := rows.Scan(&k.Column, &k.Table, &k.To, &k.OnDelete); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Tables lists the file's tables by name, SQLite's own (sqlite_sequence, sqlite_stat1…) left out.
func (d *Dialect) Tables(ctx context.Context, q dialect.Querier) ([]string, error) {
	return names(q.QueryContext(ctx, `SELECT name FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`))
}

// SchemaObjects lists the file's tables, triggers and indexes that an SQL statement made (not the automatic
// indexes of keys): tables, then triggers, then indexes, each kind in the order it was made.
func (d *Dialect) SchemaObjects(ctx context.Context, q dialect.Querier) ([]dialect.SchemaObject, error) {
	return dialect.ReadSchemaObjects(q.QueryContext(ctx, `SELECT type, name, tbl_name FROM sqlite_master
		WHERE type IN ('table', 'trigger', 'index') AND sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		ORDER BY type = 'index', type = 'trigger', rowid`))
}

// names reads a query's one text column.
func names(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
