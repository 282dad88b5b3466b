package data

import (
	"context"
	"io/fs"
	"testing/fstest"

	"scitech/data/sqlite"
)

// migrations is SQLite's migrations as data's tests have named them since before they moved to data/sqlite:
// migrations/NNNN_name.sql.
var migrations = func() fstest.MapFS {
	m := fstest.MapFS{}
	src := sqlite.Migrations()
	names, err := fs.Glob(src, "*.sql")
	if err != nil {
		panic(err)
	}
	for _, name := range names {
		body, err := fs.ReadFile(src, name)
		if err != nil {
			panic(err)
		}
		m["migrations/"+name] = &fstest.MapFile{Data: body, Mode: 0o444}
	}
	return m
}()

// schemaOf is the tracked tables' schema of a database file (history_test.go reads SQLite's triggers beside it).
func schemaOf(ctx context.Context, q querier) map[string]*tableSchema {
	return schemaFor(ctx, sqlite.New(), q)
}
