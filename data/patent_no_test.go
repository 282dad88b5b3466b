package data

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var validPatentAppNos = []struct {
	no   string
	year int
	kind string
	old  bool
}{
	{"201710601862.3", 2017, PatentInvention, false},
	{"202310123456.6", 2023, PatentInvention, false},
	{"95115608.X", 1995, PatentInvention, true},
}

func TestValidatePatentAppNoAcceptsTheExamples(t *testing.T) {
	t.Parallel()
	for _, c := range validPatentAppNos {
		no, err := ValidatePatentAppNo(c.no)
		require.NoError(t, err, c.no)
		assert.Equal(t, c.no, no.Number)
		assert.Equal(t, c.year, no.Year, c.no)
		assert.Equal(t, c.kind, no.Kind, c.no)
		assert.Equal(t, c.old, no.Old, c.no)
	}
}

// The check character catches any one mistyped character: 11 is prime and no weight is a multiple of it.
func TestValidatePatentAppNoRejectsEverySingleCharacterChange(t *testing.T) {
	t.Parallel()
	const symbols = "0123456789X"
	for _, c := range validPatentAppNos {
		tried := 0
		for pos := 0; pos < len(c.no); pos++ {
			if c.no[pos] == '.' {
				continue
			}
			for i := 0; i < len(symbols); i++ {
				isCheck := pos == len(c.no)-1
				if symbols[i] == c.no[pos] || (symbols[i] == 'X' && !isCheck) {
					continue
				}
				changed := c.no[:pos] + string(symbols[i]) + c.no[pos+1:]
				_, err := ValidatePatentAppNo(changed)
				tried++
				require.Error(t, err, "changed number %s was accepted", changed)
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, Invalid, e.Code)
				assert.Equal(t, "app_no", e.Field, changed)
			}
		}
		digits := len(c.no) - 2
		assert.Equal(t, digits*9+10, tried, "every digit to each other digit, the check to every other value")
	}
}

func TestValidatePatentAppNoAcceptsUsualForms(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"ZL201710601862.3":      "201710601862.3",
		"zl 2017 1 0601862.3":   "201710601862.3",
		"CN201710601862.3":      "201710601862.3",
		"cn201710601862.3":      "201710601862.3",
		"Zl201710601862.3":      "201710601862.3",
		" 201710601862.3 ":      "201710601862.3",
		"2017106018623":         "201710601862.3",
		"ZL2017106018623":       "201710601862.3",
		"２０１７１０６０１８６２．３":        "201710601862.3",
		"ＺＬ２０１７１０６０１８６２.３":      "201710601862.3",
		"95115608.x":            "95115608.X",
		"ZL95115608X":           "95115608.X",
		"zl 95 1 15608 x":       "95115608.X",
		"2023\u30001012 3456.6": "202310123456.6",
	}
	for in, want := range cases {
		no, err := ValidatePatentAppNo(in)
		require.NoError(t, err, "%q", in)
		assert.Equal(t, want, no.Number, "%q", in)
	}
}

// patentNoWithCheck completes the digits before the dot with their right check character.
func patentNoWithCheck(digits string) string {
	c, ok := PatentCheckChar(digits)
	if !ok {
		panic(digits)
	}
	return digits + "." + string(c)
}

func TestPatentAppNoTypeDigitGivesTheKind(t *testing.T) {
	t.Parallel()
	cases := []struct {
		digits string
		kind   string
		pct    bool
	}{
		{"202410000001", PatentInvention, false},
		{"202420000001", PatentUtility, false},
		{"202430000001", PatentDesign, false},
		{"202480000001", PatentInvention, true},
		{"202490000001", PatentUtility, true},
		{"98100001", PatentInvention, false},
		{"98200001", PatentUtility, false},
		{"02300001", PatentDesign, false},
		{"99800001", PatentInvention, true},
		{"99900001", PatentUtility, true},
	}
	for _, c := range cases {
		no, err := ValidatePatentAppNo(patentNoWithCheck(c.digits))
		require.NoError(t, err, c.digits)
		assert.Equal(t, c.kind, no.Kind, c.digits)
		assert.Equal(t, c.pct, no.PCT, c.digits)
	}
}

func TestValidatePatentAppNoRefusals(t *testing.T) {
	t.Parallel()
	next := Today().Year() + 1
	cases := map[string]string{
		"":                                "err.required",
		"ZL":                              "err.required",
		patentNoWithCheck("202440000001"): "err.patent.app_no.type",
		patentNoWithCheck("202400000001"): "err.patent.app_no.type",
		patentNoWithCheck("98700001"):     "err.patent.app_no.type",
		patentNoWithCheck(fmt.Sprintf("%d10000001", next)): "err.patent.app_no.future",
		patentNoWithCheck("199810000001"):                  "err.patent.app_no.year",
		patentNoWithCheck("84100001"):                      "err.patent.app_no.year",
		patentNoWithCheck("05100001"):                      "err.patent.app_no.year",
		"20171060186.3":                                    "err.patent.app_no.form",
		"2017106018623.3":                                  "err.patent.app_no.form",
		"201710601862.33":                                  "err.patent.app_no.form",
		"2017106018A2.3":                                   "err.patent.app_no.form",
		"201710601862":                                     "err.patent.app_no.form",
		"9511560.8X":                                       "err.patent.app_no.form",
		"201710601862.4":                                   "err.patent.app_no.check",
		"95115608.0":                                       "err.patent.app_no.check",
	}
	for in, key := range cases {
		_, err := ValidatePatentAppNo(in)
		var e *Error
		require.ErrorAs(t, err, &e, "%q", in)
		assert.Equal(t, key, e.Key, "%q", in)
		assert.Equal(t, "app_no", e.Field, "%q", in)
		assert.Equal(t, Invalid, e.Code)
	}
}

func TestPatentCheckCharMessageSaysWhatItShouldBe(t *testing.T) {
	t.Parallel()
	_, err := ValidatePatentAppNo("201710601862.4")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "4", e.Args["Got"])
	assert.Equal(t, "3", e.Args["Want"])
}
