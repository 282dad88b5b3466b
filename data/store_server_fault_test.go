package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/dialect"
	"scitech/data/postgres"
)

// A server that stops answering, and one that refuses work, on a real PostgreSQL (issue 19, "Bad input and
// faults"): the store's error names the server and the reason, and comes in bounded time.

// stallingProxy forwards TCP connections to the test server until stall: from then on it forwards nothing,
// either way, and keeps every socket open, as a server whose machine still answers TCP but whose database has
// stopped does. No keep-alive can tell that from a slow reply; only the connection's reply timeout can.
type stallingProxy struct {
	ln      net.Listener
	network string // the server's: "unix" (the throwaway server's socket) or "tcp"
	addr    string

	mu      sync.Mutex
	stalled chan struct{} // closed by stall
	conns   []net.Conn
}

// newStallingProxy listens on a TCP port of this machine for the server of url.
func newStallingProxy(t *testing.T, server string) *stallingProxy {
	t.Helper()
	u, err := url.Parse(server)
	require.NoError(t, err)
	p := &stallingProxy{network: "tcp", addr: u.Host, stalled: make(chan struct{})}
	if dir := u.Query().Get("host"); u.Host == "" && dir != "" {
		port := u.Query().Get("port")
		if port == "" {
			port = "5432"
		}
		p.network, p.addr = "unix", filepath.Join(dir, ".s.PGSQL."+port)
	}
	p.ln, err = net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(p.close)
	go p.serve()
	return p
}

// url is server's URL (its user and database) reached through the proxy, with the URL parameters extra.
func (p *stallingProxy) url(t *testing.T, server, extra string) string {
	t.Helper()
	u, err := url.Parse(server)
	require.NoError(t, err)
	u.Host, u.RawQuery = p.ln.Addr().String(), "sslmode=disable&"+extra
	return u.String()
}

func (p *stallingProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial(p.network, p.addr)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go p.forward(up, c)
		go p.forward(c, up)
	}
}

// forward copies from src to dst until stall, then reads on and drops what it reads (the socket stays open).
func (p *stallingProxy) forward(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if err != nil {
			return
		}
		select {
		case <-p.stalled:
			continue
		default:
		}
		if _, err := dst.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (p *stallingProxy) stall() { close(p.stalled) }

func (p *stallingProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// A server that stops answering in the middle of the work: the store's call does not wait for ever (a window
// whose list loads in its drawing would freeze), it returns err.server.unreachable naming the server once the
// connection's reply timeout runs out. The timeout is 2 minutes by default; the URL sets 2 s here, and the
// bound checked (20 s) is ten times that, for a loaded machine under -race.
func TestServerThatStopsAnsweringIsSaidUnreachable(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))
	p := newStallingProxy(t, u)
	through := p.url(t, u, "scitech.reply_timeout=2s")
	s, err := Open(through)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err, "through the proxy, before it stalls")

	p.stall()
	for _, call := range []struct {
		name string
		run  func() error
	}{
		{"a read", func() error { _, err := s.CountCompanies(ctx, CompanyFilter{}); return err }},
		{"a write", func() error {
			return s.CreateCompany(ctx, &Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"})
		}},
	} {
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- call.run() }()
		select {
		case err = <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: still waiting for the stopped server after 20 s", call.name)
		}
		t.Logf("%s: said after %v: %v", call.name, time.Since(start).Round(time.Millisecond), err)
		require.Error(t, err, call.name)
		assert.Equal(t, "err.server.unreachable", ErrorKey(err), "%s: %v", call.name, err)
		assert.Equal(t, Storage, ErrorCode(err), call.name)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, dialect.ParseTarget(through).String(), e.Args["Server"], "%s names the server", call.name)
	}
}

// A server that stops answering while it works on a statement it was sent (the proxy stops 300 ms into a 1 s
// statement, the reply never comes): the call returns err.server.unreachable naming the server once the reply
// timeout (2 s here) runs out.
func TestServerThatStopsMidStatementIsSaidUnreachable(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))
	p := newStallingProxy(t, u)
	through := p.url(t, u, "scitech.reply_timeout=2s")
	s, err := Open(through)
	require.NoError(t, err)
	defer s.Close()

	time.AfterFunc(300*time.Millisecond, p.stall)
	done := make(chan error, 1)
	go func() { done <- s.db.QueryRowContext(ctx, `SELECT 1 FROM pg_sleep(1)`).Scan(new(int)) }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("still waiting for the stopped server after 20 s")
	}
	err = Explain(err)
	assert.Equal(t, "err.server.unreachable", ErrorKey(err), "%v", err)
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, dialect.ParseTarget(through).String(), e.Args["Server"])
}

