package app

import (
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// ServerLocation is a database server chosen in Settings → 数据位置 → 服务器: everything needed to reach it
// except the password, which the window asks for each time it connects and keeps in memory only.
type ServerLocation struct {
	Host     string // a host name or IP address, or the folder of the server's unix socket (an absolute path)
	Port     int
	Database string
	User     string
}

// DefaultServerPort is PostgreSQL's port.
const DefaultServerPort = 5432

// The app preferences that remember the data location. Only these are written: the password never is.
const (
	prefLocationKind   = "location.kind" // locationKindServer, or empty for the file (data.DatabasePath)
	prefServerHost     = "location.server.host"
	prefServerPort     = "location.server.port"
	prefServerDatabase = "location.server.database"
	prefServerUser     = "location.server.user"
	locationKindServer = "server"
)

// socketHost reports whether the host is the folder of a unix socket rather than a machine's name.
func (l ServerLocation) socketHost() bool { return strings.HasPrefix(l.Host, "/") }

// URL is the server's postgres:// URL, without a password.
func (l ServerLocation) URL() string {
	u := url.URL{Scheme: "postgres", User: url.User(l.User), Path: "/" + l.Database}
	if l.socketHost() {
		u.RawQuery = url.Values{"host": {l.Host}, "port": {strconv.Itoa(l.Port)}}.Encode()
	} else {
		u.Host = net.JoinHostPort(l.Host, strconv.Itoa(l.Port))
	}
	return u.String()
}

// String names the server in messages as the store's own messages do (data.Target's String):
// user@host:port/database, or user@socket-folder/database.
func (l ServerLocation) String() string { return l.Target("").String() }

// Target is what data.OpenTarget connects to: the URL, and the password typed for this session.
func (l ServerLocation) Target(password string) data.Target {
	return data.Target{URL: l.URL(), Password: password}
}

// Validate checks every field and gives one error per wrong field, each naming its field.
func (l ServerLocation) Validate() error {
	_, err := parseServerLocation(l.Host, strconv.Itoa(l.Port), l.Database, l.User)
	return err
}

// parseServerLocation reads the fields of 设置 → 数据位置 → 服务器 as typed, surrounding spaces dropped. The
// error holds one *data.Error per wrong field (data.Errors), each naming its field.
func parseServerLocation(host, port, database, user string) (ServerLocation, error) {
	var errs data.Errors
	for _, err := range []error{validateServerHost(host), validateServerPort(port),
		validateServerName("server_database", database), validateServerName("server_user", user)} {
		var e *data.Error
		if errors.As(err, &e) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return ServerLocation{}, errs
	}
	n, _ := strconv.Atoi(strings.TrimSpace(port))
	return ServerLocation{Host: strings.TrimSpace(host), Port: n, Database: strings.TrimSpace(database),
		User: strings.TrimSpace(user)}, nil
}

// serverFieldError is the error of a wrong server field; the message names the field (err.with_field).
func serverFieldError(field, key, msg string) error {
	return &data.Error{Code: data.Invalid, Field: field, Key: key, Message: msg}
}

// validateServerHost accepts a host name, an IPv4 or IPv6 address, or a socket folder's absolute path.
func validateServerHost(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return serverFieldError("server_host", "err.required", "is required")
	case len(s) > 255:
		return serverFieldError("server_host", "err.location.host", "must be a host name or IP address")
	case strings.HasPrefix(s, "/"):
		if strings.ContainsFunc(s, unicode.IsControl) {
			return serverFieldError("server_host", "err.location.host", "must be a host name or IP address")
		}
		return nil
	case net.ParseIP(s) != nil:
		return nil
	}
	for _, r := range s {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '.' || r == '-' || r == '_') {
			return serverFieldError("server_host", "err.location.host", "must be a host name or IP address")
		}
	}
	return nil
}

// validateServerPort accepts a whole number from 1 to 65535.
func validateServerPort(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return serverFieldError("server_port", "err.required", "is required")
	}
	if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 65535 {
		return serverFieldError("server_port", "err.location.port", "must be a whole number from 1 to 65535")
	}
	return nil
}

