package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// openCompanyPage opens the page of the sample company whose name contains name.
func openCompanyPage(t *testing.T, u *UI, st *data.Store, name string) *companyPage {
	t.Helper()
	u.ShowSection("nav.companies")
	cs, err := st.Companies(bg(), data.CompanyFilter{Query: name})
	require.NoError(t, err)
	require.Len(t, cs, 1)
	u.companies.openPage(cs[0])
	require.NotNil(t, u.companies.page)
	return u.companies.page
}

// A software copyright is added, marked as counted in an earlier recognition, changed to a class I right (which
// loses the mark) and deleted, through the 知识产权 tab of the company's page; a number that is not a software
// copyright's keeps Save disabled and says why under the field.
func TestCompanyPageIPRights(t *testing.T) {
	u, st := newTestUI(t, true)
	p := openCompanyPage(t, u, st, "海宝")
	require.NotNil(t, p.ip, "the page has an IP tab")
	before, err := st.IPRights(bg(), p.company.ID)
	require.NoError(t, err)
	assert.Equal(t, len(before), p.ip.list.count)

	test.Tap(p.ip.list.addBtn)
	f := p.ip.form
	require.NotNil(t, f)
	assert.Equal(t, "software_copyright", f.kind.code(), "a new right is a software copyright, the commonest")
	assert.Equal(t, "Ⅱ类", f.class.Text)
	test.Type(f.regNo, "2025SR012345") // six digits
	test.Type(f.title, "渔船调度系统V1.0")
	test.Type(f.granted, "2025-03-10")
	assert.True(t, f.saveBtn.Disabled(), "a wrong number keeps Save disabled")
	assert.Contains(t, f.problem.Text, "登记号")
	assert.Contains(t, f.problem.Text, "2025SR0123456", "the problem shows the form a number takes")
	f.regNo.SetText("2025sr 0123456")
	test.Type(f.usedIn, "2024")
	assert.True(t, f.saveBtn.Disabled(), "a recognition before the grant keeps Save disabled")
	assert.Equal(t, "已用于认定年度：早于该知识产权授权（登记）的年份（2025年）", f.problem.Text)
	f.usedIn.SetText("2025")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)

	got, err := st.IPRights(bg(), p.company.ID)
	require.NoError(t, err)
	require.Len(t, got, len(before)+1)
	var saved data.IPRight
	for _, r := range got {
		if r.Title == "渔船调度系统V1.0" {
			saved = r
		}
	}
	assert.Equal(t, "2025SR0123456", saved.RegNo, "the number is stored as its form is written")
	assert.Equal(t, 2025, saved.UsedIn)
	assert.Equal(t, len(got), p.ip.list.count, "the tab shows the new right")
	row := rowOf(t, p.ip.list, saved.RegNo, 2)
	assert.Equal(t, "Ⅱ类", p.ip.list.cellText(row, 1))
	assert.Equal(t, "2025年认定", p.ip.list.cellText(row, 5))

	// A class I kind is never marked: choosing one clears and disables the mark.
	p.ip.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.ip.list.editBtn)
	f = p.ip.form
	f.kind.set("ic_layout")
	assert.Equal(t, "Ⅰ类", f.class.Text)
	assert.True(t, f.usedIn.Disabled())
	assert.Empty(t, f.usedIn.Text)
	f.regNo.SetText("BS.255012345")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	r, err := st.IPRights(bg(), p.company.ID)
	require.NoError(t, err)
	row = rowOf(t, p.ip.list, "BS.255012345", 2)
	assert.Equal(t, "Ⅰ类", p.ip.list.cellText(row, 1))
	assert.Equal(t, "", p.ip.list.cellText(row, 5))
	for _, x := range r {
		if x.ID == saved.ID {
			assert.Equal(t, "ic_layout", x.Kind)
			assert.Zero(t, x.UsedIn)
		}
	}

	// Deleting asks first.
	p.ip.list.table.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(p.ip.list.deleteBtn)
	test.Tap(overlayButton(t, u.win, "确定"))
	after, err := st.IPRights(bg(), p.company.ID)
	require.NoError(t, err)
	assert.Len(t, after, len(before))
	assert.Equal(t, len(before), p.ip.list.count)
}

// rowOf is the row of a company tab's list whose column col reads text, however the cell wraps it.
func rowOf[R any](t *testing.T, l *recordList[R], text string, col int) int {
	t.Helper()
	for i := range l.count {
		if strings.Join(strings.Fields(l.cellText(i, col)), "") == strings.Join(strings.Fields(text), "") {
			return i
		}
	}
	require.Failf(t, "no such row", "no row reads %q in column %d", text, col)
	return -1
}
