package postgres

import (
	"context"
	"strings"

	"scitech/data/dialect"
)

// Columns reads a table's columns from the server's catalogue, in table order. setting has one more than on
// SQLite, its id (0001): the row's identity where SQLite has a rowid, which its change rows leave out.
func (d *Dialect) Columns(ctx context.Context, q dialect.Querier, table string) ([]dialect.Column, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT a.attname, format_type(a.atttypid, NULL), coalesce(co.collname, ''), a.attnotnull,
			a.atthasdef OR a.attidentity <> '', coalesce(a.attnum = ANY (pk.conkey), false)
		FROM pg_attribute a
		JOIN pg_class t ON t.oid = a.attrelid
		LEFT JOIN pg_collation co ON co.oid = a.attcollation
		LEFT JOIN pg_constraint pk ON pk.conrelid = t.oid AND pk.contype = 'p'
		WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dialect.Column
	for rows.Next() {
		var c dialect.Column
		var typ, coll string
		if err := rows.Scan(&c.Name, &typ, &coll, &c.NotNull, &c.HasDefault, &c.PrimaryKey); err != nil {
			return nil, err
		}
		c.Type = storageClass(typ, coll)
		out = append(out, c)
	}
	return out, rows.Err()
}

// storageClass names a server type by SQLite's storage class where the migrations map one to the other.
func storageClass(typ, coll string) string {
	switch {
	case typ == "bigint":
		return "INTEGER"
	case typ == "text" && coll == "C":
		return "TEXT"
	case typ == "bytea":
		return "BLOB"
	case typ == "double precision":
		return "REAL"
	case coll != "":
		return strings.ToUpper(typ) + " COLLATE " + coll
	}
	return strings.ToUpper(typ)
}

// ForeignKeys reads a table's foreign keys from the server's catalogue.
func (d *Dialect) ForeignKeys(ctx context.Context, q dialect.Querier, table string) ([]dialect.ForeignKey, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT a.attname, r.relname, ra.attname,
			CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
				WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END
		FROM pg_constraint c
		JOIN pg_class t ON t.oid = c.conrelid
		JOIN pg_class r ON r.oid = c.confrelid
		CROSS JOIN LATERAL unnest(c.conkey, c.confkey) k(attnum, refnum)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
		JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refnum
		WHERE c.contype = 'f' AND t.relname = ? AND t.relnamespace = current_schema()::regnamespace
		ORDER BY a.attname`, table)
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

// Tables lists the tables of the connection's current schema (public, unless the URL's search_path says
// otherwise) by name.
func (d *Dialect) Tables(ctx context.Context, q dialect.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.relname::text FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`)
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

// SchemaObjects lists the tables, indexes and triggers of the connection's current schema from the server's
// catalogue, leaving out what SQLite's list leaves out too: a key's or a UNIQUE constraint's own index, and the
// server's internal triggers (a foreign key's).
func (d *Dialect) SchemaObjects(ctx context.Context, q dialect.Querier) ([]dialect.SchemaObject, error) {
	return dialect.ReadSchemaObjects(q.QueryContext(ctx, `SELECT 'table', c.relname::text, c.relname::text
		FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
		UNION ALL
		SELECT 'index', c.relname::text, t.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_class t ON t.oid = i.indrelid WHERE c.relnamespace = current_schema()::regnamespace
			AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
		UNION ALL
		SELECT 'trigger', t.tgname::text, c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`))
}
