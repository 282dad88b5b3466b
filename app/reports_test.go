package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
)

func TestReportsScreenWritesTheBrief(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	assert.Equal(t, "2025", r.year.Selected, "the newest year with data is offered first")
	assert.Contains(t, r.header.Text, "科技工作简报")

	dir := t.TempDir()
	for _, c := range []struct {
		f    briefFormat
		name string
	}{{pdfFormat, "brief.pdf"}, {xlsxFormat, "brief.xlsx"}} {
		path := filepath.Join(dir, c.name)
		w, err := storage.Writer(storage.NewFileURI(path))
		require.NoError(t, err)
		r.writeTo(w, c.f, 2025)
		<-r.done
		assert.Contains(t, r.status.Text, c.name)
		assert.False(t, r.pdfBtn.Disabled(), "the buttons come back when the brief is written")
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NotEmpty(t, b)
		if c.f.ext == ".pdf" {
			assert.True(t, bytes.HasPrefix(b, []byte("%PDF-")))
		} else {
			x, err := excelize.OpenFile(path)
			require.NoError(t, err)
			assert.NotEmpty(t, x.GetSheetList())
			x.Close()
		}
	}
}

func TestReportsScreenCancelLeavesNoFile(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	path := filepath.Join(t.TempDir(), "cancelled.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the user pressed Cancel before the brief was done
	r.run(ctx, cancel, w, pdfFormat, 2025)
	<-r.done
	_, err = os.Stat(path)
	assert.True(t, os.IsNotExist(err), "a cancelled brief leaves no file behind")
	assert.Empty(t, r.status.Text)
	assert.False(t, r.pdfBtn.Disabled())
}

func TestReportsScreenWritesTheWorkBrief(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	assert.Equal(t, []string{"高新技术产品产值汇总", "科技工作简报", "专利情况", "孵化器建设情况", "产学研合作情况"}, r.kind.Options)
	r.kind.SetSelectedIndex(1)
	dir := t.TempDir()
	for _, c := range []struct {
		f    briefFormat
		name string
	}{{pdfFormat, "work.pdf"}, {xlsxFormat, "work.xlsx"}} {
		path := filepath.Join(dir, c.name)
		w, err := storage.Writer(storage.NewFileURI(path))
		require.NoError(t, err)
		r.writeTo(w, c.f, 2025)
		<-r.done
		assert.Contains(t, r.status.Text, c.name)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		if c.f == pdfFormat {
			assert.True(t, bytes.HasPrefix(b, []byte("%PDF-")))
			continue
		}
		x, err := excelize.OpenFile(path)
		require.NoError(t, err)
		assert.Contains(t, x.GetSheetList(), "主要合作高校院所", "the work brief's workbook, not the output brief's")
		x.Close()
	}
}

func TestReportsScreenWritesThePatentBrief(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	r.kind.SetSelected("专利情况")
	path := filepath.Join(t.TempDir(), "patents.xlsx")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	r.writeTo(w, xlsxFormat, 2025)
	<-r.done
	assert.Contains(t, r.status.Text, "patents.xlsx")
	x, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer x.Close()
	assert.Contains(t, x.GetSheetList(), "按专利类型", "the patent brief's workbook")
	rows, err := x.GetRows("按专利类型")
	require.NoError(t, err)
	total := -1 // the 合计 row, wherever the sheet's title rows put it
	for i, row := range rows {
		if len(row) > 1 && row[0] == "合计" {
			total = i
		}
	}
	require.GreaterOrEqual(t, total, 0, "the sheet has a 合计 row")
	assert.Equal(t, "63", rows[total][1], "the year's patent applications")
}

func TestReportsScreenWritesTheCooperationBrief(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.reports")
	r := u.reports
	r.kind.SetSelected("产学研合作情况")
	path := filepath.Join(t.TempDir(), "coop.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	r.writeTo(w, pdfFormat, 2025)
	<-r.done
	assert.Contains(t, r.status.Text, "coop.pdf")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("%PDF-")))
}

// TestReportsScreenAsksAboutMissingCharacters: a company name no font can print stops the brief with the
// question; going back leaves no file, going on writes the brief with 〓, and issuing asks the same.
func TestReportsScreenAsksAboutMissingCharacters(t *testing.T) {
	u, s := newTestUI(t, true)
	ctx := context.Background()
	found, err := s.Companies(ctx, data.CompanyFilter{Query: "大连海宝渔业有限公司"}) // first of the top ten
	require.NoError(t, err)
	require.Len(t, found, 1)
	c := found[0]
	c.Name = "大连\U0002A6A5海洋科技有限公司"
	require.NoError(t, s.UpdateCompany(ctx, &c))
	u.ShowSection("nav.reports")
	r := u.reports
	r.asked = make(chan struct{})
	path := filepath.Join(t.TempDir(), "brief.pdf")

	for _, goOn := range []bool{false, true} {
		w, err := storage.Writer(storage.NewFileURI(path))
		require.NoError(t, err)
		r.writeTo(w, pdfFormat, 2025)
		<-r.asked
		texts := labelTexts(u.win.Canvas().Overlays().Top())
		assert.Contains(t, texts, "企业“大连\U0002A6A5海洋科技有限公司”的名称：\U0002A6A5（U+2A6A5）")
		if goOn {
			test.Tap(overlayButton(t, u.win, "继续（缺字以〓标出）"))
		} else {
			test.Tap(overlayButton(t, u.win, "返回修改"))
		}
		<-r.done
		if !goOn {
			assert.NoFileExists(t, path, "going back writes no file")
			assert.Empty(t, r.status.Text)
			continue
		}
		require.FileExists(t, path)
		assert.Contains(t, r.status.Text, "brief.pdf")
	}

	issuedBefore, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	r.issue(ictx, cancel, 2025)
	<-r.asked
	test.Tap(overlayButton(t, u.win, "返回修改"))
	<-r.done
	after, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	assert.Len(t, after, len(issuedBefore), "going back issues nothing")
}
