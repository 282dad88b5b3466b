package app

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

// recordingPrefs are the app's preferences with every value written kept, as text, to be searched.
type recordingPrefs struct {
	fyne.Preferences
	written []string
}

func (p *recordingPrefs) note(key string, v any) {
	p.written = append(p.written, fmt.Sprintf("%s=%v", key, v))
}
func (p *recordingPrefs) SetString(k, v string)  { p.note(k, v); p.Preferences.SetString(k, v) }
func (p *recordingPrefs) SetInt(k string, v int) { p.note(k, v); p.Preferences.SetInt(k, v) }
func (p *recordingPrefs) SetBool(k string, v bool) {
	p.note(k, v)
	p.Preferences.SetBool(k, v)
}
func (p *recordingPrefs) SetStringList(k string, v []string) {
	p.note(k, v)
	p.Preferences.SetStringList(k, v)
}

// serverCard is the data-location card with 服务器 chosen and its preferences recorded.
func serverCard(t *testing.T) (*UI, *data.Store, *dataLocationCard, *recordingPrefs) {
	t.Helper()
	u, st, c, _ := locationCard(t)
	prefs := &recordingPrefs{Preferences: c.prefs}
	c.prefs = prefs
	require.True(t, c.serverBox.Hidden, "the file is the default: the server's fields are not shown")
	c.kind.SetSelected(zh.T("location.kind.server"))
	return u, st, c, prefs
}

// fillServer types a server's fields as a user would.
func fillServer(c *dataLocationCard, host, port, database, user string) {
	for _, f := range []struct {
		e    *widget.Entry
		text string
	}{{c.host, host}, {c.port, port}, {c.database, database}, {c.user, user}} {
		f.e.SetText("")
		test.Type(f.e, f.text)
	}
}

func TestDataLocationServerShowsItsFields(t *testing.T) {
	_, _, c, prefs := serverCard(t)
	assert.False(t, c.serverBox.Hidden)
	assert.Len(t, c.form.Items, c.baseItems+4, "host, port, database and user")
	assert.Same(t, c.host, c.form.Items[c.baseItems].Widget)
	assert.Contains(t, labelTexts(c.form), "主机")
	assert.True(t, c.fileBox.Hidden, "更改… and 恢复默认位置 are the file's")
	assert.Equal(t, "5432", c.port.Text, "PostgreSQL's port is offered")
	assert.True(t, c.connectBtn.Disabled(), "host, database and user are still empty")
	assert.True(t, c.serverProblem.Hidden, "an empty form opens without a list of faults")
	assert.Empty(t, prefs.written, "choosing 服务器 remembers nothing before a connection")

	c.kind.SetSelected(zh.T("location.kind.file"))
	assert.True(t, c.serverBox.Hidden)
	assert.Len(t, c.form.Items, c.baseItems)
	assert.NotContains(t, labelTexts(c.form), "主机")
	assert.False(t, c.fileBox.Hidden)
	assert.Nil(t, c.win.Canvas().Overlays().Top(), "the file was the location already: nothing to ask")
}

func TestDataLocationServerRefusesABadPortNamingTheField(t *testing.T) {
	u, _, c, prefs := serverCard(t)
	fillServer(c, "192.168.1.10", "70000", "scitech", "clerk")
	assert.True(t, c.connectBtn.Disabled())
	assert.Equal(t, "端口：应为 1 到 65535 之间的整数", c.serverProblem.Text)
	assert.False(t, c.serverProblem.Hidden)
	c.onConnect()
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "no password is asked for a server that cannot be")

	test.Type(c.host, " x") // "192.168.1.10 x"
	assert.Equal(t, "主机：应为计算机名、域名或 IP 地址，例如 192.168.1.10\n端口：应为 1 到 65535 之间的整数", c.serverProblem.Text,
		"each wrong field is named")

	fillServer(c, "db.office.lan", "5433", "scitech", "clerk")
	assert.False(t, c.connectBtn.Disabled())
	assert.True(t, c.serverProblem.Hidden)
	assert.Empty(t, prefs.written)
}

