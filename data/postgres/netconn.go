package postgres

import (
	"context"
	"crypto/tls"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// How a desk notices a server that stopped answering (issue 19, "a server that stops mid-work"). Without these a
// call waits on its socket until the system gives up, minutes to hours, with the window frozen and, inside a
// write, every other desk's writes held.
const (
	// keepAliveIdle, keepAliveInterval and keepAliveCount: a connection awaiting a reply sends a probe after
	// 10 s without a byte and gives up after 3 unanswered probes 5 s apart, so a server that went away (cable,
	// power, a network that dropped it) is said within about 25 s instead of Go's 15 s + 9 × 15 s.
	keepAliveIdle     = 10 * time.Second
	keepAliveInterval = 5 * time.Second
	keepAliveCount    = 3

	// userTimeout bounds how long a request the server never acknowledged is sent again (Linux's
	// TCP_USER_TIMEOUT): keep-alive probes start only once nothing is in flight.
	userTimeout = 30 * time.Second

	// DefaultReplyTimeout is the longest a connection waits for the next byte of a reply the server owes it:
	// a server whose machine still answers TCP but whose database does not (stopped, swapping, wedged) is said
	// unreachable after it, which no keep-alive can tell. It bounds the server's silence, not a statement's
	// length: rows come as the server finds them. The long work runs under it: copying the district of 100,000
	// companies (4.9 million rows) into a server took 4.3 minutes, its longest statement 3.9 s, and backing it
	// up into a file 3.4 minutes, one read streaming for 67 s. The migrations, whose statements (an index, a
	// rewritten table) grow with the database before their first byte, run without it (WithSessionLock). The
	// URL parameter scitech.reply_timeout (a duration: 90s, 5m) sets another, 0 none.
	DefaultReplyTimeout = 2 * time.Minute

	// replyTimeoutParam is the URL parameter that sets the reply timeout; it is the program's, not sent to
	// the server.
	replyTimeoutParam = "scitech.reply_timeout"
)

// dialer makes the server connections: TCP keep-alive as above (a unix socket has none and needs none), and
// every connection bounded by the reply timeout.
func dialer(connectTimeout, reply time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{
		Timeout:         connectTimeout,
		KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: keepAliveIdle, Interval: keepAliveInterval, Count: keepAliveCount},
		Control:         controlUserTimeout,
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		r := &replyConn{Conn: c}
		r.bound.Store(int64(reply))
		return r, nil
	}
}

// replyConn is a server connection whose every read waits at most its bound for a byte, unless pgx has set an
// earlier deadline itself (it does to cancel a statement whose context ended): each Read sets the earlier of
// the two. pgx reads only when it awaits a reply, so an idle connection in the pool is never cut.
type replyConn struct {
	net.Conn
	bound atomic.Int64 // a time.Duration; 0: no bound

	mu  sync.Mutex
	own time.Time // the read deadline pgx set; zero: none
}

func (c *replyConn) Read(p []byte) (int, error) {
	if b := time.Duration(c.bound.Load()); b > 0 {
		c.mu.Lock()
		d := time.Now().Add(b)
		if !c.own.IsZero() && c.own.Before(d) {
			d = c.own
		}
		err := c.Conn.SetReadDeadline(d)
		c.mu.Unlock()
		if err != nil {
			return 0, err
		}
	}
	return c.Conn.Read(p)
}

func (c *replyConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.own = t
	return c.Conn.SetDeadline(t)
}

func (c *replyConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.own = t
	return c.Conn.SetReadDeadline(t)
}

// unbounded lifts the reply bound of nc, a connection dialer made, and returns what puts it back: for work
// whose single statements may rightly run long (the migrations). Another connection is left as it is.
func unbounded(nc net.Conn) (restore func()) {
	if t, ok := nc.(*tls.Conn); ok {
		nc = t.NetConn()
	}
	r, ok := nc.(*replyConn)
	if !ok {
		return func() {}
	}
	was := r.bound.Swap(0)
	return func() { r.bound.Store(was) }
}
