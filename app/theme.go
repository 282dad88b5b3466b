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

// textColors replace the default light palette's colours of text that a clerk must read but that fall short of
// WCAG AA (4.5:1 against the backgrounds they are drawn on; theme_test.go measures it). Fyne draws hints
// (LowImportance labels) in the disabled colour, #e3e3e3 on white (1.3:1), helper text and placeholders in
// #888 (3.5:1), messages in #f44336 red (3.7:1) and expired dates in #ff9800 orange (2.2:1); white on those
// red, orange and green buttons was as faint. Hints are now a readable grey, so the text is near black for
// disabled buttons to stay visibly fainter than enabled ones.
var textColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameForeground:  color.NRGBA{R: 0x21, G: 0x21, B: 0x21, A: 0xff},
	theme.ColorNameDisabled:    color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
	theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
	theme.ColorNameError:       color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
	theme.ColorNameWarning:     color.NRGBA{R: 0xb4, G: 0x53, B: 0x09, A: 0xff},
	theme.ColorNameSuccess:     color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
	theme.ColorNamePrimary:     bureauBlue,
	theme.ColorNameHyperlink:   bureauBlue,
	// Not text, but as needed to find a field: the outline of an entry, a radio button and a check box reaches
	// WCAG 2.1's 3:1 for interface components (1.4.11) against the screen, a dialog, a menu and the field's own
	// #f3f3f3 fill (3.3:1 at the least); Fyne's #e3e3e3 was 1.3:1 on white, a field without visible edges.
	theme.ColorNameInputBorder: color.NRGBA{R: 0x85, G: 0x85, B: 0x85, A: 0xff},
}

// Color keeps the default light palette, whatever the system's variant, with the colours above: the
// screens show the same tables and figures as the printed briefs, dark on white, and look the same on every
// desktop of the bureau.
func (t *appTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := textColors[n]; ok {
		return c
	}
	return t.Theme.Color(n, theme.VariantLight)
}
