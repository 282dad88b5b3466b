package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHiddenCharacters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, clean string
		removed   []string
	}{
		{"大连海宝渔业有限公司", "大连海宝渔业有限公司", nil},
		{"行一\n行二\t制表\r\n", "行一\n行二\t制表\r\n", nil},
		{"\ufeff大连海宝", "大连海宝", []string{"U+FEFF"}},
		{"大连\u202e司公限有", "大连司公限有", []string{"U+202E"}},
		{"a\u200bb\u200cc\u200dd\u2060e\u00adf", "abcdef", []string{"U+200B", "U+200C", "U+200D", "U+2060", "U+00AD"}},
		{"\u2066x\u2069\u200e\u200f\u061c", "x", []string{"U+2066", "U+2069", "U+200E", "U+200F", "U+061C"}},
		{"nul\x00bel\x07esc\x1bdel\x7fc1\u0085\u009f", "nulbelescdelc1", []string{"U+0000", "U+0007", "U+001B", "U+007F", "U+0085", "U+009F"}},
		{"ls\u2028ps\u2029", "lsps", []string{"U+2028", "U+2029"}},
		{"non\ufffe\uffff\ufdd0", "non", []string{"U+FFFE", "U+FFFF", "U+FDD0"}},
		{"bad\xffbyte\x00\x00", "badbyte", []string{"invalid byte", "U+0000"}},
		{"替换\ufffd字符 and 私用\ue000", "替换\ufffd字符 and 私用\ue000", nil},
	} {
		clean, removed := StripHidden(tc.in)
		assert.Equal(t, tc.clean, clean, "%q", tc.in)
		assert.Equal(t, tc.removed, removed, "%q", tc.in)
		err := ValidateText(tc.in)
		if tc.removed == nil {
			assert.NoError(t, err, "%q", tc.in)
			continue
		}
		require.Error(t, err, "%q", tc.in)
		assert.Equal(t, "err.text.hidden", ErrorKey(err))
		assert.NoError(t, ValidateText(clean))
	}
	_, pos, _ := FindHidden("大连\u202e司")
	assert.Equal(t, 3, pos, "the position counts characters")
}

// Every record's form refuses a hidden character in its text, naming the field.
func TestValidateRefusesHiddenCharacters(t *testing.T) {
	t.Parallel()
	c := newCompany()
	require.NoError(t, c.Validate())
	c.Name = "大连\u202e司公限有"
	assertFieldKey(t, c.Validate(), "name", "err.text.hidden")
	c = newCompany()
	c.Address = "旅顺\u200b口区"
	assertFieldKey(t, c.Validate(), "address", "err.text.hidden")

	in := Institution{Name: "大连理工大学\ufeff", Kind: InstitutionKinds[0]}
	assertFieldKey(t, in.Validate(), "inst_name", "err.text.hidden")
	inc := Incubator{Name: "孵化器\x00", Level: IncubatorLevels[0]}
	assertFieldKey(t, inc.Validate(), "incubator_name", "err.text.hidden")
	pp := ParkProject{ParkID: 1, Title: "项目\u2066", Status: "planned"}
	assertFieldKey(t, pp.Validate(), "title", "err.text.hidden")
	pl := PlanApplication{CompanyID: 1, Level: PlanLevels[0], Plan: "计划\u202d", Title: "题目", Year: 2024}
	assertFieldKey(t, pl.Validate(), "plan_name", "err.text.hidden")
}

func assertFieldKey(t *testing.T, err error, field, key string) {
	t.Helper()
	var errs Errors
	require.ErrorAs(t, err, &errs)
	e := errs.For(field)
	require.NotNil(t, e, "no problem of %s in %v", field, err)
	assert.Equal(t, key, e.Key)
}
