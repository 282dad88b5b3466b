package app

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/reports/exchange"
)

// sampleTemplate writes the fill-in template of 大连海宝渔业有限公司 with the bureau's data, as a company gets it.
func sampleTemplate(t *testing.T, st *data.Store) (path, uscc string) {
	t.Helper()
	list, err := st.Companies(bg(), data.CompanyFilter{Query: "海宝"})
	require.NoError(t, err)
	require.Len(t, list, 1)
	td, err := st.TemplateData(bg(), list[0].USCC, 0)
	require.NoError(t, err)
	path = filepath.Join(t.TempDir(), "海宝.xlsx")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, exchange.WriteTemplate(f, td, "zh"))
	require.NoError(t, f.Close())
	return path, list[0].USCC
}

// setOutput2025 changes the 2025 output of the template's company, as the company would type it.
func setOutput2025(t *testing.T, path, value string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("年度产值")
	require.NoError(t, err)
	for i, r := range rows {
		if len(r) > 2 && r[2] == "2025" {
			require.NoError(t, f.SetCellValue("年度产值", "D"+strconv.Itoa(i+1), value))
		}
	}
	require.NoError(t, f.Save())
}

func TestImportPreviewThenCommit(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, uscc := sampleTemplate(t, st)
	setOutput2025(t, path, "46000.5")

	x.addFile(path)
	<-x.done
	require.Len(t, x.imports, 1)
	plan := x.imports[0].Plan
	assert.Empty(t, plan.Issues)
	assert.Empty(t, plan.New)
	require.Len(t, plan.Changed, 1, "only the typed cell changed")
	assert.Equal(t, "45272.90", plan.Changed[0].Fields[0].Old)
	assert.True(t, hasLabel(x.results, "新增 0 条，修改 1 条"), "the preview shows the counts")
	assert.True(t, hasLabel(x.results, "45272.90 → 46000.50"), "and each old → new value")
	require.False(t, x.commit.Disabled())

	c, err := st.CompanyByUSCC(bg(), uscc)
	require.NoError(t, err)
	before, _ := st.Outputs(bg(), c.ID)
	assert.Equal(t, data.Yuan(452_729_000), before[0].Output, "nothing is written before the commit")

	x.onCommit()
	after, err := st.Outputs(bg(), c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.Yuan(460_005_000), after[0].Output)
	assert.Empty(t, x.imports)
	hist, err := st.ImportHistory(bg(), 0)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, 1, hist[0].Changed)

	x.addFile(path)
	<-x.done
	require.Len(t, x.imports, 1)
	assert.Empty(t, x.imports[0].Plan.Changed, "importing the same file again changes nothing")
	assert.Empty(t, x.imports[0].Plan.New)
}

func TestImportDiscardWritesNothing(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, uscc := sampleTemplate(t, st)
	setOutput2025(t, path, "99999")
	x.addFile(path)
	<-x.done
	require.Len(t, x.imports, 1)
	x.onClear()
	assert.Empty(t, x.imports)
	assert.True(t, x.commit.Disabled())
	c, _ := st.CompanyByUSCC(bg(), uscc)
	outs, _ := st.Outputs(bg(), c.ID)
	assert.Equal(t, data.Yuan(452_729_000), outs[0].Output)
	hist, _ := st.ImportHistory(bg(), 0)
	assert.Empty(t, hist)
}

func TestImportWithProblemsCannotBeCommitted(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, _ := sampleTemplate(t, st)
	setOutput2025(t, path, "-5")
	x.addFile(path)
	<-x.done
	require.Len(t, x.imports, 1)
	assert.NotEmpty(t, x.imports[0].Plan.Issues)
	assert.True(t, x.commit.Disabled(), "a file with a problem cannot be imported")
	assert.True(t, hasLabel(x.results, "年度产值 第"), "the problem names its sheet and row")

	good, _ := sampleTemplate(t, st)
	setOutput2025(t, good, "46000")
	x.addFile(good)
	<-x.done
	require.Len(t, x.imports, 2)
	assert.True(t, x.commit.Disabled(), "one file with a problem holds back all")
	x.onRemove(x.results.Objects[0])
	require.Len(t, x.imports, 1)
	assert.False(t, x.commit.Disabled(), "without the bad file the good one can go in")
}

func TestImportRefusesANonWorkbook(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path := filepath.Join(t.TempDir(), "data.xlsx")
	require.NoError(t, os.WriteFile(path, []byte("uscc,name\n91350100M000100Y43,x\n"), 0o644))
	x.addFile(path)
	<-x.done
	assert.Empty(t, x.imports)
	assert.NotNil(t, u.win.Canvas().Overlays().Top(), "the refusal is shown")
}
