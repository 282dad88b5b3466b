package assets

import (
	"bytes"
	"encoding/json"
	"io/fs"
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
	for name, b := range map[string][]byte{"ui": UIFont, "fang": FangFont, "song": SongFont, "kai": KaiFont} {
		require.Greater(t, len(b), 1<<20, name)
		// TrueType outlines start with 0x00010000; a collection (.ttc) with "ttcf", which Fyne cannot read.
		assert.Equal(t, []byte{0, 1, 0, 0}, b[:4], name)
	}
}

// json.Unmarshal keeps the last of two equal keys silently; a file must not hold one twice.
func TestTranslationFilesHaveNoRepeatedKeys(t *testing.T) {
	files, err := fs.Glob(Translations, "translations/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		b, err := Translations.ReadFile(name)
		require.NoError(t, err)
		dec := json.NewDecoder(bytes.NewReader(b))
		seen := map[string]bool{}
		_, err = dec.Token() // {
		require.NoError(t, err, name)
		for dec.More() {
			tok, err := dec.Token()
			require.NoError(t, err, name)
			key := tok.(string)
			assert.False(t, seen[key], "%s repeats key %q", name, key)
			seen[key] = true
			_, err = dec.Token()
			require.NoError(t, err, name)
		}
	}
}
