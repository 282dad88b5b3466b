package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// fiveYears is a five-year series whose figures appear nowhere else in the brief.
var fiveYears = []data.YearOutput{
	{Year: 2021, Output: 3_112_340_000, AddedValue: 801_230_000},
	{Year: 2022, Output: 3_567_890_000, AddedValue: 912_340_000},
	{Year: 2023, Output: 3_987_650_000, AddedValue: 1_023_450_000},
	{Year: 2024, Output: 4_348_000_000, AddedValue: 1_119_000_000},
	{Year: 2025, Output: 4_745_000_000, AddedValue: 1_209_000_000},
}

// chartBrief is the sample brief with five years to chart and 31 companies reporting the year before.
func chartBrief(t *testing.T, lang string) OutputBrief {
	b := sampleBrief(t, lang)
	b.Years = fiveYears
	b.PrevReporting = 31
	return b
}

func TestLoadOutputBriefTakesThePreviousYearAndTheSeriesFromTheStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	b, err := LoadOutputBrief(ctx, s, 2025, "zh", time.Now())
	require.NoError(t, err)
	prev, err := s.Stats(ctx, 2024)
	require.NoError(t, err)
	assert.Equal(t, prev.ReportingCompanies, b.PrevReporting)
	require.NotEmpty(t, b.Years)
	last := b.Years[len(b.Years)-1]
	assert.Equal(t, 2025, last.Year)
	assert.Equal(t, b.Summary.Output, last.Output, "the chart's last year is the brief's year")
	assert.LessOrEqual(t, len(b.Years), TrendYears)
}

func TestOutputBriefPDFSaysGrowthShareAndReportingChange(t *testing.T) {
	t.Parallel()
	b := chartBrief(t, "zh")
	text := pdfText(t, writePDF(t, b))
	assert.Contains(t, text, "报送企业较2024年（31家）增加5家")
	for _, groups := range [][]data.OutputGroup{b.Summary.ByField, b.Summary.ByPark} {
		for _, g := range groups {
			line := lineWith(text, g.Output.Wan()+" ", g.AddedValue.Wan())
			require.NotEmpty(t, line, "the row of %s", g.Key)
			assert.Contains(t, line, g.OutputGrowth().String(), g.Key)
			assert.Contains(t, line, g.AddedValueGrowth().String(), g.Key)
			assert.Contains(t, line, SharePct(g.Output, b.Summary.Output), g.Key)
		}
	}
}

func TestOutputBriefReportingChangeInWords(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang string
		prev int
		want string
	}{
		{"zh", 36, "报送企业数与2024年（36家）持平"},
		{"zh", 37, "报送企业较2024年（37家）减少1家"},
		{"en", 35, "One more company reported than in 2024 (35)."},
		{"en", 40, "4 fewer companies reported than in 2024 (40)."},
	} {
		b := sampleBrief(t, c.lang)
		b.PrevReporting = c.prev
		o := outputBriefPDF{b: b, t: mustPrepare(t, &b)}
		assert.Contains(t, o.lead(), c.want)
	}
}

func mustPrepare(t *testing.T, b *OutputBrief) *assets.Translator {
	t.Helper()
	tr, err := b.prepare(b.Summary.Year, false)
	require.NoError(t, err)
	return tr
}

// lineWith returns the first line of text holding all of s, or "".
func lineWith(text string, s ...string) string {
	for _, l := range strings.Split(text, "\n") {
		all := true
		for _, part := range s {
			all = all && strings.Contains(l, part)
		}
		if all {
			return l
		}
	}
	return ""
}

func TestOutputBriefPDFDrawsTheFiveYearChart(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftoppm")
	path := writePDF(t, chartBrief(t, "zh"))
	pg := pages(t, path)
	chart := -1
	for i, p := range pg {
		if strings.Contains(p, "2021—2025年高新技术产品产值和增加值（亿元）") {
			chart = i
		}
	}
	require.GreaterOrEqual(t, chart, 0, "the caption is printed whole on one line")
	before := pg[chart][:strings.Index(pg[chart], "2021—2025年高新技术")]
	assert.Contains(t, before, "四、近五年产值和增加值", "the heading is on the chart's page")
	for _, y := range fiveYears {
		assert.Contains(t, before, strconv.Itoa(y.Year), "the year under its bars, above the caption")
		assert.Contains(t, before, y.Output.Yi())
		assert.Contains(t, before, y.AddedValue.Yi())
	}

	img := renderPage(t, path, chart+1)
	blue, orange := colourPixels(img, chartColors[0]), colourPixels(img, chartColors[1])
	assert.Greater(t, blue, 500, "the output bars are drawn")
	assert.Greater(t, orange, 200, "the added value bars are drawn")
	assert.Greater(t, blue, orange, "output is larger than added value in every year")
	_, rightmost := colourSpan(img, chartColors[0])
	left, _ := colourSpan(img, chartColors[1])
	dpmm := float64(img.Bounds().Dx()) / pageWidth
	assert.Less(t, float64(rightmost)/dpmm, marginLeft+textWidth, "the bars keep inside the text area")
	assert.Greater(t, float64(left)/dpmm, marginLeft, "the bars keep inside the text area")
}

