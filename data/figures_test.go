package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountGrowth(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cur, prev int
		want      string
	}{
		{17, 9, "88.9"},
		{9, 17, "-47.1"},
		{10, 10, "0.0"},
		{0, 12, "-100.0"},
		{2001, 2000, "0.1"},  // 0.05 % rounds half away from zero
		{1999, 2000, "-0.1"}, // and so below zero
		{3, 0, ""},           // nothing the year before: no growth to state
	} {
		g := CountGrowth(c.cur, c.prev)
		assert.Equal(t, c.want, g.String(), "%d over %d", c.cur, c.prev)
		assert.Equal(t, c.want != "", g.Valid)
		assert.Equal(t, GrowthOf(Yuan(c.cur), Yuan(c.prev)), g, "a count grows as an amount of the same figures")
	}
}
