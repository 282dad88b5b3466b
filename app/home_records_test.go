package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// tapLink clicks a link on its text (Fyne's hyperlink ignores a click beside its text).
func tapLink(l *widget.Hyperlink) {
	test.TapAt(l, fyne.NewPos(theme.InnerPadding()+4, l.MinSize().Height/2))
}

// dashboardUI is the window on the dashboard of the sample set.
func dashboardUI(t *testing.T) *UI {
	t.Helper()
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.home")
	require.NotNil(t, u.home.year)
	return u
}

// The dashboard's 需要关注 items and the rows behind its figures open their record's page.
func TestDashboardOpensTheRecordsBehindItsItems(t *testing.T) {
	u := dashboardUI(t)
	h := u.home
	require.NotNil(t, h.open, "the window gives the dashboard its way to open records")
	var cert, patent *widget.Hyperlink
	for _, l := range h.attended {
		if cert == nil && strings.HasPrefix(l.Text, "【证书到期】") {
			cert = l
		}
		if patent == nil && strings.HasPrefix(l.Text, "【专利期满】") {
			patent = l
		}
	}
	require.NotNil(t, cert)
	require.NotNil(t, patent)
	tapLink(cert)
	require.NotNil(t, u.companies.page, "the company's page opens")
	assert.Contains(t, cert.Text, u.companies.page.company.Name)
	assert.Equal(t, "nav.companies", u.sections[u.current].key)

	u.ShowSection("nav.home")
	tapLink(patent)
	require.NotNil(t, u.patents.page, "the patent's page opens")
	assert.Equal(t, "nav.patents", u.sections[u.current].key)

	u.ShowSection("nav.home")
	test.Tap(h.details["hightech_enterprises"])
	r := h.figure
	require.NotNil(t, r)
	name := r.cellText(2, 0)
	r.table.Select(widget.TableCellID{Row: 2, Col: 1})
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "the dialog closes over the record")
	require.NotNil(t, u.companies.page)
	assert.Equal(t, name, u.companies.page.company.Name, "the row's company")
}

// 明细: amounts to the right, names whole, an export to a workbook, and Escape closes it.
func TestFigureRecordsReadWholeExportAndCloseOnEscape(t *testing.T) {
	u := dashboardUI(t)
	h := u.home
	test.Tap(h.details["output_yuan"])
	r := h.figure
	require.NotNil(t, r)
	assert.Equal(t, []string{"company.name", "company.uscc", "figure.col.output", "figure.col.added_value"}, r.t.Columns)
	cell := r.table.CreateCell()
	r.updateCell(widget.TableCellID{Row: 0, Col: 2}, cell)
	assert.Equal(t, fyne.TextAlignTrailing, cell.(*widget.Label).Alignment, "amounts right-aligned")
	r.updateCell(widget.TableCellID{Row: 0, Col: 0}, cell)
	assert.Equal(t, fyne.TextAlignLeading, cell.(*widget.Label).Alignment)
	longest := float32(0)
	for row := range r.t.Rows {
		longest = max(longest, fyne.MeasureText(r.cellText(row, 0), theme.TextSize(), fyne.TextStyle{}).Width)
	}
	assert.GreaterOrEqual(t, r.columnWidth(0), longest+2*theme.InnerPadding(), "the longest name is not cut")
	assert.Equal(t, zh.T("home.records.hint"), r.note.Text)

	path := filepath.Join(t.TempDir(), "明细.xlsx")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	r.exportTo(w)
	<-r.exported
	assert.Contains(t, r.note.Text, path, "says where it wrote")
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	require.NoError(t, err)
	require.Len(t, rows, len(r.t.Rows)+1)
	assert.Equal(t, []string{"企业名称", "统一社会信用代码", zh.T("figure.col.output"), zh.T("figure.col.added_value")}, rows[0])
	assert.Equal(t, r.t.Rows[0][0], rows[1][0])
	kind, err := f.GetCellType(f.GetSheetList()[0], "C2")
	require.NoError(t, err)
	assert.Equal(t, excelize.CellTypeUnset, kind, "an amount is a number, not text")

	u.win.Canvas().Focus(r.table) // as after a click on a row
	pressEscape(t, u.win)
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "Escape closes it from the table")
	test.Tap(h.details["output_yuan"])
	u.win.Canvas().Unfocus()
	pressEscape(t, u.win)
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "and from nowhere in particular")
}
