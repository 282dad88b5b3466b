package exchange

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"scitech/data"
)

// Cells arrive as typed: full-width digits from a Chinese input method, thousands separators, a 万元 or 元 suffix,
// dates in half a dozen spellings or as Excel serial numbers (cells are read raw, without their number format),
// and floats as Excel stores them ("45272.9", "4.52729E4", "45272.899999999994"). This file turns each into the
// canonical text of data.ImportRow without ever going through a float.

// foldWidth turns full-width ASCII (Ａ, １, （, ．) into ASCII and the ideographic space into a space.
func foldWidth(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case r == '\u3000' || r == '\u00a0':
			return ' '
		case r == '。':
			return '.'
		}
		return r
	}, s)
}

// trimCell trims spaces of any width, and the no-break space a copy from a web page brings.
func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' })
}

// normalizeKey folds a header, a sheet name or a code label for comparison: width, case, spaces, a leading
// asterisk (a required mark) and a trailing colon do not count.
func normalizeKey(s string) string {
	s, _ = data.StripHidden(s) // a header pasted with a byte order mark is still the header
	s = strings.ToLower(foldWidth(s))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimLeft(s, "*")
	return strings.TrimRight(s, ":*")
}

// Amount units: the power of ten that turns a number typed in that unit into yuan.
const (
	unitYuan = 0
	unitWan  = 4
	unitYi   = 8
)

// headerKey folds a header and splits off a trailing unit in parentheses: "产值（万元）" → "产值", unitWan.
// A parenthesis that is not a unit stays part of the header.
func headerKey(s string) (key string, unit int, hasUnit bool) {
	key = normalizeKey(s)
	if !strings.HasSuffix(key, ")") {
		return key, unitWan, false
	}
	open := strings.LastIndexByte(key, '(')
	if open < 0 {
		return key, unitWan, false
	}
	inner := key[open+1 : len(key)-1]
	switch inner {
	case "万元", "万", "10kyuan", "10,000yuan", "tenthousandyuan", "rmb10k", "10k":
		return key[:open], unitWan, true
	case "元", "yuan", "rmb", "cny":
		return key[:open], unitYuan, true
	case "亿元", "亿", "100myuan":
		return key[:open], unitYi, true
	case "人", "个", "名", "年", "persons", "people":
		return key[:open], unitWan, false
	}
	return key, unitWan, false
}

// readErr is a cell's problem: a translation key with the value as typed, cut short (data.ShownValue).
func readErr(key, msg, value string, extra ...any) *data.Error {
	value = data.ShownValue(value)
	args := map[string]any{"Value": value}
	for i := 0; i+1 < len(extra); i += 2 {
		args[extra[i].(string)] = extra[i+1]
	}
	return &data.Error{Code: data.Invalid, Key: key, Args: args, Message: msg + ": " + value}
}

// decimal is a number read from text: digits × 10^exp, never a float.
type decimal struct {
	digits string // without leading zeros; "" is zero
	exp    int
	neg    bool
}

