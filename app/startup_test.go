package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

func TestLockDialogOpensReadOnlyOrSaysWhyNot(t *testing.T) {
	a := test.NewTempApp(t)
	holder := "scitech (PID 4242) of wang on BUREAU-PC, since 2026-11-26 09:12"
	opened := 0
	d := AskReadOnly(a, `C:\data\scitech.db`, holder, func() error { opened++; return nil })
	assert.Contains(t, d.Message(), holder)
	assert.Contains(t, d.Message(), `C:\data\scitech.db`)
	assert.Equal(t, "只读打开", d.ReadOnly.Text)
	assert.Equal(t, "退出", d.Quit.Text)
	test.Tap(d.ReadOnly)
	assert.Equal(t, 1, opened)
	assert.NotContains(t, a.Driver().AllWindows(), d.Window(), "the dialog closes once the main window is open")

	refused := &data.Error{Code: data.Conflict, Key: "err.db.needs_upgrade", Message: "must be upgraded"}
	d = AskReadOnly(a, "/tmp/scitech.db", holder, func() error { return refused })
	test.Tap(d.ReadOnly)
	assert.Equal(t, zh.T("err.db.needs_upgrade"), d.Message(), "the dialog says why, and offers Quit only")
	assert.False(t, d.ReadOnly.Visible())
	assert.True(t, d.Quit.Visible())
}

// fakeChecker answers the start-up check with what it is given.
type fakeChecker struct {
	problems []data.Problem
	err      error
}

func (c fakeChecker) Check(context.Context) ([]data.Problem, error) { return c.problems, c.err }

// bannerButton finds a button of the banner by its text, as a user would look for it.
func bannerButton(t *testing.T, b *Banner, text string) *widget.Button {
	t.Helper()
	found := findButton(b.box, text)
	require.NotNil(t, found, "no button %q in the banner", text)
	return found
}

// checkBanner runs the background check and waits for it to finish.
func checkBanner(t *testing.T, b *Banner, c Checker) {
	t.Helper()
	done := make(chan struct{})
	b.CheckInBackground(context.Background(), c, func(bool) { close(done) })
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the start-up check did not finish")
	}
}

func TestStartupBannerShowsReadOnlyNetworkAndCheckProblems(t *testing.T) {
	u, st := newTestUI(t, true)
	info := StartupInfo{Path: st.Path(), ReadOnly: true, Holder: "scitech (PID 7)", NetworkDrive: true}
	b := u.ShowStartup(context.Background(), info, nil)
	require.Len(t, b.Texts(), 2)
	assert.Contains(t, b.Texts()[0], "只读模式：scitech (PID 7)")
	assert.Contains(t, b.Texts()[1], "网络驱动器")
	assert.True(t, b.Visible())

	checkBanner(t, b, st) // the sample data set is sound: no notice
	assert.Len(t, b.Texts(), 2)

	problems := []data.Problem{
		{Kind: "added_value", Args: map[string]any{"Company": "大连海宝渔业有限公司", "Year": 2025, "Output": "100.00", "Added": "120.00"}},
		{Kind: "integrity", Args: map[string]any{"Detail": "row 3 missing from index"}},
	}
	checkBanner(t, b, fakeChecker{problems: problems})
	require.Len(t, b.Texts(), 3)
	assert.Equal(t, "启动检查发现数据库有 2 个问题。", b.Texts()[2])
	test.Tap(bannerButton(t, b, "详情…"))
	top := u.win.Canvas().Overlays().Top()
	require.NotNil(t, top, "Details… opens a dialog")
	text := strings.Join(labelTexts(top), "\n")
	assert.Contains(t, text, "大连海宝渔业有限公司")
	assert.Contains(t, text, "row 3 missing from index")
}

func TestStartupCheckThatFailsSaysSo(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	b := newBanner(testEnv(a, testDay).inLanguage("en"), w)
	assert.False(t, b.Visible(), "an empty banner takes no room")
	checkBanner(t, b, fakeChecker{err: errors.New("disk I/O error")})
	assert.Equal(t, []string{"The start-up check could not finish."}, b.Texts())
	test.Tap(bannerButton(t, b, ""))
	assert.Empty(t, b.Texts(), "a notice can be dismissed")
	assert.False(t, b.Visible())
}

// A real database a second copy holds: the window's store opens read-only and refuses changes.
func TestReadOnlyStoreBesideTheWriter(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "scitech.db")
	w, err := data.Open(path)
	require.NoError(t, err)
	defer w.Close()
	_, err = data.Open(path)
	require.True(t, errors.Is(err, data.ErrLocked))
	ro, err := data.OpenReadOnly(path)
	require.NoError(t, err)
	defer ro.Close()
	assert.True(t, ro.ReadOnly())
}

// countingChecker counts the checks run and answers with its problems.
type countingChecker struct {
	runs     atomic.Int32
	problems []data.Problem
}

func (c *countingChecker) Check(context.Context) ([]data.Problem, error) {
	c.runs.Add(1)
	return c.problems, nil
}

// The start-up check reads the whole database, so the window runs it on the day's first start, and again on
// each start after one whose check found something.
func TestStartupCheckRunsOnTheDaysFirstStartAndUntilClean(t *testing.T) {
	u, st := newTestUI(t, false)
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	u.env.now = func() time.Time { return day } // the window's clock: the days pass as the test says
	info := StartupInfo{Path: st.Path()}
	c := &countingChecker{}
	start := func(wantRuns int32) {
		t.Helper()
		u.ShowStartup(context.Background(), info, c).checks.Wait()
		require.Equal(t, wantRuns, c.runs.Load())
	}
	start(1)
	assert.False(t, u.checkDue(info.Path), "a clean check is remembered for the day")
	start(1) // the same day: not again
	day = day.AddDate(0, 0, 1)
	start(2) // the next day's first start
	assert.False(t, u.checkDue(info.Path))

	c.problems = []data.Problem{{Kind: "integrity", Args: map[string]any{"Detail": "row 3 missing from index"}}}
	day = day.AddDate(0, 0, 1)
	start(3)
	start(4) // it found something: it runs again, and its notice shows again
	assert.True(t, u.checkDue(info.Path))
	assert.True(t, u.checkDue("/elsewhere/other.db"), "each database has its own day")
}

// The start-up check waits for the dashboard's 高企 radar, which checks every company: the two at once shared
// the cores and made the window's peak memory.
func TestStartupCheckWaitsForTheDashboardsRadar(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := data.Open(datatest.SampleFile(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	var pending []func()
	inBackground = func(work, show func()) { pending = append(pending, func() { work(); show() }) }
	t.Cleanup(func() { inBackground = inBackgroundOnGoroutine })
	u := newUI(a, st, testEnv(a, testDay))
	c := &countingChecker{}
	b := u.ShowStartup(context.Background(), StartupInfo{Path: st.Path()}, c)
	require.NotEmpty(t, pending, "the dashboard reads its figures and radar in the background")
	time.Sleep(200 * time.Millisecond)
	assert.Zero(t, c.runs.Load(), "the check waits while the radar is read")
	for _, f := range pending {
		f()
	}
	b.checks.Wait()
	assert.Equal(t, int32(1), c.runs.Load(), "and runs once it has been")
}
