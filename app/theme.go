package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"scitech/assets"
)

// appTheme draws every text in the bundled CJK font, so Chinese never depends on the fonts a machine has
// (a bare Windows or Linux install would otherwise show boxes), and takes the bureau's blue as primary colour.
type appTheme struct {
	fyne.Theme
	font, bold fyne.Resource
}

var (
	fontResource     = fyne.NewStaticResource("wqy-microhei.ttf", assets.UIFont)
	boldFontResource = fyne.NewStaticResource("wqy-microhei-bold.ttf", assets.UIBoldFont)
)

func newTheme() fyne.Theme {
	return &appTheme{Theme: theme.DefaultTheme(), font: fontResource, bold: boldFontResource}
}

// Font returns the bundled font for every style: Micro Hei has no bold or italic face, and mixing in the
// default Latin font would set Latin and Chinese text at different heights. Bold text takes the same outlines
// cut down to the characters bold text is written in (assets.UIBoldFont): Fyne parses and keeps a font once
// per style, and the whole of Micro Hei is 20 MB of heap each time.
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return t.bold
	}
	return t.font
}

var bureauBlue = color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff}

// Color keeps the default light palette, whatever the system's variant: the screens show the same tables
// and figures as the printed briefs, black on white, and look the same on every desktop of the bureau.
func (t *appTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		return bureauBlue
	}
	return t.Theme.Color(n, theme.VariantLight)
}
