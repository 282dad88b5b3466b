package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// No command prints a server's password, whatever it does with the database or however it fails: every
// sub-command is run with a URL whose password is a sentinel, percent-encoded as a URL must write @ and /, and
// what it prints (stdout and stderr) must hold the sentinel in no form, written or decoded. The test server
// trusts its local user, so the password is not checked and every command does its work.
func TestNoCommandPrintsThePassword(t *testing.T) {
	t.Setenv("SCITECH_LANG", "en")
	server := testServer(t)
	const sentinel = "s3ntinelPW" // every form below holds it
	secret := func(u string) string {
		p := mustParse(t, u)
		p.User = nil
		return strings.Replace(p.String(), "://", "://"+mustParse(t, u).User.Username()+":"+sentinel+"%40x%2Fy@", 1)
	}
	db := secret(emptyServerDatabase(t, server))
	other := secret(emptyServerDatabase(t, server))
	missing := secret(withDatabase(t, server, randomName("none_"), ""))
	unreachable := "postgres://clerk:" + sentinel + "%40x@/scitech?host=" + t.TempDir()
	badURL := "postgres://clerk:" + sentinel + "%40x@office:port/scitech"
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }

	runs := [][]string{
		{"server", "init", db},
		{"server", "init", db}, // refused: not empty
		{"server", "upgrade", db},
		{"demo", "--db", db},
		{"demo", "--db", db}, // refused: holds companies
		{"stats", "--year", "2025", "--db", db},
		{"stats", "--year", "2025", "--json", "--db", db},
		{"brief", "output", "--year", "2025", "--pdf", at("b.pdf"), "--xlsx", at("b.xlsx"), "--db", db},
		{"brief", "output", "--year", "2025", "--issue", "--pdf", at("i.pdf"), "--db", db},
		{"briefs", "--db", db},
		{"briefs", "save", "1", "--pdf", at("s.pdf"), "--db", db},
		{"briefs", "correct", "1", "--pdf", at("c.pdf"), "--db", db},
		{"policy", "--policy", "gaoqi", "--year", "2025", "--db", db},
		{"policy", "--policy", "kexiao", "--year", "2025", "--json", "--db", db},
		{"export", "companies", at("companies.xlsx"), "--db", db},
		{"template", at("template.xlsx"), "--db", db},
		{"import", at("companies.xlsx"), "--dry-run", "--db", db},
		{"import", at("companies.xlsx"), "--db", db},
		{"check", "--db", db},
		{"backup", at("backup.db"), "--db", db},
		{"restore", at("backup.db"), "--db", db}, // refused: not empty
		{"restore", at("backup.db"), "--db", other},
		{"migrate", "--from", db, "--to", at("copy.db")},
		{"migrate", "--from", at("copy.db"), "--to", db}, // refused: not empty
		{"server", "upgrade", missing},
		{"stats", "--year", "2025", "--db", missing},
		{"demo", "--db", unreachable},
		{"check", "--db", unreachable},
		{"server", "init", unreachable},
		{"migrate", "--from", at("copy.db"), "--to", badURL},
		{"export", "companies", at("x.xlsx"), "--db", badURL},
		{"server", "upgrade", badURL},
		{"scitech-no-such-command", "--db", db},
	}
	for _, args := range runs {
		code, out, errs := runCLI(t, args...)
		for _, text := range []string{out, errs} {
			if strings.Contains(text, sentinel) {
				t.Errorf("scitech %s (exit %d) printed the password:\n%s", strings.Join(args, " "), code, text)
			}
		}
		t.Logf("scitech %s: exit %d", args[0], code)
	}
}
