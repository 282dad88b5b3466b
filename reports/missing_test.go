package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

// Characters no bundled font has: two above U+FFFF (gofpdf reads only the BMP character map) and one for
// private use.
const (
	cjkExtB   = "\U00020000" // 𠀀
	cjkExtB2  = "\U0002A6A5" // 𪚥
	privateCh = "\uE000"
)

// writeBriefPDF writes any brief kind; the error is the writer's.
func writeBriefPDF(b any) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch b := b.(type) {
	case OutputBrief:
		err = WriteOutputBriefPDF(&buf, b)
	case WorkBrief:
		err = WriteWorkBriefPDF(&buf, b)
	case PatentBrief:
		err = WritePatentBriefPDF(&buf, b)
	case IncubatorBrief:
		err = WriteIncubatorBriefPDF(&buf, b)
	case CoopBrief:
		err = WriteCoopBriefPDF(&buf, b)
	default:
		panic("not a brief")
	}
	return buf.Bytes(), err
}

// withFonts returns the brief with its font set replaced.
func withFonts(b any, fs *FontSet) any {
	p := reflect.New(reflect.TypeOf(b))
	p.Elem().Set(reflect.ValueOf(b))
	p.Interface().(headed).header().Fonts = fs
	return p.Elem().Interface()
}

func TestBundledFontsHaveTheMissingMark(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{"fang": assets.FangFont, "song": assets.SongFont, "kai": assets.KaiFont,
		"hei": assets.UIFont} {
		f, err := NewFont(name, data)
		require.NoError(t, err)
		assert.True(t, f.Has(MissingMark), "%s has 〓", name)
	}
}

func TestCharactersAboveBMPAreRefusedOrMarkedNeverACrash(t *testing.T) {
	t.Parallel()
	b := sampleBrief(t, "zh")
	name := "大连" + cjkExtB + "海" + cjkExtB2 + "渔业公司"
	b.Summary.Rows[0].Name = name

	var out []byte
	var err error
	require.NotPanics(t, func() { out, err = writeBriefPDF(b) })
	var missing *MissingCharsError
	require.ErrorAs(t, err, &missing, "refused while the set does not mark")
	assert.Equal(t, []rune{0x20000, 0x2A6A5}, missing.Chars)
	assert.Contains(t, err.Error(), cjkExtB+cjkExtB2, "the message names the characters")
	var de *data.Error
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "brief.err.missing_chars", de.Key)
	assert.Equal(t, cjkExtB+cjkExtB2, de.Args["Chars"])
	assert.Empty(t, out, "nothing is written")

	b.Fonts = b.Fonts.WithMarkMissing(true)
	require.NotPanics(t, func() { out, err = writeBriefPDF(b) })
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "marked.pdf")
	require.NoError(t, os.WriteFile(path, out, 0o644))
	assert.Contains(t, flat(t, path), "大连〓海〓渔业公司", "each missing character prints as 〓 in its place")
	assert.False(t, defaultFonts(t).MarkMissing, "WithMarkMissing leaves the set it came from unchanged")
}

// A case of the table test: a brief kind with one text changed, and what CheckBrief must say of it.
type missingCase struct {
	name   string
	brief  func(t *testing.T) any
	want   MissingText // Chars is filled from the text
	unseen []string    // texts CheckBrief must not list: the PDF does not print them
}

func missingCases() []missingCase {
	bad := "大连" + cjkExtB2 + "科技有限公司"
	return []missingCase{
		{name: "output company", brief: func(t *testing.T) any {
			b := sampleBrief(t, "zh")
			b.Summary.Rows[0].Name = bad
			b.Summary.Rows[len(b.Summary.Rows)-1].Name = "未列出" + privateCh // below the top ten: not printed
			return b
		}, want: MissingText{Kind: "missing.kind.company", Record: bad, Field: "missing.field.name", Text: bad},
			unseen: []string{"未列出" + privateCh}},
		{name: "output header", brief: func(t *testing.T) any {
			b := sampleBrief(t, "zh")
			b.Settings.IssuingUnit = "旅顺口区科学" + cjkExtB + "局"
			return b
		}, want: MissingText{Kind: "missing.section.header", Field: "missing.field.issuing_unit", Text: "旅顺口区科学" + cjkExtB + "局"}},
		{name: "work partner", brief: func(t *testing.T) any {
			b := sampleWorkBrief(t, "zh")
			b.Partners[0].Name = "大连" + cjkExtB + "大学"
			b.Records[0].Table.Rows[0][0] = "工作簿" + privateCh // only in the workbook
			return b
		}, want: MissingText{Kind: "missing.kind.institution", Record: "大连" + cjkExtB + "大学", Field: "missing.field.name",
			Text: "大连" + cjkExtB + "大学"}, unseen: []string{"工作簿" + privateCh}},
		{name: "work park project", brief: func(t *testing.T) any {
			b := sampleWorkBrief(t, "zh")
			p := &b.Parks[0].Projects[0]
			p.Lead = bad
			return b
		}, want: MissingText{Kind: "missing.kind.park_project", Field: "missing.field.lead", Text: bad}},
		{name: "work distribution", brief: func(t *testing.T) any {
			b := sampleWorkBrief(t, "zh")
			b.Distribution = DefaultDistribution("zh")
			b.Distribution.Send = "市科技局、" + cjkExtB2 + "区"
			return b
		}, want: MissingText{Kind: "missing.section.distribution", Field: "missing.field.send", Text: "市科技局、" + cjkExtB2 + "区"}},
		{name: "patent company", brief: func(t *testing.T) any {
			b := samplePatentBrief(t, "zh")
			b.Top[0].Name = bad
			return b
		}, want: MissingText{Kind: "missing.kind.company", Record: bad, Field: "missing.field.name", Text: bad}},
		{name: "incubator", brief: func(t *testing.T) any {
			b := sampleIncubatorBrief(t, "zh")
			b.Incubators[0].Name = "旅顺" + cjkExtB + "孵化器"
			return b
		}, want: MissingText{Kind: "missing.kind.incubator", Record: "旅顺" + cjkExtB + "孵化器", Field: "missing.field.name",
			Text: "旅顺" + cjkExtB + "孵化器"}},
		{name: "cooperation institution", brief: func(t *testing.T) any {
			b := sampleCoopBrief(t, "zh")
			b.ByInstitution[0].Name = "大连" + cjkExtB2 + "研究所"
			return b
		}, want: MissingText{Kind: "missing.kind.institution", Record: "大连" + cjkExtB2 + "研究所", Field: "missing.field.name",
			Text: "大连" + cjkExtB2 + "研究所"}},
		{name: "cooperation base", brief: func(t *testing.T) any {
			b := sampleCoopBrief(t, "zh")
			b.Bases().Rows[0][0] = "海洋" + cjkExtB + "基地" // the bases are printed from the records
			return b
		}, want: MissingText{Kind: "figure.col.base", Record: "海洋" + cjkExtB + "基地", Field: "figure.col.base",
			Text: "海洋" + cjkExtB + "基地"}},
	}
}

