package app

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The words of every dialog are set by newDialogText, because Fyne's own text dialogs (dialog.NewInformation,
// NewConfirm, NewError) set them badly twice over. They draw the dialog's icon, a hundred pixels high, behind
// the top right of the text, so that a short message ("设置已保存。") ran into it. And they wrap text at spaces,
// or where there is none, as Chinese has none, after whichever character fills the line; so a sentence's
// closing "。" could wrap onto a line of its own. A dialog made here has no icon, and its text is broken into
// lines as Chinese is set (breakLines).

// dialogTextWidth is the widest a dialog's text is set: the width of Fyne's text dialogs (600) less their
// margins.
const dialogTextWidth float32 = 540

// newDialogText is a dialog's message, broken into lines no wider than the dialog can show in win: at most
// dialogTextWidth, and within nine tenths of the window.
func newDialogText(msg string, win fyne.Window) *widget.Label {
	width := dialogTextWidth
	if win != nil {
		if w := win.Canvas().Size().Width*0.9 - 60; w > 0 && w < width {
			width = w
		}
	}
	measure := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	return &widget.Label{Text: breakLines(msg, width, measure)}
}

// inform shows a message with a 确定 button in the window's language: a dialog without an icon, its text set
// by newDialogText, where Fyne's dialog.ShowInformation would draw its icon over it. (env.confirm asks a
// question the same way, where dialog.NewConfirm would.)
func (e *env) inform(win fyne.Window, title, msg string) dialog.Dialog {
	d := dialog.NewCustom(title, e.T("action.confirm"), newDialogText(msg, win), win)
	d.Show()
	return d
}

// breakLines breaks text into lines no wider than width (as measure measures a line), as Chinese is set: a
// line may end between two Chinese characters, between a Chinese character and a Latin word, or at a space;
// never before a closing mark (。，、；：？！）” and the like, so "。" stays with the word it ends) nor after an
// opening one (（“《); a Latin word is broken only when it alone is wider than a line. The text's own line
// breaks stay, and a space where a line is broken is dropped.
func breakLines(text string, width float32, measure func(string) float32) string {
	paragraphs := strings.Split(text, "\n")
	for i, p := range paragraphs {
		paragraphs[i] = strings.Join(breakParagraph([]rune(p), width, measure), "\n")
	}
	return strings.Join(paragraphs, "\n")
}

// breakParagraph is breakLines for a text without line breaks.
func breakParagraph(text []rune, width float32, measure func(string) float32) []string {
	var lines []string
	line := ""
	for _, piece := range unbreakablePieces(text) {
		if line == "" {
			piece = strings.TrimLeft(piece, " ")
		}
		if line != "" && measure(strings.TrimRight(line+piece, " ")) > width {
			lines = append(lines, strings.TrimRight(line, " "))
			line = strings.TrimLeft(piece, " ")
		} else {
			line += piece
		}
		for measure(strings.TrimRight(line, " ")) > width { // a piece wider than a whole line
			head, rest := splitToFit([]rune(line), width, measure)
			lines = append(lines, head)
			line = rest
		}
	}
	return append(lines, strings.TrimRight(line, " "))
}

// unbreakablePieces cuts text where a line may break, each piece keeping what may not be parted from it:
// a closing mark with the character before it, an opening mark with the one after, a Latin word whole, a
// space at the end of the piece it follows.
func unbreakablePieces(text []rune) []string {
	var pieces []string
	start := 0
	for i := 1; i < len(text); i++ {
		if mayBreakBetween(text[i-1], text[i]) {
			pieces = append(pieces, string(text[start:i]))
			start = i
		}
	}
	if start < len(text) {
		pieces = append(pieces, string(text[start:]))
	}
	return pieces
}

// mayBreakBetween reports whether a line may end after a and start again with b.
func mayBreakBetween(a, b rune) bool {
	switch {
	case isClosingMark(b) || isOpeningMark(a) || b == ' ':
		return false
	case a == ' ':
		return true
	}
	return isWide(a) || isWide(b)
}

// splitToFit breaks a piece wider than a line after as many characters as fit (at least one), moving the
// break back over closing marks so that none begins the next line.
func splitToFit(text []rune, width float32, measure func(string) float32) (string, string) {
	n := 1
	for n < len(text) && measure(string(text[:n+1])) <= width {
		n++
	}
	for n > 1 && n < len(text) && isClosingMark(text[n]) {
		n--
	}
	return string(text[:n]), string(text[n:])
}

// isWide reports whether r is set as a Chinese character, between which lines may break: the ideographs, the
// kana, and the full-width marks and forms.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) || strings.ContainsRune("“”‘’…—", r)
}

// isClosingMark reports whether r closes a clause or a bracket, so that no line may begin with it.
func isClosingMark(r rune) bool {
	return strings.ContainsRune("。，、；：？！）】」』》〉〕”’…—％．,.;:?!)]}%", r)
}

// isOpeningMark reports whether r opens a bracket or a quotation, so that no line may end with it.
func isOpeningMark(r rune) bool {
	return strings.ContainsRune("（【「『《〈〔“‘([{", r)
}
