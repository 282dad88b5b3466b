package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func TestCompanyListFiltersAndExportsEveryFilteredRow(t *testing.T) {
	u, st := newTestUI(t, true)
	parks, err := st.Parks(bg())
	require.NoError(t, err)
	for i := range 150 { // more than a page of the list (recordListPageSize), all in one park
		body := fmt.Sprintf("91210212MA%07d", i)
		check, _ := data.USCCCheckChar(body)
		c := data.Company{USCC: body + string(check), Name: fmt.Sprintf("大连测试%03d科技有限公司", i),
			Field: "electronics", ParkID: parks[0].ID}
		require.NoError(t, st.CreateCompany(bg(), &c))
	}
	u.ShowSection("nav.companies")
	l := u.companies.list
	require.Contains(t, l.filters, "park", "the list filters by park")
	for _, key := range []string{"field", "cert", "scale"} {
		require.Contains(t, l.filters, key)
	}
	assert.True(t, l.exportBtn.Visible() && !l.exportBtn.Disabled(), "the list has 导出")
	assert.NotNil(t, findButton(u.win.Canvas().Content(), "导出"), "导出 is in the window")

	l.filters["park"].SetSelected(parks[0].Name)
	require.Greater(t, l.count, recordListPageSize)
	assert.Equal(t, fmt.Sprintf("找到 %d 家企业（共 %d 家）", l.count, 36+150), l.countLabel.Text)
	rows := exportList(t, l)
	require.Len(t, rows, 1+l.count, "the header and every filtered company, not only the first page")
	assert.Equal(t, "所在园区", rows[0][3])
	for _, r := range rows[1:] {
		assert.Equal(t, parks[0].Name, r[3])
	}

	l.filters["park"].SetSelectedIndex(0)
	l.filters["cert"].SetSelected("90 天内到期")
	require.Positive(t, l.count, "the sample set has certificates expiring within 90 days of the test day")
	soon := testDay.AddDate(0, 0, data.AttentionAheadDays)
	for row := range l.count {
		text := l.cellText(row, 5)
		assert.True(t, strings.HasSuffix(text, "（有效）"), text)
		day, err := data.ParseDate(strings.TrimSuffix(text, "（有效）"))
		require.NoError(t, err)
		assert.False(t, day.After(soon), "%s expires within 90 days", text)
	}
	rows = exportList(t, l)
	assert.Len(t, rows, 1+l.count)

	l.filters["cert"].SetSelected("已过期")
	for row := range l.count {
		assert.True(t, strings.HasSuffix(l.cellText(row, 5), "（已过期）"), l.cellText(row, 5))
	}
	l.filters["cert"].SetSelected("无证书")
	for row := range l.count {
		assert.Equal(t, "无", l.cellText(row, 5))
	}
	l.filters["cert"].SetSelectedIndex(0)

	l.filters["field"].SetSelected("电子信息")
	for row := range l.count {
		assert.Equal(t, "电子信息", l.cellText(row, 2))
	}
	l.filters["field"].SetSelectedIndex(0)

	above, err := st.Companies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	n := 0
	for _, c := range above {
		if c.AboveScale {
			n++
		}
	}
	l.filters["scale"].SetSelected("规上企业")
	assert.Equal(t, n, l.count, "规上: the companies above scale")
	l.filters["scale"].SetSelected("非规上企业")
	assert.Equal(t, len(above)-n, l.count)
}

// In English the high-tech fields are long ("Advanced manufacturing and automation") and took the width of the
// companies' names, which ended in "…" at 1280 px; the name is what a clerk looks for, so it is read whole and
// the field or the park gives way.
func TestCompanyNamesAreReadWholeInEnglish(t *testing.T) {
	for _, language := range []string{"zh", "en"} {
		t.Run(language, func(t *testing.T) {
			u, _ := newTestUI(t, true)
			u.onLanguageChanged(language)
			u.ShowSection("nav.companies")
			l := u.companies.list
			th := l.table.Theme()
			for row := range 12 { // the rows the window shows
				name := l.cellText(row, 0)
				cell := shownWrapped(t, u.win, name)
				need := fyne.MeasureText(name, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width + 2*th.Size(theme.SizeNameInnerPadding)
				assert.GreaterOrEqual(t, cell.Size().Width, need, "%q has room in its cell, not cut with \"…\"", name)
				assert.LessOrEqual(t, posIn(l.table, cell).X+cell.Size().Width/2, l.table.Size().Width, "%q is inside the window", name)
			}
		})
	}
}
