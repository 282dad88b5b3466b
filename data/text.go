package data

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text of a record holds what a person can see. Control characters, byte order marks, zero-width
// characters and bidirectional overrides are invisible: they arrive from pasted web pages, PDF copies and
// _x0000_-style escapes in workbooks, make two names that look alike differ (a duplicate no search finds),
// show a name reversed (U+202E), and an export writes some of them as U+FFFD, so that re-importing it reports a
// change. A form refuses them, naming the field; an import removes them with a warning naming the cell.

// hiddenChar tells whether r is a character a record's text must not hold: a control character other than
// tab and line ends, a format character (zero-width, byte order mark, bidirectional controls, soft hyphen…),
// a line or paragraph separator, or a noncharacter.
func hiddenChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return true
	case r < 0xa0:
		return false
	case r == utf8.RuneError:
		return false // a real U+FFFD; invalid bytes are found apart
	}
	return unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' ||
		r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// FindHidden returns the first hidden character of s (see hiddenChar) and its position in characters,
// 1-based; an invalid UTF-8 byte counts as one, reported as U+FFFD. found is false when s has none.
func FindHidden(s string) (r rune, pos int, found bool) {
	for i, w := 0, 0; i < len(s); i += w {
		pos++
		if c := s[i]; c < utf8.RuneSelf { // ASCII, most of any workbook, without decoding
			w = 1
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return rune(c), pos, true
			}
			continue
		}
		r, w = utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || hiddenChar(r) {
			return r, pos, true
		}
	}
	return 0, 0, false
}

// StripHidden returns s without its hidden characters and invalid bytes, and the code points removed
// ("U+202E", once each, in order); s itself and nil when it has none.
func StripHidden(s string) (string, []string) {
	if _, _, found := FindHidden(s); !found {
		return s, nil
	}
	var b strings.Builder
	var removed []string
	seen := map[string]bool{}
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		if r == utf8.RuneError && n == 1 || hiddenChar(r) {
			if code := CodePoint(r, r == utf8.RuneError); !seen[code] {
				seen[code] = true
				removed = append(removed, code)
			}
			continue
		}
		b.WriteString(s[i : i+n])
	}
	return b.String(), removed
}

// CodePoint names a character the way a user can look it up: "U+202E"; an invalid byte is "invalid byte".
func CodePoint(r rune, invalidByte bool) string {
	if invalidByte {
		return "invalid byte"
	}
	return fmt.Sprintf("U+%04X", r)
}

// ValidateText refuses text holding a hidden character, naming it and where it is.
func ValidateText(s string) error {
	r, pos, found := FindHidden(s)
	if !found {
		return nil
	}
	code := CodePoint(r, r == utf8.RuneError)
	return invalid("err.text.hidden", "holds an invisible or control character ({{.Char}}) at character {{.Pos}}; delete it",
		map[string]any{"Char": code, "Pos": pos})
}
