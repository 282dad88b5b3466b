package app

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/reports"
)

// nextPreview draws the next preview the editor made, on the test's goroutine (the one that types), and gives
// what it drew.
func nextPreview(draws chan func(), shots chan previewShot) previewShot {
	(<-draws)()
	return <-shots
}

// blockWith is the editor's field of the block whose text holds s.
func blockWith(t *testing.T, ed *briefEditor, s string) *blockEditor {
	t.Helper()
	for _, be := range ed.blocks {
		if be.entry != nil && strings.Contains(be.entry.Text, s) {
			return be
		}
	}
	t.Fatalf("no block holds %q", s)
	return nil
}

// The secretary's way through the window: 编辑文字 opens the work brief's words beside a preview of its pages;
// an edited paragraph shows in the preview, a figure typed over is marked under its paragraph; 采用 keeps the
// text, which 生成 prints; 签发 asks about the marked figure and, answered, issues the edited text, which the
// register keeps.
func TestBriefEditorEditsPreviewsAndIssuesTheText(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	r.kind.SetSelectedIndex(1) // 科技工作简报
	r.previewed = make(chan previewShot, 16)
	draws := make(chan func(), 64)
	r.previewDo = func(f func()) { draws <- f }
	r.onEdit()
	<-r.done
	ed := r.editor
	require.NotNil(t, ed, "the editor opened")
	shot := nextPreview(draws, r.previewed)
	assert.GreaterOrEqual(t, shot.pages, 3, "a page each")
	assert.Contains(t, shot.text, "科技服务平台助力高新技术产业发展")
	assert.Equal(t, "文中数字均取自数据。", ed.figures.Text)

	incub := blockWith(t, ed, "加快推进科技孵化器建设。")
	test.Type(incub.entry, "孵化服务提质增效。")
	output := blockWith(t, ed, "47.45亿元")
	output.entry.SetText(strings.Replace(output.entry.Text, "47.45亿元", "48.45亿元", 1))
	assert.True(t, output.mark.Visible(), "the figure typed over is marked under its paragraph")
	assert.Contains(t, output.mark.Text, "48.45")
	assert.False(t, incub.mark.Visible(), "words without figures are not marked")
	assert.Contains(t, ed.figures.Text, "有1个数字与数据不符")
	for !strings.Contains(shot.text, "48.45") { // the preview follows once typing pauses
		shot = nextPreview(draws, r.previewed)
	}
	assert.Contains(t, shot.text, "提质增效")

	ed.dlg.Confirm() // 采用
	require.NotNil(t, r.edited[editKey{"work", 2025, "zh"}])
	assert.Contains(t, r.status.Text, "已编辑文字")

	path := filepath.Join(t.TempDir(), "work.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	r.writeTo(w, pdfFormat, 2025)
	<-r.done
	assert.Contains(t, r.status.Text, "文中有1个数字与数据不符", "生成 writes the draft and says so")
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", path, "-").Output()
		require.NoError(t, err)
		words := strings.Join(strings.Fields(string(out)), "")
		assert.Contains(t, words, "孵化服务提质增效。", "生成 prints the edited text")
		assert.Contains(t, words, "48.45亿元")
	}

	r.asked = make(chan struct{}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.issue(ctx, cancel, 2025)
	<-r.asked
	top := labelTexts(u.win.Canvas().Overlays().Top())
	assert.Contains(t, strings.Join(top, ""), "“48.45”", "签发 names the figure the data does not give")
	test.Tap(overlayButton(t, u.win, "签发"))
	<-r.done
	issued, err := st.ListIssuedBriefs(context.Background())
	require.NoError(t, err)
	require.Len(t, issued, 1)
	kept, err := st.IssuedBriefFile(context.Background(), issued[0].ID, data.BriefText)
	require.NoError(t, err)
	assert.Contains(t, string(kept), "孵化服务提质增效。")
	assert.Contains(t, string(kept), "48.45亿元")
}

// A table's place shows as a box to tick: unticked, the table is left out of the text kept (and of the preview).
func TestBriefEditorLeavesOutAnUntickedTable(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	r.kind.SetSelectedIndex(0) // 高新技术产品产值汇总
	r.previewed = make(chan previewShot, 16)
	draws := make(chan func(), 64)
	r.previewDo = func(f func()) { draws <- f }
	r.onEdit()
	<-r.done
	ed := r.editor
	shot := nextPreview(draws, r.previewed)
	var byPark *blockEditor
	for _, be := range ed.blocks {
		if be.block == (reports.TextBlock{Kind: reports.BlockTable, Text: "by_park"}) {
			byPark = be
		}
	}
	require.NotNil(t, byPark)
	require.NotNil(t, byPark.shown)
	assert.Equal(t, "印出此处的表格（二、按园区（两园一廊），数字取自数据）", byPark.shown.Text, "the table is named by its heading, not by its ref (by_park)")
	before := strings.Count(shot.text, "合计")
	test.Tap(byPark.shown)
	for strings.Count(shot.text, "合计") == before {
		shot = nextPreview(draws, r.previewed)
	}
	assert.Equal(t, before-1, strings.Count(shot.text, "合计"), "the preview drops the table")
	ed.dlg.Confirm()
	assert.Contains(t, r.status.Text, "已编辑文字")
	r.kind.SetSelectedIndex(2)
	assert.Empty(t, r.status.Text, "the patent brief was not edited")
	r.kind.SetSelectedIndex(0)
	assert.Contains(t, r.status.Text, "已编辑文字", "the output brief still prints its edited text")
	kept := r.edited[editKey{"output", 2025, "zh"}]
	require.NotNil(t, kept)
	assert.NotContains(t, kept.Blocks, reports.TextBlock{Kind: reports.BlockTable, Text: "by_park"})
	assert.Contains(t, kept.Blocks, reports.TextBlock{Kind: reports.BlockTable, Text: "by_field"})
}
