package exchange

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		unit int
		want string
		key  string
	}{
		{"45272.9", unitWan, "452729000", ""},
		{"4.52729E4", unitWan, "452729000", ""}, // Excel's scientific form of a raw number
		{"4.52729e+4", unitWan, "452729000", ""},
		{"45272.899999999994", unitWan, "452729000", ""}, // the float a formula leaves in the cell
		{"45272.900000000001", unitWan, "452729000", ""},
		{"45272.9000", unitWan, "452729000", ""}, // as the export writes it
		{"1,234.5678", unitWan, "12345678", ""},
		{"１２，３４５．６７", unitWan, "123456700", ""}, // full-width
		{" 12.5 ", unitWan, "125000", ""},
		{"12.5万元", unitYuan, "125000", ""}, // the cell's unit beats the column's
		{"12.5 万", unitWan, "125000", ""},
		{"452729000元", unitWan, "452729000", ""},
		{"￥452,729,000元", unitWan, "452729000", ""},
		{"1.5亿元", unitWan, "150000000", ""},
		{"452729000", unitYuan, "452729000", ""}, // a column headed （元）
		{"0", unitWan, "0", ""},
		{".5", unitWan, "5000", ""},
		{"-0", unitWan, "0", ""},
		{"0.00001", unitWan, "", "err.import.amount_fraction"},
		{"12.5元", unitWan, "", "err.import.amount_fraction"},
		{"-12", unitWan, "", "err.import.amount_negative"},
		{"abc", unitWan, "", "err.import.amount"},
		{"12.5.1", unitWan, "", "err.import.amount"},
		{"1e", unitWan, "", "err.import.amount"},
		{"1E999", unitWan, "", "err.import.amount"},
		{"1E30", unitWan, "", "err.import.amount_large"},
		{"#N/A", unitWan, "", "err.import.amount"},
	} {
		got, err := parseAmount(c.in, c.unit, false)
		if c.key != "" {
			require.NotNil(t, err, c.in)
			assert.Equal(t, c.key, err.Key, c.in)
			assert.Equal(t, c.in, err.Args["Value"], "the value as typed")
			continue
		}
		require.Nil(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
		if c.unit == unitWan && c.in[0] >= '0' && c.in[0] <= '9' && !containsAny(c.in, "Ee万元亿") {
			if y, err := data.ParseWan(c.in); err == nil {
				assert.Equal(t, got, itoa(int64(y)), "agrees with the forms' ParseWan: %s", c.in)
			}
		}
	}
}

