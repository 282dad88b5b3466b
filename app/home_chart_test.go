package app

import (
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The output chart's title counts the years it shows: the sample set has output for 2024 and 2025, and the
// chart of two bars was titled 近 5 年.
func TestOutputChartTitleCountsTheYearsShown(t *testing.T) {
	u := dashboardUI(t)
	h := u.home
	for _, c := range []struct {
		year, title string
		bars        int
	}{
		{"2025", "近 2 年高新技术产品产值（亿元）", 2},
		{"2024", "2024 年高新技术产品产值（亿元）", 1},
	} {
		h.year.SetSelected(c.year)
		card, ok := h.charts.Objects[0].(*widget.Card)
		require.True(t, ok)
		assert.Equal(t, c.title, card.Subtitle, c.year)
		chart, ok := card.Content.(*barChart)
		require.True(t, ok)
		assert.Len(t, chart.bars, c.bars, c.year)
	}
}
