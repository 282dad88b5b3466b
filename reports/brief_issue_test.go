package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// anyNumber is an issue number in either language.
var anyNumber = regexp.MustCompile(`第\s*\d+\s*期|Issue \d`)

// firstPageText is the text of page 1 of a PDF (the red header), as pdftotext reads it.
func firstPageText(t *testing.T, pdf []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "brief.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	return pages(t, path)[0]
}

// draftPDF is page 1 of a brief of the kind made without issuing it, as 生成 and `scitech brief` make it.
func draftPDF(t *testing.T, s *data.Store, kind, lang string) string {
	t.Helper()
	b, err := BriefKindNamed(kind).Load(context.Background(), s, 2025, lang, day, defaultFonts(t))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, b.WritePDF(&buf))
	return firstPageText(t, buf.Bytes())
}

// Issue 17 item 3: a brief made without 签发 prints no number: the header says 草稿 (Draft), or 第　期 with the
// number left blank when the bureau chose that in Settings; every kind, through the one header.
func TestADraftCarriesNoNumber(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	for _, k := range BriefKinds {
		text := draftPDF(t, s, k.Name, "zh")
		assert.Contains(t, text, "草稿", k.Name)
		assert.NotRegexp(t, anyNumber, text, k.Name)
	}
	text := draftPDF(t, s, "patents", "en")
	assert.Contains(t, text, "Draft")
	assert.NotRegexp(t, anyNumber, text)

	settings, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	settings.DraftMark = data.DraftMarkBlank
	require.NoError(t, s.SetBriefSettings(ctx, settings))
	text = draftPDF(t, s, "output", "zh")
	assert.Regexp(t, `第[\s　]+期`, text, "the number left blank, to be written in by hand")
	assert.NotContains(t, text, "草稿")
	assert.NotRegexp(t, anyNumber, text)
}

// The labels themselves: the workbook says 草稿 whatever the Settings say (a blank cell reads as missing).
func TestIssueLabels(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s            data.BriefSettings
		lang         string
		header, xlsx string
	}{
		{data.BriefSettings{}, "zh", "草稿", "草稿"},
		{data.BriefSettings{DraftMark: data.DraftMarkWord}, "en", "Draft", "Draft"},
		{data.BriefSettings{DraftMark: data.DraftMarkBlank}, "zh", "第　期", "草稿"},
		{data.BriefSettings{DraftMark: data.DraftMarkBlank, IssueNo: 5}, "zh", "第5期", "第5期"},
		{data.BriefSettings{IssueNo: 5, Corrects: 3}, "zh", "第5期（更正第3期）", "第5期（更正第3期）"},
		{data.BriefSettings{IssueNo: 5, Corrects: 3}, "en", "Issue 5 (corrects Issue 3)", "Issue 5 (corrects Issue 3)"},
	} {
		tr := assets.NewTranslator(c.lang)
		assert.Equal(t, c.header, headerIssueLabel(tr, c.s), "%+v", c.s)
		assert.Equal(t, c.xlsx, sheetIssueLabel(tr, c.s), "%+v", c.s)
	}
}

// Issue 17 item 5: a correction of an issued brief whose data changed takes the year's next number, its header
// says which issue it replaces, and the register links the two. A brief whose data has not changed, and one
// corrected already, are refused and nothing is registered.
func TestACorrectionSaysWhichIssueItReplaces(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	fonts := defaultFonts(t)
	work := BriefKindNamed("work")
	first, err := IssueBrief(ctx, s, s, work, 2025, "zh", day, fonts, nil)
	require.NoError(t, err)
	text := issuedFirstPage(t, s, first)
	assert.Contains(t, text, "第1期")
	assert.NotContains(t, text, "草稿")
	assert.NotContains(t, text, "更正")
	kept, err := s.IssuedBriefFile(ctx, first.ID, data.BriefText)
	require.NoError(t, err)
	assert.Contains(t, string(kept), "科技服务平台助力高新技术产业发展", "the register keeps the text the PDF was set from")

	_, err = CorrectBrief(ctx, s, s, first, day, fonts, nil)
	assert.Equal(t, "register.err.unchanged", data.ErrorKey(err), "the data has not changed")

	o := outputOf(t, s, 2025)
	o.Output += 10_000
	require.NoError(t, s.UpdateOutput(ctx, &o))
	fix, err := CorrectBrief(ctx, s, s, first, day.AddDate(0, 0, 3), fonts, nil)
	require.NoError(t, err)
	assert.Equal(t, [3]int{2, 1, 0}, [3]int{fix.IssueNo, fix.ReplacesNo, fix.ReplacedByNo})
	assert.Equal(t, first.Title, fix.Title)
	assert.NotEqual(t, first.DataHash, fix.DataHash)
	assert.Contains(t, issuedFirstPage(t, s, fix), "第2期（更正第1期）")
	changed, err := DataChanged(ctx, s, fix)
	require.NoError(t, err)
	assert.False(t, changed, "the correction is made from the data as it is")

	o.Output += 10_000
	require.NoError(t, s.UpdateOutput(ctx, &o))
	_, err = CorrectBrief(ctx, s, s, first, day, fonts, nil)
	assert.Equal(t, data.Conflict, data.ErrorCode(err), "第1期 was corrected by 第2期: correct that one")
	list, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2, "the refusals registered nothing")
	assert.Equal(t, 2, list[1].ReplacedByNo, "the register links 第1期 to its correction")

	en, err := IssueBrief(ctx, s, s, BriefKindNamed("patents"), 2025, "en", day, fonts, nil)
	require.NoError(t, err)
	_, err = CorrectBrief(ctx, s, s, en, day, fonts, nil)
	assert.Equal(t, "register.err.unchanged", data.ErrorKey(err), "the same data and the same text")

	// A mistake in the text is corrected too: the data the same, the text edited.
	var edited BriefText
	fix2, err := CorrectBrief(ctx, s, s, en, day, fonts, func(b *Brief) error {
		edited = b.Text()
		edited.Foreword = "Corrected: the count of valid patents in section 1 was misprinted."
		b.SetText(&edited)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, en.IssueNo+1, fix2.IssueNo)
	assert.Equal(t, en.DataHash, fix2.DataHash, "the data is the one issued")
	page := issuedFirstPage(t, s, fix2)
	assert.Contains(t, page, "(corrects Issue 3)")
	assert.Contains(t, page, "the count of valid patents")
	kept, err = s.IssuedBriefFile(ctx, fix2.ID, data.BriefText)
	require.NoError(t, err)
	assert.Equal(t, edited.Marshal("en"), kept, "the register keeps the corrected text")
	_, err = CorrectBrief(ctx, s, s, fix2, day, fonts, func(b *Brief) error { b.SetText(&edited); return nil })
	assert.Equal(t, "register.err.unchanged", data.ErrorKey(err), "the same edited text again")
}

// issuedFirstPage is page 1 of an issued brief's stored PDF.
func issuedFirstPage(t *testing.T, s *data.Store, b data.IssuedBrief) string {
	t.Helper()
	body, err := s.IssuedBriefFile(context.Background(), b.ID, data.BriefPDF)
	require.NoError(t, err)
	return firstPageText(t, body)
}
