package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A company's page with every tab fits the window of 1280 points in either language: a tab's content that
// cannot shrink (a long count under a list, a hint that does not wrap) widened the window past the screen.
func TestCompanyPageFitsTheWindow(t *testing.T) {
	for _, language := range []string{"zh", "en"} {
		t.Run(language, func(t *testing.T) {
			u, st := newTestUI(t, true)
			u.onLanguageChanged(language)
			p := openCompanyPage(t, u, st, "海洋牧场") // declared figures, an earlier certificate, facts
			assert.Positive(t, p.declared.list.count)
			for _, tab := range p.tabs.Items {
				p.tabs.Select(tab)
				assert.LessOrEqual(t, u.win.Content().MinSize().Width, float32(1280), "with the tab %q", tab.Text)
			}
		})
	}
}
