package app

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/reports/exchange"
)

// Issue 14 items 5, 7 and 8 in the window's import: the files read go in together or not at all and are
// checked against each other, the problems workbook never lands on an input or the database, and problems
// beyond those kept are counted.

func TestImportWindowWritesTheFilesTogether(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	a, _ := sampleTemplate(t, st)
	b, _ := sampleTemplate(t, st)
	setOutput2025(t, a, "46000.5")
	setOutput2025(t, b, "46000.5")
	for _, p := range []string{a, b} {
		x.addFile(p)
		<-x.done
	}
	require.Len(t, x.imports, 2)
	require.False(t, x.commit.Disabled(), "both files set the output alike")
	assert.True(t, hasLabel(x.results, "新增 0 条，修改 0 条"), "the second file's change is the first's")

	x.onCommit()
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "no 'changed after the preview' for the second file")
	assert.Empty(t, x.imports)
	hist, err := st.ImportHistory(bg(), 0)
	require.NoError(t, err)
	require.Len(t, hist, 2, "each file has its row in the history")
	assert.Equal(t, 1, hist[1].Changed)
	assert.Equal(t, 0, hist[0].Changed)
}

func TestImportWindowNamesTwoFilesSettingARecordDifferently(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	a, _ := sampleTemplate(t, st)
	b, _ := sampleTemplate(t, st)
	setOutput2025(t, a, "46000")
	setOutput2025(t, b, "47000")
	for _, p := range []string{a, b} {
		x.addFile(p)
		<-x.done
	}
	require.Len(t, x.imports, 2)
	assert.True(t, x.commit.Disabled(), "two files set one record differently")
	assert.True(t, hasLabel(x.results, "填写的内容与此不同"), "the preview names the other file's row")
	x.onCommit() // even if it were pressed
	hist, err := st.ImportHistory(bg(), 0)
	require.NoError(t, err)
	assert.Empty(t, hist, "nothing is written")

	x.onRemove(x.results.Objects[1])
	assert.False(t, x.commit.Disabled(), "without the second file the first goes in")
	assert.False(t, hasLabel(x.results, "填写的内容与此不同"))
}

// appendBadOutputs adds n rows to the template's output sheet whose company code has a wrong check
// character: one problem a row.
func appendBadOutputs(t *testing.T, path string, n int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("年度产值")
	require.NoError(t, err)
	next := len(rows) + 1
	for i := 0; i < n; i++ {
		row := []any{"91210212MA" + strconv.Itoa(1000000+i) + "X", "", "2025", "1", "1"}
		require.NoError(t, f.SetSheetRow("年度产值", "A"+strconv.Itoa(next+i), &row))
	}
	require.NoError(t, f.Save())
}

func TestImportWindowCountsTheProblemsItDoesNotKeep(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, _ := sampleTemplate(t, st)
	appendBadOutputs(t, path, 2500)
	x.addFile(path)
	<-x.done
	require.Len(t, x.imports, 1)
	p := x.imports[0].Plan
	assert.Len(t, p.Issues, 1000, "the first thousand are kept")
	assert.Equal(t, 2500, p.IssueCount())
	assert.True(t, hasLabel(x.results, "问题 2500 个"), "the card counts them all")
	assert.True(t, hasLabel(x.results, "另有 2300 行未列出"), "200 lines listed, the rest counted")
	assert.Contains(t, x.status.Text, "共 2500 个问题")
	assert.True(t, x.commit.Disabled())
}

// fileWriter is what Fyne's save dialog hands its callback: a writer on the file chosen. It records what is
// written instead of writing, so the test sees whether the file would have been touched.
type fileWriter struct {
	uri     fyne.URI
	written int
}

func (w *fileWriter) Write(b []byte) (int, error) { w.written += len(b); return len(b), nil }
func (w *fileWriter) Close() error                { return nil }
func (w *fileWriter) URI() fyne.URI               { return w.uri }

