package data

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowsIn is rows read from one file.
func rowsIn(file string, rows ...ImportRow) []ImportRow {
	for i := range rows {
		rows[i].File = file
	}
	return rows
}

func TestImportPlanKeepsTheFirstProblemsAndCountsTheRest(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	const n = MaxImportIssues + 1500
	rows := make([]ImportRow, n)
	for i := range rows { // a wrong check character: one problem a row
		rows[i] = importRow("outputs", i+2, "uscc", fmt.Sprintf("91210212MA%07dX", i), "year", "2025", "output", "1", "added_value", "1")
	}
	plan, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	require.Len(t, plan.Issues, MaxImportIssues, "the first thousand are kept")
	assert.Equal(t, n-MaxImportIssues, plan.MoreIssues, "the rest are counted")
	assert.Equal(t, n, plan.IssueCount())
	assert.Equal(t, 2, plan.Issues[0].Row)
	assert.Equal(t, MaxImportIssues+1, plan.Issues[MaxImportIssues-1].Row, "in the order found")

	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "bad.xlsx"})
	require.Error(t, err)
	assert.Equal(t, n, err.(*Error).Args["N"], "refused on the count, not on what was kept")

	// A plan whose kept problems were all the reader's is still refused for the rows behind the ones counted.
	plan.Issues, plan.MoreIssues = nil, 0
	plan.PrependIssues(nil, 7)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "bad.xlsx"})
	assert.Equal(t, Invalid, ErrorCode(err))
}

func TestImportPlanKeepsTheFirstWarningsAndCountsTheRest(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	const n = MaxImportIssues + 20
	rows := make([]ImportRow, n)
	for i := range rows { // the same output under a name that is not the company's: a warning a row
		rows[i] = importRow("outputs", i+2, "uscc", sampleUSCC(0), "name", "别的公司", "year", "2025")
	}
	plan, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	assert.Len(t, plan.Warnings, MaxImportIssues)
	assert.Equal(t, 20, plan.MoreWarnings)
	assert.Equal(t, n, plan.WarningCount())
}

func TestPrependIssuesKeepsTheFirstOfThemAll(t *testing.T) {
	t.Parallel()
	issues := func(from, n int) []ImportIssue {
		out := make([]ImportIssue, n)
		for i := range out {
			out[i].Row = from + i
		}
		return out
	}
	p := ImportPlan{Issues: issues(5000, 3), MoreIssues: 2}
	p.PrependIssues(issues(1, 10), 0)
	assert.Equal(t, 13, len(p.Issues))
	assert.Equal(t, 1, p.Issues[0].Row)
	assert.Equal(t, 5000, p.Issues[10].Row, "the reader's first, then the plan's")
	assert.Equal(t, 15, p.IssueCount())

	p = ImportPlan{Issues: issues(5000, 3)}
	p.PrependIssues(issues(1, MaxImportIssues), 40)
	assert.Len(t, p.Issues, MaxImportIssues)
	assert.Equal(t, MaxImportIssues+43, p.IssueCount(), "the plan's own count behind the reader's not kept")

	p = ImportPlan{Issues: issues(5000, 30)}
	own := p.Issues
	p.PrependIssues(issues(1, MaxImportIssues-10), 0)
	assert.Len(t, p.Issues, MaxImportIssues)
	assert.Equal(t, 20, p.MoreIssues)
	assert.Equal(t, 5000, own[0].Row, "the plan's list is not written over")
}

func TestImportFilesSettingOneRecordDifferentlyAreAProblemOfTheLater(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	x, err := s.PlanImport(ctx, rowsIn("x.xlsx", importRow("outputs", 3, "uscc", sampleUSCC(0), "year", "2025", "output", "452739000")))
	require.NoError(t, err)
	y, err := s.PlanImport(ctx, rowsIn("dir/y.xlsx", importRow("outputs", 7, "uscc", sampleUSCC(0), "year", "2025", "output", "999999900")))
	require.NoError(t, err)
	require.Empty(t, x.Issues)
	require.Empty(t, y.Issues, "each file alone is clean")

	joined := JoinImports([]ImportPlan{x, y})
	assert.Empty(t, joined[0].Issues)
	require.Len(t, joined[1].Issues, 1)
	is := joined[1].Issues[0]
	assert.Equal(t, "dir/y.xlsx", is.File)
	assert.Equal(t, 7, is.Row)
	assert.Equal(t, "B7", is.Cell, "on the cell of the record's key (its year)")
	e := is.Err.(*Error)
	assert.Equal(t, "err.apply.other_file", e.Key)
	assert.Equal(t, map[string]any{"File": "x.xlsx", "Sheet": "sheet-outputs", "Row": 3, "Key": sampleUSCC(0) + " 2025"}, e.Args)
	assert.Empty(t, y.Issues, "the plans given are not changed")

	before := tableCounts(t, s)
	_, err = s.ApplyImports(ctx, []ImportPlan{x, y}, []ImportMeta{{FileName: "x.xlsx"}, {FileName: "y.xlsx"}})
	assert.Equal(t, Invalid, ErrorCode(err))
	assert.Equal(t, before, tableCounts(t, s), "nothing written")
}

