package postgres

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"scitech/data/dialect"
)

// A password is normalised as PostgreSQL normalises it for SCRAM (SASLprep: NFKC), so that a password typed in
// full width with a Chinese input method logs in where psql does (A19's D12).
func TestSASLprepNormalisesAsTheServerDoes(t *testing.T) {
	for in, want := range map[string]string{
		"ｐｗ１２３": "pw123", "ﬁⅨpw": "fiIXpw", "密码123": "密码123", "plain p@ss": "plain p@ss",
		"a\u00a0b\u200bc": "a bc", "x\u0007ｙ": "x\u0007ｙ", // a control character: kept as given
	} {
		if got := saslPrep(in); got != want {
			t.Errorf("saslPrep(%q) = %q, want %q", in, got, want)
		}
	}
}

// On a server that checks passwords with SCRAM (PostgreSQL's default since 14), a role whose password was set
// as ｐｗ１２３ logs in with ｐｗ１２３, and so does a role whose password was stored with md5, which the server
// does not normalise (Open tries the password as given). Before, the SCRAM login was refused. The test server
// trusts every local login: the test makes its two roles check passwords in the server's pg_hba.conf, and
// puts the file back after.
func TestAFullWidthPasswordLogsInAsWithPsql(t *testing.T) {
	server := ServerURL(t)
	ctx := context.Background()
	db, err := New().Open(ctx, dialect.Target{URL: server})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var hbaFile string
	if err := db.QueryRowContext(ctx, `SHOW hba_file`).Scan(&hbaFile); err != nil {
		t.Skip("the test server's pg_hba.conf cannot be found:", err)
	}
	hba, err := os.ReadFile(hbaFile)
	if err != nil {
		t.Skip("the test server's pg_hba.conf cannot be read:", err)
	}
	info, _ := os.Stat(hbaFile)
	pid := os.Getpid()
	scram, md5 := fmt.Sprintf("scitech_fw_%d", pid), fmt.Sprintf("scitech_fwmd5_%d", pid)
	lines := fmt.Sprintf("local all %s scram-sha-256\nlocal all %s md5\n", scram, md5)
	if err := os.WriteFile(hbaFile, append([]byte(lines), hba...), info.Mode()); err != nil {
		t.Skip("the test server's pg_hba.conf cannot be written:", err)
	}
	const pw = "ｐｗ１２３"
	t.Cleanup(func() {
		if err := os.WriteFile(hbaFile, hba, info.Mode()); err != nil {
			t.Error(err)
		}
		for _, stmt := range []string{`SELECT pg_reload_conf()`, `DROP ROLE IF EXISTS ` + scram, `DROP ROLE IF EXISTS ` + md5} {
			if _, err := db.ExecContext(context.Background(), stmt); err != nil {
				t.Error(err)
			}
		}
		db.Close()
	})
	for _, stmt := range []string{
		`SET password_encryption = 'scram-sha-256'; CREATE ROLE ` + scram + ` LOGIN PASSWORD '` + pw + `'`,
		`SET password_encryption = 'md5'; CREATE ROLE ` + md5 + ` LOGIN PASSWORD '` + pw + `'`,
		`RESET password_encryption`, `SELECT pg_reload_conf()`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{scram, md5} {
		for _, given := range []dialect.Target{
			{URL: withUser(u, url.UserPassword(role, pw))},
			{URL: withUser(u, url.User(role)), Password: pw},
		} {
			desk, err := New().Open(ctx, given)
			if err != nil {
				t.Errorf("%s with %s: %v", role, strings.ReplaceAll(given.URL, url.PathEscape(pw), "PW"), err)
				continue
			}
			desk.Close()
		}
		wrong, err := New().Open(ctx, dialect.Target{URL: withUser(u, url.UserPassword(role, "pw124"))})
		if err == nil {
			wrong.Close()
			t.Errorf("%s logs in with a wrong password: pg_hba.conf did not take", role)
		}
	}
}

func withUser(u *url.URL, user *url.Userinfo) string {
	c := *u
	c.User = user
	return c.String()
}
