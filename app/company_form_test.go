package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A credit code another company holds turns the field red as it is typed, naming that company; typing it
// away takes the mark away.
func TestARegisteredCreditCodeIsMarkedWhileTyping(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.companies")
	taken, err := st.Companies(bg(), data.CompanyFilter{Limit: 1})
	require.NoError(t, err)
	other := taken[0]
	test.Tap(u.companies.list.addBtn)
	f := u.companies.form
	test.Type(f.name, "大连新登记科技有限公司")
	f.field.SetSelectedIndex(0)

	test.Type(f.uscc, other.USCC)
	want := "已登记为“" + other.Name + "”"
	require.Error(t, f.uscc.Validate())
	assert.Equal(t, want, f.uscc.Validate().Error(), "named at the field, before any save")
	assert.Contains(t, strings.Join(labelTexts(f.form), "|"), want, "shown under the field while it is typed in")
	assert.True(t, f.usccMark.Visible(), "a red mark in the field")
	assert.True(t, f.saveBtn.Disabled())
	assert.Equal(t, "统一社会信用代码："+want, f.problem.Text)

	f.uscc.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	assert.NotContains(t, f.uscc.Validate().Error(), "已登记", "another cause, another mark")
	for range 17 {
		f.uscc.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	test.Type(f.uscc, "91350100M000100Y43")
	assert.NoError(t, f.uscc.Validate(), "a free code clears the mark")
	assert.NotContains(t, strings.Join(labelTexts(f.form), "|"), "已登记")
	assert.False(t, f.usccMark.Visible())
	assert.False(t, f.saveBtn.Disabled())
	assert.Empty(t, f.problem.Text)

	// A company's own code is no clash when it is edited.
	u.companies.edit(other)
	assert.NoError(t, u.companies.form.uscc.Validate())
}
