package exchange

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// An import read "12,5" in a text cell as 125 万元, as the forms did: the reader dropped every comma. It follows
// the forms' rule (data.Ungroup): a comma separates thousands between groups of three digits, or the cell is
// refused, quoting it as typed; and where the form accepts an amount, both read the same yuan.
func TestImportSeparators(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"1,250.5": "12505000", "12,345,678": "123456780000", "1,250万": "12500000",
		"１，２５０.５": "12505000", "12.5万": "125000", "１２.５": "125000", "1 250.5": "12505000"} {
		got, err := parseAmount(in, unitWan, false)
		require.Nil(t, err, in)
		assert.Equal(t, want, got, in)
		if y, err := data.ParseWan(in); assert.NoError(t, err, in) {
			assert.Equal(t, want, itoa(int64(y)), "the form reads %s alike", in)
		}
	}
	for _, in := range []string{"12,5", "1,25", "1,2345", ",5", "1,,250", "12,5万", "1.2,5", "12 5", "12、5", "１２，５"} {
		_, err := parseAmount(in, unitWan, false)
		if assert.NotNil(t, err, in) {
			assert.Equal(t, "err.amount.grouping", err.Key, in)
			assert.Equal(t, in, err.Args["Value"], "quoted as typed")
		}
		_, formErr := data.ParseWan(in)
		assert.Error(t, formErr, "the form refuses %s too", in)
	}
	for _, in := range []string{"1,25", "12,5人", ",5"} {
		_, err := parseCount(in)
		if assert.NotNil(t, err, in) {
			assert.Equal(t, "err.amount.grouping", err.Key, in)
		}
	}
	got, err := parseCount("1,250人")
	require.Nil(t, err)
	assert.Equal(t, "1250", got)
	_, err = parseYear("20,25")
	assert.NotNil(t, err)
}
