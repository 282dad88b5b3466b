package app

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	_ "github.com/jackc/pgx/v5/stdlib" // the admin connection that makes the test's database
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// pgServer is the throwaway PostgreSQL server's URL (SCITECH_PG_URL, which make test exports; by hand
// `tools/pgtest/pg.sh start`). Without one the test skips, or fails when SCITECH_REQUIRE_PG=1.
func pgServer(t *testing.T) *url.URL {
	t.Helper()
	s := os.Getenv("SCITECH_PG_URL")
	if s == "" {
		if os.Getenv("SCITECH_REQUIRE_PG") == "1" {
			t.Fatal("SCITECH_REQUIRE_PG=1 but SCITECH_PG_URL is not set: no PostgreSQL server to test on")
		}
		t.Skip("SCITECH_PG_URL is not set: no PostgreSQL server (make test starts one; tools/pgtest/pg.sh start)")
	}
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// serverLocationForTest makes a database on the test server as IT would (createdb, then scitech server init),
// dropped when the test ends, and gives it as the window's 数据位置 → 服务器 fields.
func serverLocationForTest(t *testing.T) ServerLocation {
	t.Helper()
	server := pgServer(t)
	admin, err := sql.Open("pgx", server.String())
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "app_" + hex.EncodeToString(b)
	_, err = admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })

	loc := ServerLocation{Host: server.Hostname(), Port: DefaultServerPort, Database: name, User: server.User.Username()}
	if h := server.Query().Get("host"); h != "" {
		loc.Host = h
	}
	if p := server.Port(); p != "" {
		loc.Port = atoiOr(p, DefaultServerPort)
	} else if p := server.Query().Get("port"); p != "" {
		loc.Port = atoiOr(p, DefaultServerPort)
	}
	require.NoError(t, data.InitServer(bg(), loc.URL()))
	return loc
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}

// Issue 19: the window on a PostgreSQL store, reached as a clerk reaches it: the server chosen in Settings,
// the password asked before the first frame; then add a company through the form, issue a brief, undo.
func TestWindowOnAServerStore(t *testing.T) {
	loc := serverLocationForTest(t)
	a := test.NewTempApp(t)
	rememberServer(a.Preferences(), loc)
	chosen, ok := ChosenServer(a)
	require.True(t, ok)

	var u *UI
	var st *data.Store
	inBackground = func(work, show func()) { work(); show() }
	t.Cleanup(func() { inBackground = inBackgroundOnGoroutine })
	login := AskServerPassword(a, chosen, func(s *data.Store) {
		st = s
		u = newUI(a, s, testEnv(a, testDay))
		u.win.Resize(fyne.NewSize(1280, 760))
	}, nil)
	test.Type(login.Password, "not-needed-the-test-server-trusts-its-socket")
	test.Tap(login.Connect)
	<-login.done
	require.NotNil(t, st, "connected: %s", login.Problem.Text)
	t.Cleanup(func() { st.Close() })
	require.True(t, st.Server())
	// The office's database is empty: the first screen names the server and offers no sample data, which would
	// put 36 invented companies into the database everyone shares.
	assert.Nil(t, u.home.loadBtn, "no sample button on a server")
	assert.True(t, hasLabel(u.home.view, loc.String()), "the empty first screen names the server")
	require.NoError(t, st.LoadSample(bg()), "the sample district on the server")

	t.Run("settings", func(t *testing.T) {
		u.ShowSection("nav.settings")
		c := u.settings.location
		assert.Equal(t, loc.String(), c.file.Text, "the database in use is the server")
		assert.Nil(t, c.folder)
		assert.Equal(t, zh.T("location.kind.server"), c.kind.Selected)
		assert.Nil(t, u.settings.backups, "no file to back up")

		// 立即备份 writes the server's data into a database file, which reads as the sample district does.
		b := u.settings.serverBackups
		require.NotNil(t, b)
		b.dir = filepath.Join(t.TempDir(), "server-backups")
		test.Tap(b.backupBtn)
		<-b.done
		files, err := data.ListBackups(b.dir)
		require.NoError(t, err)
		require.Len(t, files, 1, overlayTextOrNone(u.win))
		require.NoError(t, data.CheckBackup(files[0].Path))
		copy, err := data.Open(files[0].Path)
		require.NoError(t, err)
		defer copy.Close()
		sample, err := data.Open(filepath.Join(t.TempDir(), data.DBFileName))
		require.NoError(t, err)
		defer sample.Close()
		require.NoError(t, sample.LoadSample(bg()))
		for _, year := range []int{2024, 2025} {
			want, err := sample.Stats(bg(), year)
			require.NoError(t, err)
			got, err := copy.Stats(bg(), year)
			require.NoError(t, err)
			assert.Equal(t, want, got, "the backup of the server holds the sample's figures of %d", year)
		}
		u.win.Canvas().Overlays().Top().Hide()
	})

	const uscc, name = "91350100M000100Y43", "大连旅顺服务器测试科技有限公司"
	t.Run("add a company", func(t *testing.T) {
		_, err := st.CompanyByUSCC(bg(), uscc)
		require.Equal(t, data.NotFound, data.ErrorCode(err), "the code is not in the sample: %v", err)
		u.ShowSection("nav.companies")
		test.Tap(u.companies.list.addBtn)
		f := u.companies.form
		require.NotNil(t, f)
		test.Type(f.uscc, uscc)
		test.Type(f.name, name)
		f.field.SetSelectedIndex(0)
		f.park.SetSelectedIndex(1)
		test.Type(f.founded, "2016-05-20")
		require.False(t, f.saveBtn.Disabled())
		test.Tap(f.saveBtn)
		c, err := st.CompanyByUSCC(bg(), uscc)
		require.NoError(t, err, "saved on the server")
		assert.Equal(t, name, c.Name)
		assert.Equal(t, "现代海洋产业园", c.ParkName)
	})

	t.Run("issue a brief", func(t *testing.T) {
		u.reports.register.background = func(f func()) { f() }
		u.ShowSection("nav.reports")
		r := u.reports
		<-r.register.checked
		r.kind.SetSelected("科技工作简报")
		issueAndWait(t, r, "2025年科技工作简报")
		assert.Equal(t, "已签发“2025年科技工作简报”第1期", r.status.Text, overlayTextOrNone(r.win))
		list, err := st.ListIssuedBriefs(bg())
		require.NoError(t, err)
		require.Len(t, list, 1)
		pdf, err := st.IssuedBriefFile(bg(), list[0].ID, data.BriefPDF)
		require.NoError(t, err)
		assert.True(t, len(pdf) > 1000 && string(pdf[:5]) == "%PDF-", "the PDF's bytes are kept on the server")
		if top := r.win.Canvas().Overlays().Top(); top != nil {
			top.Hide()
		}
	})

	t.Run("undo", func(t *testing.T) {
		u.ShowSection("nav.history")
		h := u.history
		selectHistoryRow(t, h, historyRow(h, "新增", name))
		require.False(t, h.undoBtn.Disabled())
		test.Tap(h.undoBtn)
		undoThroughTheScreen(t, u, func() *historyScreen { return h })
		_, err := st.CompanyByUSCC(bg(), uscc)
		assert.Equal(t, data.NotFound, data.ErrorCode(err), "the company's creation is undone on the server: %v", err)
	})
}

// overlayTextOrNone is the open dialog's text, for a failure's message; "" when none is open.
func overlayTextOrNone(win fyne.Window) string {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(labelTexts(top), "\n")
}
