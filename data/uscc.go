package data

import (
	"strings"
	"unicode/utf8"
)

// usccAlphabet lists the 31 symbols of a unified social credit code (GB 32100-2015) in value order:
// the Latin letters I, O, S, V and Z are not used.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeUSCC upper-cases a code and removes spaces anywhere in it, as users paste codes in many forms.
func NormalizeUSCC(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000' || r == '-':
			return -1
		case r >= 'ａ' && r <= 'ｚ':
			return r - 'ａ' + 'A'
		case r >= 'Ａ' && r <= 'Ｚ':
			return r - 'Ａ' + 'A'
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		}
		return r
	}, s)
	return strings.ToUpper(s)
}

// USCCCheckChar computes the check character of the first 17 characters of a code.
// ok is false when a character is outside the code's alphabet.
func USCCCheckChar(first17 string) (c byte, ok bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccAlphabet, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * usccWeights[i]
	}
	check := 31 - sum%31
	if check == 31 {
		check = 0
	}
	return usccAlphabet[check], true
}

// ValidateUSCC normalises a code and checks its length, alphabet and check character.
// It returns the normalised code.
func ValidateUSCC(s string) (string, error) {
	code := NormalizeUSCC(s)
	runes := []rune(code)
	switch {
	case code == "":
		return "", invalid("err.required", "is required", nil)
	case len(runes) != 18:
		return code, invalid("err.uscc.length", "must have 18 characters, not {{.N}}", map[string]any{"N": len(runes)})
	}
	// By character, not byte: the message names the character typed, which may be Chinese.
	for i, r := range runes {
		if r >= utf8.RuneSelf || strings.IndexByte(usccAlphabet, byte(r)) < 0 {
			return code, invalid("err.uscc.char", "character {{.Pos}} ({{.Char}}) is not allowed; I, O, S, V and Z are never used",
				map[string]any{"Pos": i + 1, "Char": string(r)})
		}
	}
	want, _ := USCCCheckChar(code[:17])
	if code[17] != want {
		return code, invalid("err.uscc.check", "check character is {{.Got}} but should be {{.Want}}; a character is mistyped",
			map[string]any{"Got": string(code[17]), "Want": string(want)})
	}
	return code, nil
}
