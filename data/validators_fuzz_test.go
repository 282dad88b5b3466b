package data

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The validators take whatever a clerk types or a company's workbook holds. Fuzzing them checks that they
// never panic, that normalising is idempotent, that an accepted value reads back the same from its stored
// form, and that a refusal is always a *Error with a translation key and readable text. Inputs that broke
// them are kept under testdata/fuzz/<FuzzName>/ and replayed by every plain `go test`.
//
//	go test -run='^$' -fuzz='^FuzzUSCC$' -fuzztime=10m ./data

// checkRefusal fails unless err is an Invalid *Error with a key, a field when want names one, and valid UTF-8
// in its text and arguments (a refusal is shown to the user as it is).
func checkRefusal(t *testing.T, err error, field string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("refusal is %T, not *Error: %v", err, err)
	}
	if e.Code != Invalid || e.Key == "" {
		t.Fatalf("refusal without code or key: %#v", e)
	}
	if field != "" && e.Field != field {
		t.Fatalf("refusal names field %q, want %q", e.Field, field)
	}
	if !utf8.ValidString(e.Error()) {
		t.Fatalf("refusal text is not valid UTF-8: %q", e.Error())
	}
	for k, v := range e.Args {
		if s, ok := v.(string); ok && !utf8.ValidString(s) {
			t.Fatalf("argument %s is not valid UTF-8: %q", k, s)
		}
	}
}

func FuzzUSCC(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91110000600037341L", " 91350100m000100y43 ", "９１３５０１００Ｍ０００１００Ｙ４３",
		"91350100-M000100-Y43", "91350100M000100Y44", "91350100I000100Y43", "", "9135", "913501000M000100Y43", "中华人民共和国统一社会信用代码码"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeUSCC(s)
		if again := NormalizeUSCC(n); again != n {
			t.Fatalf("normalising twice changes %q → %q → %q", s, n, again)
		}
		code, err := ValidateUSCC(s)
		if err != nil {
			checkRefusal(t, err, "")
			var e *Error
			if errors.As(err, &e) && e.Key == "err.uscc.char" {
				// The character named is the one the user typed at that place.
				pos, _ := e.Args["Pos"].(int)
				if r := []rune(n); pos < 1 || pos > len(r) || string(r[pos-1]) != e.Args["Char"] {
					t.Fatalf("%q: character %v at %v is not what was typed", s, e.Args["Char"], e.Args["Pos"])
				}
			}
			return
		}
		if code != n || len(code) != 18 {
			t.Fatalf("accepted %q as %q (normalised %q)", s, code, n)
		}
		for i := 0; i < 18; i++ {
			if !strings.Contains(usccAlphabet, code[i:i+1]) {
				t.Fatalf("accepted %q with %q outside the alphabet", code, code[i])
			}
		}
		if want, _ := USCCCheckChar(code[:17]); want != code[17] {
			t.Fatalf("accepted %q with check %c, want %c", code, code[17], want)
		}
		for _, typed := range []string{code, strings.ToLower(code), " " + code + "\t"} {
			if again, err := ValidateUSCC(typed); err != nil || again != code {
				t.Fatalf("%q stored as %q reads back as %q, %v", s, code, again, err)
			}
		}
	})
}

func FuzzPatentAppNo(f *testing.F) {
	for _, s := range []string{"201710601862.3", "202310123456.6", "95115608.X", "ZL201710601862.3", "CN 2017 1060 1862.3",
		"2017106018623", "95115608x", "ＺＬ２０１７１０６０１８６２．３", "201710601862.4", "201740601862.3", "209910601862.3",
		"", ".", "ZLZL201710601862.3", "CNZL2017106018623", "1234567890中", "12345678中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizePatentAppNo(s)
		if again := NormalizePatentAppNo(n); again != n {
			t.Fatalf("normalising twice changes %q → %q → %q", s, n, again)
		}
		if !utf8.ValidString(n) {
			t.Fatalf("normalising %q gives invalid UTF-8 %q", s, n)
		}
		no, err := ValidatePatentAppNo(s)
		if err != nil {
			checkRefusal(t, err, "app_no")
			return
		}
		if no.Number != n {
			t.Fatalf("accepted %q as %q (normalised %q)", s, no.Number, n)
		}
		digits, check, _ := strings.Cut(no.Number, ".")
		if want, ok := PatentCheckChar(digits); !ok || check != string(want) {
			t.Fatalf("accepted %q with check %q, want %c", no.Number, check, want)
		}
		if no.Kind != patentTypeKinds[no.TypeDigit] || no.Old != (len(digits) == 8) || no.Year > Today().Year() {
			t.Fatalf("accepted %q as %+v", no.Number, no)
		}
		for _, typed := range []string{no.Number, "ZL" + no.Number, "CN" + strings.Replace(no.Number, ".", "", 1),
			strings.ToLower(no.Number)} {
			if again, err := ValidatePatentAppNo(typed); err != nil || again != no {
				t.Fatalf("%q stored as %+v reads back from %q as %+v, %v", s, no, typed, again, err)
			}
		}
	})
}

