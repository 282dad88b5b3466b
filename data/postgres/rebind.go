package postgres

import (
	"strconv"
	"strings"
)

// rebind turns SQLite's placeholders into PostgreSQL's, so that the store's SQL is written once with `?`:
// a bare `?` becomes `$k`, k one above the highest number used so far, and `?NNN` becomes `$NNN` — SQLite's own
// numbering rule, so `?1 … ? … ?1` means the same on both. Text in single quotes, names in double quotes,
// `--` and (nested) `/* */` comments and dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`) are copied untouched.
//
// Two spellings the scan does not know, and the shared SQL must not use: E'…' strings with a backslash-escaped
// quote, and jsonb's `?`, `?|`, `?&` operators (use jsonb_exists), which would be taken for placeholders.
//
// A linear scan costs about a microsecond for a kilobyte of SQL against a round trip a hundred times longer,
// so nothing is cached: the store builds SQL at run time (import batches, IN lists) that a cache would keep
// without bound.
func rebind(q string) string {
	if strings.IndexByte(q, '?') < 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	highest := 0
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			i = copyTo(&b, q, i, quotedEnd(q, i, c))
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			end := len(q)
			if j := strings.IndexByte(q[i:], '\n'); j >= 0 {
				end = i + j + 1
			}
			i = copyTo(&b, q, i, end)
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			i = copyTo(&b, q, i, blockCommentEnd(q, i))
		case c == '$':
			i = copyTo(&b, q, i, dollarQuotedEnd(q, i))
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := highest + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			highest = max(highest, n)
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// copyTo writes q[from:to] and returns to.
func copyTo(b *strings.Builder, q string, from, to int) int {
	b.WriteString(q[from:to])
	return to
}

// quotedEnd is the index after the quote that closes the one at i (a doubled quote is part of the text: the
// scan sees it as the end of one quoted part and the start of the next, which copies it the same).
func quotedEnd(q string, i int, quote byte) int {
	if j := strings.IndexByte(q[i+1:], quote); j >= 0 {
		return i + 1 + j + 1
	}
	return len(q)
}

// blockCommentEnd is the index after the comment opened at i; PostgreSQL's block comments nest.
func blockCommentEnd(q string, i int) int {
	depth := 0
	for j := i; j+1 < len(q); j++ {
		switch {
		case q[j] == '/' && q[j+1] == '*':
			depth++
			j++
		case q[j] == '*' && q[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(q)
}

// dollarQuotedEnd is the index after the dollar-quoted body opened at i (`$$` or `$tag$`), or i+1 when the
// dollar opens none (a `$1` placeholder already in PostgreSQL's spelling, or a dollar inside a name).
func dollarQuotedEnd(q string, i int) int {
	j := i + 1
	for j < len(q) && (q[j] == '_' || q[j] >= 'a' && q[j] <= 'z' || q[j] >= 'A' && q[j] <= 'Z' ||
		j > i+1 && q[j] >= '0' && q[j] <= '9' || q[j] >= 0x80) {
		j++
	}
	if j >= len(q) || q[j] != '$' {
		return i + 1
	}
	tag := q[i : j+1]
	if k := strings.Index(q[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag)
	}
	return len(q)
}
