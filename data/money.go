package data

import (
	"strconv"
	"strings"
)

// Yuan is an amount of money in whole yuan. Amounts are never floats: screens and briefs show 万元 or 亿元,
// rounded half up to two decimals.
type Yuan int64

const (
	yuanPerWan = 10_000
	yuanPerYi  = 100_000_000
)

// Wan formats the amount in 万元 with two decimals (half up), e.g. 474500000 → "47450.00".
func (y Yuan) Wan() string { return formatScaled(int64(y), yuanPerWan, 2) }

// Yi formats the amount in 亿元 with two decimals (half up), e.g. 4745000000 → "47.45".
func (y Yuan) Yi() string { return formatScaled(int64(y), yuanPerYi, 2) }

// Billion formats the amount in billions of yuan with three decimals (half up), as English texts give it:
// 4745000000 → "4.745".
func (y Yuan) Billion() string { return formatScaled(int64(y), 10*yuanPerYi, 3) }

// WanInput formats the amount in 万元 with as many decimals as it needs (up to four), for editing.
func (y Yuan) WanInput() string {
	s := formatScaled(int64(y), yuanPerWan, 4)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// formatScaled divides v by scale and prints it with the given decimals, rounding half away from zero. It
// works in uint64 so that every int64 prints, the smallest included (its negation does not fit an int64).
func formatScaled(v, scale int64, decimals int) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	unit := uint64(scale)
	for i := 0; i < decimals; i++ {
		unit /= 10
	}
	q := (u + unit/2) / unit // value in units of 10^-decimals; below 2^63 + unit, so it cannot overflow
	p := uint64(1)
	for i := 0; i < decimals; i++ {
		p *= 10
	}
	s := strconv.FormatUint(q/p, 10)
	if decimals > 0 {
		frac := strconv.FormatUint(q%p, 10)
		s += "." + strings.Repeat("0", decimals-len(frac)) + frac
	}
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

// ParseWan reads an amount typed in 万元 ("12.5", "1,234.5678", full-width digits, "12.5万") into yuan.
// Four decimals at most (one yuan); negative amounts are refused, and so is a comma that does not separate
// thousands ("12,5"): see Ungroup. Messages quote the amount as it was typed.
func ParseWan(s string) (Yuan, error) {
	typed := asTyped(s)
	s = normalizeNumber(s)
	for _, unit := range []string{"万元", "万"} {
		if t, ok := strings.CutSuffix(s, unit); ok {
			s = strings.TrimSpace(t)
			break
		}
	}
	v, problem := parseFixed(s, 4, 12)
	switch problem {
	case fixedEmpty:
		return 0, invalid("err.required", "is required", nil)
	case fixedNegative:
		return 0, invalid("err.amount.negative", "must not be negative", nil)
	case fixedGrouping:
		return 0, GroupingError(typed)
	case fixedNotNumber:
		return 0, invalid("err.amount.number", "{{.Value}} is not a number", map[string]any{"Value": typed})
	case fixedDecimals:
		return 0, invalid("err.amount.decimals", "has more than four decimals (one yuan is 0.0001 万元)", nil)
	case fixedLarge:
		return 0, CheckAmount(MaxYuan + 1)
	}
	if err := CheckAmount(Yuan(v)); err != nil {
		return 0, err
	}
	return Yuan(v), nil
}

// fixedProblem is what is wrong with a decimal number's text.
type fixedProblem int

const (
	fixedOK fixedProblem = iota
	fixedEmpty
	fixedNegative
	fixedNotNumber
	fixedGrouping // a separator that does not separate thousands
	fixedDecimals
	fixedLarge
)

// parseFixed reads a non-negative decimal number with at most `decimals` decimals and `maxWhole` whole digits
// as a whole count of its smallest unit (10^-decimals), without ever going through a float.
func parseFixed(s string, decimals, maxWhole int) (int64, fixedProblem) {
	s = normalizeNumber(s)
	switch {
	case s == "":
		return 0, fixedEmpty
	case strings.HasPrefix(s, "-"):
		return 0, fixedNegative
	}
	s, ok := Ungroup(s)
	if !ok {
		return 0, fixedGrouping
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	switch {
	case !allDigits(whole) || !allDigits(frac):
		return 0, fixedNotNumber
	case len(frac) > decimals:
		return 0, fixedDecimals
	case len(whole) > maxWhole:
		return 0, fixedLarge
	}
	frac += strings.Repeat("0", decimals-len(frac))
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	unit := int64(1)
	for i := 0; i < decimals; i++ {
		unit *= 10
	}
	return w*unit + f, fixedOK
}

// ParseCount reads a non-negative whole number such as a head count ("1,250", full-width digits). A comma
// that does not separate thousands is refused ("1,25"), quoting the number as it was typed.
func ParseCount(s string) (int, error) {
	typed := asTyped(s)
	s = normalizeNumber(s)
	if s == "" {
		return 0, nil
	}
	if strings.HasPrefix(s, "-") {
		return 0, invalid("err.amount.negative", "must not be negative", nil)
	}
	s, ok := Ungroup(s)
	if !ok {
		return 0, GroupingError(typed)
	}
	if !allDigits(s) {
		return 0, invalid("err.count", "{{.Value}} is not a whole number", map[string]any{"Value": typed})
	}
	if len(strings.TrimLeft(s, "0")) > 9 {
		return 0, countTooLarge()
	}
	n, _ := strconv.Atoi(s)
	if err := CheckCount(n); err != nil {
		return 0, err
	}
	return n, nil
}

// normalizeNumber trims spaces and turns full-width digits, points, signs and commas into ASCII. Separators
// inside the number stay, for Ungroup to judge.
func normalizeNumber(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．' || r == '。':
			return '.'
		case r == '－':
			return '-'
		case r == '，':
			return ','
		case r == '\u3000' || r == '\t' || r == '\u00a0':
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// groupSeparators are the characters people put between groups of digits: a comma (ASCII, full-width, or the
// enumeration comma 、 a Chinese keyboard gives for the comma key) or a space (plain, thin, no-break).
const groupSeparators = ",，、 \u3000\u00a0\u2009\u202f"

// Ungroup takes the thousands separators out of a number's text: "12,345,678.5" → "12345678.5". A separator
// counts only between groups of three digits before the point, with one to three digits before the first and
// the same separator throughout. Anywhere else ("12,5", "1,25", "1,2345", ",5", "1,,250", "1.2,5") ok is
// false: "12,5" is a decimal comma as often as a slip, and dropping its comma saved an amount ten times too
// large as 125. Text without a separator comes back as it is, without an allocation; an optional sign leads
// and the point or an exponent ("E4") ends the part that may be grouped.
func Ungroup(s string) (string, bool) {
	if !strings.ContainsAny(s, groupSeparators) {
		return s, true
	}
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	end := strings.IndexAny(s, ".eE")
	if end < 0 {
		end = len(s)
	}
	whole, rest := s[:end], s[end:]
	if strings.ContainsAny(rest, groupSeparators) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(sign) + len(s))
	b.WriteString(sign)
	sep, groups, n := rune(0), 0, 0 // the separator in use, groups closed so far, digits in the open group
	for _, r := range whole {
		if !strings.ContainsRune(groupSeparators, r) {
			b.WriteRune(r)
			n++
			continue
		}
		if (sep != 0 && r != sep) || n < 1 || n > 3 || (groups > 0 && n != 3) {
			return "", false
		}
		sep, groups, n = r, groups+1, 0
	}
	if n != 3 {
		return "", false
	}
	b.WriteString(rest)
	return b.String(), true
}

// asTyped is a number's text as a message quotes it: trimmed, and with any bytes that are not UTF-8 shown as
// U+FFFD, so that a message is always text, whatever a file or a paste brought.
func asTyped(s string) string { return strings.ToValidUTF8(strings.TrimSpace(s), "\uFFFD") }

// GroupingError refuses a number whose commas do not separate thousands, quoting it as typed.
func GroupingError(typed string) *Error {
	return invalid("err.amount.grouping",
		"{{.Value}}: a comma separates thousands only, between groups of three digits (1,250.5); a decimal takes a point (12.5)",
		map[string]any{"Value": typed})
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MaxYuan caps one amount at 1 万亿元 (10^12 yuan), far above any company's or project's figure in a
// district, so that no set of accepted rows can overflow a sum: SQLite's integer SUM fails ("integer
// overflow") past 9.2×10^18, which 9.2 million rows at the cap stay under, while at the int64 limit 1,001 rows
// of one year made every figure of that year fail after an import that said success.
const MaxYuan Yuan = 1_000_000_000_000

// MaxCount caps a head count (employees, R&D staff) at ten million, more than any company employs.
const MaxCount = 10_000_000

// CheckAmount refuses an amount above MaxYuan, naming the cap; the caller names the field.
func CheckAmount(y Yuan) error {
	if y > MaxYuan {
		return invalid("err.amount.cap", "is larger than the cap of {{.Max}} 万元 (1 万亿元) per amount",
			map[string]any{"Max": MaxYuan.WanInput()})
	}
	return nil
}

// CheckCount refuses a head count above MaxCount, naming the cap; the caller names the field.
func CheckCount(n int) error {
	if n > MaxCount {
		return countTooLarge()
	}
	return nil
}

func countTooLarge() error {
	return invalid("err.count.cap", "is too large (at most {{.Max}})", map[string]any{"Max": MaxCount})
}
