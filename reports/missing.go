package reports

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"

	"scitech/data"
)

// MissingText is a piece of a brief's text holding characters no font of the set has, and where it comes from,
// so that the user can find the record and fix it before printing.
type MissingText struct {
	Kind   string // translation key of what the record is (missing.kind.company…) or of the brief's section
	Record string // the record's name (company, institution, project…); empty for a section of the brief
	Field  string // translation key of the field (missing.field.name, company.name…)
	Text   string // the whole text of the field
	Chars  []rune // the characters of Text no font has, in the order they first appear
}

// CheckBrief lists the texts of a brief (OutputBrief, WorkBrief, PatentBrief, IncubatorBrief, CoopBrief, or a
// pointer to one) that hold characters no font of fs has, record by record, before the brief is written.
// It reads the fields the PDF prints: the records behind the figures (Records) go only to the workbook, which
// needs no font, and of long lists only the part the PDF names is read.
// A nil fs means the default fonts, as for the writers.
func CheckBrief(brief any, fs *FontSet) []MissingText {
	if fs == nil {
		if fs, _ = ResolveFonts(nil); fs == nil {
			return nil // the writer reports why the fonts cannot be had
		}
	}
	c := checker{fs: fs, seen: map[seenText]bool{}}
	v := reflect.ValueOf(brief)
	for (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	c.walk(v, place{kind: "missing.section.body"}, 0)
	if b, ok := v.Interface().(CoopBrief); ok {
		// The cooperation brief prints the bases from its records.
		c.table(b.Bases())
	}
	return c.found
}

// place is where in the brief the walk is: the record (or section) and field a text belongs to.
type place struct {
	kind, record, field string
}

type checker struct {
	fs    *FontSet
	found []MissingText
	seen  map[seenText]bool
}

type seenText struct {
	at   place
	text string
}

// maxDepth stops the walk in a value that points back into itself; briefs are a few levels deep.
const maxDepth = 12

// Fields a brief holds that its PDF does not print, or that are not text for the page. DraftMark is a setting's
// code ("word" or "blank") saying what a draft prints in place of its number, never printed itself.
var skippedFields = map[string]bool{"Records": true, "ParkName": true, "DraftMark": true}

// printedItems are the lists of which the PDF prints only the first few.
var printedItems = map[reflect.Type]map[string]int{
	reflect.TypeFor[data.OutputSummary](): {"Rows": TopCount},
	reflect.TypeFor[WorkBrief]():          {"Partners": PartnersNamed, "Incubators": PartnersNamed},
	reflect.TypeFor[IncubatorBrief]():     {"TeamsInto": PartnersNamed},
	reflect.TypeFor[CoopBrief]():          {"Programmes": 1},
}

// recordKinds name the records by their type.
var recordKinds = map[reflect.Type]string{
	reflect.TypeFor[data.CompanyOutput]():    "missing.kind.company",
	reflect.TypeFor[data.InstitutionCoops](): "missing.kind.institution",
	reflect.TypeFor[data.IncubatorRow]():     "missing.kind.incubator",
	reflect.TypeFor[data.Incubator]():        "missing.kind.incubator",
	reflect.TypeFor[data.Park]():             "missing.kind.park",
	reflect.TypeFor[data.ParkProject]():      "missing.kind.park_project",
}

// listKinds name the records of a list whose items do not say what they are (names and counts, plain names).
var listKinds = map[string]string{
	"Partners":   "missing.kind.institution",
	"Programmes": "missing.kind.programme",
	"Programme":  "missing.kind.programme",
	"Top":        "missing.kind.company",
	"Incubators": "missing.kind.incubator",
	"TeamsInto":  "missing.kind.incubator",
	"ByPark":     "missing.kind.park",
}

// sectionKinds name the parts of a brief that are not records.
var sectionKinds = map[reflect.Type]string{
	reflect.TypeFor[data.BriefSettings](): "missing.section.header",
	reflect.TypeFor[Distribution]():       "missing.section.distribution",
}

// fieldKeys are the translation keys of the text fields a brief prints.
var fieldKeys = map[string]string{
	"Name":        "missing.field.name",
	"Key":         "missing.field.name",
	"Title":       "missing.field.title",
	"Lead":        "missing.field.lead",
	"Description": "missing.field.description",
	"Status":      "missing.field.status",
	"Address":     "missing.field.address",
	"Focus":       "missing.field.focus",
	"Park":        "missing.field.park",
	"Programme":   "missing.field.programme",
	"Kind":        "missing.field.kind",
	"Level":       "missing.field.level",
	"Field":       "missing.field.field",
	"USCC":        "missing.field.uscc",
	"IssuingUnit": "missing.field.issuing_unit",
	"BriefName":   "missing.field.brief_name",
	"Report":      "missing.field.report",
	"Send":        "missing.field.send",
	"Issue":       "missing.field.issue",
}

// headerText are the parts of a brief's header that the page prints as the user typed them: the red header's
// settings and the distribution. The date is written by the program, and the language and fonts are not text.
func headerText(h BriefHeader) []any { return []any{h.Settings, h.Distribution} }

// fieldKey is the translation key of a field; a field without one is named missing.field.other.
func fieldKey(name string) string {
	if k, ok := fieldKeys[name]; ok {
		return k
	}
	return "missing.field.other"
}

func (c *checker) walk(v reflect.Value, at place, depth int) {
	if depth > maxDepth {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			c.walk(v.Elem(), at, depth+1)
		}
	case reflect.String:
		c.text(v.String(), at)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			c.walk(v.Index(i), c.item(v.Index(i), at), depth+1)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			c.walk(v.MapIndex(k), at, depth+1)
		}
	case reflect.Struct:
		if t, ok := v.Interface().(data.Table); ok {
			c.table(t)
			return
		}
		if h, ok := v.Interface().(BriefHeader); ok {
			for _, part := range headerText(h) {
				c.walk(reflect.ValueOf(part), at, depth+1)
			}
			return
		}
		c.fields(v, c.record(v, at), depth)
	}
}

