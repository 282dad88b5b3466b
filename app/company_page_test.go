package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A company's codes and dates are read whole on its page in either language: in English the long labels left
// the values a column narrower than a credit code, which wrapped as "91210212MA0" over "3YT300U". And the page,
// whichever tab shows, fits the window.
func TestCompanyPageNeverWrapsCodes(t *testing.T) {
	for _, language := range []string{"zh", "en"} {
		t.Run(language, func(t *testing.T) {
			u, st := newTestUI(t, true)
			u.onLanguageChanged(language)
			u.ShowSection("nav.companies")
			cs, err := st.Companies(bg(), data.CompanyFilter{Query: "蝶恋花"})
			require.NoError(t, err)
			require.Len(t, cs, 1)
			u.companies.openPage(cs[0])
			p := u.companies.page
			require.NotNil(t, p)
			split := p.details
			for _, v := range []string{cs[0].USCC, cs[0].CertNo, cs[0].Phone, data.FormatDate(cs[0].CertIssued)} {
				require.NotEmpty(t, v)
				l := shownWrapped(t, u.win, v)
				assert.Equal(t, []string{v}, drawnLines(l), "%q is drawn on one line, whole", v)
				right := fyne.CurrentApp().Driver().AbsolutePositionForObject(l).X + l.MinSize().Width
				assert.LessOrEqual(t, right, fyne.CurrentApp().Driver().AbsolutePositionForObject(split).X+split.Size().Width+0.5,
					"%q lies within the details", v)
			}
			// The wider details leave the output table its room: every column shows, title whole, without
			// scrolling sideways.
			d := fyne.CurrentApp().Driver()
			tableRight := d.AbsolutePositionForObject(p.table).X + p.table.Size().Width
			for _, c := range outputColumns {
				title := p.env.T(c.key)
				l := shownInWindow(t, u.win, title)
				need := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
				assert.GreaterOrEqual(t, l.Size().Width+0.5, need, "%q has room", title)
				assert.LessOrEqual(t, d.AbsolutePositionForObject(l).X+l.Size().Width, tableRight+0.5, "%q shows inside the table", title)
			}
			// Every tab fits the window of 1280 points: a tab's content that cannot shrink (a long count under
			// a list, a hint that does not wrap) widened the window past the screen.
			for _, tab := range p.tabs.Items {
				p.tabs.Select(tab)
				assert.LessOrEqual(t, u.win.Content().MinSize().Width, float32(1280), "with the tab %q", tab.Text)
			}
		})
	}
}
