package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeRender makes files that say which number they were made with, as the real PDF header does.
func fakeRender(title string) func(context.Context, int) (RenderedBrief, error) {
	return func(_ context.Context, no int) (RenderedBrief, error) {
		return RenderedBrief{Title: title, DataHash: "hash-" + title,
			PDF: []byte(fmt.Sprintf("%%PDF 第%d期", no)), XLSX: []byte(fmt.Sprintf("PK 第%d期", no))}, nil
	}
}

func issue(t *testing.T, s *Store, kind string, year int) IssuedBrief {
	t.Helper()
	b, err := s.IssueBrief(context.Background(),
		BriefIssue{Kind: kind, Lang: "zh", Year: year, Date: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)},
		fakeRender(fmt.Sprintf("%d年%s", year, kind)))
	require.NoError(t, err)
	return b
}

func TestIssueBriefNumbersPerYear(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	before := auditCount(t, s)
	var got []int
	for _, kind := range []string{"work", "output", "patents"} {
		got = append(got, issue(t, s, kind, 2025).IssueNo)
	}
	assert.Equal(t, []int{1, 2, 3}, got, "every kind shares one series per year")
	assert.Equal(t, 1, issue(t, s, "work", 2024).IssueNo, "another year starts again at 1")
	assert.Equal(t, 4, issue(t, s, "cooperation", 2025).IssueNo)
	assert.Equal(t, before+5, auditCount(t, s), "one audit row per issued brief")

	list, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	require.Len(t, list, 5)
	assert.Equal(t, "cooperation", list[0].Kind, "the latest issued first")
	assert.Equal(t, 4, list[0].IssueNo)
	assert.Equal(t, "2025年cooperation", list[0].Title)
	assert.Equal(t, "2026-01-15", FormatDate(list[0].Date))
	assert.Equal(t, "tester", list[0].Operator)
	assert.Equal(t, "hash-2025年cooperation", list[0].DataHash)
	assert.False(t, list[0].IssuedAt.IsZero())

	pdf, err := s.IssuedBriefFile(ctx, list[0].ID, BriefPDF)
	require.NoError(t, err)
	assert.Equal(t, "%PDF 第4期", string(pdf), "the file made with the number allotted")
	xlsx, err := s.IssuedBriefFile(ctx, list[0].ID, BriefXLSX)
	require.NoError(t, err)
	assert.Equal(t, "PK 第4期", string(xlsx))

	one, err := s.IssuedBrief(ctx, list[1].ID)
	require.NoError(t, err)
	assert.Equal(t, list[1], one)

	log, err := s.AuditLog(ctx, "brief_register", list[0].ID)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assert.Equal(t, "create", log[0].Action)
	assert.Contains(t, log[0].After, `"IssueNo":4`)
}

func TestIssuedBriefFileErrors(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	b := issue(t, s, "work", 2025)
	_, err := s.IssuedBriefFile(ctx, b.ID, "docx")
	assert.Equal(t, Invalid, ErrorCode(err))
	_, err = s.IssuedBriefFile(ctx, b.ID+1, BriefPDF)
	assert.Equal(t, NotFound, ErrorCode(err))
	_, err = s.IssuedBrief(ctx, b.ID+1)
	assert.Equal(t, NotFound, ErrorCode(err))
}

func TestIssueBriefRefusesBadInput(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	called := false
	_, err := s.IssueBrief(context.Background(), BriefIssue{Kind: "work", Lang: "fr", Year: 2025, Date: Today()},
		func(context.Context, int) (RenderedBrief, error) { called = true; return RenderedBrief{}, nil })
	assert.Equal(t, Invalid, ErrorCode(err))
	var list Errors
	require.True(t, errors.As(err, &list))
	assert.NotNil(t, list.For("brief_lang"))
	assert.False(t, called, "nothing is rendered for a request that is refused")
}

func TestIssueBriefFailingRenderWritesNothing(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	issue(t, s, "work", 2025)
	before := auditCount(t, s)
	boom := errors.New("the font lacks 𠀀")
	_, err := s.IssueBrief(ctx, BriefIssue{Kind: "output", Lang: "zh", Year: 2025, Date: Today()},
		func(context.Context, int) (RenderedBrief, error) { return RenderedBrief{}, boom })
	assert.ErrorIs(t, err, boom)

	cctx, cancel := context.WithCancel(ctx)
	_, err = s.IssueBrief(cctx, BriefIssue{Kind: "output", Lang: "zh", Year: 2025, Date: Today()},
		func(_ context.Context, no int) (RenderedBrief, error) {
			cancel() // the user pressed Cancel while the brief was being made
			return fakeRender("x")(ctx, no)
		})
	assert.Error(t, err)

	list, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	assert.Len(t, list, 1, "a failed or cancelled render registers nothing")
	assert.Equal(t, before, auditCount(t, s), "and writes no audit row")
	assert.Equal(t, 2, issue(t, s, "output", 2025).IssueNo, "and leaves no gap in the numbers")
}

