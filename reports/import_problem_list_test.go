package reports

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
	long := strings.Repeat("长", 40000) // over a cell's 32,767 characters
	issues := []data.ImportIssue{
		{Sheet: "企业", Row: 2, Cell: "B2", Field: "name", Value: "甲\x00\x1b乙\ufffe", Err: &data.Error{Code: data.Invalid, Key: "err.required"}},
		{Sheet: "企业", Row: 3, Cell: "B3", Field: "name", Value: long, Err: &data.Error{Code: data.Invalid, Key: "err.required"}},
	}
	var buf bytes.Buffer
	require.NoError(t, WriteProblemList("/x/大.xlsx", 30000, data.ImportPlan{Issues: issues, MoreIssues: 5}, &buf, "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err, "the list opens")
	defer f.Close()
	rows, err := f.GetRows("问题清单")
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Equal(t, "甲乙", rows[2][4], "characters XML cannot carry are left out")
	assert.LessOrEqual(t, len([]rune(rows[3][4])), 32767)
	assert.True(t, strings.HasSuffix(rows[3][4], "…"))
	assert.Contains(t, rows[4][0], "另有 5 个问题未列出")
}

func TestProblemListOfAFileNotComparedSaysAtLeast(t *testing.T) {
	plan := data.UnplannedImport([]data.ImportIssue{{Sheet: "企业", Row: 2, Cell: "A2", Field: "uscc",
		Err: &data.Error{Code: data.Invalid, Key: "err.required"}}}, 70, nil, 0)
	var buf bytes.Buffer
	require.NoError(t, WriteProblemList("大.xlsx", 30000, plan, &buf, "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("问题清单")
	require.NoError(t, err)
	assert.Contains(t, rows[0][0], "至少 71 个（问题太多，未与数据库比较）")
	assert.Contains(t, rows[len(rows)-1][0], "另有至少 70 个问题未列出")
}
