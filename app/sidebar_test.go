package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// Every entry of the sidebar is whole in either language, however narrow the window: the split gives the
// sidebar a sixth of the window, which on a 1024-pixel screen cut "Cooperation bases" to "Cooperation base".
func TestSidebarFitsItsLongestEntry(t *testing.T) {
	u, _ := newTestUI(t, false)
	for _, lang := range []string{"zh", "en"} {
		u.onLanguageChanged(lang)
		for _, width := range []float32{1280, 1024, 800} {
			u.win.Resize(fyne.NewSize(width, 700))
			for _, s := range u.sections {
				text := u.env.T(s.key)
				entry := container.NewBorder(nil, nil, widget.NewIcon(theme.HomeIcon()), nil, widget.NewLabel(text))
				assert.GreaterOrEqual(t, u.nav.Size().Width, entry.MinSize().Width,
					"%s in a window %v wide: the sidebar cuts %q", lang, width, text)
			}
		}
	}
}

// The sidebar keeps its width from section to section, the width of its longest entry: it was a sixth of the
// window on most screens and shrank to its narrowest under the English dashboard, whose cards want more width,
// so the whole window shifted sideways at each change of section.
func TestSidebarKeepsItsWidthAcrossSections(t *testing.T) {
	u, _ := newTestUI(t, true)
	for _, lang := range []string{"zh", "en"} {
		u.onLanguageChanged(lang)
		for _, width := range []float32{1366, 1280} {
			u.win.Resize(fyne.NewSize(width, 760))
			for _, s := range u.sections {
				u.ShowSection(s.key)
				assert.InDelta(t, u.nav.MinSize().Width, u.nav.Size().Width, 0.5,
					"%s at %v px on %s: the sidebar is as wide as its longest entry", lang, width, s.key)
			}
		}
	}
}
