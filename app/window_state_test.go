package app

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

func TestWindowSizeIsSavedOnCloseAndRestored(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := data.Open(datatest.EmptyFile(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	u := New(a, st)
	assert.Equal(t, defaultWindowSize, u.win.Canvas().Size(), "the first start: the default size")

	u.win.Resize(fyne.NewSize(1500, 900))
	u.win.Close()
	assert.InDelta(t, 1500, a.Preferences().Float(prefWindowWidth), 0.5)
	assert.InDelta(t, 900, a.Preferences().Float(prefWindowHeight), 0.5)

	again := New(a, st)
	assert.Equal(t, fyne.NewSize(1500, 900), again.win.Canvas().Size(), "the next start: as it was closed")
	again.RestoreWindowPlace() // no position outside Windows: nothing happens, nothing breaks
}

func TestSavedWindowSizeIsClampedOrIgnored(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	for _, c := range []struct {
		name string
		w, h float64
		want fyne.Size
	}{
		{"nothing saved", 0, 0, defaultWindowSize},
		{"too small", 300, 200, minWindowSize},
		{"narrow but tall", 800, 900, fyne.NewSize(1024, 900)},
		{"absurd", 1e9, 800, defaultWindowSize},
		{"negative", -5, 800, defaultWindowSize},
		{"not a number", math.NaN(), 800, defaultWindowSize},
		{"fine", 1366, 700, fyne.NewSize(1366, 700)},
	} {
		p.SetFloat(prefWindowWidth, c.w)
		p.SetFloat(prefWindowHeight, c.h)
		assert.Equal(t, c.want, savedWindowSize(p), c.name)
	}
}