var (
	fixed2 = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)
	fixed3 = regexp.MustCompile(`^-?[0-9]+\.[0-9]{3}$`)
)

// FuzzAmounts reads amounts typed in 万元 (and head counts and 亩) and formats amounts of every size.
func FuzzAmounts(f *testing.F) {
	for _, s := range []string{"12.5", "1,234.5678", "１２．５", "0", "0.0001", "0.00001", "-1", "－1", "999999999999.9999",
		"9999999999999", "1e5", "", " ", ".", "..", "12.", ".5", "NaN", "12万", "1，234"} {
		f.Add(s, int64(len(s))*123456789)
	}
	f.Add("", int64(-9223372036854775808))
	f.Add("", int64(9223372036854775807))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		if v, err := ParseWan(s); err != nil {
			checkRefusal(t, err, "")
		} else if v < 0 {
			t.Fatalf("%q read as a negative amount %d", s, v)
		} else if again, err := ParseWan(v.WanInput()); err != nil || again != v {
			t.Fatalf("%q read as %d yuan, written %q, reads back as %d, %v", s, v, v.WanInput(), again, err)
		}
		if c, err := ParseCount(s); err != nil {
			checkRefusal(t, err, "")
		} else if again, err := ParseCount(strconv.Itoa(c)); c < 0 || err != nil || again != c {
			t.Fatalf("count %q read as %d, reads back as %d, %v", s, c, again, err)
		}
		if m, err := ParseMu(s); err != nil {
			checkRefusal(t, err, "")
		} else if m < 0 {
			t.Fatalf("%q read as negative 亩 %d", s, m)
		}
		y := Yuan(n)
		for _, text := range []string{y.Wan(), y.Yi()} {
			if !fixed2.MatchString(text) {
				t.Fatalf("%d yuan formatted as %q", n, text)
			}
		}
		if !fixed3.MatchString(y.Billion()) {
			t.Fatalf("%d yuan formatted as %q billion", n, y.Billion())
		}
		if n >= 0 && Yuan(n) <= MaxYuan {
			if again, err := ParseWan(y.WanInput()); err != nil || again != y {
				t.Fatalf("%d yuan written %q reads back as %d, %v", n, y.WanInput(), again, err)
			}
		}
	})
}

func FuzzDates(f *testing.F) {
	for _, s := range []string{"2025-03-01", "2025/3/1", "2025.03.01", " 2025-3-1 ", "2025-02-29", "2024-02-29", "0001-01-01",
		"0000-01-01", "9999-12-31", "2025-13-01", "25-3-1", "２０２５-０３-０１", "", "2025-03-01T00:00:00Z", "20250301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			checkRefusal(t, err, "")
			return
		}
		if d.IsZero() {
			if FormatDate(d) != "" {
				t.Fatalf("the zero date %q formats as %q", s, FormatDate(d))
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("%q read as %v, not a date", s, d)
		}
		stored := FormatDate(d)
		again, err := ParseDate(stored)
		if err != nil || !again.Equal(d) {
			t.Fatalf("%q read as %v, stored %q, reads back as %v, %v", s, d, stored, again, err)
		}
		if sd := scanDate(&stored); !sd.Equal(d) {
			t.Fatalf("%q stored %q scans back as %v", s, stored, sd)
		}
	})
}
