package reports

import (
	"bytes"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"scitech/assets"
	"scitech/data"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlacementIsWhatThePDFSets: a brief's placement (the preview's recording) holds every text run the PDF's
// own content stream sets, on the same page, at the same place and size, in the same order; the red header's
// name is red and so is its rule; the table's cells are stroked rectangles; the chart's axis
// lines; and every page's number is there, the last page's too.
func TestPlacementIsWhatThePDFSets(t *testing.T) {
	t.Parallel()
	d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	d.redHeader(assets.NewTranslator("zh"), BriefHeader{Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		Settings: data.BriefSettings{BriefName: "科技工作简报", IssuingUnit: "旅顺口区科学技术局"}})
	for range 12 {
		d.paragraph("2025年，全区高新技术产品产值达到47.45亿元（同比增长9.1%），实现增加值12.09亿元。", bodyStyle)
	}
	d.table(table{cols: []column{{header: "园区", width: 100}, {header: "产值（万元）", width: 56, right: true}},
		rows: [][]string{{"现代海洋产业园", "45272.90"}, {"合计", "45272.90"}}, totals: map[int]bool{1: true}})
	d.barChart(barChart{categories: []string{"2024", "2025"}, caption: "图1　产值",
		series: []barSeries{{name: "产值", color: chartColors[0], values: []float64{43.5, 47.5}, labels: []string{"43.5", "47.5"}}}})
	d.distribution(assets.NewTranslator("zh"), DefaultDistribution("zh"))
	p := d.placement()
	var buf bytes.Buffer
	require.NoError(t, d.finish(&buf), "a document whose placement was taken still writes")
	path := filepath.Join(t.TempDir(), "b.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	pages, w, h := pdfPageRuns(t, path)

	assert.Equal(t, len(pages), p.Pages)
	assert.InDelta(t, w, p.Width, 0.1)
	assert.InDelta(t, h, p.Height, 0.1)
	var texts []PlacedRun
	kinds := map[PlacedKind]int{}
	for _, r := range p.Runs {
		kinds[r.Kind]++
		if r.Kind == PlacedText {
			texts = append(texts, r)
		}
	}
	var want []pdfRun
	for _, pg := range pages {
		want = append(want, pg...)
	}
	require.Len(t, texts, len(want), "one recorded run per Tj of the PDF")
	for i, r := range texts {
		assert.Equal(t, want[i].page, r.Page, "run %d %q: page", i, r.Text)
		assert.Equal(t, want[i].text, r.Text, "run %d: text", i)
		assert.InDelta(t, want[i].x, r.X, 0.01, "run %d %q: x", i, r.Text)
		assert.InDelta(t, want[i].y, r.Y, 0.01, "run %d %q: y", i, r.Text)
		assert.InDelta(t, want[i].size, r.Size, 0.01, "run %d %q: size", i, r.Text)
		assert.NotNil(t, r.Font, "run %d: font", i)
		assert.Positive(t, r.W, "run %d: width", i)
	}
	assert.Equal(t, color.NRGBA{255, 0, 0, 255}, texts[0].Color, "the header's name %q is red", texts[0].Text)
	assert.Equal(t, color.NRGBA{0, 0, 0, 255}, texts[len(texts)-1].Color)
	cells, redRule := false, false
	for _, r := range p.Runs {
		cells = cells || r.Kind == PlacedRect && !r.Fill && r.LineWidth > 0
		redRule = redRule || r.Kind == PlacedRect && r.Fill && r.Page == 1 && r.Color == color.NRGBA{255, 0, 0, 255} &&
			math.Abs(r.W-textWidth) < 0.01
	}
	assert.True(t, cells, "table cells are recorded as stroked rectangles")
	assert.True(t, redRule, "the red header's rule is recorded, red and the width of the text area")
	assert.Positive(t, kinds[PlacedLine], "the chart's axis is recorded")
	for page := 1; page <= p.Pages; page++ {
		if d.unnumbered[page] {
			continue
		}
		var number strings.Builder
		for _, r := range p.OnPage(page) {
			if r.Kind == PlacedText && r.Y > textBottom+1 {
				number.WriteString(r.Text)
			}
		}
		assert.Contains(t, number.String(), "— ", "page %d's number is recorded", page)
	}
}
