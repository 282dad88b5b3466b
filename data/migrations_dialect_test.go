package data

import (
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