// Several issuers at once on the pool's connections (one program holds the database: see lock.go). Half go
// through IssueBrief, which queues them in the program; half take the transaction directly, as a second
// window of the same program would without that queue: the immediate transaction alone keeps them apart.
func TestIssueBriefConcurrentIssuersGetDistinctNumbers(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	render := func(ctx context.Context, no int) (RenderedBrief, error) {
		time.Sleep(5 * time.Millisecond) // a render takes time: the other issuer must wait, not reuse the number
		return fakeRender("w")(ctx, no)
	}
	meta := BriefIssue{Kind: "work", Lang: "zh", Year: 2025, Date: Today()}
	issuers := []func() (IssuedBrief, error){
		func() (IssuedBrief, error) { return s.IssueBrief(ctx, meta, render) },
		func() (IssuedBrief, error) {
			var b IssuedBrief
			err := s.update(ctx, func(tx *sql.Tx) error {
				var err error
				b, err = s.issueBrief(ctx, tx, meta, render)
				return err
			})
			return b, err
		},
	}
	const each = 8
	var mu sync.Mutex
	var nos []int
	var wg sync.WaitGroup
	for i := range 2 * each {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := issuers[i%2]()
			if !assert.NoError(t, err) {
				return
			}
			mu.Lock()
			nos = append(nos, b.IssueNo)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Ints(nos)
	want := make([]int, 2*each)
	for i := range want {
		want[i] = i + 1
	}
	assert.Equal(t, want, nos, "every issuer got its own number, with no gap")
}

// Issue 17: the register keeps the final text a brief was set from, byte for byte, so that it can be printed
// again as issued; a brief issued without one (as every brief before issue 17) gives nil.
func TestIssuedBriefKeepsItsFinalText(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	text := []byte("标题：2025年科技工作简报\n\n一、总体情况\n全区……（编者按：经手改）\n\x00尾")
	withText, err := s.IssueBrief(ctx, BriefIssue{Kind: "work", Lang: "zh", Year: 2025, Date: Today()},
		func(ctx context.Context, no int) (RenderedBrief, error) {
			r, err := fakeRender("w")(ctx, no)
			r.Text = text
			return r, err
		})
	require.NoError(t, err)
	without := issue(t, s, "output", 2025)

	got, err := s.IssuedBriefFile(ctx, withText.ID, BriefText)
	require.NoError(t, err)
	assert.Equal(t, text, got)
	got, err = s.IssuedBriefFile(ctx, without.ID, BriefText)
	require.NoError(t, err)
	assert.Nil(t, got, "no text was kept")
	_, err = s.IssuedBriefFile(ctx, without.ID+1, BriefText)
	assert.Equal(t, NotFound, ErrorCode(err))
}

// correct issues a correction of an issued brief, as the register screen and `scitech brief --correct` do.
func correct(s *Store, of IssuedBrief, render func(context.Context, int) (RenderedBrief, error)) (IssuedBrief, error) {
	return s.IssueBrief(context.Background(), BriefIssue{Kind: of.Kind, Lang: of.Lang, Year: of.Year,
		Date: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Replaces: of.ID}, render)
}

// Issue 17 item 5: a correction (更正) takes the year's next number and the register links it both ways to the
// brief it replaces; a brief is corrected once (a second correction corrects the correction), and only by a
// brief of its own kind, language and year.
func TestACorrectionTakesTheNextNumberAndNamesTheBriefItReplaces(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	first := issue(t, s, "work", 2025)
	issue(t, s, "output", 2025)
	fix, err := correct(s, first, fakeRender("更正"))
	require.NoError(t, err)
	assert.Equal(t, 3, fix.IssueNo, "the year's next number, as any brief")
	assert.Equal(t, first.ID, fix.Replaces)
	assert.Equal(t, 1, fix.ReplacesNo)

	list, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, fix, list[0])
	assert.Equal(t, [4]int64{0, 0, fix.ID, 3}, [4]int64{list[2].Replaces, int64(list[2].ReplacesNo), list[2].ReplacedBy,
		int64(list[2].ReplacedByNo)}, "the replaced brief names its correction")
	assert.Zero(t, list[1].Replaces+list[1].ReplacedBy, "a brief outside the chain names none")
	again, err := s.IssuedBrief(ctx, first.ID)
	require.NoError(t, err)
	assert.Equal(t, list[2], again)
	log, err := s.AuditLog(ctx, "brief_register", fix.ID)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assert.Contains(t, log[0].After, `"ReplacesNo":1`)
	log, err = s.AuditLog(ctx, "brief_register", first.ID)
	require.NoError(t, err)
	assert.NotContains(t, log[0].After, "Replace", "a brief that corrects none says nothing of it")

	rendered := false
	spy := func(ctx context.Context, no int) (RenderedBrief, error) {
		rendered = true
		return fakeRender("x")(ctx, no)
	}
	_, err = correct(s, first, spy)
	assert.Equal(t, Conflict, ErrorCode(err), "第1期 was corrected already")
	var de *Error
	require.True(t, errors.As(err, &de))
	assert.Equal(t, "register.err.corrected", de.Key)
	assert.Equal(t, map[string]any{"No": 1, "By": 3}, de.Args, "the message names the correction to correct instead")

	other := first
	other.Lang = "en"
	_, err = correct(s, other, spy)
	assert.Equal(t, Invalid, ErrorCode(err), "a correction in the other language")
	other = list[1]
	other.Kind = "work"
	_, err = correct(s, other, spy)
	assert.Equal(t, Invalid, ErrorCode(err), "a correction of another kind")
	other.ID = 99
	_, err = correct(s, other, spy)
	assert.Equal(t, NotFound, ErrorCode(err))
	assert.False(t, rendered, "nothing is rendered for a refused correction")

	fix2, err := correct(s, fix, fakeRender("再更正"))
	require.NoError(t, err)
	assert.Equal(t, [2]int{4, 3}, [2]int{fix2.IssueNo, fix2.ReplacesNo}, "the correction is corrected in turn")
	list, err = s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	assert.Equal(t, [2]int{3, 4}, [2]int{list[1].IssueNo, list[1].ReplacedByNo})
	assert.Equal(t, 1, list[1].ReplacesNo, "the middle of the chain names both")
}
