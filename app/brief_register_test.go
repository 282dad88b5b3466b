package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// registerRowText is what the list shows for its i-th row, through the list's own item functions.
func registerRowText(g *briefRegister, i int) *registerRow {
	o := g.createItem()
	g.updateItem(i, o)
	return o.(*registerRow)
}

// registerUI is the window on the Reports screen, the register's check run in place (see background).
func registerUI(t *testing.T) (*UI, *data.Store) {
	t.Helper()
	u, st := newTestUI(t, true)
	u.reports.register.background = func(f func()) { f() }
	u.ShowSection("nav.reports")
	return u, st
}

// issueAndWait issues the chosen brief through the confirm dialog, as a user would, and waits for it.
func issueAndWait(t *testing.T, r *reportsScreen, title string) {
	t.Helper()
	test.Tap(r.issueBtn)
	assert.Contains(t, overlayText(t, r.win), title)
	test.Tap(overlayButton(t, r.win, "签发"))
	<-r.done
	<-r.register.checked
}

var issueNo = regexp.MustCompile(`第\d+期`)

// sheetRows is the first sheet of a workbook, the issue number blanked.
func sheetRows(t *testing.T, body []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	require.NoError(t, err)
	for _, r := range rows {
		for i := range r {
			r[i] = issueNo.ReplaceAllString(r[i], "第N期")
		}
	}
	return rows
}

func TestIssueBriefTwiceListsBothWithTheSameFigures(t *testing.T) {
	u, st := registerUI(t)
	r := u.reports
	<-r.register.checked
	assert.Empty(t, r.register.items)
	assert.False(t, r.register.empty.Hidden, "an empty register says how briefs are numbered")
	r.kind.SetSelected("科技工作简报")

	issueAndWait(t, r, "2025年科技工作简报")
	assert.Equal(t, "已签发“2025年科技工作简报”第1期", r.status.Text)
	assert.Contains(t, overlayText(t, r.win), "第1期", "the user is offered to save the issued files")
	overlayButton(t, r.win, "保存 PDF")
	test.Tap(overlayButton(t, r.win, "关闭"))
	issueAndWait(t, r, "2025年科技工作简报")
	test.Tap(overlayButton(t, r.win, "关闭"))

	g := r.register
	require.Len(t, g.items, 2)
	assert.True(t, g.empty.Hidden)
	assert.Equal(t, 2, g.list.Length())
	for i, want := range []string{"第2期", "第1期"} {
		row := registerRowText(g, i)
		assert.Equal(t, want, row.no.Text, "the latest issued first")
		assert.Equal(t, "2025年科技工作简报", row.title.Text)
		assert.Equal(t, "科技工作简报 · 2025年 · 2026-11-26", row.detail.Text)
		assert.Equal(t, "数据未变", row.mark.Text)
		assert.Equal(t, widget.LowImportance, row.mark.Importance)
	}
	assert.Equal(t, g.items[0].DataHash, g.items[1].DataHash, "unchanged data, the same hash")
	one, err := st.IssuedBriefFile(bg(), g.items[1].ID, data.BriefXLSX)
	require.NoError(t, err)
	two, err := st.IssuedBriefFile(bg(), g.items[0].ID, data.BriefXLSX)
	require.NoError(t, err)
	assert.Equal(t, sheetRows(t, one), sheetRows(t, two), "and the same figures")

	// A record the brief reads changes: both issued briefs are marked.
	rows, err := st.Outputs(bg(), 1)
	require.NoError(t, err)
	o := rows[0]
	for _, x := range rows {
		if x.Year == 2025 {
			o = x
		}
	}
	require.Equal(t, 2025, o.Year)
	o.Output += 10_000
	require.NoError(t, st.UpdateOutput(bg(), &o))
	u.ShowSection("nav.companies")
	u.ShowSection("nav.reports")
	g = u.reports.register
	<-g.checked
	for i := range 2 {
		row := registerRowText(g, i)
		assert.Equal(t, "数据已变化", row.mark.Text)
		assert.Equal(t, widget.DangerImportance, row.mark.Importance)
	}
}

func TestIssuedBriefIsSavedAgainByteForByte(t *testing.T) {
	u, st := registerUI(t)
	r := u.reports
	r.kind.SetSelected("专利情况")
	issueAndWait(t, r, "2025年专利情况")
	g := r.register
	require.Len(t, g.items, 1)
	id := g.items[0].ID
	dir := t.TempDir()
	for _, format := range []string{data.BriefPDF, data.BriefXLSX} {
		path := filepath.Join(dir, "again."+format)
		w, err := storage.Writer(storage.NewFileURI(path))
		require.NoError(t, err)
		g.saveTo(w, id, format)
		<-g.saved
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		want, err := st.IssuedBriefFile(bg(), id, format)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s: the stored file, byte for byte", format)
		assert.Contains(t, overlayText(t, r.win), path)
	}
}

