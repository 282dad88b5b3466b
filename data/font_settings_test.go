package data

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBriefFontsAreSetPerRoleAndGoBackToDefault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	fonts, err := s.BriefFonts(ctx)
	require.NoError(t, err)
	assert.Empty(t, fonts, "a new database uses the default fonts")

	require.NoError(t, s.SetBriefFont(ctx, "title", ` C:\Fonts\FZXBSJW.TTF `))
	require.NoError(t, s.SetBriefFont(ctx, "body", "/home/u/仿宋.ttf"))
	fonts, err = s.BriefFonts(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"title": `C:\Fonts\FZXBSJW.TTF`, "body": "/home/u/仿宋.ttf"}, fonts)
	assert.Equal(t, 2, auditCount(t, s))

	require.NoError(t, s.SetBriefFont(ctx, "body", "/home/u/仿宋.ttf"))
	assert.Equal(t, 2, auditCount(t, s), "setting the same file again changes nothing")

	require.NoError(t, s.SetBriefFont(ctx, "title", ""))
	fonts, err = s.BriefFonts(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"body": "/home/u/仿宋.ttf"}, fonts, "an empty path is the default again")
	log, err := s.AuditLog(ctx, "setting", 0)
	require.NoError(t, err)
	require.Len(t, log, 3)
	assert.Equal(t, "update", log[0].Action)
	assert.Contains(t, log[0].Before, `FZXBSJW.TTF`)
	assert.Contains(t, log[0].After, `"Path":""`)
	assert.Equal(t, "tester", log[0].Operator)

	// The header settings live in the same table and are untouched.
	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	assert.Equal(t, DefaultBriefSettings, b)
}

func TestSetBriefFontRefusesUnknownRolesAndBadPaths(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	for _, c := range []struct{ role, path, field string }{
		{"footer", "/a.ttf", "role"},
		{"", "/a.ttf", "role"},
		{"body", "/a\x00.ttf", "path"},
		{"body", "/a\n.ttf", "path"},
		{"body", "/" + strings.Repeat("a", 2000) + ".ttf", "path"},
		{"body", "/a\xff.ttf", "path"},
	} {
		err := s.SetBriefFont(ctx, c.role, c.path)
		require.Error(t, err, "%q %q", c.role, c.path)
		assert.Equal(t, Invalid, ErrorCode(err))
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, c.field, e.Field)
	}
	assert.Zero(t, auditCount(t, s), "nothing refused is recorded")
	fonts, err := s.BriefFonts(ctx)
	require.NoError(t, err)
	assert.Empty(t, fonts)
}

func TestBriefFontsSurviveReopening(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.SetBriefFont(ctx, "subheading", "/fonts/kai.ttf"))
	target := s.target // the file, or the server's database
	require.NoError(t, s.Close())
	again, err := OpenTarget(ctx, target)
	require.NoError(t, err)
	defer again.Close()
	fonts, err := again.BriefFonts(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"subheading": "/fonts/kai.ttf"}, fonts)
}
