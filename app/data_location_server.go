package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// buildServer makes the card's 服务器 part: host, port, database and user (rows the card's form shows while
// 服务器 is chosen), filled with the server remembered last; under them a line naming each wrong field, and
// 连接并使用….
func (c *dataLocationCard) buildServer() *fyne.Container {
	loc, _ := readServer(c.prefs)
	c.host = c.serverEntry(loc.Host, c.env.T("location.server.host.placeholder"), validateServerHost)
	c.port = c.serverEntry(strconv.Itoa(loc.Port), "", validateServerPort)
	c.database = c.serverEntry(loc.Database, "", func(s string) error { return validateServerName("server_database", s) })
	c.user = c.serverEntry(loc.User, "", func(s string) error { return validateServerName("server_user", s) })
	c.serverProblem = &widget.Label{Importance: widget.DangerImportance} // one short line per wrong field
	c.serverProblem.Hide()
	c.connectBtn = &widget.Button{Text: c.env.T("location.server.connect"), Icon: theme.LoginIcon(), OnTapped: c.onConnect}
	c.serverItems = []*widget.FormItem{
		widget.NewFormItem(c.env.fieldLabel("server_host"), c.host),
		widget.NewFormItem(c.env.fieldLabel("server_port"), c.port),
		widget.NewFormItem(c.env.fieldLabel("server_database"), c.database),
		widget.NewFormItem(c.env.fieldLabel("server_user"), c.user),
	}
	c.onServerFieldChanged("")
	return container.NewVBox(c.serverProblem, container.NewHBox(layout.NewSpacer(), c.connectBtn))
}

func (c *dataLocationCard) serverEntry(text, placeholder string, check func(string) error) *widget.Entry {
	e := &widget.Entry{Text: text, PlaceHolder: placeholder, OnChanged: c.onServerFieldChanged,
		Validator: func(s string) error { return c.env.validation(check(s)) }}
	e.ExtendBaseWidget(e)
	return e
}

// serverFields reads the typed server; the error names each wrong field.
func (c *dataLocationCard) serverFields() (ServerLocation, error) {
	return parseServerLocation(c.host.Text, c.port.Text, c.database.Text, c.user.Text)
}

// onServerFieldChanged holds 连接并使用… while a field is wrong, and names the wrong fields that are filled in
// (an empty one is only said under its entry, so that the empty form does not open with a list of faults).
func (c *dataLocationCard) onServerFieldChanged(string) {
	if c.connectBtn == nil {
		return // still building
	}
	_, err := c.serverFields()
	setEnabled(c.connectBtn, err == nil)
	var shown data.Errors
	if errs, ok := err.(data.Errors); ok {
		for _, e := range errs {
			if e.Key != "err.required" {
				shown = append(shown, e)
			}
		}
	}
	c.showServerProblem(shown)
}

func (c *dataLocationCard) showServerProblem(errs data.Errors) {
	if len(errs) == 0 {
		c.serverProblem.SetText("")
		c.serverProblem.Hide()
		return
	}
	c.serverProblem.SetText(c.env.errorText(errs))
	c.serverProblem.Show()
}

// selectKind sets the radio without asking anything, and shows the part that goes with it.
func (c *dataLocationCard) selectKind(server bool) {
	c.settingKind = true
	defer func() { c.settingKind = false }()
	if server {
		c.kind.SetSelected(c.env.T("location.kind.server"))
	} else {
		c.kind.SetSelected(c.env.T("location.kind.file"))
	}
	c.showKind(server)
}

// showKind shows the part of the card that goes with 本机文件 or 服务器: the server's fields are rows of the
// card's form, so that every label lines up.
func (c *dataLocationCard) showKind(server bool) {
	items := c.form.Items[:c.baseItems:c.baseItems]
	if server {
		items = append(items, c.serverItems...)
		c.fileBox.Hide()
		c.serverBox.Show()
	} else {
		c.serverBox.Hide()
		c.fileBox.Show()
	}
	c.form.Items = items
	c.form.Refresh()
}

