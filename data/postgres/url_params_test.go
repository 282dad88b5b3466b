package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"scitech/data/dialect"
)

// A server URL carries only the parameters the program knows: libpq's own (gssencmode, keepalives, hostaddr…)
// went to the server as settings, which refused them (an internal error), and client_encoding=GBK made exports
// silently garbled. Each refusal says what is wrong (URLError), never the password, and connects to nothing.
func TestServerURLParametersTheProgramDoesNotKnowAreRefusedByName(t *testing.T) {
	const secret = "pw-secret"
	for _, c := range []struct {
		query, problem, param, value string
	}{
		{"gssencmode=disable", URLParam, "gssencmode", ""},
		{"keepalives=1", URLParam, "keepalives", ""},
		{"hostaddr=127.0.0.1", URLParam, "hostaddr", ""},
		{"sslmode=require&load_balance_hosts=random", URLParam, "load_balance_hosts", ""},
		{"options=-c%20client_encoding%3DGBK", URLParam, "options", ""},
		{"client_encoding=GBK", URLValue, "client_encoding", "GBK"},
		{"sslmode=bogus", URLValue, "sslmode", "bogus"},
		{"connect_timeout=-1", URLValue, "connect_timeout", "-1"},
		{"scitech.reply_timeout=soon", URLValue, "scitech.reply_timeout", "soon"},
	} {
		_, err := parseConfig(dialect.Target{URL: "postgres://clerk:" + secret + "@office:5432/scitech?" + c.query})
		var ue *URLError
		if !errors.As(err, &ue) || ue.Problem != c.problem || ue.Param != c.param || ue.Value != c.value {
			t.Errorf("%s: %#v (%v), want %s %s %q", c.query, ue, err, c.problem, c.param, c.value)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the password in %v", c.query, err)
		}
	}
	for _, c := range []struct{ url, problem, value string }{
		{"postgres://clerk:" + secret + "@office:99999/scitech", URLPort, "99999"},
		{"postgres://clerk:" + secret + "@office:0/scitech", URLPort, "0"},
		{"postgres://clerk:" + secret + "@office:notaport/scitech", URLPort, "notaport"},
		{"postgres://clerk:" + secret + "@office/scitech?port=70000", URLPort, "70000"},
		{"postgres://clerk:pw%zz" + secret + "@office/scitech", URLEscape, ""},
	} {
		_, err := parseConfig(dialect.Target{URL: c.url})
		var ue *URLError
		if !errors.As(err, &ue) || ue.Problem != c.problem || ue.Value != c.value {
			t.Errorf("%s: %#v (%v), want %s %q", c.url, ue, err, c.problem, c.value)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the password in %v", c.url, err)
		}
	}
	for _, q := range []string{"sslmode=disable&connect_timeout=5&application_name=desk1", "client_encoding=utf8",
		"target_session_attrs=read-write&scitech.reply_timeout=90s&idle_in_transaction_session_timeout=1min",
		"host=/tmp&port=5433&sslrootcert=/x.crt&sslcert=/c&sslkey=/k"} {
		if _, err := parseConfig(dialect.Target{URL: "postgres://clerk@office/scitech?" + q}); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// Every connection talks UTF8, whatever the role or the database asks for (ALTER ROLE … SET client_encoding).
func TestConnectionsTalkUTF8WhateverTheServerSays(t *testing.T) {
	server := ServerURL(t)
	const name = "scitech_pgtest_encoding"
	if err := admin(server, `DROP DATABASE IF EXISTS `+name); err != nil {
		t.Fatal(err)
	}
	if err := admin(server, `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	defer dropDatabase(server, name)
	if err := admin(server, `ALTER DATABASE `+name+` SET client_encoding = 'GBK'`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := New().Open(ctx, dialect.Target{URL: databaseURL(server, name)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var enc, text string
	if err := db.QueryRowContext(ctx, `SELECT current_setting('client_encoding'), '旅顺口区'`).Scan(&enc, &text); err != nil {
		t.Fatal(err)
	}
	if enc != "UTF8" || text != "旅顺口区" {
		t.Errorf("client_encoding %s, text %q", enc, text)
	}
}
