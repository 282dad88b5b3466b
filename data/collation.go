package data

import (
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"modernc.org/sqlite"
)

// Pinyin is the SQL collation that orders names as a Chinese reader looks them up: by the pinyin of their
// characters (大连理工大学 before 上海交通大学, which byte order put the other way round, 上 being U+4E0A), digits
// before Latin letters before characters, Latin letters without regard to case first. It is CLDR's Chinese
// collation as golang.org/x/text/collate carries it (CLDR 23). A character with several readings takes the one
// CLDR gives it, whatever the word: 沈 as chén, 重 as zhòng, 长 as zhǎng, which is wrong for 沈阳 (Shěnyáng, and
// the surname 沈), 重庆 (Chóngqìng) and 长春 (Chángchūn).
//
// A server has a collation of the same name (data/postgres's migration 0001): ICU's zh-u-kr-latn-hani, Chinese
// order with Latin letters before characters as here (ICU's plain zh puts characters first). It reads by ICU's
// own, newer CLDR, so a few characters sort apart from this one: 沈 as shěn and 重 as chóng, right for 沈阳 and
// 重庆 (长 is zhǎng there too), and 识 otherwise. In the sample set only the four names with 沈阳 come apart;
// data's collation tests keep the exact list (serverReadsOtherwise) and fail on a new difference.
//
// Every list, picker and export that shows names in order says `ORDER BY name COLLATE pinyin`; migration 0008
// indexes the columns lists page by in this order, so a page is still read from an index. A database with those
// indexes is read by any SQLite tool, but writing to their tables needs the collation, which only this program
// registers: another tool fails with "no such collation sequence: pinyin".
const Pinyin = "pinyin"

// collatePinyin is the collation in SQL, ready to follow a column: "c.name" + collatePinyin.
const collatePinyin = " COLLATE " + Pinyin

// The collation is registered with the driver when the package starts, before any connection is opened: a
// connection opened without it could not read the indexes of migration 0008 nor write to their tables, and
// `PRAGMA integrity_check` reports such an index as damaged.
func init() {
	sqlite.MustRegisterCollationUtf8(Pinyin, ComparePinyin)
}

// collators hands each comparison a collator of its own: a collate.Collator keeps buffers between calls and
// must not be used by two goroutines at once, and SQLite compares on every connection's goroutine.
var collators = sync.Pool{New: func() any { return collate.New(language.Chinese) }}

// ComparePinyin orders two names as the pinyin collation does: -1, 0 or +1. Names the collator finds equal but
// that differ (in characters it ignores, such as a zero-width space, or in their Unicode normal form) are
// ordered by their bytes, so that the order is total and two names compare equal only when they are the same
// text, as SQLite requires of a collation and as an index needs to find a name again.
func ComparePinyin(a, b string) int {
	if a == b {
		return 0
	}
	c := collators.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	collators.Put(c)
	if r == 0 {
		return strings.Compare(a, b)
	}
	return r
}
