package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func TestChosenServerNeedsAServerChosen(t *testing.T) {
	a := test.NewTempApp(t)
	_, ok := ChosenServer(a)
	assert.False(t, ok, "nothing chosen: the window opens the file")
	loc := ServerLocation{Host: "db.office.lan", Port: 5432, Database: "scitech", User: "clerk"}
	rememberServer(a.Preferences(), loc)
	got, ok := ChosenServer(a)
	assert.True(t, ok)
	assert.Equal(t, loc, got)
	a.Preferences().SetInt(prefServerPort, 0)
	_, ok = ChosenServer(a)
	assert.False(t, ok, "a remembered server that cannot be reached as written is not tried")
	forgetServer(a.Preferences())
	rememberServer(a.Preferences(), loc)
	forgetServer(a.Preferences())
	_, ok = ChosenServer(a)
	assert.False(t, ok)
}

// loginAt opens the password window over a stub connection that fails with each error of fails in turn,
// then opens a real store.
func loginAt(t *testing.T, fails ...error) (*ServerLogin, *[]data.Target, *[]*data.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	var tried []data.Target
	openServer = func(_ context.Context, target data.Target) (*data.Store, error) {
		tried = append(tried, target)
		if len(fails) > 0 {
			err := fails[0]
			fails = fails[1:]
			return nil, err
		}
		return data.Open(filepath.Join(t.TempDir(), data.DBFileName))
	}
	t.Cleanup(func() { openServer = data.OpenTarget })
	var opened []*data.Store
	t.Cleanup(func() {
		for _, s := range opened {
			s.Close()
		}
	})
	loc := ServerLocation{Host: "db.office.lan", Port: 5432, Database: "scitech", User: "clerk"}
	l := AskServerPassword(a, loc, func(s *data.Store) { opened = append(opened, s) }, nil)
	return l, &tried, &opened
}

func TestServerLoginAsksAgainUntilConnected(t *testing.T) {
	refused := &data.Error{Code: data.Invalid, Key: "err.db.newer", Args: map[string]any{"Path": "clerk@db.office.lan:5432/scitech"}}
	l, tried, opened := loginAt(t, refused, errors.New("dial tcp 10.0.0.9:5432: connect: connection refused"))
	assert.Contains(t, l.Message.Text, "clerk@db.office.lan:5432/scitech")
	assert.Nil(t, l.UseFile, "no 改用本机文件 without a way to open the file")

	test.Type(l.Password, "first")
	test.Tap(l.Connect)
	<-l.done
	assert.Equal(t, "first", (*tried)[0].Password)
	assert.NotContains(t, (*tried)[0].URL, "first")
	assert.Equal(t, zh.T("err.db.newer", refused.Args), l.Problem.Text, "the store's own words")
	assert.Empty(t, l.Password.Text, "asked again")
	assert.Empty(t, *opened)

	test.Type(l.Password, "second")
	l.Password.OnSubmitted(l.Password.Text) // Enter
	<-l.done
	assert.Equal(t, zh.T("location.server.no_answer", map[string]any{"Server": "clerk@db.office.lan:5432/scitech"}),
		l.Problem.Text, "a driver's text is not shown, the server is named")

	test.Type(l.Password, "third")
	test.Tap(l.Connect)
	<-l.done
	require.Len(t, *opened, 1, "connected: the main window is shown over the store")
	assert.True(t, l.connected)
	assert.Empty(t, l.Password.Text)
	test.Tap(l.Connect)
	assert.Len(t, *tried, 3, "once connected, nothing is tried again")
}

func TestServerLoginCanUseTheFileInstead(t *testing.T) {
	a := test.NewTempApp(t)
	rememberServer(a.Preferences(), ServerLocation{Host: "db", Port: 5432, Database: "d", User: "u"})
	used := 0
	l := AskServerPassword(a, ServerLocation{Host: "db", Port: 5432, Database: "d", User: "u"}, func(*data.Store) {},
		func() error { used++; return nil })
	require.NotNil(t, l.UseFile)
	test.Tap(l.UseFile)
	assert.Equal(t, 1, used)
	_, ok := ChosenServer(a)
	assert.False(t, ok, "from now on the window opens the file")

	rememberServer(a.Preferences(), ServerLocation{Host: "db", Port: 5432, Database: "d", User: "u"})
	failing := AskServerPassword(a, ServerLocation{Host: "db", Port: 5432, Database: "d", User: "u"}, func(*data.Store) {},
		func() error {
			return &data.Error{Code: data.NotFound, Key: "err.location.missing", Args: map[string]any{"Folder": "E:\\scitech"}}
		})
	test.Tap(failing.UseFile)
	assert.Contains(t, failing.Problem.Text, "E:\\scitech", "a failure is said in the window")
	assert.False(t, failing.UseFile.Visible())
	assert.True(t, failing.Connect.Visible(), "the server may still be connected to")
	_, ok = ChosenServer(a)
	assert.True(t, ok, "the file did not open: the server stays chosen")
}