// renderPage renders one page (1-based) at 60 dpi.
func renderPage(t *testing.T, path string, page int) image.Image {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	n := strconv.Itoa(page)
	require.NoError(t, exec.Command("pdftoppm", "-r", "60", "-f", n, "-l", n, "-singlefile", "-png", path,
		prefix).Run())
	f, err := os.Open(prefix + ".png")
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	return img
}

// near says whether a pixel is within a small distance of a colour.
func near(img image.Image, x, y int, c [3]int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	d := func(v uint32, w int) int { return abs(int(v>>8) - w) }
	return d(r, c[0]) < 24 && d(g, c[1]) < 24 && d(b, c[2]) < 24
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// colourPixels counts the pixels of a colour.
func colourPixels(img image.Image, c [3]int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(img, x, y, c) {
				n++
			}
		}
	}
	return n
}

// colourSpan is the leftmost and rightmost column holding a colour.
func colourSpan(img image.Image, c [3]int) (left, right int) {
	b := img.Bounds()
	left, right = b.Max.X, b.Min.X
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(img, x, y, c) {
				left, right = min(left, x), max(right, x)
			}
		}
	}
	return left, right
}

func TestOutputBriefXLSXChartsOutputByYear(t *testing.T) {
	t.Parallel()
	b := chartBrief(t, "zh")
	var buf bytes.Buffer
	require.NoError(t, WriteOutputBriefXLSX(&buf, b))
	f := openXLSX(t, b)
	const sheet = "近五年"
	for i, y := range fiveYears {
		r := strconv.Itoa(firstRow + i) // under the sheet's title rows and header
		v, err := f.GetCellValue(sheet, "A"+r)
		require.NoError(t, err)
		assert.Equal(t, strconv.Itoa(y.Year), v)
		assert.Equal(t, y.Output, wanCell(t, f, sheet, "B"+r))
		assert.Equal(t, y.AddedValue, wanCell(t, f, sheet, "C"+r))
	}

	summary := "概况"
	r := findRow(t, f, summary, 0, "上年报送产值企业（家）")
	v, err := f.GetCellValue(summary, "B"+strconv.Itoa(r))
	require.NoError(t, err)
	assert.Equal(t, "31", v, "the previous year's reporting companies, as the PDF says them")

	chart := chartXML(t, buf.Bytes())
	assert.Contains(t, chart, `<barDir val="col">`)
	assert.Contains(t, chart, `<grouping val="clustered">`)
	last := firstRow + len(fiveYears) - 1
	assert.Contains(t, chart, fmt.Sprintf("'近五年'!$B$%d:$B$%d", firstRow, last), "the output series is drawn from the cells written")
	assert.Contains(t, chart, fmt.Sprintf("'近五年'!$A$%d:$A$%d", firstRow, last), "the years are the categories")
}

func TestOutputBriefWithoutSeriesHasNoChart(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	text := pdfText(t, writePDF(t, b))
	assert.NotContains(t, text, "图1")
	f := openXLSX(t, b)
	assert.NotContains(t, f.GetSheetList(), "近五年")
}

func TestNiceStep(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want float64 }{{0, 1}, {0.3, 0.5}, {1, 1}, {1.2, 2}, {11.9, 20}, {12.5, 20}, {47, 50}, {51, 100}} {
		assert.InDelta(t, c.want, niceStep(c.in), 1e-9, "niceStep(%v)", c.in)
	}
}

// chartXML is the chart part of a workbook, its entities decoded; the test fails when there is none.
func chartXML(t *testing.T, workbook []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(workbook), int64(len(workbook)))
	require.NoError(t, err)
	var chart string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, err := zf.Open()
			require.NoError(t, err)
			raw, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err)
			chart = string(raw)
		}
	}
	require.NotEmpty(t, chart, "the workbook holds a chart")
	return html.UnescapeString(chart)
}