func containsAny(s, chars string) bool {
	for _, r := range chars {
		for _, q := range s {
			if r == q {
				return true
			}
		}
	}
	return false
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want, key string
		date1904      bool
	}{
		{in: "2025-03-01", want: "2025-03-01"},
		{in: "2025/3/1", want: "2025-03-01"},
		{in: "2025.3.1", want: "2025-03-01"},
		{in: "2025年3月1日", want: "2025-03-01"},
		{in: "２０２５年３月１日", want: "2025-03-01"},
		{in: "2025-3-1 10:30:00", want: "2025-03-01"},
		{in: "2025-03-01T00:00:00Z", want: "2025-03-01"},
		{in: "20250301", want: "2025-03-01"},
		{in: "45717", want: "2025-03-01"},    // a date cell read raw
		{in: "45717.75", want: "2025-03-01"}, // with a time of day
		{in: "4.5717E4", want: "2025-03-01"},
		{in: "1", want: "1900-01-01"},
		{in: "59", want: "1900-02-28"},
		{in: "61", want: "1900-03-01"}, // after Excel's 29 February 1900
		{in: "60", key: "err.import.date_1900"},
		{in: "44256", want: "2025-03-02", date1904: true}, // the Mac 1904 date system
		{in: "0", key: "err.import.date"},
		{in: "2958466", key: "err.import.date"},
		{in: "-5", key: "err.import.date"},
		{in: "2025-02-30", key: "err.import.date"},
		{in: "2025-13-01", key: "err.import.date"},
		{in: "3/1/2025", key: "err.import.date"},
		{in: "明天", key: "err.import.date"},
	} {
		got, err := parseDate(c.in, c.date1904)
		if c.key != "" {
			require.NotNil(t, err, c.in)
			assert.Equal(t, c.key, err.Key, c.in)
			continue
		}
		require.Nil(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}

func TestParseCountYearBool(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"12": "12", "1,200": "1200", "１２": "12", "12人": "12", "12.0": "12", "0": "0",
		"1.2E2": "120", "11.999999999999998": "12"} {
		got, err := parseCount(in)
		require.Nil(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for in, key := range map[string]string{"12.5": "err.import.int", "-3": "err.import.int_negative", "十二": "err.import.int",
		"1234567890": "err.import.int"} {
		_, err := parseCount(in)
		require.NotNil(t, err, in)
		assert.Equal(t, key, err.Key, in)
	}
	for in, want := range map[string]string{"2024": "2024", "2024年": "2024", "2024年度": "2024", "２０２４": "2024", "2024.0": "2024"} {
		got, err := parseYear(in)
		require.Nil(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"24", "20245", "2024.5", "-2024", "二〇二四"} {
		_, err := parseYear(in)
		require.NotNil(t, err, in)
		assert.Equal(t, "err.import.year", err.Key, in)
	}
	for in, want := range map[string]string{"是": "1", "否": "0", "yes": "1", "No": "0", "Y": "1", "n": "0", "1": "1", "0": "0",
		"√": "1", "×": "0", "TRUE": "1", "FALSE": "0", " 是 ": "1", "ＹＥＳ": "1"} {
		got, err := parseBool(in)
		require.Nil(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := parseBool("也许")
	require.NotNil(t, err)
	assert.Equal(t, "err.import.bool", err.Key)
}

func TestCodesAndHeaders(t *testing.T) {
	t.Parallel()
	patents := kindByName("专利")
	require.NotNil(t, patents)
	status := fieldIndex(t, patents, "legal_status")
	for in, want := range map[string]string{"授权": "granted", "Granted": "granted", "granted": "granted", "ＧＲＡＮＴＥＤ": "granted",
		"未缴年费终止": "lapsed", "Lapsed (fees unpaid)": "lapsed", " 驳回 ": "rejected"} {
		got, err := patents.code(status, in, nil)
		require.Nil(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := patents.code(status, "有效", nil)
	require.NotNil(t, err)
	assert.Equal(t, "err.import.code", err.Key)

	companies := kindByName("Companies")
	require.NotNil(t, companies)
	park := fieldIndex(t, companies, "park")
	got, err := companies.code(park, " 旅顺经济开发区 ", []string{"旅顺经济开发区", "大连高新区"})
	require.Nil(t, err)
	assert.Equal(t, "旅顺经济开发区", got)
	_, err = companies.code(park, "别处", []string{"旅顺经济开发区"})
	require.NotNil(t, err)
	assert.Equal(t, "err.import.park", err.Key)
	field := fieldIndex(t, companies, "field")
	got, err = companies.code(field, "Electronic information", nil)
	require.Nil(t, err)
	assert.Equal(t, "electronics", got)

	outputs := kindByName(" 年度产值 ")
	require.NotNil(t, outputs)
	for header, key := range map[string]string{"高新技术产品产值（万元）": "output", "高新技术产品产值(万元)": "output",
		"Output (10k yuan)": "output", "OUTPUT": "output", "产值": "output", "*统一社会信用代码": "uscc", "统一社会\n信用代码": "uscc",
		"ＵＳＣＣ": "uscc", "研发费用（元）": "rd_expense", "年份": "year", "R&D staff": "rd_staff"} {
		i, _ := outputs.headerField(header)
		require.GreaterOrEqual(t, i, 0, header)
		assert.Equal(t, key, outputs.sheet.Fields[i].Key, header)
	}
	_, unit := outputs.headerField("研发费用（元）")
	assert.Equal(t, unitYuan, unit, "a header in 元 makes the column's amounts yuan")
	_, unit = outputs.headerField("研发费用")
	assert.Equal(t, unitWan, unit)
	i, _ := outputs.headerField("备注")
	assert.Equal(t, -1, i)
}

func fieldIndex(t *testing.T, k *kindLabels, key string) int {
	for i, f := range k.sheet.Fields {
		if f.Key == key {
			return i
		}
	}
	t.Fatalf("no field %s", key)
	return -1
}

// No two fields of a kind may answer to the same header, and no two codes of a field to the same label.
func TestExchangeLabelsAreUnambiguous(t *testing.T) {
	t.Parallel()
	for _, k := range exchangeLabels() {
		seen := map[string]string{}
		for i, f := range k.sheet.Fields {
			for _, h := range append([]string{k.labelZh[i], k.labelEn[i], f.Key}, f.Synonyms...) {
				key, _, _ := headerKey(h)
				if prev, ok := seen[key]; ok && prev != f.Key {
					t.Errorf("%s: header %q is both %s and %s", k.sheet.Kind, h, prev, f.Key)
				}
				seen[key] = f.Key
			}
		}
		for i, codes := range k.codes {
			if codes != nil {
				assert.Len(t, uniqueValues(codes), len(k.sheet.Fields[i].Codes), k.sheet.Kind+"."+k.sheet.Fields[i].Key)
			}
		}
		for _, other := range exchangeLabels() {
			if other == k {
				continue
			}
			for name := range k.names {
				assert.False(t, other.names[name], "sheet name %q is both %s and %s", name, k.sheet.Kind, other.sheet.Kind)
			}
		}
	}
}

func uniqueValues(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}

func TestParseAmountOddLengths(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"0." + strings.Repeat("0", 59) + "1", "1E-40", "0.000000000000000000000000000000000000001E-40",
		strings.Repeat("9", 61), "1" + strings.Repeat("0", 29) + "E40"} {
		assert.NotPanics(t, func() { _, _ = parseAmount(in, unitWan, false); _, _ = parseDate(in, false); _, _ = parseCount(in) }, in)
	}
}