func TestCancelledIssueRegistersNothing(t *testing.T) {
	u, st := registerUI(t)
	r := u.reports
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the user pressed Cancel before the brief was made
	r.issue(ctx, cancel, 2025)
	<-r.done
	assert.Empty(t, r.status.Text)
	assert.False(t, r.issueBtn.Disabled(), "the buttons come back")
	list, err := st.ListIssuedBriefs(bg())
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestIssueRefusedForAYearWithoutData(t *testing.T) {
	u, st := registerUI(t)
	r := u.reports
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.issue(ctx, cancel, 2019)
	<-r.done
	assert.Contains(t, overlayText(t, r.win), "2019 年没有产值数据")
	list, err := st.ListIssuedBriefs(bg())
	require.NoError(t, err)
	assert.Empty(t, list)
}

// Issue 17 item 5: a brief whose data changed is corrected from the register. The correction takes the year's
// next number, and the two rows name each other; a brief already corrected, or whose data is unchanged, offers
// no 更正.
func TestACorrectionIsIssuedFromTheRegisterAndLinked(t *testing.T) {
	u, st := registerUI(t)
	r := u.reports
	r.kind.SetSelected("科技工作简报")
	issueAndWait(t, r, "2025年科技工作简报")
	test.Tap(overlayButton(t, r.win, "关闭"))
	g := r.register
	row := registerRowText(g, 0)
	assert.True(t, row.correct.Disabled(), "the data has not changed: nothing to correct")
	assert.True(t, row.link.Hidden)

	o := outputOf2025(t, st)
	o.Output += 10_000
	require.NoError(t, st.UpdateOutput(bg(), &o))
	g.reload()
	<-g.checked
	row = registerRowText(g, 0)
	require.False(t, row.correct.Disabled(), "the data changed: 第1期 can be corrected")
	test.Tap(row.correct)
	assert.Contains(t, overlayText(t, r.win), "第1期“2025年科技工作简报”签发后，所用的数据有改动")
	test.Tap(overlayButton(t, r.win, "更正"))
	<-g.done
	<-g.checked
	assert.Contains(t, overlayText(t, r.win), "已签发“2025年科技工作简报”第2期，更正第1期")
	test.Tap(overlayButton(t, r.win, "关闭"))

	require.Len(t, g.items, 2)
	fix, old := registerRowText(g, 0), registerRowText(g, 1)
	assert.Equal(t, []string{"第2期", "更正第1期", "数据未变"}, []string{fix.no.Text, fix.link.Text, fix.mark.Text})
	assert.False(t, fix.link.Hidden)
	assert.Equal(t, []string{"第1期", "已由第2期更正", "数据已变化"}, []string{old.no.Text, old.link.Text, old.mark.Text})
	assert.Equal(t, widget.WarningImportance, old.link.Importance, "the replaced brief is marked as superseded")
	assert.True(t, old.correct.Disabled(), "corrected once: a further correction corrects 第2期")
	assert.True(t, fix.correct.Disabled(), "the correction's data is as it is now")
	list, err := st.ListIssuedBriefs(bg())
	require.NoError(t, err)
	assert.Equal(t, g.items, list)
}

// outputOf2025 is an output row of 2025 in the sample set.
func outputOf2025(t *testing.T, st *data.Store) data.AnnualOutput {
	t.Helper()
	for id := int64(1); id < 50; id++ {
		rows, err := st.Outputs(bg(), id)
		require.NoError(t, err)
		for _, o := range rows {
			if o.Year == 2025 {
				return o
			}
		}
	}
	t.Fatal("no output of 2025")
	return data.AnnualOutput{}
}

// A correction cancelled before it is made registers nothing, and the register stays as it was.
func TestCancelledCorrectionRegistersNothing(t *testing.T) {
	u, st := registerUI(t)
	r := u.reports
	issueAndWait(t, r, "2025年")
	test.Tap(overlayButton(t, r.win, "关闭"))
	o := outputOf2025(t, st)
	o.Output += 10_000
	require.NoError(t, st.UpdateOutput(bg(), &o))
	g := r.register
	g.reload()
	<-g.checked
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the user pressed Cancel at once
	g.correct(ctx, cancel, g.items[0])
	<-g.done
	list, err := st.ListIssuedBriefs(bg())
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Zero(t, list[0].ReplacedBy)
	assert.Nil(t, r.win.Canvas().Overlays().Top(), "nothing is announced, and the progress dialog is gone")
}

// After 签发 the line under the buttons says what was issued, and no 打开 stands beside it: it opened the draft
// written before, which the clerk would take for the issued brief.
func TestIssueLeavesNoOpenForTheDraftBefore(t *testing.T) {
	u, _ := registerUI(t)
	r := u.reports
	<-r.register.checked
	w, err := storage.Writer(storage.NewFileURI(filepath.Join(t.TempDir(), "draft.pdf")))
	require.NoError(t, err)
	r.writeTo(w, pdfFormat, 2025)
	<-r.done
	require.True(t, r.openBtn.Visible(), "the draft written can be opened")
	issueAndWait(t, r, "2025年")
	test.Tap(overlayButton(t, r.win, "关闭"))
	assert.Contains(t, r.status.Text, "第1期")
	assert.False(t, r.openBtn.Visible(), "nothing written by 签发 to open")
}
