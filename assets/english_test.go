package assets

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// englishExceptions are the English texts that hold Chinese on purpose, with the characters they may hold: the
// language's own name in the language chooser, the mark a brief prints for a missing character, and the
// answers a Chinese workbook's yes/no column holds and the units its headers name.
var englishExceptions = map[string]string{
	"lang.zh":             "中文",
	"missing.cli.marked":  "〓",
	"missing.cli.refused": "〓",
	"missing.go_on":       "〓",
	"missing.intro":       "〓",
	"err.import.bool":     "是否",
	"err.import.unit":     "万元亿",
}

// notEnglish says why r does not belong in an English text, or "" when it does. The window and the briefs set
// every text in Chinese fonts, whose curly quotes and ellipsis are a full character wide ("“ Name ”", "Open···"),
// so English takes the straight quotes and three points; Chinese punctuation and units are written out.
func notEnglish(r rune) string {
	switch {
	case unicode.Is(unicode.Han, r):
		return "a Chinese character"
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef:
		return "full-width punctuation"
	case r == '“' || r == '”' || r == '‘' || r == '’':
		return "a curly quote, a full character wide in the Chinese fonts; write \" or '"
	case r == '…':
		return "an ellipsis, a full character wide and centred in the Chinese fonts; write ..."
	}
	return ""
}

// Every English text is English: no Chinese characters, punctuation or units outside the few deliberate places
// (englishExceptions), and no character the Chinese fonts set a full character wide.
func TestEnglishTextsAreEnglish(t *testing.T) {
	en, err := Messages("en")
	require.NoError(t, err)
	require.Greater(t, len(en), 500)
	for key, text := range en {
		allowed := englishExceptions[key]
		for _, r := range text {
			if why := notEnglish(r); why != "" && !strings.ContainsRune(allowed, r) {
				t.Errorf("%s: %q holds %q, %s", key, text, r, why)
			}
		}
	}
	for key, allowed := range englishExceptions {
		assert.Contains(t, en, key, "an exception names a key that is gone")
		for _, r := range allowed {
			assert.Contains(t, en[key], string(r), "%s no longer needs %q", key, r)
		}
	}
}

// The check itself: each kind of character it refuses is refused, and plain English passes.
func TestNotEnglishFindsEachKind(t *testing.T) {
	for _, r := range "万元（），：；。、“”‘’…　！？" {
		assert.NotEmpty(t, notEnglish(r), "%q", r)
	}
	for _, r := range "Hello, \"World\" (10k yuan): 1.5; it's ... - – — → ± ≥ × ©" {
		assert.Empty(t, notEnglish(r), "%q", r)
	}
}