// validateServerName checks a database or user name: given, without control characters, and at most the 63
// bytes a PostgreSQL name may have (a longer one the server would cut short silently).
func validateServerName(field, s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return serverFieldError(field, "err.required", "is required")
	case strings.ContainsFunc(s, unicode.IsControl):
		return serverFieldError(field, "err.location.name_chars", "must not hold control characters")
	case len(s) > 63:
		return serverFieldError(field, "err.location.name_long", "must be at most 63 bytes")
	}
	return nil
}

// readServer is the server remembered in the preferences, and whether the window opens it (rather than the
// file). A location never chosen gives the default port and empty fields.
func readServer(p fyne.Preferences) (ServerLocation, bool) {
	l := ServerLocation{
		Host:     p.String(prefServerHost),
		Port:     p.IntWithFallback(prefServerPort, DefaultServerPort),
		Database: p.String(prefServerDatabase),
		User:     p.String(prefServerUser),
	}
	return l, p.String(prefLocationKind) == locationKindServer
}

// rememberServer makes the window open the server from its next start. It writes the host, port, database
// and user: no password, which the window asks for each time.
func rememberServer(p fyne.Preferences, l ServerLocation) {
	p.SetString(prefServerHost, l.Host)
	p.SetInt(prefServerPort, l.Port)
	p.SetString(prefServerDatabase, l.Database)
	p.SetString(prefServerUser, l.User)
	p.SetString(prefLocationKind, locationKindServer)
}

// forgetServer makes the window open the file again; the server's fields stay, to fill the form next time.
func forgetServer(p fyne.Preferences) { p.SetString(prefLocationKind, "") }

// ChosenServer is the server chosen in Settings that the window opens when it is started without --db;
// ok is false when the window opens the database file (data.DatabasePath), as it does by default.
func ChosenServer(a fyne.App) (ServerLocation, bool) {
	l, server := readServer(a.Preferences())
	return l, server && l.Validate() == nil
}

// openServer connects to a server; tests replace it.
var openServer = data.OpenTarget

// serverProblem says why a connection to the server failed, naming the server: the store's own words when it
// has them (err.server.unreachable, auth…), else a sentence of ours (the driver's text goes to the log).
func (e *env) serverProblem(l ServerLocation, err error) string {
	problem := e.T("location.server.no_answer", map[string]any{"Server": l.String()})
	var de *data.Error
	if errors.As(data.Explain(err), &de) && de.Code != data.Internal && e.tr.Has(de.Key) {
		problem = e.errorText(err)
	} else {
		fyne.LogError("connect to the database server "+l.String(), err)
	}
	return problem
}

// ServerLogin is the small window that asks for the password of the server chosen in Settings before the
// main window opens: the server, a password entry, Quit, 改用本机文件 and Connect.
type ServerLogin struct {
	env       *env
	win       fyne.Window
	prefs     fyne.Preferences
	loc       ServerLocation
	onOpen    func(*data.Store)
	onUseFile func() error
	connected bool

	Message  *widget.Label
	Password *widget.Entry
	Problem  *widget.Label
	Connect  *widget.Button
	UseFile  *widget.Button // nil without onUseFile
	Quit     *widget.Button
	progress *widget.ProgressBarInfinite
	done     chan struct{} // closed when the last connection attempt's result is shown; tests wait on it
}

// AskServerPassword shows the password window. Connect (or Enter) connects off the main goroutine
// (data.OpenTarget, the password kept in memory only); once connected, it calls onOpen with the store on the
// main goroutine, which shows the main window, and closes. A refused password or an unreachable server is
// said in the window, which asks again. With onUseFile, 改用本机文件 calls it (it opens the database file and
// shows the main window) and, once that worked, forgets the server: the window opens the file from then on;
// when it fails, the window says why and still offers Connect. Quit, or closing the window, quits the app.
// Call it before the app runs, on the main goroutine.
func AskServerPassword(a fyne.App, loc ServerLocation, onOpen func(*data.Store), onUseFile func() error) *ServerLogin {
	e := prepareApp(a)
	l := &ServerLogin{env: e, win: a.NewWindow(e.T("serverlogin.title")), prefs: a.Preferences(), loc: loc, onOpen: onOpen,
		onUseFile: onUseFile}
	l.build(a)
	l.win.Resize(fyne.NewSize(560, 260))
	l.win.SetCloseIntercept(a.Quit)
	l.win.CenterOnScreen()
	l.win.Show()
	l.win.Canvas().Focus(l.Password)
	return l
}

