package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// "12,5" typed as 万元 was saved as 125 万元 with a green tick: the comma was dropped wherever it stood. A comma
// separates thousands only between groups of three digits; anywhere else the amount is refused, quoting it as
// it was typed.
func TestParseWanSeparators(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want Yuan
	}{
		{"1,250.5", 12_505_000},
		{"12,345,678", 123_456_780_000},
		{"1,250", 12_500_000},
		{"１２.５", 125_000},
		{"１，２５０.５", 12_505_000},
		{"12.5万", 125_000},
		{"12.5 万元", 125_000},
		{"1,250万", 12_500_000},
		{"1 250.5", 12_505_000},
		{"125", 1_250_000},
	} {
		got, err := ParseWan(c.in)
		if assert.NoError(t, err, c.in) {
			assert.Equal(t, c.want, got, c.in)
		}
	}
	for _, in := range []string{"12,5", "1,25", "1,2345", ",5", "1,,250", "12,5万", "1,250.5,1", "1.2,5",
		"12,", "1,250 000", "12 5", "1234,567", "１２，５"} {
		_, err := ParseWan(in)
		var e *Error
		if !assert.ErrorAs(t, err, &e, in) {
			continue
		}
		assert.Equal(t, "err.amount.grouping", e.Key, in)
		assert.Equal(t, in, e.Args["Value"], "the message quotes what was typed")
	}
	_, err := ParseWan(" 12a ")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "12a", e.Args["Value"], "not a number: quoted as typed, without the spaces around it")
}

// A head count and an area in 亩 follow the same rule: "1,25" people is not 125.
func TestCountAndAreaSeparators(t *testing.T) {
	t.Parallel()
	n, err := ParseCount("1,250")
	require.NoError(t, err)
	assert.Equal(t, 1250, n)
	for _, in := range []string{"1,25", "12,5", ",5"} {
		_, err := ParseCount(in)
		var e *Error
		if assert.ErrorAs(t, err, &e, in) {
			assert.Equal(t, "err.amount.grouping", e.Key, in)
			assert.Equal(t, in, e.Args["Value"], in)
		}
		_, err = ParseMu(in)
		if assert.ErrorAs(t, err, &e, in) {
			assert.Equal(t, "err.amount.grouping", e.Key, in)
		}
	}
	m, err := ParseMu("3,000.5")
	require.NoError(t, err)
	assert.Equal(t, Mu(300_050), m)
}

func TestUngroup(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":            "",
		"12.5":        "12.5",
		"1,250.5":     "1250.5",
		"-1,250":      "-1250",
		"12,345,678":  "12345678",
		"1 250 000":   "1250000",
		"1、250":       "1250",
		"4.52729E4":   "4.52729E4",
		"1,234.5E3":   "1234.5E3",
		"999,999,999": "999999999",
	} {
		got, ok := Ungroup(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"12,5", "1,25", "1,2345", ",5", "1,,250", "1,250.5,1", "12,", ",", "1,250 000",
		"1.2 5", "1E3,000"} {
		_, ok := Ungroup(in)
		assert.False(t, ok, in)
	}
}