// item is the place of one item of a list: a plain name in a list of names is a record of its own.
func (c *checker) item(v reflect.Value, at place) place {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.String {
		return place{kind: at.kind, record: v.String(), field: "missing.field.name"}
	}
	return at
}

// record is the place of a struct's fields: a record when it has a name, a section, or where it lies.
func (c *checker) record(v reflect.Value, at place) place {
	t := v.Type()
	if k, ok := sectionKinds[t]; ok {
		return place{kind: k}
	}
	kind, ok := recordKinds[t]
	if !ok {
		kind = at.kind
	}
	for _, name := range []string{"Name", "Title", "Key"} {
		if f := v.FieldByName(name); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return place{kind: kind, record: f.String()}
		}
	}
	if ok {
		return place{kind: kind}
	}
	return at
}

func (c *checker) fields(v reflect.Value, at place, depth int) {
	t := v.Type()
	limits := printedItems[t]
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || skippedFields[sf.Name] {
			continue
		}
		fv := v.Field(i)
		if n, ok := limits[sf.Name]; ok && fv.Kind() == reflect.Slice && fv.Len() > n {
			fv = fv.Slice(0, n)
		}
		here := place{kind: at.kind, record: at.record, field: fieldKey(sf.Name)}
		if k, ok := listKinds[sf.Name]; ok {
			// A list of names, or a name on its own (the work brief's programme): each name is a record.
			here = place{kind: k, field: "missing.field.name"}
			if fv.Kind() == reflect.String {
				here.record = fv.String()
			}
		}
		c.walk(fv, here, depth+1)
	}
}

// table reads a table of records: its first column names the record, its column keys name the fields.
func (c *checker) table(t data.Table) {
	if len(t.Columns) == 0 {
		return
	}
	for _, row := range t.Rows {
		for j, cell := range row {
			if j < len(t.Columns) {
				c.text(cell, place{kind: t.Columns[0], record: row[0], field: t.Columns[j]})
			}
		}
	}
}

// text notes s when it holds characters no font has, once per record and field.
func (c *checker) text(s string, at place) {
	chars := c.fs.Missing(s)
	if len(chars) == 0 {
		return
	}
	if c.seen[seenText{at, s}] {
		return
	}
	c.seen[seenText{at, s}] = true
	c.found = append(c.found, MissingText{Kind: at.kind, Record: at.record, Field: at.field, Text: s, Chars: chars})
}
