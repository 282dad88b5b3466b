package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTranslationsHaveTheSameKeys(t *testing.T) {
	zh, err := Keys("zh")
	require.NoError(t, err)
	en, err := Keys("en")
	require.NoError(t, err)
	assert.NotEmpty(t, zh)
	assert.Equal(t, zh, en, "zh.json and en.json must hold the same keys")
}

func TestTranslatorFillsPlaceholders(t *testing.T) {
	zh := NewTranslator("zh")
	assert.Equal(t, "第3期", zh.T("brief.issue", map[string]any{"No": 3}))
	assert.Equal(t, "missing.key", zh.T("missing.key"), "a missing key shows itself")
	assert.Equal(t, "zh", NewTranslator("xx").Lang, "an unknown language falls back to Chinese")
	assert.Equal(t, "Issue 3", NewTranslator("en").T("brief.issue", map[string]any{"No": 3}))
}

func TestFontsAreTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"ui": UIFont, "song": SongFont, "kai": KaiFont} {
		require.Greater(t, len(b), 1<<20, name)
		// TrueType outlines start with 0x00010000; a collection (.ttc) with "ttcf", which Fyne cannot read.
		assert.Equal(t, []byte{0, 1, 0, 0}, b[:4], name)
	}
}
