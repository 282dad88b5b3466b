package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runeWidths measures a Chinese character as 2 and anything else as 1, so that tests can count widths.
func runeWidths(s string) float32 {
	w := float32(0)
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func TestBreakLinesSetsChineseAsItIsSet(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text  string
		width float32
		want  string
	}{
		{"设置已保存。", 10, "设置已保\n存。"}, // "设置已保存" fills the line: "。" takes "存" with it
		{"设置已保存。", 12, "设置已保存。"},
		{"请选择“企业”后再试。", 9, "请选择\n“企业”\n后再试。"}, // an opening quote stays with what it opens
		{"Choose the Excel workbooks", 10, "Choose the\nExcel\nworkbooks"},
		{"已导出到 /tmp/导出.xlsx。", 12, "已导出到\n/tmp/导\n出.xlsx。"},
		{"abcdefghijklmno", 6, "abcdef\nghijkl\nmno"}, // a word wider than a line is broken where it must be
		{"第一行\n第二行很长很长。", 8, "第一行\n第二行很\n长很长。"},
		{"", 10, ""},
	} {
		assert.Equal(t, c.want, breakLines(c.text, c.width, runeWidths), "%q in %v", c.text, c.width)
	}
}

// Whatever the width (down to six Chinese characters), no line begins with a closing mark, none ends with an opening one, every line fits
// unless a single character is wider, and the text is all there.
func TestBreakLinesNeverOrphansAClosingMark(t *testing.T) {
	t.Parallel()
	texts := []string{
		"数据库文件已损坏，或者不是本程序的数据库。请用“scitech check”查看问题，并从备份恢复（scitech restore）。",
		"不能写入 /home/user/文档/简报.pdf：它就是 /home/user/scitech.db，写入会毁掉这个文件。请另选一个文件名。",
		"Replace the current database with this backup? The current database is first kept as a \"before restore\" backup.",
		strings.Repeat("字", 37) + "。",
	}
	for _, text := range texts {
		for width := float32(12); width <= 90; width++ {
			lines := strings.Split(breakLines(text, width, runeWidths), "\n")
			for i, l := range lines {
				require.NotEmpty(t, l, "%q in %v", text, width)
				first, last := []rune(l)[0], []rune(l)[len([]rune(l))-1]
				assert.False(t, isClosingMark(first) && !(i == 0), "line %d of %q in %v begins with %q", i, text, width, first)
				assert.False(t, isOpeningMark(last) && i < len(lines)-1, "line %d of %q in %v ends with %q", i, text, width, last)
				assert.True(t, runeWidths(l) <= width || len([]rune(l)) <= 2, "line %q is wider than %v", l, width)
			}
			assert.Equal(t, strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(strings.Join(lines, ""), " ", ""))
		}
	}
}

// A message never leaves its closing "。" alone on a line, whatever its length, and the dialog draws no icon
// over it. Fyne's dialog.NewInformation did both: for some lengths of a sentence its last line was "。", and its
// icon sat behind the top right of the text.
func TestDialogTextKeepsItsFullStopAndHasNoIcon(t *testing.T) {
	u, _ := newTestUI(t, false)
	for n := 10; n <= 90; n++ {
		msg := strings.Repeat("字", n) + "。"
		d := u.env.inform(u.win, "标题", msg)
		for _, r := range drawnLines(u.win.Canvas().Overlays().Top()) {
			assert.NotEqual(t, "。", r, "a sentence of %d characters", n)
		}
		icon := findObject(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool { _, ok := o.(*canvas.Image); return ok })
		assert.Nil(t, icon, "the dialog draws no icon")
		d.Hide()
	}
	d := u.env.inform(u.win, "标题", strings.Repeat("很长的句子，", 40))
	for _, r := range drawnLines(u.win.Canvas().Overlays().Top()) {
		assert.LessOrEqual(t, fyne.MeasureText(r, 14, fyne.TextStyle{}).Width, dialogTextWidth)
	}
	d.Hide()
	assert.IsType(t, &widget.Label{}, newDialogText("x", nil))
}
