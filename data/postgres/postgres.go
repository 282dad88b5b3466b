// Package postgres is the store's PostgreSQL side (issue 19): a bureau's clerks share one database on a server
// instead of each keeping a file. It implements dialect.Dialect over database/sql with pgx's stdlib driver, so
// that the store's queries, written once with SQLite's `?` placeholders, run unchanged: the connection rewrites
// them to `$N` (rebind.go). It holds the server's migrations, numbered and named as SQLite's, and their runner.
//
// It imports neither data nor data/sqlite: data imports it and picks it for a postgres:// target.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"golang.org/x/text/unicode/norm"

	"scitech/data/dialect"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Advisory lock keys. They are shared with every other program using the same database, so they are
// distinctive numbers rather than 1 and 2.
const (
	writerLockKey    int64 = 0x5C17EC4_0001 // held by the writing transaction (BeginWrite)
	migrationLockKey int64 = 0x5C17EC4_0002 // held by the session applying migrations (Migrate, Init)

	// DailyBackupLockKey is held by the desk writing the server's daily backup (WithSessionLock, try).
	DailyBackupLockKey int64 = 0x5C17EC4_0003
)

// sessionLockTimeout bounds the waits for locks of a session holding an advisory lock (WithSessionLock): for the
// lock itself, and for the tables its statements touch, which a desk's open transaction may hold. Past it the
// wait fails with SQLSTATE 55P03 (class Busy), so that `scitech server upgrade` says the database is busy
// instead of waiting, silent, for a desk that may never finish. Tests shorten it.
var sessionLockTimeout = 30 * time.Second