// parseDecimal reads "1234.5678", "-12", ".5", "4.52729E4" (thousands separators already removed).
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if s == "" {
		return d, false
	}
	switch s[0] {
	case '-':
		d.neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	mant, expText := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expText = s[:i], s[i+1:]
		if expText == "" {
			return d, false
		}
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if (whole == "" && frac == "") || len(whole)+len(frac) > 60 || !allDigits(whole) || !allDigits(frac) {
		return d, false
	}
	if expText != "" {
		e, err := strconv.Atoi(expText)
		if err != nil || e > 40 || e < -40 {
			return d, false
		}
		d.exp = e
	}
	digits := whole
	if frac != "" {
		digits += frac
	}
	d.digits = strings.TrimLeft(digits, "0")
	d.exp -= len(frac)
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// floatNoise is the number of significant digits from which a fraction is taken for the trace of a binary float
// (Excel writes up to 17), not for what someone typed, and is rounded away.
const floatNoise = 15

// integer returns the value as whole digits. A fraction is allowed when it is zero, or when it is float noise,
// in which case the value is rounded half up. ok is false for a real fraction.
func (d decimal) integer() (string, bool) {
	if d.digits == "" {
		return "0", true
	}
	if d.exp >= 0 {
		if len(d.digits)+d.exp > 30 {
			return strings.Repeat("9", 31), true // too large for any field; callers refuse it by its length
		}
		return d.digits + pad(d.exp), true
	}
	cut := len(d.digits) + d.exp // digits before the point
	var whole, frac string
	if cut > 0 {
		whole, frac = d.digits[:cut], d.digits[cut:]
	} else {
		frac = pad(-cut) + d.digits
	}
	if strings.Trim(frac, "0") == "" {
		return orZero(whole), true
	}
	if len(d.digits) < floatNoise {
		return "", false
	}
	if frac[0] >= '5' {
		whole = addOne(whole)
	}
	return orZero(strings.TrimLeft(whole, "0")), true
}

// zeros pads numbers; an exponent is at most 40 and a decimal has at most 30 digits before it is refused.
const zeros = "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"

// pad is n zeros, without an allocation for the usual few.
func pad(n int) string {
	if n <= len(zeros) {
		return zeros[:n]
	}
	return strings.Repeat("0", n)
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// addOne adds one to a string of digits.
func addOne(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// numberText folds width, turns line breaks and tabs into spaces, drops currency signs and trims the spaces
// around it. Separators inside the number stay for ungroup to judge.
func numberText(s string) string {
	s = foldWidth(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return ' '
		case '¥', '￥':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// ungroup takes the thousands separators out of a number the cell held, by the forms' rule (data.Ungroup): a
// comma that does not separate groups of three digits ("12,5") refuses the cell, quoting it as typed, rather
// than reading it as 125.
func ungroup(s, raw string) (string, *data.Error) {
	s, ok := data.Ungroup(strings.TrimSpace(s))
	if !ok {
		return "", data.GroupingError(raw)
	}
	return s, nil
}

// maxYuanDigits bounds an amount: ParseWan takes twelve digits of 万元, sixteen of yuan.
const maxYuanDigits = 16

// parseAmount reads an amount in the column's unit (or the unit the cell names) into whole yuan as digits.
func parseAmount(raw string, unit int, signed bool) (string, *data.Error) {
	s := numberText(raw)
	s = strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(s), "RMB"), "CNY")
	s = strings.TrimSpace(s)
	for _, suf := range []struct {
		text string
		unit int
	}{{"万元", unitWan}, {"亿元", unitYi}, {"万", unitWan}, {"亿", unitYi}, {"元", unitYuan}} {
		if strings.HasSuffix(s, suf.text) {
			s, unit = strings.TrimSuffix(s, suf.text), suf.unit
			break
		}
	}
	s, gerr := ungroup(s, raw)
	if gerr != nil {
		return "", gerr
	}
	d, ok := parseDecimal(s)
	if !ok {
		return "", readErr("err.import.amount", "is not an amount", raw)
	}
	if d.neg && d.digits != "" && !signed {
		return "", readErr("err.import.amount_negative", "must not be negative", raw)
	}
	d.exp += unit
	yuan, ok := d.integer()
	if !ok {
		return "", readErr("err.import.amount_fraction", "is more precise than one yuan (four decimals in 万元)", raw)
	}
	if len(yuan) > maxYuanDigits {
		return "", readErr("err.import.amount_large", "is too large", raw)
	}
	if d.neg && yuan != "0" {
		return "-" + yuan, nil
	}
	return yuan, nil
}

// parseCount reads a whole number ≥ 0 ("12", "1,200", "12人", "12.0").
func parseCount(raw string) (string, *data.Error) {
	s, gerr := ungroup(strings.TrimRight(numberText(raw), "人个名项件"), raw)
	if gerr != nil {
		return "", gerr
	}
	d, ok := parseDecimal(s)
	if ok && d.neg && d.digits != "" {
		return "", readErr("err.import.int_negative", "must not be negative", raw)
	}
	n, whole := "", false
	if ok {
		n, whole = d.integer()
	}
	if !ok || !whole || len(n) > 9 {
		return "", readErr("err.import.int", "is not a whole number", raw)
	}
	return n, nil
}

// parseYear reads a four-digit year ("2024", "2024年", "2024年度", "2024.0").
func parseYear(raw string) (string, *data.Error) {
	s := numberText(raw)
	s, _ = data.Ungroup(strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "年度"), "年")))
	d, ok := parseDecimal(s)
	if ok && !d.neg {
		if y, whole := d.integer(); whole && len(y) == 4 {
			return y, nil
		}
	}
	return "", readErr("err.import.year", "is not a four-digit year", raw)
}

