package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCancelAsksBeforeDroppingWhatWasTyped(t *testing.T) {
	u, _ := newTestUI(t, false)
	u.ShowSection("nav.companies")
	s := u.companies
	overlays := u.win.Canvas().Overlays()

	test.Tap(s.list.addBtn)
	test.Tap(s.form.cancel)
	assert.Nil(t, overlays.Top(), "an untouched form closes at once")

	test.Tap(s.list.addBtn)
	f := s.form
	test.Type(f.name, "大连")
	test.Tap(f.cancel)
	require.Equal(t, 2, len(overlays.List()), "typing, then Cancel: the form asks before it closes")
	test.Tap(overlayButton(t, u.win, "继续编辑"))
	require.Equal(t, 1, len(overlays.List()), "keep editing: the form stays open")
	assert.Equal(t, "大连", f.name.Text, "with what was typed")

	test.Tap(f.cancel)
	test.Tap(overlayButton(t, u.win, "放弃修改"))
	assert.Nil(t, overlays.Top(), "discard: the form closes")

	test.Tap(s.list.addBtn)
	f = s.form
	test.Type(f.name, "x")
	f.name.SetText("")
	test.Tap(f.cancel)
	assert.Nil(t, overlays.Top(), "a field typed back to what it held is no change")
}
