package reports

import (
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertInTextArea checks with pdftotext -bbox that every word of a PDF lies in the GB/T 9704 text area, but
// the page numbers, which lie 7 mm below it.
func assertInTextArea(t *testing.T, name, path string) {
	t.Helper()
	needTool(t, "pdftotext")
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	pt := func(mm float64) float64 { return mm * 72 / 25.4 }
	left, right, top, bottom := pt(marginLeft-1), pt(marginLeft+textWidth+1), pt(marginTop-1), pt(textBottom+1)
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	require.NoError(t, err)
	words := word.FindAllStringSubmatch(string(out), -1)
	require.NotEmpty(t, words)
	for _, w := range words {
		f := make([]float64, 4)
		for i := range f {
			f[i], _ = strconv.ParseFloat(w[i+1], 64)
		}
		assert.True(t, f[0] >= left && f[2] <= right, "%s: %q lies across the side of the text area", name, w[5])
		assert.GreaterOrEqual(t, f[1], top, "%s: %q is above the text area", name, w[5])
		if f[3] > bottom {
			assert.Regexp(t, `^(—|\d+)$`, w[5], "%s: only the page number is below the text area", name)
			assert.LessOrEqual(t, f[3], pt(textBottom+pageNoGap+pageNoPt*mmPerPt+1), name)
		}
	}
}

func TestPatentIncubatorAndCoopBriefsStayInTheTextArea(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		assertInTextArea(t, "patents "+lang, writePatentPDF(t, samplePatentBrief(t, lang)))
		assertInTextArea(t, "incubators "+lang, writeIncubatorPDF(t, sampleIncubatorBrief(t, lang)))
		assertInTextArea(t, "cooperation "+lang, writeCoopPDF(t, sampleCoopBrief(t, lang)))
	}
}
