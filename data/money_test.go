package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseWan(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// One amount at the int64 limit passed, so 1,001 rows of one year overflowed SQLite's SUM and every figure of
// that year failed after an import that said success: an amount above 1 万亿元 is refused, naming the cap.
func TestAmountCap(t *testing.T) {
	t.Parallel()
	y, err := ParseWan("100000000") // 1 万亿元, the cap itself
	require.NoError(t, err)
	assert.Equal(t, MaxYuan, y)
	for _, in := range []string{"100000000.0001", "922337203685.4775", "999999999999", "9999999999999"} {
		_, err := ParseWan(in)
		var e *Error
		require.ErrorAs(t, err, &e, in)
		assert.Equal(t, "err.amount.cap", e.Key, in)
		assert.Contains(t, e.Error(), "100000000", in)
	}
	o := AnnualOutput{CompanyID: 1, Year: 2023, Output: MaxYuan + 1, AddedValue: 1, Revenue: MaxYuan * 2,
		RDExpense: MaxYuan, Employees: 10}
	fields := map[string]string{}
	var es Errors
	require.ErrorAs(t, o.Validate(), &es)
	for _, e := range es {
		fields[e.Field] = e.Key
	}
	assert.Equal(t, map[string]string{"output": "err.amount.cap", "revenue": "err.amount.cap"}, fields)
}

// "Employees “2000000000”: is not a whole number" — it is one; it is too large.
func TestCountCap(t *testing.T) {
	t.Parallel()
	n, err := ParseCount("10000000")
	require.NoError(t, err)
	assert.Equal(t, MaxCount, n)
	for _, in := range []string{"10000001", "2000000000", "99999999999999999999"} {
		_, err := ParseCount(in)
		var e *Error
		require.ErrorAs(t, err, &e, in)
		assert.Equal(t, "err.count.cap", e.Key, in)
	}
	o := AnnualOutput{CompanyID: 1, Year: 2023, Employees: MaxCount + 1, RDStaff: MaxCount + 1}
	var es Errors
	require.ErrorAs(t, o.Validate(), &es)
	keys := map[string]string{}
	for _, e := range es {
		keys[e.Field] = e.Key
	}
	assert.Equal(t, "err.count.cap", keys["employees"])
	assert.Equal(t, "err.count.cap", keys["rd_staff"])
}
