package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
)

// hashIgnored are the fields of a brief that say how it is printed, not what it reports: the header (brief
// name, issue number, issuing unit), the date, the language, the fonts and the distribution. A brief issued
// again another day, in the other language or with another number is made from the same data.
var hashIgnored = []string{"Settings", "Date", "Lang", "Fonts", "Distribution"}

// DataHash is the SHA-256, in hex, of the data a brief was made from: the brief's type name and its JSON with
// the fields of hashIgnored zeroed. encoding/json writes struct fields in their declared order and map keys
// sorted, so the same records give the same hash; a change in any record the brief reads changes it, a change
// elsewhere does not. The hash covers everything the brief holds, printed or not: a brief that carries the
// year's Stats (the patent and incubator briefs do) changes its hash with any of them, which errs on the side
// of saying "changed". brief is a brief struct or a pointer to one (a *Brief gives the hash of its value).
// The result is "" only for a value that has no JSON form, which no brief kind has (a test checks each).
func DataHash(brief any) string {
	if b, ok := brief.(*Brief); ok {
		brief = b.Value
	}
	v := reflect.ValueOf(brief)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return ""
	}
	if v.Kind() == reflect.Struct {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for _, name := range hashIgnored {
			if f := c.FieldByName(name); f.IsValid() && f.CanSet() {
				f.Set(reflect.Zero(f.Type()))
			}
		}
		v = c
	}
	body, err := json.Marshal(v.Interface())
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(v.Type().String()))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
