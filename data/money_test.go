package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseWan(t *testing.T) {
	cases := []struct {
		in   string
		want Yuan
	}{
		{"12.5", 125_000},
		{"1,234.5678", 12_345_678},
		{"０.０００１", 1},
		{" 47450 ", 474_500_000},
		{".5", 5_000},
	}
	for _, c := range cases {
		got, err := ParseWan(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
	for in, key := range map[string]string{
		"":        "err.required",
		"-1":      "err.amount.negative",
		"12a":     "err.amount.number",
		"1.23456": "err.amount.decimals",
		"1.2.3":   "err.amount.number",
	} {
		_, err := ParseWan(in)
		var e *Error
		require.ErrorAs(t, err, &e, in)
		assert.Equal(t, key, e.Key, in)
	}
}

func TestYuanFormatting(t *testing.T) {
	assert.Equal(t, "47.45", Yuan(4_745_000_000).Yi())
	assert.Equal(t, "12.09", Yuan(1_209_000_000).Yi())
	assert.Equal(t, "4.745", Yuan(4_745_000_000).Billion())
	assert.Equal(t, "0.001", Yuan(500_000).Billion(), "half up")
	assert.Equal(t, "0.01", Yuan(1_000_000).Yi(), "half up")
	assert.Equal(t, "0.00", Yuan(499_999).Yi())
	assert.Equal(t, "1234.57", Yuan(12_345_678).Wan())
	assert.Equal(t, "1234.5678", Yuan(12_345_678).WanInput())
	assert.Equal(t, "12.5", Yuan(125_000).WanInput())
	assert.Equal(t, "3", Yuan(30_000).WanInput())
	assert.Equal(t, "-0.50", Yuan(-5_000).Wan())
}
