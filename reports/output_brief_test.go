package reports

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

// sampleSummary loads the sample data set into a fresh database and returns the 2025 output summary.
func sampleSummary(t *testing.T) data.OutputSummary {
	t.Helper()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	sum, err := s.OutputSummary(ctx, 2025)
	require.NoError(t, err)
	require.Equal(t, "47.45", sum.Output.Yi(), "the sample data set changed")
	return sum
}

// sampleBrief is the brief the tests write: the sample year with the default header.
func sampleBrief(t *testing.T, lang string) OutputBrief {
	return OutputBrief{
		Summary: sampleSummary(t),
		BriefHeader: BriefHeader{
			Settings: data.DefaultBriefSettings,
			Date:     time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
			Lang:     lang,
			Fonts:    defaultFonts(t),
		},
	}
}

// defaultFonts resolves the bundled fonts once per test. TestMain has emptied SystemFontsDir, so no Windows
// font is found; changing it here would race with the tests running beside this one.
func defaultFonts(t *testing.T) *FontSet {
	t.Helper()
	fs, err := ResolveFonts(nil)
	require.NoError(t, err)
	return fs
}

func TestSharePct(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		part, total data.Yuan
		want        string
	}{
		{1, 3, "33.3"},
		{2, 3, "66.7"},
		{1, 8, "12.5"}, // exactly half: rounds up
		{1, 2000, "0.1"},
		{1, 2001, "0.0"},
		{5, 5, "100.0"},
		{0, 5, "0.0"},
		{1, 0, ""},
		{4_745_000_000, 4_745_000_000, "100.0"},
	} {
		require.Equal(t, c.want, SharePct(c.part, c.total), "%d/%d", c.part, c.total)
	}
}

func TestWriteOutputBriefPDFIsReproducible(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	var one, two bytes.Buffer
	require.NoError(t, WriteOutputBriefPDF(&one, b))
	require.NoError(t, WriteOutputBriefPDF(&two, b))
	require.Equal(t, one.Bytes(), two.Bytes(), "the brief register hashes the file: the same data must give the same bytes")
}

// writePDF writes the brief to a file in a temporary directory and returns its path.
func writePDF(t *testing.T, b OutputBrief) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "brief.pdf")
	var buf bytes.Buffer
	require.NoError(t, WriteOutputBriefPDF(&buf, b))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// needTool skips a test when a poppler tool is not installed (the Makefile installs poppler-utils).
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed", name)
	}
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	require.NoError(t, err)
	return string(out)
}

func TestOutputBriefPDFSaysTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	text := pdfText(t, writePDF(t, b))
	for _, want := range []string{
		"科技工作简报", "草稿", "旅顺口区科学技术局", "2025年12月31日",
		"2025年全区高新技术产品产值情况",
		"47.45亿元", "12.09亿元", "增长9.1%", "增长8.0%", "36家企业",
		"一、按高新技术领域", "二、按园区", "三、产值前十位企业",
		"合计", "474500.00", "120900.00", "100.0",
		b.Summary.Rows[0].Name, "园区外企业",
		"报：区委、区政府", "送：市科技局", "发：各街道、各有关单位", "（共印20份）",
		"— 1 —", "— 2 —",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "2025年12月031日")
	assert.NotContains(t, text, "增长%", "a growth without a figure must never print")
}

func TestOutputBriefPDFSaysWhenThereIsNoPreviousYear(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	st := &b.Summary.Stats
	st.PrevOutput, st.PrevAddedValue = 0, 0
	st.OutputGrowth, st.AddedValueGrowth = data.Growth{}, data.Growth{}
	text := pdfText(t, writePDF(t, b))
	assert.Contains(t, text, "2024年无产值数据")
	assert.NotContains(t, text, "增长%")
}

func TestOutputBriefPDFInEnglish(t *testing.T) {
	t.Parallel()
	text := pdfText(t, writePDF(t, sampleBrief(t, "en")))
	for _, want := range []string{"Draft", "December 31, 2025", "4.745 billion yuan", "grew by 9.1%", "I. By high-tech field", "Total", "— 1 —"} {
		assert.Contains(t, text, want)
	}
	chart := strings.Join(strings.Fields(pdfText(t, writePDF(t, chartBrief(t, "en")))), " ")
	assert.Contains(t, chart, "(billion yuan)", "the chart's unit, as the prose's")
	assert.NotContains(t, chart, "million")
}

func TestOutputBriefPDFRefusesCharactersNoFontHas(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	b.Summary.Rows[0].Name = "大连\uE000渔业有限公司" // private use: in no font
	var buf bytes.Buffer
	err := WriteOutputBriefPDF(&buf, b)
	var missing *MissingCharsError
	require.ErrorAs(t, err, &missing)
	assert.Equal(t, []rune{'\uE000'}, missing.Chars)
	assert.Equal(t, data.Invalid, data.ErrorCode(err), "the user is told, not shown an internal error")
	assert.Zero(t, buf.Len(), "nothing is written")
}

func TestOutputBriefPDFHasARedHeader(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftoppm")
	path := writePDF(t, sampleBrief(t, "zh"))
	prefix := filepath.Join(filepath.Dir(path), "page")
	require.NoError(t, exec.Command("pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", path, prefix).Run())
	f, err := os.Open(prefix + "-1.png")
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	h := img.Bounds().Dy()
	// The header lies in the top quarter of page 1 (37 mm margin + about 50 mm of header on 297 mm).
	top, rest := redPixels(img, 0, h/4), redPixels(img, h/3, h)
	assert.Greater(t, top, 100, "the brief's name and the rule are red")
	assert.Zero(t, rest, "nothing else on the page is red")
}

// redPixels counts clearly red pixels in rows [from, to).
func redPixels(img image.Image, from, to int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y + from; y < b.Min.Y+to; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r > 0xC000 && g < 0x6000 && bl < 0x6000 {
				n++
			}
		}
	}
	return n
}

func TestChangePhrase(t *testing.T) {
	t.Parallel()
	zh := assets.NewTranslator("zh")
	assert.Equal(t, "增长9.1%", changePhrase(zh, data.GrowthOf(1091, 1000)))
	assert.Equal(t, "下降3.0%", changePhrase(zh, data.GrowthOf(970, 1000)))
	assert.Equal(t, "与上年持平", changePhrase(zh, data.GrowthOf(1000, 1000)))
	assert.Equal(t, "上年无数据可比", changePhrase(zh, data.GrowthOf(1000, 0)))
}

func TestOutputBriefPDFDistributionLeavesOutEmptyLines(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	b.Distribution = Distribution{Report: "区委", Issue: "各街道"}
	text := pdfText(t, writePDF(t, b))
	assert.Contains(t, text, "报：区委")
	assert.Contains(t, text, "发：各街道")
	assert.NotContains(t, text, "送：")
	assert.NotContains(t, text, "共印")
}
