package data

import (
	"strconv"
	"strings"
)

// Patent kinds (专利类型), given by the type digit of the application number.
const (
	PatentInvention = "invention" // 发明
	PatentUtility   = "utility"   // 实用新型
	PatentDesign    = "design"    // 外观设计
)

// PatentKinds lists the kinds in the order the screens offer them.
var PatentKinds = []string{PatentInvention, PatentUtility, PatentDesign}

// patentTypeKinds maps the type digit of an application number to the kind it gives: 8 and 9 are PCT
// applications entering the national phase as an invention or a utility model.
var patentTypeKinds = map[byte]string{
	'1': PatentInvention, '2': PatentUtility, '3': PatentDesign, '8': PatentInvention, '9': PatentUtility,
}

// Weights of the check character (ZC 0006-2003): 2 to 9, then again from 2, one per digit before the dot.
var patentWeights = [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}

// Years an application number may carry: the old 8-digit numbers ran from the first patent law (1985) until
// the 12-digit numbers replaced them on 2003-10-01.
const (
	patentOldFirstYear = 1985
	patentNewFirstYear = 2003
)

// PatentAppNo is a checked application number (申请号) and what it says.
type PatentAppNo struct {
	Number    string // normalised: "201710601862.3", or "95115608.X" for the old form
	Year      int    // the application year, four digits
	TypeDigit byte   // '1', '2', '3', '8' or '9'
	Kind      string // PatentInvention, PatentUtility or PatentDesign
	PCT       bool   // type 8 or 9: an international application
	Old       bool   // the 8-digit form used before 2003-10-01
}

// NormalizePatentAppNo puts a number typed or pasted in any usual form into the stored form as far as it can:
// without a ZL or CN prefix, spaces, full-width characters or lower-case x, and with the dot before the check
// character. It does not check the number.
func NormalizePatentAppNo(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0':
			return -1
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r >= 'ａ' && r <= 'ｚ':
			return r - 'ａ' + 'A'
		case r >= 'Ａ' && r <= 'Ｚ':
			return r - 'Ａ' + 'A'
		case r == '．' || r == '。':
			return '.'
		}
		return r
	}, s)
	s = strings.ToUpper(s)
	// Prefixes come in any order and sometimes twice ("CNZL…"); all go, so that normalising is idempotent.
	for strings.HasPrefix(s, "ZL") || strings.HasPrefix(s, "CN") {
		s = s[2:]
	}
	// The dot goes before the check character only after 12 (or 8) digits: anything else is left for
	// ValidatePatentAppNo to refuse, and no character is ever cut in two.
	if !strings.Contains(s, ".") && (len(s) == 13 || len(s) == 9) && allDigits(s[:len(s)-1]) {
		s = s[:len(s)-1] + "." + s[len(s)-1:]
	}
	return s
}

// PatentCheckChar computes the check character of the digits before the dot (12, or 8 for an old number):
// the sum of each digit times its weight, modulo 11, with 10 written X. ok is false for anything but digits.
func PatentCheckChar(digits string) (c byte, ok bool) {
	if len(digits) != 12 && len(digits) != 8 {
		return 0, false
	}
	sum := 0
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
		sum += int(digits[i]-'0') * patentWeights[i]
	}
	if m := sum % 11; m < 10 {
		return byte('0' + m), true
	}
	return 'X', true
}

// ValidatePatentAppNo normalises an application number and checks its form, application year, type digit
// and check character. Every error names the field "app_no".
func ValidatePatentAppNo(s string) (PatentAppNo, error) {
	no := PatentAppNo{Number: NormalizePatentAppNo(s)}
	if no.Number == "" {
		return no, appNoError("err.required", "is required", nil)
	}
	digits, check, hasDot := strings.Cut(no.Number, ".")
	if !hasDot || !allDigits(digits) || len(check) != 1 || (len(digits) != 12 && len(digits) != 8) {
		return no, appNoError("err.patent.app_no.form",
			"must be 12 digits, a dot and a check character, like 201710601862.3 (before 2003: 8 digits, like 95115608.X)", nil)
	}
	no.Old = len(digits) == 8
	if err := no.setYear(digits); err != nil {
		return no, err
	}
	no.TypeDigit = digits[4]
	if no.Old {
		no.TypeDigit = digits[2]
	}
	kind, ok := patentTypeKinds[no.TypeDigit]
	if !ok {
		return no, appNoError("err.patent.app_no.type", "type digit {{.Digit}} is not 1, 2, 3, 8 or 9",
			map[string]any{"Digit": string(no.TypeDigit)})
	}
	no.Kind, no.PCT = kind, no.TypeDigit == '8' || no.TypeDigit == '9'
	want, _ := PatentCheckChar(digits)
	if check[0] != want {
		return no, appNoError("err.patent.app_no.check", "check character is {{.Got}} but should be {{.Want}}; a digit is mistyped",
			map[string]any{"Got": check, "Want": string(want)})
	}
	return no, nil
}

// setYear reads the application year and checks that numbers of that form were given in that year.
func (no *PatentAppNo) setYear(digits string) error {
	first, last := patentNewFirstYear, Today().Year()
	if no.Old {
		first, last = patentOldFirstYear, patentNewFirstYear
		yy, _ := strconv.Atoi(digits[:2])
		no.Year = 1900 + yy
		if yy < 50 {
			no.Year = 2000 + yy
		}
	} else {
		no.Year, _ = strconv.Atoi(digits[:4])
	}
	if no.Year > Today().Year() {
		return appNoError("err.patent.app_no.future", "year {{.Year}} is in the future", map[string]any{"Year": no.Year})
	}
	if no.Year < first || no.Year > last {
		return appNoError("err.patent.app_no.year", "year {{.Year}} is not possible for a number of this form ({{.First}}–{{.Last}})",
			map[string]any{"Year": no.Year, "First": first, "Last": last})
	}
	return nil
}

func appNoError(key, msg string, args map[string]any) *Error {
	e := invalid(key, msg, args)
	e.Field = "app_no"
	return e
}
