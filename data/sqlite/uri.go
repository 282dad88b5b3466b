package sqlite

import (
	"path/filepath"
	"strings"
)

// SQLite is opened through a "file:" URI (https://www.sqlite.org/uri.html) so that the connection's
// parameters travel with the name. In a URI "?" starts the parameters, "#" ends the name and "%HH" stands for
// a byte, all of which a folder name may hold ("项目#1" is a legal Windows folder): pasted raw, such a path
// names another file. Every SQLite URI the program opens is built here.

// URI is the "file:" URI of the database file at path with parameters given as key, value pairs, in order.
// Every byte of the path but the plainest is escaped as %HH, which SQLite decodes back into the same bytes; an
// absolute path gets the empty authority ("file:///…", "file:///C:/…" on Windows, "file:////server/share/…"
// for a UNC path), since a name after "file://" would be read as a host. A relative path is made absolute
// first: the driver opens connections long after, and a relative URI path has odd forms ("C:db" on Windows).
func URI(path string, keyValues ...string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	var b strings.Builder
	b.WriteString("file:")
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		b.WriteString("//")
		if !strings.HasPrefix(p, "/") {
			b.WriteByte('/') // C:/… becomes /C:/…; SQLite's Windows layer drops that slash again
		}
	}
	escape(&b, p, true)
	for i := 0; i+1 < len(keyValues); i += 2 {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		escape(&b, keyValues[i], false)
		b.WriteByte('=')
		escape(&b, keyValues[i+1], false)
	}
	return b.String()
}

// escape writes s with every byte that is not an unreserved URI character escaped as %HH, but for "/" (and
// ":", for a drive letter) in a path. Both SQLite and the driver's own parameter reading (Go's
// url.ParseQuery) decode %HH; "+" is escaped too, as the driver would read it as a space.
func escape(b *strings.Builder, s string, path bool) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		case path && (c == '/' || c == ':'):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}
