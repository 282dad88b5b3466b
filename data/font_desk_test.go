package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBriefFontsAreADesksOwnOnAServer (issue 19, A19's D18): on a server a brief font chosen on one desk (a file
// on that computer, such as a Windows user's own font) is that desk's only: another desk keeps its own fonts
// and prints its briefs. A font kept under the plain key (set before, or carried in from a desk's file) is used
// by a desk with no choice of its own only while its file exists there. On a file nothing changes: the plain key
// is the file's font, and a missing file is for the brief to name.
func TestBriefFontsAreADesksOwnOnAServer(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	here := filepath.Join(t.TempDir(), "kai.ttf")
	require.NoError(t, os.WriteFile(here, []byte("a font"), 0o644))
	wang := `C:\Users\wang\AppData\Local\Microsoft\Windows\Fonts\simfang.ttf`

	// Desk wang-pc chooses a font of its own.
	require.NoError(t, s.setBriefFont(ctx, "body", wang, "wang-pc/wang"))
	fonts, err := briefFonts(ctx, s.db, "wang-pc/wang")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"body": wang}, fonts, "wang's desk prints with wang's font")

	fonts, err = s.BriefFonts(ctx)
	require.NoError(t, err)
	if s.Server() {
		assert.Empty(t, fonts, "another desk's font is not this desk's")
	} else {
		assert.Empty(t, fonts, "a file keeps the plain key only")
	}

	// The plain key: a font set before on a server, or carried in from a desk's file.
	_, err = s.db.Exec(`INSERT INTO setting (key, value) VALUES ('brief.font.body', ?), ('brief.font.title', ?)`,
		wang, here)
	require.NoError(t, err)
	fonts, err = s.BriefFonts(ctx)
	require.NoError(t, err)
	if s.Server() {
		assert.Equal(t, map[string]string{"title": here}, fonts, "a plain key's file that this desk lacks is left out")
	} else {
		assert.Equal(t, map[string]string{"body": wang, "title": here}, fonts, "a file's fonts as before")
	}

	// This desk's own choices, the default included, come before the plain key.
	require.NoError(t, s.SetBriefFont(ctx, "title", ""))
	require.NoError(t, s.SetBriefFont(ctx, "heading", here))
	fonts, err = s.BriefFonts(ctx)
	require.NoError(t, err)
	if s.Server() {
		assert.Equal(t, map[string]string{"heading": here}, fonts)
	} else {
		assert.Equal(t, map[string]string{"body": wang, "heading": here}, fonts)
	}
	if s.Server() {
		fonts, err = briefFonts(ctx, s.db, "wang-pc/wang")
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"body": wang, "title": here}, fonts, "this desk's choices are not wang's")
	}
}
