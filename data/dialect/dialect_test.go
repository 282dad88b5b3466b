package dialect

import (
	"strings"
	"testing"
)

func TestTargetNamesTheServerWithoutItsPassword(t *testing.T) {
	for _, c := range []struct {
		in     string
		server bool
		want   string
	}{
		{"/home/clerk/scitech.db", false, "/home/clerk/scitech.db"},
		{`C:\Users\clerk\科技.db`, false, `C:\Users\clerk\科技.db`},
		{" postgres://clerk:s3cret@office:5432/scitech ", true, "clerk@office:5432/scitech"},
		{"postgresql://clerk@office/scitech?sslmode=require", true, "clerk@office/scitech"},
		{"POSTGRES://clerk:s3cret@office/scitech", true, "clerk@office/scitech"},
		{"postgres://postgres@/postgres?host=/tmp/scitech-pg.x", true, "postgres@/tmp/scitech-pg.x/postgres"},
		{"postgres:///scitech", true, "local socket/scitech"},
		{"postgres://clerk:s3cret@[::1/scitech", true, "postgres://(unreadable URL)"},
	} {
		tg := ParseTarget(c.in)
		if tg.Server() != c.server {
			t.Errorf("%q: Server() = %v", c.in, tg.Server())
		}
		if got := tg.String(); got != c.want || strings.Contains(got, "s3cret") {
			t.Errorf("%q: String() = %q, want %q", c.in, got, c.want)
		}
	}
}

// A name that looks like a URL but names no server is neither a server nor a file (issue 19: a wrong URL never
// makes a new empty database somewhere else), and is named without its password; file paths, Windows' drive
// letters and folders with a colon in their names stay files.
func TestMistypedURLIsNeitherServerNorFile(t *testing.T) {
	for _, c := range []struct {
		in       string
		mistyped bool
		want     string
	}{
		{"postgress://clerk:s3cret@127.0.0.1:54391/office9", true, "postgress://clerk@127.0.0.1:54391/office9"},
		{"postgre://clerk:s3cret@office/db", true, "postgre://clerk@office/db"},
		{"pg://clerk:s3cret@office/db", true, "pg://clerk@office/db"},
		{"postgresq://office/db", true, "postgresq://office/db"},
		{"HTTP://office/db", true, "HTTP://office/db"},
		{"postgres//clerk:s3cret@office/db", true, "postgres//clerk@office/db"},
		{"postgres:clerk:s3cret@office/db", true, "postgres:clerk@office/db"},
		{"postgresql:/office2", true, "postgresql:/office2"},
		{"file:scitech.db", true, "file:scitech.db"},
		{"postgres://clerk:s3cret@office/db", false, "clerk@office/db"},
		{"scitech.db", false, "scitech.db"},
		{"/tmp/a:b/库a:b.db", false, "/tmp/a:b/库a:b.db"},
		{"/tmp/file:/x.db", false, "/tmp/file:/x.db"},
		{`C:\Users\clerk\科技.db`, false, `C:\Users\clerk\科技.db`},
		{"C:/Users/clerk/x.db", false, "C:/Users/clerk/x.db"},
		{`\\bureau-nas\科技 局\scitech.db`, false, `\\bureau-nas\科技 局\scitech.db`},
		{"postgres/scitech.db", false, "postgres/scitech.db"},
	} {
		tg := ParseTarget(c.in)
		if tg.Mistyped() != c.mistyped {
			t.Errorf("%q: Mistyped() = %v", c.in, tg.Mistyped())
		}
		if got := tg.String(); got != c.want || strings.Contains(got, "s3cret") {
			t.Errorf("%q: String() = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestErrorClassesHaveNames(t *testing.T) {
	seen := map[string]bool{}
	for c := Other; c <= IO; c++ {
		name := c.String()
		if name == "" || seen[name] {
			t.Errorf("class %d: name %q empty or taken", c, name)
		}
		seen[name] = true
	}
	if Reference.String() != "reference" || ErrorClass(99).String() != "other" {
		t.Errorf("Reference = %q, 99 = %q", Reference, ErrorClass(99))
	}
}
