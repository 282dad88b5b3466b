package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ExportEach hands over the rows Export reads, in its order, each a row of its own that the receiver may keep
// (the command line holds them in batches while the workbook is written), though many share an array; and
// the connection it read on goes back to the pool as it was.
func TestExportEachHandsOverRowsToKeep(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	for _, kind := range ExportKinds() {
		want, err := s.Export(ctx, kind)
		require.NoError(t, err)
		var kept [][]string
		require.NoError(t, s.ExportEach(ctx, kind, func(row []string) error {
			kept = append(kept, row)
			if len(kept) > 1 {
				_ = append(row, "a cell more") // must not spill into the next row
			}
			return nil
		}))
		assert.Equal(t, want.Rows, kept, kind)
	}
	if s.Server() {
		return // a server has no file to map: the export asks nothing of its connections there
	}
	var mmap int64
	require.NoError(t, s.db.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&mmap))
	assert.Zero(t, mmap, "the pool's connections keep SQLite's default")
}
