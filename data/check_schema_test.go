package data

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaProblems is what Check says is missing of the program's schema, as "kind name".
func schemaProblems(t *testing.T, s *Store) []string {
	t.Helper()
	ps, err := s.Check(context.Background())
	require.NoError(t, err)
	var out []string
	for _, p := range ps {
		if p.Kind == schemaMissing {
			out = append(out, fmt.Sprint(p.Args["Kind"], " ", p.Args["Name"]))
			assert.NotEmpty(t, p.Message)
		}
	}
	return out
}

// TestCheckFindsAMissingTableTriggerOrIndex (issue 19, A19's D5): a table, a change trigger or an index of the
// program's schema dropped by hand — on a file or on a server — is named by check; a dropped change trigger
// would silently leave its table's edits out of undo's history. The whole schema is there in a new database.
func TestCheckFindsAMissingTableTriggerOrIndex(t *testing.T) {
	for _, c := range []struct{ drop, want string }{
		{`DROP TABLE brief_register`, "table brief_register"},
		{`DROP TRIGGER company_change_update` + onTable("company"), "trigger company_change_update"},
		{`DROP TRIGGER company_gram_insert` + onTable("company"), "trigger company_gram_insert"},
		{`DROP INDEX change_row`, "index change_row"},
	} {
		t.Run(c.want, func(t *testing.T) {
			s := sampleStore(t)
			assert.Empty(t, schemaProblems(t, s), "the sample's database has the whole schema")
			_, err := s.db.Exec(c.drop)
			require.NoError(t, err)
			assert.Equal(t, []string{c.want}, schemaProblems(t, s))
		})
	}
}

// onTable is what DROP TRIGGER names besides the trigger on the server (PostgreSQL's triggers are its table's).
func onTable(table string) string {
	if testStore == "postgres" {
		return " ON " + table
	}
	return ""
}

// TestCheckOfAMissingTableStopsBeforeTheRecordChecks: with annual_output gone, the record checks that read it
// would fail; check names the missing table instead (not its triggers and indexes, which went with it).
func TestCheckOfAMissingTableStopsBeforeTheRecordChecks(t *testing.T) {
	s := openTestStore(t)
	_, err := s.db.Exec(`DROP TABLE annual_output`)
	require.NoError(t, err)
	assert.Equal(t, []string{"table annual_output"}, schemaProblems(t, s))
}