func (l *ServerLogin) build(a fyne.App) {
	l.Message = &widget.Label{Text: l.env.T("serverlogin.message", map[string]any{"Server": l.loc.String(), "User": l.loc.User}),
		Wrapping: fyne.TextWrapWord}
	l.Password = widget.NewPasswordEntry()
	l.Password.OnSubmitted = func(string) { l.onConnect() }
	l.Problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.Problem.Hide()
	l.progress = widget.NewProgressBarInfinite()
	l.progress.Hide()
	l.Quit = &widget.Button{Text: l.env.T("startup.locked.quit"), Icon: theme.CancelIcon(), OnTapped: a.Quit}
	l.Connect = &widget.Button{Text: l.env.T("serverlogin.connect"), Icon: theme.LoginIcon(), Importance: widget.HighImportance,
		OnTapped: l.onConnect}
	buttons := container.NewHBox(layout.NewSpacer(), l.Quit)
	if l.onUseFile != nil {
		l.UseFile = &widget.Button{Text: l.env.T("serverlogin.use_file"), Icon: theme.FileIcon(), OnTapped: l.onUseFileTapped}
		buttons.Add(l.UseFile)
	}
	buttons.Add(l.Connect)
	form := widget.NewForm(widget.NewFormItem(l.env.T("location.server.password"), l.Password))
	body := container.NewVBox(l.Message, form, l.Problem, l.progress)
	l.win.SetContent(container.NewPadded(container.NewBorder(nil, buttons,
		container.NewVBox(widget.NewIcon(theme.StorageIcon())), nil, body)))
}

// Window is the password window.
func (l *ServerLogin) Window() fyne.Window { return l.win }

func (l *ServerLogin) onConnect() {
	if l.connected || l.Connect.Disabled() {
		return
	}
	l.busy(true)
	target := l.loc.Target(l.Password.Text)
	done := make(chan struct{})
	l.done = done
	go func() {
		st, err := openServer(bg(), target)
		fyne.Do(func() {
			defer close(done)
			l.opened(st, err)
		})
	}()
}

func (l *ServerLogin) opened(st *data.Store, err error) {
	l.busy(false)
	if err != nil {
		l.Problem.SetText(l.env.serverProblem(l.loc, err))
		l.Problem.Show()
		l.Password.SetText("")
		l.win.Canvas().Focus(l.Password)
		return
	}
	l.connected = true
	l.Password.SetText("") // the store has it; this window's copy goes
	l.onOpen(st)
	l.close()
}

// onUseFileTapped opens the file instead; once it is open, the server is forgotten, so that the window opens
// the file from then on. A file that cannot be opened is said, and the server may still be connected to.
func (l *ServerLogin) onUseFileTapped() {
	if err := l.onUseFile(); err != nil {
		if data.ErrorCode(err) == data.Internal {
			fyne.LogError("open the database file", err)
		}
		l.Problem.SetText(l.env.errorText(err))
		l.Problem.Show()
		l.UseFile.Hide()
		return
	}
	forgetServer(l.prefs)
	l.close()
}

// close closes the window once the main one shows, so that closing it does not end the app.
func (l *ServerLogin) close() {
	l.win.SetCloseIntercept(nil)
	l.win.Close()
}

// busy shows the bar and holds the buttons while a connection is tried.
func (l *ServerLogin) busy(on bool) {
	for _, b := range []*widget.Button{l.Connect, l.UseFile} {
		if b != nil {
			setEnabled(b, !on)
		}
	}
	if on {
		l.Problem.Hide()
		l.progress.Show()
		l.Password.Disable()
	} else {
		l.progress.Hide()
		l.Password.Enable()
	}
}