func TestCheckBriefListsWhatNoFontHasByRecordAndField(t *testing.T) {
	t.Parallel()
	for _, c := range missingCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // each case loads and writes a brief of its own
			b := c.brief(t)
			fs := defaultFonts(t)
			got := CheckBrief(b, fs)
			want := c.want
			want.Chars = fs.Missing(want.Text)
			require.NotEmpty(t, want.Chars)
			if want.Kind == "missing.kind.park_project" {
				want.Record = b.(WorkBrief).Parks[0].Projects[0].Title
			}
			assert.Equal(t, []MissingText{want}, got, "exactly the changed text is listed")
			for _, s := range c.unseen {
				for _, m := range got {
					assert.NotEqual(t, s, m.Text)
				}
			}
			assert.Equal(t, got, CheckBrief(&b, fs), "a pointer to the brief is read the same")

			// The PDF agrees: it is refused with the same characters, and marks them when asked.
			_, err := writeBriefPDF(withFonts(b, fs))
			var missing *MissingCharsError
			require.ErrorAs(t, err, &missing)
			assert.ElementsMatch(t, want.Chars, missing.Chars, "CheckBrief lists every character the PDF lacks")
			out, err := writeBriefPDF(withFonts(b, fs.WithMarkMissing(true)))
			require.NoError(t, err)
			path := filepath.Join(t.TempDir(), "marked.pdf")
			require.NoError(t, os.WriteFile(path, out, 0o644))
			marked := want.Text
			for _, r := range want.Chars {
				marked = strings.ReplaceAll(marked, string(r), "〓")
			}
			assert.Contains(t, flat(t, path), strings.Join(strings.Fields(marked), ""))
		})
	}
}

func TestCheckBriefFindsNothingInTheSample(t *testing.T) {
	t.Parallel()
	fs := defaultFonts(t)
	for name, b := range map[string]any{
		"output": sampleBrief(t, "zh"), "work": sampleWorkBrief(t, "zh"), "patents": samplePatentBrief(t, "zh"),
		"incubators": sampleIncubatorBrief(t, "zh"), "cooperation": sampleCoopBrief(t, "zh"),
		"work en": sampleWorkBrief(t, "en"),
	} {
		assert.Empty(t, CheckBrief(b, fs), name)
	}
	assert.Nil(t, CheckBrief(nil, fs))
	assert.Nil(t, CheckBrief("not a brief", fs))
}

// Every text field a brief prints has a readable name in both languages.
func TestCheckBriefNamesEveryFieldItMeets(t *testing.T) {
	t.Parallel()
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		for _, k := range fieldKeys {
			assert.True(t, tr.Has(k), "%s: %s", lang, k)
		}
		for _, m := range []map[string]string{listKinds} {
			for _, k := range m {
				assert.True(t, tr.Has(k), "%s: %s", lang, k)
			}
		}
		for _, k := range recordKinds {
			assert.True(t, tr.Has(k), "%s: %s", lang, k)
		}
		for _, k := range sectionKinds {
			assert.True(t, tr.Has(k), "%s: %s", lang, k)
		}
		for _, k := range []string{"missing.section.body", "missing.field.other", "figure.col.base"} {
			assert.True(t, tr.Has(k), "%s: %s", lang, k)
		}
	}
	for _, b := range []any{OutputBrief{}, WorkBrief{}, PatentBrief{}, IncubatorBrief{}, CoopBrief{}} {
		for _, name := range stringFields(reflect.TypeOf(b), 0) {
			_, ok := fieldKeys[name]
			assert.True(t, ok || listKinds[name] != "", "%T: field %s has no name for the user", b, name)
		}
	}
}

// stringFields lists the names of the text fields (strings and lists of strings) CheckBrief may meet in t.
func stringFields(t reflect.Type, depth int) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[data.Table]() || depth > maxDepth {
		return nil
	}
	var out []string
	if t == reflect.TypeFor[BriefHeader]() {
		for _, part := range headerText(BriefHeader{}) {
			out = append(out, stringFields(reflect.TypeOf(part), depth+1)...)
		}
		return out
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || skippedFields[sf.Name] {
			continue
		}
		ft := sf.Type
		for ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.String {
			out = append(out, sf.Name)
		}
		out = append(out, stringFields(sf.Type, depth+1)...)
	}
	return out
}
