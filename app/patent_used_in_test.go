package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A utility model is marked as counted in a recognition through the patent form; a year before its grant is
// refused under the field, and a number read as an invention's (class I) clears and disables the mark.
func TestPatentFormMarksAUtilityModelUsed(t *testing.T) {
	s, st, _ := newPatentTest(t)
	test.Tap(s.list.addBtn)
	f := s.form
	f.company.entry.SetText("大连海宝渔业有限公司")
	test.Type(f.appNo, "201820123456.0")
	test.Type(f.title, "一种海参育苗网箱")
	test.Type(f.filed, "2018-03-01")
	f.status.SetSelected("授权")
	test.Type(f.granted, "2018-11-20")
	assert.False(t, f.usedIn.Disabled(), "a utility model may be marked")
	test.Type(f.usedIn, "2017")
	assert.True(t, f.saveBtn.Disabled(), "a year before the grant keeps Save disabled")
	assert.Contains(t, f.problem.Text, "已用于认定年度")
	assert.Contains(t, f.problem.Text, "2018")
	f.usedIn.SetText("2019")
	require.False(t, f.saveBtn.Disabled(), f.problem.Text)
	test.Tap(f.saveBtn)
	saved := patentsIn(t, st)
	require.Len(t, saved, 1)
	assert.Equal(t, data.PatentUtility, saved[0].Kind)
	assert.Equal(t, 2019, saved[0].UsedIn)

	// Opened again, the form shows the mark; a number read as an invention's clears it.
	s.onEdit(saved[0])
	f = s.form
	assert.Equal(t, "2019", f.usedIn.Text)
	f.appNo.SetText("201710601862.3")
	assert.True(t, f.usedIn.Disabled(), "an invention patent is class I and never marked")
	assert.Empty(t, f.usedIn.Text)
}