// onKindChanged shows the part the user chose. Choosing 本机文件 while the server is the remembered location
// asks first, then makes the next start open the file; choosing 服务器 changes nothing until 连接并使用….
func (c *dataLocationCard) onKindChanged(label string) {
	if c.settingKind {
		return
	}
	server := label == c.env.T("location.kind.server")
	c.showKind(server)
	loc, remembered := readServer(c.prefs)
	if server || !remembered {
		return
	}
	next, _, _ := data.DatabasePath(c.defaultDir)
	msg := c.env.T("location.to_file.confirm", map[string]any{"Path": next, "Server": loc.String()})
	dialog.NewCustomConfirm(c.env.T("location.title"), c.env.T("action.confirm"), c.env.T("action.cancel"),
		newDialogText(msg, c.win), func(ok bool) {
			if !ok {
				c.selectKind(true)
				return
			}
			forgetServer(c.prefs)
			c.refresh()
			c.tell(c.env.T("location.done", map[string]any{"Path": next}))
		}, c.win).Show()
}

// refreshServerNext says which server the next start opens.
func (c *dataLocationCard) refreshServerNext(loc ServerLocation) {
	switch {
	case databaseGiven:
		c.next.SetText(c.env.T("location.next.server_without_db", map[string]any{"Server": loc.String()}))
	case c.onServer() && loc.String() == storeName(c.store):
		c.next.SetText(c.env.T("location.next.same"))
	default:
		c.next.Importance = widget.WarningImportance
		c.next.SetText(c.env.T("location.next.server", map[string]any{"Server": loc.String()}))
	}
}

// onConnect asks for the server's password; the dialog's 连接 connects.
func (c *dataLocationCard) onConnect() {
	loc, err := c.serverFields()
	if err != nil {
		errs, _ := err.(data.Errors)
		c.showServerProblem(errs)
		return
	}
	c.password = widget.NewPasswordEntry()
	msg := newDialogText(c.env.T("location.server.password.prompt", map[string]any{"Server": loc.String(), "User": loc.User}), c.win)
	d := dialog.NewCustomConfirm(c.env.T("location.server.password.title"), c.env.T("serverlogin.connect"),
		c.env.T("action.cancel"), container.NewVBox(msg,
			widget.NewForm(widget.NewFormItem(c.env.T("location.server.password"), c.password))),
		func(ok bool) { c.onPasswordAnswered(loc, ok) }, c.win)
	c.password.OnSubmitted = func(string) { d.Confirm() }
	d.Show()
	c.win.Canvas().Focus(c.password)
}

func (c *dataLocationCard) onPasswordAnswered(loc ServerLocation, ok bool) {
	password := c.password.Text
	c.password.SetText("") // the dialog's copy goes; only the connection being tried holds it
	c.password = nil
	if ok {
		c.connect(loc, password)
	}
}

// connect opens the server off the main goroutine to prove that it answers and that the password is right,
// then closes it again: like a folder chosen, the server is used from the next start.
func (c *dataLocationCard) connect(loc ServerLocation, password string) {
	c.connectBtn.Disable()
	target := loc.Target(password)
	c.done = withProgress(c.env, c.win, c.env.T("location.title"),
		c.env.T("location.server.connecting", map[string]any{"Server": loc.String()}),
		func(ctx context.Context) error {
			st, err := openServer(ctx, target)
			if st != nil {
				if cerr := st.Close(); cerr != nil {
					fyne.LogError("close the server tried", cerr)
				}
			}
			return err
		},
		func(err error, cancelled bool) { c.connected(loc, err, cancelled) })
}

func (c *dataLocationCard) connected(loc ServerLocation, err error, cancelled bool) {
	c.onServerFieldChanged("")
	switch {
	case cancelled:
	case err != nil:
		c.tell(c.env.T("location.server.failed", map[string]any{"Problem": c.env.serverProblem(loc, err)}))
	default:
		rememberServer(c.prefs, loc)
		c.refresh()
		c.tell(c.env.T("location.server.done", map[string]any{"Server": loc.String()}))
	}
}
