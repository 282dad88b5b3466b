package app

import (
	"encoding/json"
	"image/color"
	"io/fs"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// relativeLuminance is WCAG 2's luminance of an opaque colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// over is c drawn over an opaque background, as the screen shows a translucent colour.
func over(c, background color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	bg := color.NRGBAModel.Convert(background).(color.NRGBA)
	a := float64(n.A) / 0xff
	mix := func(f, b uint8) uint8 { return uint8(math.Round(float64(f)*a + float64(b)*(1-a))) }
	return color.NRGBA{R: mix(n.R, bg.R), G: mix(n.G, bg.G), B: mix(n.B, bg.B), A: 0xff}
}

// contrastRatio is WCAG 2's contrast ratio of text over its background, from 1 to 21.
func contrastRatio(text, background color.Color) float64 {
	background = over(background, color.White)
	a, b := relativeLuminance(over(text, background)), relativeLuminance(background)
	return (math.Max(a, b) + 0.05) / (math.Min(a, b) + 0.05)
}

// Every text a clerk reads has WCAG AA contrast (4.5:1) against what it is drawn on, measured from the theme's
// own colours: hints (Fyne draws LowImportance labels in the disabled colour), helper text and placeholders,
// messages and warnings, and the white words on coloured buttons. Fyne's light palette gave hints 1.3:1,
// helper text 3.5:1, warnings 2.2:1.
func TestTextContrastMeetsWCAGAA(t *testing.T) {
	th := newTheme()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	bg, overlay, input, header, menu, button := theme.ColorNameBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameInputBackground, theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground, theme.ColorNameButton
	on := map[fyne.ThemeColorName][]fyne.ThemeColorName{
		theme.ColorNameForeground:  {bg, overlay, input, header, menu, button},
		theme.ColorNameDisabled:    {bg, overlay, header, button}, // hints on screens and in dialogs
		theme.ColorNamePlaceHolder: {bg, overlay, input},          // form helper text; entry placeholders
		theme.ColorNameError:       {bg, overlay},
		theme.ColorNameWarning:     {bg, overlay},
		theme.ColorNameSuccess:     {bg, overlay},
		theme.ColorNamePrimary:     {bg, overlay, header},
		theme.ColorNameHyperlink:   {bg, overlay},
	}
	for text, backgrounds := range on {
		for _, b := range backgrounds {
			assert.GreaterOrEqual(t, contrastRatio(c(text), c(b)), 4.5, "%s on %s", text, b)
		}
	}
	for fill, text := range map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNamePrimary: theme.ColorNameForegroundOnPrimary,
		theme.ColorNameError:   theme.ColorNameForegroundOnError,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
		theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
	} {
		assert.GreaterOrEqual(t, contrastRatio(c(text), c(fill)), 4.5, "%s on %s", text, fill)
	}
	for _, mark := range []fyne.ThemeColorName{theme.ColorNameSelection, theme.ColorNameHover} {
		assert.GreaterOrEqual(t, contrastRatio(c(theme.ColorNameForeground), over(c(mark), c(bg))), 4.5,
			"text on a row marked %s", mark)
	}
	assert.Greater(t, contrastRatio(c(theme.ColorNameForeground), c(bg))/contrastRatio(c(theme.ColorNameDisabled), c(bg)), 2.5,
		"a disabled button's words stay visibly fainter than an enabled one's")
}

// The measure itself, against WCAG's own figures: black on white is 21:1, #767676 on white just passes.
func TestContrastRatioMatchesWCAG(t *testing.T) {
	t.Parallel()
	assert.InDelta(t, 21, contrastRatio(color.Black, color.White), 0.01)
	assert.InDelta(t, 4.54, contrastRatio(color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, color.White), 0.01)
	assert.InDelta(t, 1, contrastRatio(color.White, color.White), 0.01)
	assert.InDelta(t, 21, contrastRatio(color.NRGBA{A: 0xff}, over(color.NRGBA{A: 0}, color.White)), 0.01, "transparent shows what is under it")
}

// The borders that show where a field, a radio button or a check box is reach WCAG 2.1's 3:1 for user
// interface components (1.4.11) against everything they touch: the screen or a dialog around them and the
// field's own fill inside. Fyne's light palette drew them #e3e3e3 on white (1.3:1), a field that a clerk
// could not find on the page.
func TestInputBordersMeetWCAGNonTextContrast(t *testing.T) {
	th := newTheme()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	border := c(theme.ColorNameInputBorder)
	for _, around := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground} {
		assert.GreaterOrEqual(t, contrastRatio(border, c(around)), 3.0, "input border on %s", around)
		inside := over(c(theme.ColorNameInputBackground), over(c(around), color.White))
		assert.GreaterOrEqual(t, contrastRatio(border, inside), 3.0, "input border against a field's fill on %s", around)
	}
	// Fyne draws a radio button's and a check box's outline in the input border colour too; the widgets say so.
	test.NewTempApp(t).Settings().SetTheme(th)
	radio := widget.NewRadioGroup([]string{"是"}, nil)
	check := widget.NewCheck("规上", nil)
	for _, w := range []fyne.Widget{radio, check} {
		assert.Contains(t, iconColorNames(t, test.TempWidgetRenderer(t, w).Objects()), theme.ColorNameInputBorder)
	}
}

// iconColorNames are the theme colours of the themed icons in a widget's tree.
func iconColorNames(t *testing.T, objs []fyne.CanvasObject) []fyne.ThemeColorName {
	var names []fyne.ThemeColorName
	for _, o := range objs {
		switch v := o.(type) {
		case *canvas.Image:
			if r, ok := v.Resource.(*theme.ThemedResource); ok {
				names = append(names, r.ColorName)
			}
		case *fyne.Container:
			names = append(names, iconColorNames(t, v.Objects)...)
		case fyne.Widget:
			names = append(names, iconColorNames(t, test.TempWidgetRenderer(t, v).Objects())...)
		}
	}
	return names
}
