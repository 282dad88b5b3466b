package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var validUSCCs = []string{"91350100M000100Y43", "91110000600037341L"}

func TestValidateUSCCAcceptsValidCodes(t *testing.T) {
	t.Parallel()
	for _, c := range validUSCCs {
		got, err := ValidateUSCC(c)
		require.NoError(t, err, c)
		assert.Equal(t, c, got)
	}
}

func TestValidateUSCCNormalisesCaseAndSpaces(t *testing.T) {
	t.Parallel()
	got, err := ValidateUSCC("  91350100m000100y43 ")
	require.NoError(t, err)
	assert.Equal(t, "91350100M000100Y43", got)

	got, err = ValidateUSCC("9111 0000 6000 3734 1l")
	require.NoError(t, err)
	assert.Equal(t, "91110000600037341L", got)
}

// Every single-character change of a valid code must fail: the check character catches any one substitution.
func TestValidateUSCCRejectsEverySingleCharacterChange(t *testing.T) {
	t.Parallel()
	symbols := usccAlphabet + "IOSVZ*"
	for _, c := range validUSCCs {
		for pos := 0; pos < 18; pos++ {
			for i := 0; i < len(symbols); i++ {
				if symbols[i] == c[pos] {
					continue
				}
				changed := c[:pos] + string(symbols[i]) + c[pos+1:]
				_, err := ValidateUSCC(changed)
				assert.Error(t, err, "changed code %s was accepted", changed)
				assert.Equal(t, Invalid, ErrorCode(err))
			}
		}
	}
}

func TestValidateUSCCMessages(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"":                    "err.required",
		"9135010":             "err.uscc.length",
		"91350100M000100Y4O":  "err.uscc.char",
		"91350100M000100Y44":  "err.uscc.check",
		"913501000M000100Y43": "err.uscc.length",
	}
	for in, key := range cases {
		_, err := ValidateUSCC(in)
		var e *Error
		require.ErrorAs(t, err, &e, in)
		assert.Equal(t, key, e.Key, in)
	}
}
