package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data/datatest"
)

// longTableDoc is a document with a table long enough to run over several pages.
func longTableDoc(t *testing.T, rows int) string {
	d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	d.paragraph("表格测试", headingStyle)
	tb := table{cols: []column{{header: "表头甲", width: 100}, {header: "数额（万元）", width: 56, right: true}},
		totals: map[int]bool{rows: true}}
	for i := 1; i <= rows; i++ {
		name := fmt.Sprintf("第%d行", i)
		if i%7 == 0 {
			name += "，这一行的名称特别长，需要在单元格内折成两行才能放下全部文字"
		}
		tb.rows = append(tb.rows, []string{name, strconv.Itoa(i*1000) + ".00"})
	}
	tb.rows = append(tb.rows, []string{"合计", "1.00"})
	d.table(tb)
	var buf bytes.Buffer
	require.NoError(t, d.finish(&buf))
	path := filepath.Join(t.TempDir(), "table.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// pages turns a PDF into the text of each page (pdftotext ends every page with a form feed).
func pages(t *testing.T, path string) []string {
	t.Helper()
	p := strings.Split(pdfText(t, path), "\f")
	return p[:len(p)-1]
}

func TestTableRepeatsItsHeaderAndKeepsRowsWhole(t *testing.T) {
	t.Parallel()
	const rows = 60
	path := longTableDoc(t, rows)
	seen := map[string]int{}
	rowName := regexp.MustCompile(`第(\d+)行`)
	texts := pages(t, path)
	require.GreaterOrEqual(t, len(texts), 3)
	for p, text := range texts {
		assert.Contains(t, text, "表头甲", "page %d repeats the header", p+1)
		assert.Equal(t, strings.Count(text, "特别长"), strings.Count(text, "全部文字"),
			"page %d: a two-line row stays on one page", p+1)
		for _, m := range rowName.FindAllString(text, -1) {
			seen[m]++
		}
	}
	for i := 1; i <= rows; i++ {
		assert.Equal(t, 1, seen[fmt.Sprintf("第%d行", i)], "row %d appears once, on one page", i)
	}
}

// TestParagraphLeavesNoWidow: a paragraph of four lines with three left on the page sets two there and two on
// the next, rather than leaving its last line alone at the top of a page; with four lines left all four stay.
func TestParagraphLeavesNoWidow(t *testing.T) {
	t.Parallel()
	para := strings.Repeat("旅顺口区科技服务平台统筹推进产学研合作。", 5) // four lines of 28 characters
	for _, c := range []struct {
		free            int
		onFirst, onNext int
	}{{3, 2, 2}, {4, 4, 0}, {2, 2, 2}} {
		d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
		d.y = textBottom - float64(c.free)*linePitch
		d.paragraph(para, paragraphStyle{role: RoleBody, size: bodyPt, pitch: linePitch, align: "J"})
		var buf bytes.Buffer
		require.NoError(t, d.finish(&buf))
		path := filepath.Join(t.TempDir(), "widow.pdf")
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		pages, _, _ := pdfPageRuns(t, path)
		lines := func(p int) int {
			if p >= len(pages) {
				return 0
			}
			ys := map[float64]bool{}
			for _, r := range pages[p] {
				if r.y < textBottom {
					ys[math.Round(r.y*10)] = true
				}
			}
			return len(ys)
		}
		assert.Equal(t, c.onFirst, lines(0), "%d lines free: lines on the first page", c.free)
		assert.Equal(t, c.onNext, lines(1), "%d lines free: lines on the next page", c.free)
	}
}

// TestJustifiedMixedLineSpacesEvenly: a justified line of Chinese with Latin words and numbers ends exactly at
// the text area's right edge (a closing mark's blank half past it), and the room added is the same at every gap
// between two CJK characters and nowhere else: a Latin word or a number keeps its letters together and stays
// close to the characters beside it (CLREQ: a line is spread between CJK characters and at word spaces).
func TestJustifiedMixedLineSpacesEvenly(t *testing.T) {
	t.Parallel()
	d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	d.spread = true
	para := strings.Repeat("全区PCT国际专利申请12件，与DUT合作开发Hydrogen催化剂。", 3)
	line := breakLines(para, textWidth, d.measure(RoleBody, bodyPt))[0]
	y := baseline(marginTop, linePitch, bodyPt)
	d.justify(marginLeft, y, textWidth, line, RoleBody, bodyPt)
	var buf bytes.Buffer
	require.NoError(t, d.finish(&buf))
	path := filepath.Join(t.TempDir(), "justify.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	pages, _, _ := pdfPageRuns(t, path)
	var runs []pdfRun
	var joined strings.Builder
	for _, r := range pages[0] {
		if r.y < textBottom {
			runs = append(runs, r)
			joined.WriteString(r.text)
		}
	}
	require.Equal(t, line, joined.String())
	var gaps []float64
	for i, r := range runs {
		if i == 0 {
			continue
		}
		prev := []rune(runs[i-1].text)
		a, b := prev[len(prev)-1], []rune(r.text)[0]
		assert.True(t, isCJK(a) && isCJK(b), "runs part only between CJK characters, not %q|%q", runs[i-1].text, r.text)
		gaps = append(gaps, r.x-(runs[i-1].x+d.width(runs[i-1].text, RoleBody, bodyPt)))
	}
	require.NotEmpty(t, gaps)
	for _, g := range gaps {
		assert.InDelta(t, gaps[0], g, 0.02, "even spacing: %v", gaps)
	}
	assert.Positive(t, gaps[0], "the line is spread")
	last := runs[len(runs)-1]
	lr := []rune(last.text)
	end := last.x + d.width(last.text, RoleBody, bodyPt) - lineEndTrim(lr[len(lr)-1], d.measure(RoleBody, bodyPt))
	assert.InDelta(t, marginLeft+textWidth, end, 0.05, "ends at the right edge")
}

// sampleOf loads a brief of the kind named (as reports.BriefKinds names it) from the sample data set for 2025,
// with the bundled fonts, and returns the kind's own struct (CoopBrief, PatentBrief, …).
func sampleOf[B any](t *testing.T, kind, lang string) B {
	t.Helper()
	s := datatest.SampleStore(t)
	b, err := BriefKindNamed(kind).Load(context.Background(), s, 2025, lang,
		time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), defaultFonts(t))
	require.NoError(t, err)
	return *b.Value.(*B)
}

// writeTempPDF writes a PDF with write into a file of the given name in a temporary directory.
func writeTempPDF(t *testing.T, name string, write func(io.Writer) error) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, write(&buf))
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}
