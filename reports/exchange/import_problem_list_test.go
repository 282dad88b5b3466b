package exchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

func TestProblemListWritesAnyValueAWorkbookCanHold(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("长", 40000) // over a cell's 32,767 characters
	issues := []data.ImportIssue{
		{Sheet: "企业", Row: 2, Cell: "B2", Field: "name", Value: "甲\x00\x1b乙\ufffe", Err: &data.Error{Code: data.Invalid, Key: "err.required"}},
		{Sheet: "企业", Row: 3, Cell: "B3", Field: "name", Value: long, Err: &data.Error{Code: data.Invalid, Key: "err.required"}},
	}
	var buf bytes.Buffer
	require.NoError(t, writeProblemList("/x/大.xlsx", issues, &buf, "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err, "the list opens")
	defer f.Close()
	rows, err := f.GetRows("问题")
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Equal(t, "甲乙", rows[3][3], "characters XML cannot carry are left out, not written as U+FFFD")
	assert.LessOrEqual(t, len([]rune(rows[4][3])), 1001)
	assert.True(t, strings.HasSuffix(rows[4][3], "…"))
}
