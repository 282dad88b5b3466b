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