var _ io.WriteCloser = (*fileWriter)(nil)

func TestImportWindowRefusesAProblemsWorkbookOnAnInputOrTheDatabase(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, _ := sampleTemplate(t, st)
	setOutput2025(t, path, "-5")
	x.addFile(path)
	<-x.done
	require.Len(t, x.view, 1)
	original, err := os.ReadFile(path)
	require.NoError(t, err)
	link := filepath.Join(t.TempDir(), "link.xlsx")
	require.NoError(t, os.Symlink(path, link))

	for _, target := range []string{path, link, st.Path(), st.Path() + "-wal"} {
		w := &fileWriter{uri: storage.NewFileURI(target)}
		x.saveErrorWorkbook(x.view[0], x.inputs(), w)
		assert.Zero(t, w.written, target)
		assert.Contains(t, overlayText(t, u.win), "不能写入", target)
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}
	now, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, original, now)

	w := &fileWriter{uri: storage.NewFileURI(filepath.Join(t.TempDir(), "问题.xlsx"))}
	x.saveErrorWorkbook(x.view[0], x.inputs(), w)
	assert.NotZero(t, w.written, "another file is written")
}

func TestImportWindowsSaveDialogsCannotOpenAFileBeingImported(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, _ := sampleTemplate(t, st)
	setOutput2025(t, path, "-5")
	x.addFile(path)
	<-x.done
	original, err := os.ReadFile(path)
	require.NoError(t, err)

	// What Fyne's save dialog does with the name chosen, before any callback: open it for writing.
	_, err = storage.Writer(storage.NewFileURI(path))
	require.Error(t, err, "the workbook being imported is not opened for writing")
	now, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, original, now, "and not truncated")

	x.onClear()
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err, "once the import is cleared, the file is the user's again")
	discardWrite(w) // leaving the file as it was
}

func TestImportWindowAsksAboutTheReadersWarningsBeforeCommitting(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	path, uscc := sampleTemplate(t, st)
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	cell := ""
	for i, r := range rows {
		for j, v := range r {
			if strings.Contains(v, "海宝") && cell == "" {
				cell, _ = excelize.CoordinatesToCellName(j+1, i+1)
				require.NoError(t, f.SetCellValue("企业", cell, v+"\u202e")) // a right-to-left override after the name
			}
		}
	}
	require.NotEmpty(t, cell)
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	x.addFile(path)
	<-x.done
	require.Len(t, x.imports, 1)
	assert.True(t, hasLabel(x.results, "提醒"), "the character removed is shown")
	x.onCommit()
	assert.Contains(t, overlayText(t, u.win), "删除了看不见的字符", "and asked about before anything is written")
	hist, err := st.ImportHistory(bg(), 0)
	require.NoError(t, err)
	assert.Empty(t, hist)
	c, err := st.CompanyByUSCC(bg(), uscc)
	require.NoError(t, err)
	assert.NotContains(t, c.Name, "\u202e")
}

func TestImportWindowShowsAFileTooBadToCompareAndCannotCommitIt(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.exchange")
	x := u.exchange
	plan := data.UnplannedImport([]data.ImportIssue{{Sheet: "企业", Row: 2, Cell: "A2", Field: "uscc",
		Err: &data.Error{Code: data.Invalid, Key: "err.required"}}}, 5000, nil, 0)
	x.imports = append(x.imports, exchange.FileImport{Read: exchange.WorkbookRead{File: "big.xlsx"}, Plan: plan})
	x.refresh()
	x.update()
	assert.True(t, hasLabel(x.results, "问题至少 5001 个：问题太多，文件未与数据库比较"))
	assert.Equal(t, "至少 5001 个问题，改正后才能导入。可以导出标注了问题的工作簿发回企业。", x.summaryText(),
		"the screen's summary says \"at least\" as the file's card does")
	assert.True(t, x.commit.Disabled())
}