func TestServerFieldsAreNamedInBothLanguages(t *testing.T) {
	en := assets.NewTranslator("en")
	for _, tc := range []struct {
		host, port, database, user string
		zh, en                     string
	}{
		{"db", "0", "d", "u", "端口：应为 1 到 65535 之间的整数", "Port: must be a whole number from 1 to 65535"},
		{"db", "5432x", "d", "u", "端口：应为 1 到 65535 之间的整数", "Port: must be a whole number from 1 to 65535"},
		{"", "5432", "d", "u", "主机：必须填写", "Host: is required"},
		{"db/x", "5432", "d", "u", "主机：应为计算机名、域名或 IP 地址，例如 192.168.1.10",
			"Host: must be a computer name, domain name or IP address, e.g. 192.168.1.10"},
		{"db", "5432", strings.Repeat("科", 22), "u", "数据库：最多 63 个字节（一个汉字占 3 个字节）",
			"Database: must be at most 63 bytes (a Chinese character takes 3)"},
		{"db", "5432", "d", " ", "用户名：必须填写", "User name: is required"},
	} {
		_, err := parseServerLocation(tc.host, tc.port, tc.database, tc.user)
		require.Error(t, err, tc)
		assert.Equal(t, tc.zh, usertext.Error(zh, err))
		assert.Equal(t, tc.en, usertext.Error(en, err))
	}
	for _, host := range []string{"db.office.lan", "192.168.1.10", "::1", "fe80::1", "/var/run/postgresql", "DB-1"} {
		_, err := parseServerLocation(host, " 5432 ", "scitech", "clerk")
		assert.NoError(t, err, host)
	}
}

func TestServerLocationURLHasNoPassword(t *testing.T) {
	l := ServerLocation{Host: "db.office.lan", Port: 5433, Database: "科技", User: "王 clerk"}
	target := l.Target("p@ss:w/rd")
	assert.Equal(t, "postgres://%E7%8E%8B%20clerk@db.office.lan:5433/%E7%A7%91%E6%8A%80", target.URL)
	assert.Equal(t, "p@ss:w/rd", target.Password)
	assert.True(t, target.Server())
	assert.Equal(t, "王 clerk@db.office.lan:5433/科技", target.String())
	assert.Equal(t, "王 clerk@db.office.lan:5433/科技", l.String())

	ip6 := ServerLocation{Host: "fe80::1", Port: 5432, Database: "d", User: "u"}
	assert.Equal(t, "postgres://u@[fe80::1]:5432/d", ip6.URL())
	sock := ServerLocation{Host: "/run/pg sock", Port: 5432, Database: "d", User: "u"}
	assert.Equal(t, "postgres://u@/d?host=%2Frun%2Fpg+sock&port=5432", sock.URL())
	assert.Equal(t, "u@/run/pg sock/d", data.Target{URL: sock.URL()}.String())
}

// connectThrough fills the card with a server, taps 连接并使用…, types the password and connects, then waits.
func connectThrough(t *testing.T, u *UI, c *dataLocationCard, host, password string) {
	t.Helper()
	fillServer(c, host, "5432", "scitech", "clerk")
	require.False(t, c.connectBtn.Disabled())
	test.Tap(c.connectBtn)
	require.NotNil(t, c.password, "the password is asked in a dialog")
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText(zh.T("location.server.password.prompt",
		map[string]any{"User": "clerk", "Server": ServerLocation{Host: host, Port: 5432, Database: "scitech", User: "clerk"}.String()}), u.win).Text)
	test.Type(c.password, password)
	test.Tap(overlayButton(t, u.win, zh.T("serverlogin.connect")))
	require.NotNil(t, c.done)
	<-c.done
}

