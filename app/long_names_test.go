package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// roomFor checks that the window gives text room to be read whole in its cell of table: every line the
// label draws fits the label's width (a cut line would not: Fyne's test driver draws a cut text whole and only
// the real window ends it in "…"), the lines make up the whole text, and they fit the row's height.
func roomFor(t *testing.T, w fyne.Window, table fyne.CanvasObject, text string) {
	t.Helper()
	label := notCut(t, w, text)
	assert.LessOrEqual(t, posIn(table, label).X+label.Size().Width/2, table.Size().Width, "%q is inside the window", text)
}

// notCut finds the label the window shows text in and checks that each of its lines fits its cell and its
// lines fit the row: the text is read whole, where it stands (in a table that may scroll sideways).
func notCut(t *testing.T, w fyne.Window, text string) *widget.Label {
	t.Helper()
	label := shownInWindow(t, w, text)
	size := theme.TextSize()
	pad := 2 * theme.InnerPadding()
	for _, line := range drawnLines(label) {
		assert.LessOrEqual(t, fyne.MeasureText(line, size, fyne.TextStyle{}).Width+pad, label.Size().Width+0.5,
			"%q is not cut: its line %q fits its cell", text, line)
	}
	assert.Equal(t, text, drawnText(label), "%q is drawn whole", text)
	assert.LessOrEqual(t, label.MinSize().Height, label.Size().Height+0.5, "%q fits the height of its row", text)
	return label
}

// The park projects' names, parks and leading companies are read whole, wrapped like the descriptions beside
// them: at 1280 px they ended in "…" ("小南村全国休闲农业与乡…") in rows that the descriptions made tall anyway.
func TestParkProjectNamesAreReadWhole(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.parks")
	projects, err := st.ParkProjects(bg(), data.ParkProjectFilter{})
	require.NoError(t, err)
	require.NotEmpty(t, projects)
	for _, p := range projects[:min(5, len(projects))] {
		for _, text := range []string{p.Title, p.ParkName, p.Lead} {
			roomFor(t, u.win, u.parks.list.table, text)
		}
	}
}

// shownInWindow is the label the window draws text in, whatever lines it is broken into, on the window or in
// the dialog on top of it.
func shownInWindow(t *testing.T, w fyne.Window, text string) *widget.Label {
	t.Helper()
	match := func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.ReplaceAll(l.Text, "\n", "") == text && l.Visible()
	}
	found := findObject(w.Canvas().Content(), match)
	if top := w.Canvas().Overlays().Top(); found == nil && top != nil {
		found = findObject(top, match)
	}
	require.NotNil(t, found, "the window shows no %q", text)
	return found.(*widget.Label)
}

// The parks table's columns widen to what they show in the chosen language: "Industrial corridor" was cut to
// "Industrial …" in a kind column made for 产业长廊.
func TestParksAreReadWholeInEitherLanguage(t *testing.T) {
	for _, language := range []string{"zh", "en"} {
		t.Run(language, func(t *testing.T) {
			u, _ := newTestUI(t, true)
			u.onLanguageChanged(language)
			u.ShowSection("nav.parks")
			require.NotEmpty(t, u.parks.parks)
			for _, p := range u.parks.parks {
				for col := range parkColumns {
					roomFor(t, u.win, u.parks.parkTable, u.parks.parkCellText(col, p))
				}
			}
		})
	}
}

// A name or title the window has no room for wraps onto a second line instead of ending in "…": the plans'
// 项目名称 and 申报企业 were cut ("海洋牧场智能监测与投喂系…", "大连绿源智能温室工程有限…") while 计划类别 beside them was
// read whole, and in English the companies' high-tech fields ("Advanced manufacturing and autom…"). What the
// window still has no room for scrolls sideways.
func TestNarrowedNamesWrapInsteadOfBeingCut(t *testing.T) {
	for _, language := range []string{"zh", "en"} {
		t.Run(language, func(t *testing.T) {
			u, _ := newTestUI(t, true)
			u.onLanguageChanged(language)
			u.ShowSection("nav.plans")
			plans := u.plans.list
			for row := range min(plans.count, 8) {
				for col := range plans.cfg.Columns {
					notCut(t, u.win, strings.ReplaceAll(plans.cellText(row, col), "\n", ""))
				}
			}
			u.ShowSection("nav.companies")
			companies := u.companies.list
			for row := range min(companies.count, 8) {
				for col := range companies.cfg.Columns {
					notCut(t, u.win, strings.ReplaceAll(companies.cellText(row, col), "\n", ""))
				}
			}
		})
	}
}
