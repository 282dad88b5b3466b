package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
)

// DataHash is the SHA-256, in hex, of the data a brief was made from: the brief's type name and its JSON with
// its BriefHeader zeroed. The header says how the brief is printed, not what it reports: a brief issued again
// another day, in the other language or with another number is made from the same data. (The zeroed header
// stays in the JSON: left out, it would change the hash of every brief already issued; see BriefHeader.)
// encoding/json writes struct fields in their declared order and map keys sorted, so the same records give
// the same hash; a change in any record the brief reads changes it, a change elsewhere does not. The hash
// covers everything the brief holds, printed or not: a brief that carries the year's Stats (the patent and
// incubator briefs do) changes its hash with any of them, which errs on the side of saying "changed". brief
// is a brief struct or a pointer to one (a *Brief gives the hash of its value).
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
	c := reflect.New(v.Type()) // a copy, so that the brief keeps its header
	c.Elem().Set(v)
	if h, ok := c.Interface().(headed); ok {
		*h.header() = BriefHeader{}
	}
	body, err := json.Marshal(c.Elem().Interface())
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(v.Type().String()))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