func TestImportFilesSettingOneRecordAlikeWriteItOnce(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	x, err := s.PlanImport(ctx, rowsIn("x.xlsx", aFile(t, s)...))
	require.NoError(t, err)
	y, err := s.PlanImport(ctx, rowsIn("y.xlsx", aFile(t, s)...))
	require.NoError(t, err)
	require.Empty(t, x.Issues)
	joined := JoinImports([]ImportPlan{x, y})
	assert.Empty(t, joined[1].Issues)
	assert.Empty(t, joined[1].New, "everything the second file sets, the first sets alike")
	assert.Empty(t, joined[1].Changed)
	assert.Equal(t, len(x.New)+len(x.Changed), joined[1].Unchanged)

	before := tableCounts(t, s)
	res, err := s.ApplyImports(ctx, []ImportPlan{x, y}, []ImportMeta{{FileName: "x.xlsx"}, {FileName: "y.xlsx"}})
	require.NoError(t, err, "written in one transaction, the second file's records are not 'changed after the preview'")
	require.Len(t, res, 2)
	assert.Equal(t, 6, res[0].New)
	assert.Equal(t, 0, res[1].New+res[1].Changed)
	after := tableCounts(t, s)
	assert.Equal(t, before["company"]+1, after["company"])
	assert.Equal(t, before["institution"]+1, after["institution"])
	assert.Equal(t, before["import_log"]+2, after["import_log"], "each file has its row in the history")
	assert.Equal(t, before["audit_log"]+7, after["audit_log"], "each record is written once")
}

func TestImportFilesAreWrittenAllOrNone(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	x, err := s.PlanImport(ctx, rowsIn("x.xlsx", aFile(t, s)[:1]...)) // the new company
	require.NoError(t, err)
	y, err := s.PlanImport(ctx, rowsIn("y.xlsx", importRow("outputs", 3, "uscc", sampleUSCC(0), "year", "2025", "output", "452739000")))
	require.NoError(t, err)
	before := tableCounts(t, s)

	// The second file's record is changed by a clerk after the preview: the first file is not written either.
	haibao, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)
	outs, err := s.Outputs(ctx, haibao.ID)
	require.NoError(t, err)
	o := outs[0]
	if o.Year != 2025 {
		o = outs[len(outs)-1]
	}
	require.Equal(t, 2025, o.Year)
	o.Employees++
	require.NoError(t, s.UpdateOutput(ctx, &o))
	before["audit_log"]++
	_, err = s.ApplyImports(ctx, []ImportPlan{x, y}, []ImportMeta{{FileName: "x.xlsx"}, {FileName: "y.xlsx"}})
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, before, tableCounts(t, s), "nothing of the first file is written")

	// The second file breaks a rule only the database checks, after the first is written in the transaction.
	y, err = s.PlanImport(ctx, rowsIn("y.xlsx", aFile(t, s)[1:]...))
	require.NoError(t, err)
	x, err = s.PlanImport(ctx, rowsIn("x.xlsx", aFile(t, s)[:1]...))
	require.NoError(t, err)
	last := y.New[len(y.New)-1]
	require.Equal(t, "outcomes", last.Kind)
	last.item.outcome.Kind = "paper"
	_, err = s.ApplyImports(ctx, []ImportPlan{x, y}, []ImportMeta{{FileName: "x.xlsx"}, {FileName: "y.xlsx"}})
	require.Error(t, err)
	assert.Equal(t, before, tableCounts(t, s), "nothing of the first file is written")
	_, err = s.CompanyByUSCC(ctx, "91110000600037341L")
	assert.Equal(t, NotFound, ErrorCode(err))
}

// validUSCC is the i-th of a run of codes with a right check character.
func validUSCC(t *testing.T, i int) string {
	body := fmt.Sprintf("91210212MB%07d", i)
	c, ok := USCCCheckChar(body)
	require.True(t, ok)
	return body + string(c)
}

func TestImportFilesClashingOnManyRecordsKeepTheFirstProblems(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	const n = MaxImportIssues + 500
	var xs, ys []ImportRow
	for i := 0; i < n; i++ {
		xs = append(xs, importRow("companies", i+2, "uscc", validUSCC(t, i), "name", fmt.Sprintf("甲%d科技有限公司", i), "field", "electronics"))
		ys = append(ys, importRow("companies", i+2, "uscc", validUSCC(t, i), "name", fmt.Sprintf("乙%d科技有限公司", i), "field", "electronics"))
	}
	x, err := s.PlanImport(ctx, rowsIn("x.xlsx", xs...))
	require.NoError(t, err)
	y, err := s.PlanImport(ctx, rowsIn("y.xlsx", ys...))
	require.NoError(t, err)
	require.Equal(t, 0, x.IssueCount()+y.IssueCount())

	joined := JoinImports([]ImportPlan{x, y})
	got := joined[1]
	require.Len(t, got.Issues, MaxImportIssues)
	assert.Equal(t, 500, got.MoreIssues, "the rest are counted")
	for i, is := range got.Issues {
		require.Equal(t, i+2, is.Row, "the first by row, in order")
	}
	assert.Equal(t, "A2", got.Issues[0].Cell)
	assert.Empty(t, y.Issues)
}

func TestAnUnplannedImportIsRefusedWhateverItCounts(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	before := tableCounts(t, s)
	p := UnplannedImport(nil, 0, nil, 0)
	_, err := s.ApplyImport(context.Background(), p, ImportMeta{FileName: "x.xlsx"})
	assert.Equal(t, Invalid, ErrorCode(err))
	p = UnplannedImport([]ImportIssue{{Row: 2}}, 4000, nil, 0)
	assert.Equal(t, 4001, p.IssueCount())
	assert.True(t, p.Unplanned)
	_, err = s.ApplyImports(context.Background(), []ImportPlan{p}, []ImportMeta{{FileName: "x.xlsx"}})
	assert.Equal(t, Invalid, ErrorCode(err))
	assert.Equal(t, before, tableCounts(t, s))
}
