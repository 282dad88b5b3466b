package app

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// TestMain removes the databases datatest built for the test binary's tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := datatest.Cleanup(); err != nil {
		fmt.Println(err)
		code = max(code, 1)
	}
	os.Exit(code)
}

// zh is the Chinese translator, for the texts tests expect the windows to show.
var zh = assets.NewTranslator("zh")

// testDay is the day the tests' windows live on, fixed so that golden files and default dates do not age.
var testDay = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// testEnv is the env of a test's window: Chinese, a clock standing still at now, and the test app's opener
// (which opens nothing); a test that looks at what is opened sets its own opener on the window's env.
func testEnv(a fyne.App, now time.Time) *env {
	return &env{tr: assets.NewTranslator("zh"), now: func() time.Time { return now }, open: a.OpenURL}
}

// newTestUI opens the real window over a database file in t.TempDir(), through Fyne's test driver, on testDay.
func newTestUI(t *testing.T, sample bool) (*UI, *data.Store) {
	t.Helper()
	return newTestUIAt(t, sample, testDay)
}

// newTestUIAt is newTestUI with the window's clock standing at now.
func newTestUIAt(t *testing.T, sample bool, now time.Time) (*UI, *data.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	path := datatest.EmptyFile(t)
	if sample {
		path = datatest.SampleFile(t) // a copy of the sample set loaded once for the test binary
	}
	st, err := data.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	inBackground = func(work, show func()) { work(); show() }
	t.Cleanup(func() { inBackground = inBackgroundOnGoroutine })
	u := newUI(a, st, testEnv(a, now))
	u.win.Resize(fyne.NewSize(1280, 760))
	return u, st
}

// inBackgroundOnGoroutine is the window's inBackground, which newTestUI replaces with a synchronous one.
var inBackgroundOnGoroutine = inBackground

// findButton finds a button by its text under o, descending into widgets as they render; nil when none.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	b, _ := findObject(o, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == text
	}).(*widget.Button)
	return b
}

// findObject is the first object under o (o itself included) that match accepts, descending into widgets as
// they render; nil when none.
func findObject(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if match(o) {
		return o
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, child := range children {
		if found := findObject(child, match); found != nil {
			return found
		}
	}
	return nil
}

// overlayButton finds a button by its text in the topmost dialog, as a user would look for it.
func overlayButton(t *testing.T, win fyne.Window, text string) *widget.Button {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	require.NotNil(t, top, "no dialog is open")
	found := findButton(top, text)
	require.NotNil(t, found, "no button %q in the dialog", text)
	return found
}

func TestEveryKeyUsedInTheCodeIsTranslated(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`T\("([a-z_.]*[a-z_])"`) // "field." + code style prefixes are checked below
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	words, err := filepath.Glob("../usertext/*.go") // the window shows usertext's sentences too
	require.NoError(t, err)
	files = append(files, words...)
	seen := 0
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		for _, f := range files {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				assert.True(t, tr.Has(m[1]), "%s: key %q has no %s text", f, m[1], lang)
			}
		}
	}
	assert.Greater(t, seen, 50)
	for _, code := range data.HighTechFields {
		assert.True(t, assets.NewTranslator("en").Has("field."+code), code)
	}
}

func TestSidebarListsEverySection(t *testing.T) {
	u, _ := newTestUI(t, false)
	assert.Len(t, u.sections, 14)
	u.ShowSection("nav.history")
	assert.False(t, hasLabel(u.content, "尚未开放"), "History is built")
	built := 0
	for _, s := range u.sections {
		if s.build != nil {
			built++
		}
	}
	assert.Equal(t, 14, built, "every section works")
	u.ShowSection("nav.companies")
	assert.False(t, hasLabel(u.content, "尚未开放"))
}

// hasLabel reports whether a label in the tree under o shows text containing s.
func hasLabel(o fyne.CanvasObject, s string) bool {
	switch c := o.(type) {
	case *widget.Label:
		return strings.Contains(c.Text, s)
	case *widget.Hyperlink: // an item that opens its record
		return strings.Contains(c.Text, s)
	case *widget.Card:
		return strings.Contains(c.Title, s) || strings.Contains(c.Subtitle, s) || (c.Content != nil && hasLabel(c.Content, s))
	case *fyne.Container:
		for _, child := range c.Objects {
			if hasLabel(child, s) {
				return true
			}
		}
	}
	return false
}

func TestLoadSampleFromTheEmptyFirstScreen(t *testing.T) {
	u, st := newTestUI(t, false)
	require.NotNil(t, u.home.loadBtn, "the empty database shows the sample button")
	test.Tap(u.home.loadBtn)
	n, err := st.CountCompanies(bg(), data.CompanyFilter{})
	require.NoError(t, err)
	assert.Equal(t, 36, n)
	assert.Equal(t, "nav.companies", u.sections[u.current].key, "the list of companies opens")
	assert.Equal(t, "共 36 家企业", u.companies.list.countLabel.Text)
}

