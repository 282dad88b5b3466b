package postgres_test

import (
	"context"
	"slices"
	"testing"

	"scitech/data/dialect"
	"scitech/data/postgres"
	"scitech/data/sqlite"
)

// Both dialects list a table, an expression index and a change trigger of the program's schema alike, with
// the table each belongs to, and leave out what the schema's SQL did not make (a key's own index, a foreign
// key's internal triggers, SQLite's own tables).
func TestSchemaObjectsAgree(t *testing.T) {
	ctx := context.Background()
	pg, _ := postgres.SharedDB(t)
	for _, c := range []struct {
		d  dialect.Dialect
		db dialect.Querier
	}{{sqlite.New(), openSQLite(t)}, {postgres.New(), pg}} {
		got, err := c.d.SchemaObjects(ctx, c.db)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []dialect.SchemaObject{{Kind: "table", Name: "company", Table: "company"},
			{Kind: "index", Name: "patent_valid_until", Table: "patent"},
			{Kind: "trigger", Name: "company_gram_insert", Table: "company"}} {
			if !slices.Contains(got, want) {
				t.Errorf("%s: %v missing", c.d.Name(), want)
			}
		}
		for _, o := range got {
			if o.Name == "sqlite_sequence" || o.Name == "company_pkey" || o.Kind == "trigger" && o.Table == "" {
				t.Errorf("%s: %v listed", c.d.Name(), o)
			}
		}
	}
}