// WithSessionLock runs fn on a connection of db holding the session advisory lock key, and gives the lock back
// when fn returns. With try it does not wait: ok is false, and fn not run, when another session holds the
// lock. Lock waits on the connection, fn's included, end after sessionLockTimeout (55P03). The lock is the
// session's, so a connection that could not give it back (or whose state is in doubt after an error) is
// closed rather than returned to the pool, whose next user would hold the lock without knowing; a desk that
// dies gives it up with its connection. The session holding the migration lock runs the migrations, whose
// statements may rightly run long on a large database: they are not bounded by the reply timeout.
func WithSessionLock(ctx context.Context, db *sql.DB, key int64, try bool, fn func(c *sql.Conn) error) (ok bool, err error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer c.Close()
	discard := func() { c.Raw(func(any) error { return driver.ErrBadConn }) }
	// Without arguments pgx sends an Exec's statements as one simple query: one round trip.
	setTimeout := fmt.Sprintf("SET lock_timeout = '%dms'", sessionLockTimeout.Milliseconds())
	if try {
		if _, err = c.ExecContext(ctx, setTimeout); err == nil {
			err = c.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(?)`, key).Scan(&ok)
		}
	} else {
		_, err = c.ExecContext(ctx, fmt.Sprintf("%s; SELECT pg_advisory_lock(%d)", setTimeout, key))
		ok = err == nil
	}
	if err != nil || !ok {
		discard() // its lock_timeout is changed
		return false, err
	}
	if key == migrationLockKey {
		restore := func() {}
		c.Raw(func(dc any) error {
			if pc, isOurs := dc.(conn); isOurs {
				restore = unbounded(pc.Conn.Conn().PgConn().Conn())
			}
			return nil
		})
		defer restore()
	}
	defer func() {
		if _, uerr := c.ExecContext(context.WithoutCancel(ctx),
			fmt.Sprintf("SELECT pg_advisory_unlock(%d); RESET lock_timeout", key)); uerr != nil {
			discard()
		}
	}()
	return true, fn(c)
}

// DefaultLockTimeout is how long a writer waits for another desk's write to finish before it is told Busy:
// SQLite's busy_timeout(5000) on a file.
const DefaultLockTimeout = 5 * time.Second

// Dialect is the PostgreSQL dialect of one store: Open sets the pool it keeps for looking up constraints.
type Dialect struct {
	// LockTimeout is the writer's wait (DefaultLockTimeout when zero); tests shorten it.
	LockTimeout time.Duration

	db     *sql.DB
	mu     sync.Mutex
	consts map[string][]string // constraint or unique index "table\x00name" → its columns (classify.go)
}

// New returns the dialect for one store.
func New() *Dialect { return &Dialect{} }

var _ dialect.Dialect = (*Dialect)(nil)

// Name is "postgres".
func (d *Dialect) Name() string { return "postgres" }

// Migrations holds the server's migrations at its root.
func (d *Dialect) Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the folder is embedded: it cannot be missing
	}
	return sub
}

// parseConfig reads a postgres:// URL as PostgreSQL's own tools do: the password from the URL, else
// PGPASSWORD, else the pgpass file (PGPASSFILE or ~/.pgpass), and the other PG* variables for what the URL
// leaves out. A password the user typed (t.Password) wins over all of them. The error names the server but
// never the password. Every connection is bounded as netconn.go says, and asks the server for the session
// settings of sessionParams unless the URL sets them.
func parseConfig(t dialect.Target) (*pgx.ConnConfig, error) {
	if err := checkURL(t.URL); err != nil {
		return nil, &ServerError{Server: t.String(), Class: dialect.Other, Reason: ReasonBadURL, Err: err}
	}
	cfg, err := pgx.ParseConfig(t.URL)
	if err != nil {
		return nil, &ServerError{Server: t.String(), Class: dialect.Other, Reason: ReasonBadURL,
			Err: &URLError{Problem: URLUnreadable, Err: scrub(err, t)}}
	}
	if t.Password != "" {
		cfg.Password = t.Password
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second // an unreachable host is said in seconds, not the system's minutes
	}
	reply := DefaultReplyTimeout
	if v, ok := cfg.RuntimeParams[replyTimeoutParam]; ok {
		delete(cfg.RuntimeParams, replyTimeoutParam)
		reply, err = time.ParseDuration(v)
		if err != nil || reply < 0 {
			return nil, &ServerError{Server: t.String(), Class: dialect.Other, Reason: ReasonBadURL,
				Err: &URLError{Problem: URLValue, Param: replyTimeoutParam, Value: v,
					Err: fmt.Errorf("%s=%q is not a duration such as 90s", replyTimeoutParam, v)}}
		}
	}
	cfg.DialFunc = dialer(cfg.ConnectTimeout, reply)
	for k, v := range sessionParams {
		if _, ok := cfg.RuntimeParams[k]; !ok {
			cfg.RuntimeParams[k] = v
		}
	}
	for k, v := range fixedParams {
		cfg.RuntimeParams[k] = v
	}
	return cfg, nil
}

// fixedParams are the settings every connection runs with whatever the URL, the server's configuration or an
// ALTER DATABASE/ROLE says (a setting of the startup packet wins over those).
var fixedParams = map[string]string{
	// The writer's lock needs READ COMMITTED (BeginWrite): under a server default of REPEATABLE READ or
	// SERIALIZABLE the snapshot is taken before the lock's wait, and of 8 desks issuing a brief at once 7 were
	// refused. The copy's snapshot asks for REPEATABLE READ itself (BeginSnapshot).
	"default_transaction_isolation": "read committed",

	// pgx reads and writes text as UTF-8: another encoding (a client_encoding in the URL, or set on the role or
	// the database) made exports and lists silently garbled.
	"client_encoding": "UTF8",
}

// urlParams are the parameters a server URL may carry: what pgx reads itself to connect (the address, TLS,
// authentication, the connect timeout), the program's own scitech.reply_timeout, and the session settings the
// program asks for (sessionParams), which the URL may change. Any other is refused by name: libpq's own
// (gssencmode, keepalives, hostaddr…), which pgx would send to the server as settings and the server refuse
// with an error the program cannot explain, and settings that would change what the program reads.
var urlParams = map[string]bool{
	"host": true, "port": true, "dbname": true, "user": true, "password": true,
	"connect_timeout": true, "target_session_attrs": true,
	"sslmode": true, "sslrootcert": true, "sslcert": true, "sslkey": true, "sslpassword": true, "sslsni": true,
	"channel_binding": true, "krbsrvname": true, "krbspn": true,
	replyTimeoutParam: true,
}

// The problems of a URL that cannot be used (URLError.Problem).
const (
	URLParam      = "param"      // a parameter the program does not know (Param)
	URLValue      = "value"      // a parameter whose value cannot be used (Param, Value)
	URLPort       = "port"       // a port that is no number from 1 to 65535 (Value)
	URLEscape     = "escape"     // a % that does not start an escape such as %40
	URLUnreadable = "unreadable" // anything else pgx cannot read (Err, pgx's words)
)

// URLError says what is wrong with a server URL, for the user's message. It never holds the password: Value is
// a parameter's value or a port, and a bad escape, which may be in the password, is not repeated.
type URLError struct {
	Problem string
	Param   string
	Value   string
	Err     error // the detail, in English
}

func (e *URLError) Error() string {
	switch e.Problem {
	case URLParam:
		return fmt.Sprintf("the parameter %s is not supported", e.Param)
	case URLValue:
		if e.Err != nil {
			return e.Err.Error()
		}
		return fmt.Sprintf("%s=%s cannot be used", e.Param, e.Value)
	case URLPort:
		return fmt.Sprintf("the port %s is not a number from 1 to 65535", e.Value)
	case URLEscape:
		return "a % that does not start an escape such as %40"
	}
	return fmt.Sprint(e.Err)
}

func (e *URLError) Unwrap() error { return e.Err }

// checkURL refuses what the program can tell is wrong with a server URL before pgx reads it: an unknown
// parameter, a value the program cannot use, a port out of range, a bad escape. pgx judges the rest.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		var esc url.EscapeError
		if errors.As(err, &esc) {
			return &URLError{Problem: URLEscape}
		}
		if strings.Contains(err.Error(), "invalid port") {
			_, hostport, _ := strings.Cut(raw, "://")
			if i := strings.IndexAny(hostport, "/?#"); i >= 0 {
				hostport = hostport[:i]
			}
			if at := strings.LastIndex(hostport, "@"); at >= 0 {
				hostport = hostport[at+1:]
			}
			port := hostport
			if i := strings.LastIndex(hostport, ":"); i >= 0 {
				port = hostport[i+1:]
			}
			return &URLError{Problem: URLPort, Value: port}
		}
		return nil // pgx says what it can
	}
	for _, hp := range strings.Split(u.Host, ",") {
		if i := strings.LastIndex(hp, ":"); i >= 0 && !strings.HasSuffix(hp, "]") {
			if err := checkPort(hp[i+1:]); err != nil {
				return err
			}
		}
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return &URLError{Problem: URLEscape}
	}
	keys := slices.Sorted(maps.Keys(q))
	for _, k := range keys {
		v := q.Get(k)
		switch {
		case k == "client_encoding":
			if !strings.EqualFold(strings.ReplaceAll(v, "-", ""), "UTF8") {
				return &URLError{Problem: URLValue, Param: k, Value: v}
			}
		case k == "port":
			for _, p := range strings.Split(v, ",") {
				if err := checkPort(p); err != nil {
					return err
				}
			}
		case k == "sslmode":
			switch v {
			case "disable", "allow", "prefer", "require", "verify-ca", "verify-full":
			default:
				return &URLError{Problem: URLValue, Param: k, Value: v}
			}
		case k == "connect_timeout":
			if n, err := strconv.Atoi(v); err != nil || n < 0 {
				return &URLError{Problem: URLValue, Param: k, Value: v}
			}
		case urlParams[k]:
		case func() bool { _, ok := sessionParams[k]; return ok }():
		default:
			return &URLError{Problem: URLParam, Param: k}
		}
	}
	return nil
}

func checkPort(p string) error {
	if p == "" {
		return nil
	}
	if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
		return &URLError{Problem: URLPort, Value: p}
	}
	return nil
}

// saslPrep is a password as PostgreSQL normalises it for SCRAM (SASLprep, RFC 4013, the server's
// pg_saslprep, which libpq applies too): non-ASCII spaces become spaces, the characters mapped to nothing go,
// and the rest is NFKC-normalised, so that a password typed with a Chinese input method in full width
// (ｐｗ１２３) is the pw123 the server stored when it was set. pgx normalises with NFC only, and such a
// password, which psql takes, was refused. A password that is all ASCII, or whose normal form holds a
// character SASLprep prohibits, is kept as it is, as PostgreSQL keeps it.
func saslPrep(pw string) string {
	ascii := true
	for _, r := range pw {
		if r >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return pw
	}
	var b strings.Builder
	for _, r := range pw {
		switch {
		case r == 0xAD || r == 0x34F || r == 0x1806 || (r >= 0x180B && r <= 0x180D) || (r >= 0x200B && r <= 0x200D) ||
			r == 0x2060 || (r >= 0xFE00 && r <= 0xFE0F) || r == 0xFEFF:
			// mapped to nothing (RFC 3454 table B.1)
		case r != ' ' && unicode.Is(unicode.Zs, r):
			b.WriteRune(' ') // non-ASCII space (table C.1.2)
		default:
			b.WriteRune(r)
		}
	}
	out := norm.NFKC.String(b.String())
	for _, r := range out {
		if unicode.IsControl(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) || r == 0xFFFD ||
			(r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE {
			return pw // prohibited output: PostgreSQL uses the password as it was given
		}
	}
	return out
}

// sessionParams are the settings every connection asks the server for.
var sessionParams = map[string]string{
	"application_name": "scitech", // what the server's pg_stat_activity names us

	// A desk whose connection died (cable, power, a laptop shut) is dropped by the server after 30 s without a
	// byte and 3 probes 10 s apart, and a reply it never acknowledges after 30 s, instead of the server
	// system's two hours: its transaction ends and with it the writer's lock every other desk waits for.
	"tcp_keepalives_idle":     "30",
	"tcp_keepalives_interval": "10",
	"tcp_keepalives_count":    "3",
	"tcp_user_timeout":        "30000",

	// A desk that is still connected but stopped inside a transaction (a program stopped, a machine asleep on
	// a live network) is cut off after 5 minutes without a statement, giving the writer's lock back. The
	// longest pause a working desk makes inside a transaction is a brief's rendering (IssueBrief renders inside
	// its write): `scitech brief output --issue` of the district of 100,000 companies took 21 s in all, at a
	// load of 5 on two cores; 5 minutes leaves a slower machine over ten times that.
	"idle_in_transaction_session_timeout": "5min",
}

// Open connects to the server and checks that it answers. It never creates a database.
func (d *Dialect) Open(ctx context.Context, t dialect.Target) (*sql.DB, error) {
	cfg, err := parseConfig(t)
	if err != nil {
		return nil, err
	}
	var asGiven driver.Connector // md5 and plain logins take the password as it was given
	if p := saslPrep(cfg.Password); p != cfg.Password {
		asGiven = stdlib.GetConnector(*cfg.Copy())
		cfg.Password = p
	}
	db := sql.OpenDB(connector{stdlib.GetConnector(*cfg), t.String(), asGiven})
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns) // a burst (the dashboard's figures, a backup) does not close and dial again
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		se := asServerError(t.String(), err)
		se.Err = scrub(se.Err, t)
		return nil, se
	}
	d.db = db
	return db, nil
}

// maxConns is how many connections one desk keeps to the server at most.
const maxConns = 8

// ReasonBadURL is the Reason of the ServerError of a URL that cannot be read (a port that is no number…).
const ReasonBadURL = "the URL cannot be read"

// ServerError is a failure to reach or use a server, naming it (user@host:port/database) and never the
// password. The connections of Open return one for every error of a class the user can act on (reasons), so
// that the store's message names the server whichever call failed.
type ServerError struct {
	Server string
	Class  dialect.ErrorClass
	Reason string // in English, for the log; the store's own error carries the user's words
	Err    error
}

func (e *ServerError) Error() string {
	reason := e.Reason
	if reason == "" {
		reason = "the database server failed"
	}
	return fmt.Sprintf("%s: %s: %v", e.Server, reason, e.Err)
}

func (e *ServerError) Unwrap() error { return e.Err }

// asServerError is err naming the server: err itself when it is a ServerError already.
func asServerError(server string, err error) *ServerError {
	var se *ServerError
	if errors.As(err, &se) {
		return se
	}
	class := classOf(err)
	return &ServerError{Server: server, Class: class, Reason: reasons[class], Err: err}
}

var reasons = map[dialect.ErrorClass]string{
	dialect.Auth:       "the server refused the login",
	dialect.NoDatabase: "the server has no such database",
	dialect.Gone:       "the server cannot be reached",
	dialect.Denied:     "the server refused access",
	dialect.Busy:       "the server is busy",
	dialect.Full:       "the server's disk is full",
	dialect.ReadOnly:   "the server is read-only",
	dialect.Damaged:    "the server reports damaged data",
}

// named is err as a connection of Open returns it: a ServerError naming the server when its class is one the
// user can act on (reasons), else err itself, so that a broken constraint, the end of rows and database/sql's
// own signals (driver.ErrSkip…) reach their readers as they were.
func named(server string, err error) error {
	if err == nil || err == io.EOF || err == driver.ErrSkip || err == driver.ErrRemoveArgument {
		return err
	}
	var se *ServerError
	if errors.As(err, &se) {
		return err
	}
	if _, ok := reasons[classOf(err)]; !ok {
		return err
	}
	return asServerError(server, err)
}

// scrub takes the password out of an error's text, in case a message repeats what it was given; pgx's own
// messages leave it out already. The error keeps its chain (scrubbed), so that it is classified as it was: a
// password that is also the user's name made every failure an internal error. Only the forms a message could
// have copied are taken out (hideGivenPassword), so that the text stays readable when the password is a
// common word, the user's name or a letter.
func scrub(err error, t dialect.Target) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if hidden := hideGivenPassword(msg, t); hidden != msg {
		return &scrubbed{text: hidden, err: err}
	}
	return err
}

// scrubbed is an error whose text has the password taken out; errors.As and errors.Is still see the error it
// was.
type scrubbed struct {
	text string
	err  error
}

func (e *scrubbed) Error() string { return e.text }
func (e *scrubbed) Unwrap() error { return e.err }

// minBarePassword is the shortest password scrub takes out of a text where it stands alone: a shorter one is
// found inside ordinary words (a password x starred "conte********t deadline e********ceeded", which showed
// both less and more than it hid).
const minBarePassword = 3

// hideGivenPassword takes the password out of a driver's message where it stands as it was given: in a URL's
// user information (:PASSWORD@), as password=PASSWORD, and alone when it is long enough to be told from the
// rest of the text and is not the user's or the database's name, which the message names anyway.
func hideGivenPassword(text string, t dialect.Target) string {
	forms := passwordForms(t)
	var user, database string
	if cfg, err := pgx.ParseConfig(t.URL); err == nil {
		user, database = cfg.User, cfg.Database
	}
	for _, pw := range forms {
		text = strings.ReplaceAll(text, ":"+pw+"@", ":********@")
		text = strings.ReplaceAll(text, "password="+pw, "password=********")
	}
	for _, pw := range forms {
		if len([]rune(pw)) >= minBarePassword && pw != user && pw != database {
			text = strings.ReplaceAll(text, pw, "********")
		}
	}
	return text
}

// HidePassword takes the target's password out of a text that is to be printed or logged: the password the
// user typed, and the URL's (or PGPASSWORD's, the pgpass file's) as it reads decoded and as it stands in the
// URL, percent-encoded or not.
func HidePassword(text string, t dialect.Target) string {
	if !t.Server() {
		return text
	}
	for _, pw := range passwordForms(t) {
		text = strings.ReplaceAll(text, pw, "********")
	}
	return text
}

// passwordForms are the target's password as it may stand in a text, non-empty, the longest first, so that a
// form inside another (p inside p%40ss) does not leave the rest behind.
func passwordForms(t dialect.Target) []string {
	forms := []string{t.Password}
	if cfg, err := pgx.ParseConfig(t.URL); err == nil {
		forms = append(forms, cfg.Password)
	}
	if raw := rawPassword(t.URL); raw != "" {
		forms = append(forms, raw)
		if pw, err := url.PathUnescape(raw); err == nil {
			forms = append(forms, pw)
		}
	}
	for _, pw := range slices.Clone(forms) {
		forms = append(forms, url.QueryEscape(pw), url.PathEscape(pw), url.UserPassword("", pw).String()[1:])
	}
	forms = slices.DeleteFunc(forms, func(pw string) bool { return pw == "" })
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}

// rawPassword is the password as it is written in a URL's user information (scheme://user:PASSWORD@host),
// before any decoding; "" when there is none.
func rawPassword(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	_, pw, _ := strings.Cut(rest[:at], ":")
	return pw
}

// BeginWrite makes tx the database's only writer until it ends: every desk's writes take the same
// transaction-level advisory lock, as every copy of the program on a file takes SQLite's write lock
// (BEGIN IMMEDIATE). The lock goes with COMMIT or ROLLBACK, and with the connection of a desk that dies. A
// writer that waits longer than the lock timeout fails with SQLSTATE 55P03, class Busy. The transaction stays
// READ COMMITTED: each statement after the lock sees every write committed before it, which a snapshot taken
// at the lock statement, before the wait, would not.
func (d *Dialect) BeginWrite(ctx context.Context, tx *sql.Tx) error {
	wait := d.LockTimeout
	if wait <= 0 {
		wait = DefaultLockTimeout
	}
	// One round trip: without arguments pgx sends both statements in one simple query.
	_, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL lock_timeout = '%dms'; SELECT pg_advisory_xact_lock(%d)",
		wait.Milliseconds(), writerLockKey))
	return err
}

// OpenChangeGroup sets the transaction-local setting scitech.change_group that the change triggers (0006)
// record into; it ends with the transaction.
func (d *Dialect) OpenChangeGroup(ctx context.Context, tx *sql.Tx, group int64) error {
	_, err := tx.ExecContext(ctx, `SELECT set_config('scitech.change_group', ?, true)`, strconv.FormatInt(group, 10))
	return err
}

// connector gives database/sql pgx's connections with the placeholders rewritten and the errors naming the
// server.
type connector struct {
	driver.Connector
	server  string           // user@host:port/database
	asGiven driver.Connector // with the password as given when saslPrep changed it, else nil
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil && c.asGiven != nil && classOf(err) == dialect.Auth {
		// The server may check the password with md5 (a role whose password was set so), which takes it as
		// it was typed, unnormalised.
		dc, err = c.asGiven.Connect(ctx)
	}
	if err != nil {
		return nil, named(c.server, err)
	}
	return conn{dc.(*stdlib.Conn), c.server}, nil
}

// conn is pgx's database/sql connection with the store's `?` placeholders rewritten and every error of a class
// the user can act on naming the server (named); everything else (session reset, value checks, close) is
// pgx's own.
type conn struct {
	*stdlib.Conn
	server string
}

func (c conn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	st, err := c.Conn.PrepareContext(ctx, rebind(q))
	if err != nil {
		return nil, named(c.server, err)
	}
	return stmt{st.(*stdlib.Stmt), c.server}, nil
}

func (c conn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.Conn.ExecContext(ctx, rebind(q), args)
	return r, named(c.server, err)
}

func (c conn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.Conn.QueryContext(ctx, rebind(q), args)
	if err != nil {
		return nil, named(c.server, err)
	}
	return rows{r.(*stdlib.Rows), c.server}, nil
}

func (c conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	t, err := c.Conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, named(c.server, err)
	}
	return tx{t, c.server}, nil
}

func (c conn) Ping(ctx context.Context) error { return named(c.server, c.Conn.Ping(ctx)) }

type tx struct {
	driver.Tx
	server string
}

func (t tx) Commit() error   { return named(t.server, t.Tx.Commit()) }
func (t tx) Rollback() error { return named(t.server, t.Tx.Rollback()) }

type stmt struct {
	*stdlib.Stmt
	server string
}

func (s stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	r, err := s.Stmt.ExecContext(ctx, args)
	return r, named(s.server, err)
}

func (s stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	r, err := s.Stmt.QueryContext(ctx, args)
	if err != nil {
		return nil, named(s.server, err)
	}
	return rows{r.(*stdlib.Rows), s.server}, nil
}

// rows are pgx's rows whose error while reading (a connection lost mid-list) names the server; io.EOF, the
// end, stays itself.
type rows struct {
	*stdlib.Rows
	server string
}

func (r rows) Next(dest []driver.Value) error { return named(r.server, r.Rows.Next(dest)) }

// CheckNamedValue passes a Go bool as the integer 1 or 0: the server's tables keep a flag in a bigint, as
// SQLite's do (SQLite stores a bool argument so), and pgx will not write a bool into a bigint. Every other
// value goes to pgx as it is.
func (c conn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case bool:
		nv.Value = boolInt(v)
	case sql.NullBool:
		if v.Valid {
			nv.Value = boolInt(v.Bool)
		} else {
			nv.Value = nil
		}
	}
	return c.Conn.CheckNamedValue(nv)
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