// The reply timeout is the program's URL parameter, not the server's; one that is no duration is refused as a
// URL that cannot be read.
func TestServerReplyTimeoutParameter(t *testing.T) {
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(context.Background(), u))
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	s, err := Open(u + sep + "scitech.reply_timeout=90s")
	require.NoError(t, err, "the server is not asked for the parameter")
	s.Close()
	_, err = Open(u + sep + "scitech.reply_timeout=soon")
	assert.Equal(t, "err.server.bad_url", ErrorKey(err), "%v", err)
}

// Every server error a desk meets after the store is open names the server: a busy writer (another desk's
// change), a statement the server cancelled, a session the server ended (its idle-in-transaction timeout),
// and a lost connection (the server's administrator ending it).
func TestServerErrorsDuringWorkNameTheServer(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))
	s, err := Open(u)
	require.NoError(t, err)
	defer s.Close()
	other, err := Open(u)
	require.NoError(t, err)
	defer other.Close()
	name := dialect.ParseTarget(u).String()
	c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}

	// update's own errors reach the user through Explain (usertext.Error), as a store method's through internal.
	check := func(what, key string, err error) {
		t.Helper()
		require.Error(t, err, what)
		err = Explain(err)
		assert.Equal(t, key, ErrorKey(err), "%s: %v", what, err)
		var e *Error
		if assert.True(t, errors.As(err, &e), what) {
			assert.Equal(t, name, e.Args["Server"], "%s: %v", what, err)
			assert.Equal(t, name, e.Args["Path"], what)
			assert.Contains(t, e.Error(), name, what)
		}
	}

	// Busy: the other desk holds the writer's lock longer than this desk waits.
	s.d.(*postgres.Dialect).LockTimeout = 200 * time.Millisecond
	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- other.update(ctx, func(*sql.Tx) error { close(holding); <-release; return nil })
	}()
	<-holding
	check("busy", "err.server.busy", s.CreateCompany(ctx, &c))
	close(release)
	require.NoError(t, <-done)

	// The server's statement_timeout cancels a statement (57014).
	err = s.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SET LOCAL statement_timeout = '50ms'`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `SELECT pg_sleep(5)`)
		return err
	})
	check("statement timeout", "err.server.timeout", err)

	// The server ends a session stopped inside a transaction (25P03, then the connection is gone).
	err = s.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SET LOCAL idle_in_transaction_session_timeout = '100ms'`); err != nil {
			return err
		}
		time.Sleep(600 * time.Millisecond)
		_, err := tx.ExecContext(ctx, `SELECT 1`)
		return err
	})
	check("idle in transaction", "err.server.unreachable", err)

	// The administrator ends every session of the database (pg_terminate_backend): the next statement on a
	// pooled connection finds it gone, inside a transaction, where database/sql cannot try another.
	err = s.update(ctx, func(tx *sql.Tx) error {
		var pid int
		if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
			return err
		}
		if _, err := other.db.ExecContext(ctx, `SELECT pg_terminate_backend(?)`, pid); err != nil {
			return fmt.Errorf("terminating: %w", err)
		}
		_, err := tx.ExecContext(ctx, `SELECT 1`)
		return err
	})
	check("terminated", "err.server.unreachable", err)

	n, err := s.CountCompanies(ctx, CompanyFilter{})
	require.NoError(t, err, "the store works on after each")
	assert.Equal(t, 0, n, "nothing of the refused work was written")
}

// A server whose connections are used up (SQLSTATE 53300: its max_connections, or the database's or the login's
// CONNECTION LIMIT) is said to have no connection left for this desk, naming it — not that another desk is
// writing, which the class it shares with a busy writer would say.
func TestServerWithNoConnectionLeftSaysSo(t *testing.T) {
	ctx := context.Background()
	u := freshServerDatabase(t)
	require.NoError(t, InitServer(ctx, u))
	admin, err := postgres.New().Open(ctx, dialect.ParseTarget(u))
	require.NoError(t, err)
	defer admin.Close()
	role := fmt.Sprintf("scitech_full_%d", os.Getpid())
	_, err = admin.ExecContext(ctx, `CREATE ROLE `+role+` LOGIN CONNECTION LIMIT 0`)
	require.NoError(t, err)
	t.Cleanup(func() { admin.ExecContext(context.Background(), `DROP ROLE IF EXISTS `+role) })

	clerk, err := url.Parse(u)
	require.NoError(t, err)
	clerk.User = url.User(role)
	_, err = Open(clerk.String())
	require.Error(t, err)
	assert.Equal(t, "err.server.connections", ErrorKey(err), "%v", err)
	assert.Contains(t, err.Error(), dialect.ParseTarget(clerk.String()).String())
}