func TestDashboardShowsThePublishedFigures(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.home")
	h := u.home
	require.NotNil(t, h.year)
	assert.Equal(t, "2025", h.year.Selected, "the newest year with output is shown first")
	want := map[string]string{"output_yuan": "47.45", "added_value_yuan": "12.09", "coop_companies": "33",
		"coop_institutions": "33", "coop_bases": "11", "coop_outcomes": "32", "teams_introduced": "6",
		"incubator_signed": "106", "plan_applicants": "4", "patent_applications": "63", "patent_grants": "31",
		"patents_valid": "206"}
	for name, v := range want {
		require.Contains(t, h.values, name)
		assert.Equal(t, v, h.values[name].Text, name)
	}
	assert.Equal(t, "2024 年：43.48，同比 +9.1%", h.changes["output_yuan"].Text)
	assert.Equal(t, "2024 年：180，增减 +26", h.changes["patents_valid"].Text)
	assert.True(t, hasLabel(h.attention, "【证书到期】"), "expiring certificates are listed")
	assert.True(t, hasLabel(h.attention, "【专利期满】"), "patents whose term ends soon are listed")
	test.AssertRendersToMarkup(t, "dashboard_2025.xml", u.win.Canvas())

	test.Tap(h.details["patents_valid"])
	require.NotNil(t, h.records, "the records behind a figure open")
	assert.Len(t, h.shown.Rows, 206)
	assert.Equal(t, "figure.col.app_no", h.shown.Columns[0])
	assert.Nil(t, h.recordsNote, "a whole list has no note")
	h.records.Hide()

	// A list longer than the dialog holds shows its first rows and says how many there are.
	defer func(n int) { recordsShown = n }(recordsShown)
	recordsShown = 50
	test.Tap(h.details["patents_valid"])
	assert.Len(t, h.shown.Rows, 50)
	assert.Equal(t, 206, h.shown.Total)
	require.NotNil(t, h.recordsNote)
	assert.Equal(t, "共 206 条，此处列出前 50 条；全部记录请在相应栏目中筛选、导出", h.recordsNote.Text)
	h.records.Hide()

	// The figures are read in the background, under a progress bar, and shown when they come.
	var pending []func()
	inBackground = func(work, show func()) { pending = append(pending, func() { work(); show() }) }
	h.year.SetSelected("2024")
	assert.True(t, h.loading.Visible())
	assert.Equal(t, "47.45", h.values["output_yuan"].Text, "the year before stays until the new one comes")
	h.year.SetSelected("2023") // chosen before 2024 came: 2024 is not shown when it comes
	require.Len(t, pending, 2)
	pending[0]()
	assert.Equal(t, "47.45", h.values["output_yuan"].Text)
	assert.True(t, h.loading.Visible())
	h.year.SetSelected("2024")
	pending[1]()
	pending[2]()
	assert.False(t, h.loading.Visible())
	assert.Equal(t, "43.48", h.values["output_yuan"].Text)
	assert.Equal(t, "5", h.values["teams_introduced"].Text)
}

func TestLanguageIsSelectableAndRemembered(t *testing.T) {
	u, _ := newTestUI(t, false)
	u.ShowSection("nav.settings")
	u.settings.language.SetSelected("English")
	assert.Equal(t, "en", u.app.Preferences().String(prefLanguage))
	assert.Equal(t, "Lushunkou Sci-Tech Service Platform", u.win.Title())
	assert.Equal(t, "nav.settings", u.sections[u.current].key, "the user stays on Settings")
	u.ShowSection("nav.companies")
	assert.Equal(t, "Add company", u.companies.list.addBtn.Text)

	again := New(u.app, u.store)
	assert.Equal(t, "en", again.env.tr.Lang, "the choice is read back from the preferences")
	again.win.Close()
}

// The brief header's settings are saved; a draft's number is not one of them (issue 17: only 签发 numbers a
// brief), but what a draft prints in its place is: 草稿 until the bureau chooses 第　期.
func TestBriefSettingsAreSaved(t *testing.T) {
	u, st := newTestUI(t, false)
	u.ShowSection("nav.settings")
	s := u.settings
	assert.Equal(t, "印“草稿”", s.draftMark.Selected)
	assert.Equal(t, []string{"印“草稿”", "留空（第　期）"}, s.draftMark.Options)
	s.briefName.SetText("")
	assert.True(t, s.saveBtn.Disabled(), "a brief needs a name")
	s.briefName.SetText("科技简报")
	s.draftMark.SetSelected("留空（第　期）")
	require.False(t, s.saveBtn.Disabled())
	test.Tap(s.saveBtn)
	b, err := st.BriefSettings(bg())
	require.NoError(t, err)
	assert.Equal(t, data.BriefSettings{IssuingUnit: "旅顺口区科学技术局", BriefName: "科技简报", DraftMark: data.DraftMarkBlank}, b)

	u.ShowSection("nav.companies")
	u.ShowSection("nav.settings")
	assert.Equal(t, "留空（第　期）", u.settings.draftMark.Selected, "the screen shows what was saved")
}

// TestDashboardListsAtMostThirtyAttentionItems: a city-sized database has thousands of things waiting; the
// dashboard lists the first attentionShown and says how many more there are.
func TestDashboardListsAtMostThirtyAttentionItems(t *testing.T) {
	u, s := newTestUI(t, false)
	require.NoError(t, s.LoadScaled(bg(), 300))
	u.ShowSection("nav.companies")
	u.ShowSection("nav.home") // built again over the loaded district
	items, _, err := s.Attention(bg(), u.env.today(), 0)
	require.NoError(t, err)
	require.Greater(t, len(items), attentionShown, "the synthetic district has more waiting than the dashboard lists")
	objs := u.home.attention.Objects
	require.Len(t, objs, attentionShown+1)
	for i, it := range items[:attentionShown] {
		assert.Contains(t, objs[i].(*widget.Hyperlink).Text, it.What, "the soonest first, as the whole list has them")
	}
	last, ok := objs[attentionShown].(*widget.Label)
	require.True(t, ok)
	assert.Equal(t, fmt.Sprintf("……另有 %d 项，请在相应栏目中查看", len(items)-attentionShown), last.Text)
}
