package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 17 item 3: a draft has no number, so the number is no longer a setting (what older versions stored is
// not read), and the bureau chooses what a draft's header says instead: 草稿 (the default) or 第　期.
func TestBriefSettingsKeepTheDraftMarkAndNoNumber(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	assert.Equal(t, DraftMarkWord, b.DraftMark, "草稿 until the bureau chooses")
	assert.Zero(t, b.IssueNo, "a brief read from the settings is a draft")

	_, err = s.db.Exec(`INSERT INTO setting (key, value) VALUES ('brief.issue_no', '7')`) // as an older version left it
	require.NoError(t, err)
	b.DraftMark, b.IssueNo, b.Corrects = DraftMarkBlank, 5, 3
	require.NoError(t, s.SetBriefSettings(ctx, b))
	got, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	assert.Equal(t, BriefSettings{IssuingUnit: b.IssuingUnit, BriefName: b.BriefName, DraftMark: DraftMarkBlank}, got,
		"the draft mark is kept; a number is neither saved nor read")
	log, err := s.AuditLog(ctx, "setting", 0)
	require.NoError(t, err)
	require.NotEmpty(t, log)
	assert.Contains(t, log[0].After, `"DraftMark":"blank"`, "the audit log says what was set")

	b.DraftMark = ""
	require.NoError(t, s.SetBriefSettings(ctx, b))
	got, err = s.BriefSettings(ctx)
	require.NoError(t, err)
	assert.Equal(t, DraftMarkWord, got.DraftMark, "none given is the default")

	b.DraftMark = "第　期"
	err = s.SetBriefSettings(ctx, b)
	assert.Equal(t, Invalid, ErrorCode(err))
	var list Errors
	require.ErrorAs(t, err, &list)
	assert.NotNil(t, list.For("draft_mark"))
}
