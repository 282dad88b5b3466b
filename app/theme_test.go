package app

import (
	"encoding/json"
	"io/fs"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/reports"
)

// Bold text is the program's own words, so the cut-down bold face must hold every character of every
// translation that the whole font holds; when a new text brings a character it lacks, `make fonts` makes the
// face again. Regular text keeps the whole font.
func TestBoldFontCoversTheTranslations(t *testing.T) {
	t.Parallel()
	whole, err := reports.NewFont("regular", assets.UIFont)
	require.NoError(t, err)
	bold, err := reports.NewFont("bold", assets.UIBoldFont)
	require.NoError(t, err)
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	checked := 0
	for _, name := range files {
		b, err := fs.ReadFile(assets.Translations, name)
		require.NoError(t, err)
		var texts map[string]string
		require.NoError(t, json.Unmarshal(b, &texts), name)
		for key, text := range texts {
			for _, r := range text {
				if whole.Has(r) {
					checked++
					assert.True(t, bold.Has(r), "%s %s: %q is not in the bold face; run `make fonts`", name, key, r)
				}
			}
		}
	}
	assert.Greater(t, checked, 10000)
	for _, r := range "0123456789.,%（）：亿元万件家个所" {
		assert.True(t, bold.Has(r), "%q", r)
	}
	assert.False(t, bold.Has('한'), "the bold face is the cut-down one")
	assert.True(t, whole.Has('한'), "regular text keeps the whole font")

	th := newTheme()
	assert.Equal(t, "wqy-microhei-bold.ttf", th.Font(fyne.TextStyle{Bold: true}).Name())
	assert.Equal(t, "wqy-microhei.ttf", th.Font(fyne.TextStyle{}).Name())
	assert.Equal(t, "wqy-microhei.ttf", th.Font(fyne.TextStyle{Italic: true}).Name())
}
