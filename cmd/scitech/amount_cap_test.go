package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// F1 (issue 14, adversary): an import of amounts up to 9.2e15 yuan each said success, and then stats and every
// brief of that year failed with "integer overflow". An amount above 1 万亿元 is a problem naming the cap, a
// head count above 10,000,000 is "too large", and nothing is written.
func TestImportRefusesAnAmountAboveTheCap(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	x := exportTo(t, db, "outputs")
	editCells(t, x, "年度产值", map[string]any{"D2": 900000000000.0, "F3": 100000001.0, "H4": 20000000.0})
	before := importState(t, db)
	code, out, errs := runImportCLI(t, x, "--db", db)
	require.Equal(t, exitRefused, code, out+errs)
	assert.Contains(t, out, "D2")
	assert.Contains(t, out, "F3")
	assert.Contains(t, out, "1 万亿元")
	assert.Contains(t, out, "数值过大（最多 10000000）")
	assert.Equal(t, before, importState(t, db), "nothing written")

	// J3 is the row's 总收入 (issue 18): sales may not exceed it, so it rises with them.
	editCells(t, x, "年度产值", map[string]any{"D2": 100000000.0, "F3": 100000000.0, "J3": 100000000.0, "H4": 10000000.0})
	code, out, errs = runImportCLI(t, x, "--db", db)
	require.Equal(t, exitOK, code, "the cap itself is accepted: "+out+errs)
	code, _, errs = runCLI(t, "stats", "--year", "2025", "--db", db)
	assert.Equal(t, exitOK, code, errs)
}