func TestDataLocationServerRemembersAllButThePassword(t *testing.T) {
	u, st, c, prefs := serverCard(t)
	var tried data.Target
	serverDB := filepath.Join(t.TempDir(), data.DBFileName)
	openServer = func(_ context.Context, target data.Target) (*data.Store, error) {
		tried = target
		return data.Open(serverDB) // stands for the server's store: the card closes it again
	}
	t.Cleanup(func() { openServer = data.OpenTarget })
	const password = "Kx9-secret-pw"
	connectThrough(t, u, c, "db.office.lan", password)

	assert.Equal(t, password, tried.Password, "the typed password reaches the connection")
	assert.NotContains(t, tried.URL, password)
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()),
		newDialogText(zh.T("location.server.done", map[string]any{"Server": "clerk@db.office.lan:5432/scitech"}), u.win).Text)
	require.NotEmpty(t, prefs.written)
	for _, w := range prefs.written {
		assert.NotContains(t, w, password, "no preference holds the password")
	}
	assert.Contains(t, prefs.written, "location.server.host=db.office.lan")
	assert.Contains(t, prefs.written, "location.kind=server")
	loc, ok := ChosenServer(fyne.CurrentApp())
	require.True(t, ok, "the next start opens the server")
	assert.Equal(t, ServerLocation{Host: "db.office.lan", Port: 5432, Database: "scitech", User: "clerk"}, loc)
	assert.Equal(t, zh.T("location.next.server", map[string]any{"Server": loc.String()}), c.next.Text)
	assert.Nil(t, c.password, "the dialog's copy of the password is gone")
	assertNoFileHolds(t, password, c.defaultDir, filepath.Dir(st.Path()))
	assert.Same(t, st, u.store, "the window keeps its database until it starts again")

	// Back to the file: asked first, then the next start opens the file again.
	c.kind.SetSelected(zh.T("location.kind.file"))
	next := filepath.Join(c.defaultDir, data.DBFileName)
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()), newDialogText(zh.T("location.to_file.confirm",
		map[string]any{"Path": next, "Server": loc.String()}), u.win).Text)
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm")))
	_, ok = ChosenServer(fyne.CurrentApp())
	assert.False(t, ok)
	assert.Contains(t, c.next.Text, next)
	l, _ := readServer(fyne.CurrentApp().Preferences())
	assert.Equal(t, "db.office.lan", l.Host, "the server's fields stay for the next time")
}

func TestDataLocationServerBackToFileCanBeCancelled(t *testing.T) {
	u, _, c, _ := locationCard(t)
	rememberServer(c.prefs, ServerLocation{Host: "db", Port: 5432, Database: "d", User: "u"})
	c.refresh()
	c.selectKind(true)
	c.kind.SetSelected(zh.T("location.kind.file"))
	test.Tap(overlayButton(t, u.win, zh.T("action.cancel")))
	assert.Equal(t, zh.T("location.kind.server"), c.kind.Selected, "cancelled: the server stays chosen")
	assert.False(t, c.serverBox.Hidden)
	_, ok := ChosenServer(fyne.CurrentApp())
	assert.True(t, ok)
}

// assertNoFileHolds fails when a file under one of the folders holds the text.
func assertNoFileHolds(t *testing.T, text string, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			b, _ := os.ReadFile(path)
			assert.NotContains(t, string(b), text, "%s holds the password", path)
			return nil
		})
	}
}

func TestDataLocationServerRefusedKeepsTheStore(t *testing.T) {
	u, st, c, prefs := serverCard(t)
	socket := t.TempDir() // a folder where no server listens
	connectThrough(t, u, c, socket, "pw")

	server := ServerLocation{Host: socket, Port: 5432, Database: "scitech", User: "clerk"}.String()
	assert.Equal(t, "clerk@"+socket+"/scitech", server)
	msg := strings.Join(labelTexts(u.win.Canvas().Overlays().Top()), "\n")
	assert.Contains(t, strings.ReplaceAll(msg, "\n", ""), server, "the message names the server")
	assert.Contains(t, msg, "数据位置没有更改")
	t.Log(msg)
	for _, w := range prefs.written {
		assert.NotContains(t, w, "location.kind=server", "a server that did not answer is not remembered")
	}
	_, ok := ChosenServer(fyne.CurrentApp())
	assert.False(t, ok)
	assert.Same(t, st, u.store)
	_, err := st.Stats(bg(), 2025)
	assert.NoError(t, err, "the database in use still works")
	assert.False(t, c.connectBtn.Disabled(), "the user may try again")
}

// serverStore is a store that says it is a server's, to build the screens a server store gets.
type serverStore struct{ *data.Store }

func (serverStore) Server() bool { return true }
func (serverStore) Path() string { return "" }
func (serverStore) Name() string { return "clerk@db.office.lan:5432/scitech" }

