package postgres

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scitech/data/dialect"
)

// The password comes from where PostgreSQL's own tools take it: the URL, else PGPASSWORD, else the pgpass file;
// one the user typed wins over all.
func TestParseConfigTakesThePasswordAsPostgreSQLToolsDo(t *testing.T) {
	pass := filepath.Join(t.TempDir(), "pgpass")
	if err := os.WriteFile(pass, []byte("*:*:*:clerk:from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", pass)
	t.Setenv("PGPASSWORD", "")
	os.Unsetenv("PGPASSWORD")
	check := func(tg dialect.Target, want string) {
		t.Helper()
		cfg, err := parseConfig(tg)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Password != want {
			t.Errorf("%s: password %q, want %q", tg, cfg.Password, want)
		}
	}
	check(dialect.Target{URL: "postgres://clerk@office/scitech"}, "from-file")
	t.Setenv("PGPASSWORD", "from-env")
	check(dialect.Target{URL: "postgres://clerk@office/scitech"}, "from-env")
	check(dialect.Target{URL: "postgres://clerk:from-url@office/scitech"}, "from-url")
	check(dialect.Target{URL: "postgres://clerk:from-url@office/scitech", Password: "typed"}, "typed")
}

// A URL that cannot be read, a server that is not there and a database the server lacks: each error names the
// server and its class, never the password, and Open makes nothing.
func TestOpenRefusalsNameTheServerNotThePassword(t *testing.T) {
	const secret = "hunter2-secret"
	ctx := context.Background()
	_, err := New().Open(ctx, dialect.Target{URL: "postgres://clerk:" + secret + "@[::1/scitech"})
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("unreadable URL: %v", err)
	}

	start := time.Now()
	_, err = New().Open(ctx, dialect.Target{URL: "postgres://clerk:" + secret + "@/scitech?host=" + t.TempDir()})
	var se *ServerError
	if !errors.As(err, &se) || se.Class != dialect.Gone || strings.Contains(err.Error(), secret) ||
		!strings.Contains(err.Error(), "clerk@") {
		t.Errorf("no server: %v (class %v)", err, se)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("no server took %v to say so", d)
	}

	server := ServerURL(t)
	u := strings.Replace(databaseURL(server, "no_such_database"), "postgres@", "postgres:"+secret+"@", 1)
	_, err = New().Open(ctx, dialect.Target{URL: u})
	if !errors.As(err, &se) || se.Class != dialect.NoDatabase || strings.Contains(err.Error(), secret) ||
		!strings.Contains(err.Error(), "/no_such_database") {
		t.Errorf("no such database: %v", err)
	}
	t.Log(err)
	db, err := New().Open(ctx, dialect.Target{URL: server})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = ?`, "no_such_database").Scan(&n); err != nil || n != 0 {
		t.Errorf("Open made the database: %d, %v", n, err)
	}
}