// Excel serial numbers: day 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was (day 60), so
// from day 61 on the days count from 1899-12-30. In the 1904 date system day 0 is 1904-01-01.
var (
	excelEpoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

const maxExcelSerial = 2958465 // 9999-12-31

// serialDate turns an Excel serial (its whole days) into a date.
func serialDate(days int, date1904 bool) (time.Time, bool) {
	if date1904 {
		if days < 0 || days > maxExcelSerial-1462 {
			return time.Time{}, false
		}
		return excelEpoch1904.AddDate(0, 0, days), true
	}
	switch {
	case days < 1 || days == 60 || days > maxExcelSerial:
		return time.Time{}, false
	case days < 60:
		return excelEpoch1900.AddDate(0, 0, days+1), true
	}
	return excelEpoch1900.AddDate(0, 0, days), true
}

// parseDate reads 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, a date with a time of day, or an Excel
// serial number (a date cell read raw), into YYYY-MM-DD.
// dateSeparators turns 2025年3月1日, 2025/3/1 and 2025.3.1 into 2025-3-1. Built once: a Replacer per call was a
// tenth of the garbage of reading a million rows of dates.
var dateSeparators = strings.NewReplacer("年", "-", "月", "-", "日", "", "号", "", "/", "-", ".", "-")

func parseDate(raw string, date1904 bool) (string, *data.Error) {
	s := strings.TrimSpace(foldWidth(raw))
	if d, ok := parseDecimal(s); ok && !strings.ContainsAny(s, "-+") {
		if len(s) == 8 && allDigits(s) && (s[:2] == "19" || s[:2] == "20") {
			if t, err := time.Parse("20060102", s); err == nil {
				return t.Format(data.DateLayout), nil
			}
		}
		days := wholeDays(d)
		if t, ok := serialDate(days, date1904); ok {
			return t.Format(data.DateLayout), nil
		}
		if days == 60 && !date1904 {
			return "", readErr("err.import.date_1900", "is 1900-02-29, a day Excel counts but the calendar has not", raw)
		}
		return "", readErr("err.import.date", "is not a date like 2025-03-01", raw)
	}
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // a time of day
	}
	s = dateSeparators.Replace(s)
	if t, err := time.Parse("2006-1-2", s); err == nil && t.Year() >= 1000 {
		return t.Format(data.DateLayout), nil
	}
	return "", readErr("err.import.date", "is not a date like 2025-03-01", raw)
}

// wholeDays is the integer part of a non-negative serial, or -1 when it is out of any date's range.
func wholeDays(d decimal) int {
	if d.neg || len(d.digits)+d.exp > 7 {
		return -1
	}
	if d.digits == "" {
		return 0
	}
	whole := d.digits
	if d.exp >= 0 {
		whole += strings.Repeat("0", d.exp)
	} else if cut := len(d.digits) + d.exp; cut > 0 {
		whole = d.digits[:cut]
	} else {
		return 0
	}
	n, err := strconv.Atoi(whole)
	if err != nil {
		return -1
	}
	return n
}

var boolWords = map[string]string{
	"是": "1", "yes": "1", "y": "1", "1": "1", "√": "1", "✓": "1", "✔": "1", "true": "1", "对": "1", "有": "1",
	"否": "0", "no": "0", "n": "0", "0": "0", "×": "0", "✗": "0", "✘": "0", "false": "0", "错": "0", "无": "0",
}

// parseBool reads 是/否, yes/no, Y/N, 1/0, √/× into "1" or "0".
func parseBool(raw string) (string, *data.Error) {
	if v, ok := boolWords[normalizeKey(raw)]; ok {
		return v, nil
	}
	return "", readErr("err.import.bool", "is not 是 or 否 (yes or no)", raw)
}

// excelErrors are the error values a formula shows; the cell's cached value is one of them.
var excelErrors = map[string]bool{"#N/A": true, "#VALUE!": true, "#REF!": true, "#DIV/0!": true, "#NUM!": true,
	"#NAME?": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true}