func TestSettingsOnAServerStore(t *testing.T) {
	u, st := newTestUI(t, false)
	s := newSettingsScreen(u.env, serverStore{st}, u.win, fyne.CurrentApp().Preferences(), nil)
	u.win.SetContent(s.build())
	texts := labelTexts(u.win.Content())
	assert.Contains(t, texts, zh.T("backup.server.hint", map[string]any{"Server": "clerk@db.office.lan:5432/scitech"}),
		"the backups card says what a server's backup is")
	assert.Nil(t, s.backups, "no file to copy")
	require.NotNil(t, s.serverBackups)
	assert.Equal(t, filepath.Join(data.DefaultDataDir(), "backups", "server-clerk@db.office.lan_5432_scitech"), s.serverBackups.dir)
	assert.Nil(t, s.location.folder, "a server's database has no folder here")
	assert.Equal(t, "clerk@db.office.lan:5432/scitech", s.location.file.Text)
	assert.NotContains(t, texts, zh.T("location.folder"))

	rememberServer(fyne.CurrentApp().Preferences(), ServerLocation{Host: "db.office.lan", Port: 5432, Database: "scitech", User: "clerk"})
	s.location.refresh()
	assert.Equal(t, zh.T("location.next.same"), s.location.next.Text)
	other := ServerLocation{Host: "db2.office.lan", Port: 5432, Database: "scitech", User: "clerk"}
	rememberServer(fyne.CurrentApp().Preferences(), other)
	s.location.refresh()
	assert.Equal(t, zh.T("location.next.server", map[string]any{"Server": other.String()}), s.location.next.Text,
		"another server chosen: the next start opens that one")
}

// refusingServer is a server store whose backup is refused.
type refusingServer struct{ serverStore }

func (refusingServer) Backup(context.Context, string) error {
	return &data.Error{Code: data.Invalid, Key: "err.server.file_only", Args: map[string]any{"Server": "x"}}
}

func TestServerBackupWritesAFileInTheServersFolder(t *testing.T) {
	u, st := newTestUI(t, true)
	c := newServerBackupCard(u.env, serverStore{st}, u.win)
	c.dir = filepath.Join(t.TempDir(), "backups", "server-x")
	u.win.SetContent(c.build())
	assert.Equal(t, zh.T("backup.last.none"), c.last.Text)

	test.Tap(c.backupBtn)
	<-c.done
	wrote := filepath.Join(c.dir, "manual-20261126-000000.db") // named as the file's manual backups are
	assert.Contains(t, labelTexts(u.win.Canvas().Overlays().Top()),
		newDialogText(zh.T("backup.done", map[string]any{"Path": wrote}), u.win).Text)
	require.NoError(t, data.CheckBackup(wrote), "the store's backup is in the server's folder")
	assert.Contains(t, c.last.Text, "手动")
	assert.False(t, c.backupBtn.Disabled())

	c.store = refusingServer{serverStore{st}}
	u.win.Canvas().Overlays().Top().Hide()
	test.Tap(c.backupBtn)
	<-c.done
	assert.Contains(t, strings.ReplaceAll(overlayText(t, u.win), "\n", ""), "数据库在服务器 x 上", "a failure is said")
	assert.False(t, c.backupBtn.Disabled())
}

func TestDataLocationCardCopiesAServerIntoAFile(t *testing.T) {
	u, st := newTestUI(t, false)
	prefs := fyne.CurrentApp().Preferences()
	rememberServer(prefs, ServerLocation{Host: "db.office.lan", Port: 5432, Database: "scitech", User: "clerk"})
	s := newSettingsScreen(u.env, serverStore{st}, u.win, prefs, nil)
	u.win.SetContent(s.build())
	c := s.location
	c.defaultDir = filepath.Join(t.TempDir(), "appdata", "scitech")
	folder := t.TempDir()
	c.pickFolder = func(onChosen func(string)) { onChosen(folder) }

	c.kind.SetSelected(zh.T("location.kind.file"))
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm"))) // from the next start, the file
	u.win.Canvas().Overlays().Top().Hide()
	test.Tap(c.changeBtn)
	target := filepath.Join(folder, data.DBFileName)
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm"))) // copy the database in use there
	<-c.done
	require.NoError(t, data.CheckBackup(target), "the store's data is written into the folder's database file")
	chosen, err := data.ReadLocation(c.defaultDir)
	require.NoError(t, err)
	assert.Equal(t, folder, chosen)
	_, ok := ChosenServer(fyne.CurrentApp())
	assert.False(t, ok, "the next start opens the file")
}
