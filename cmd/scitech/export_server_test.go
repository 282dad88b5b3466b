package main

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// `scitech export` of every kind from a server holding the sample writes the workbooks the desk's file gives:
// the same sheet, column widths and cells (type and text). The rows come in the store's own order, which on a
// server puts a few names elsewhere (its pinyin reads 沈 of 沈阳 otherwise, PG19 §2.11), so the sheets of the
// kinds listing such names first (institutions, plans) are compared row for row as sets, every other kind
// exactly.
func TestExportOnAServerWritesTheFilesCells(t *testing.T) {
	t.Parallel()
	server := testServer(t)
	desk := demoDB(t)
	target := emptyServerDatabase(t, server)
	code, _, errs := runCLI(t, "migrate", "--from", desk, "--to", target)
	require.Equal(t, 0, code, errs)
	dir := t.TempDir()
	otherOrder := map[string]bool{"institutions": true, "plans": true}
	for _, kind := range data.ExportKinds() {
		fromFile, fromServer := filepath.Join(dir, kind+"-file.xlsx"), filepath.Join(dir, kind+"-server.xlsx")
		code, _, errs := runCLI(t, "export", kind, fromFile, "--db", desk)
		require.Equal(t, 0, code, kind+": "+errs)
		code, _, errs = runCLI(t, "export", kind, fromServer, "--db", target)
		require.Equal(t, 0, code, kind+" on the server: "+errs)
		want, got := workbookCells(t, fromFile), workbookCells(t, fromServer)
		require.Greater(t, strings.Count(want, "\n"), 3, kind+": the sample has rows of every kind")
		if want == got {
			continue
		}
		assert.True(t, otherOrder[kind], kind+": the same cells in the same order")
		assert.Equal(t, sortedLines(want), sortedLines(got), kind+": the same cells in another order")
	}
}

func sortedLines(s string) []string {
	lines := strings.Split(s, "\n")
	sort.Strings(lines)
	return lines
}
