package data

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A problem or warning data builds about a cell keeps at most MaxShownRunes characters of it: a workbook's
// cell may hold 32,767, and a thousand problems each holding its whole cell were printed whole.
func TestImportProblemsKeepTheStartOfALongCell(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	long := strings.Repeat("长", 30000)
	plan, err := s.PlanImport(ctx, []ImportRow{importRow("companies", 2, "uscc", sampleUSCC(960), "name", long,
		"field", "electronics")})
	require.NoError(t, err)
	require.NotEmpty(t, plan.Issues)
	for _, is := range plan.Issues {
		assert.LessOrEqual(t, utf8.RuneCountInString(is.Value), MaxShownRunes, "%s: %s", is.Field, is.Err)
	}
	name := plan.Issues[0].Value
	assert.True(t, strings.HasSuffix(name, "…") && strings.HasPrefix(long, strings.TrimSuffix(name, "…")), "the start of the name, then …")

	// The warning of a name that is not the code's company's.
	c := Company{USCC: sampleUSCC(961), Name: "大连短名有限公司", Field: "electronics"}
	require.NoError(t, s.CreateCompany(ctx, &c))
	plan, err = s.PlanImport(ctx, []ImportRow{importRow("outputs", 2, "uscc", c.USCC, "name", "另"+long, "year", "2024",
		"output", "100", "added_value", "10")})
	require.NoError(t, err)
	require.NotEmpty(t, plan.Warnings)
	for _, w := range plan.Warnings {
		assert.LessOrEqual(t, utf8.RuneCountInString(w.Value), MaxShownRunes, "%s: %s", w.Field, w.Err)
	}

	for _, n := range []int{0, 1, MaxShownRunes - 1, MaxShownRunes, MaxShownRunes + 1, 3 * MaxShownRunes} {
		v := ShownValue(strings.Repeat("é", n))
		assert.LessOrEqual(t, utf8.RuneCountInString(v), MaxShownRunes, "%d characters", n)
		assert.Equal(t, n > MaxShownRunes, strings.HasSuffix(v, "…"), "%d characters: cut only when longer", n)
	}
}
