// Package assets embeds what the program ships besides code: the icon, the fonts (their licences lie beside
// them in fonts/) and the translations. The window, the command line and the reports all read the
// translations through a Translator: Fyne's lang package takes its language from the operating system alone,
// and the user picks the window's language in Settings.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"text/template"
)

// Icon is the application icon (PNG, 512 × 512).
//
//go:embed icon.png
var Icon []byte

// UIFont is WenQuanYi Micro Hei, the CJK TrueType font of the window and the 黑体 fallback of the briefs.
//
//go:embed fonts/wqy-microhei.ttf
var UIFont []byte

// UIBoldFont is Micro Hei cut down to the characters the window's bold text is drawn in (Latin, symbols, the
// hanzi of GB 2312 and every character of the translations), made by tools/fontsubset: Fyne keeps every glyph
// of a theme font parsed once per style, and the whole font parsed twice costs 20 MB more.
//
//go:embed fonts/wqy-microhei-bold.ttf
var UIBoldFont []byte

// FangFont is FandolFang, the bundled 仿宋 of brief body text, its outlines converted to TrueType and cut to
// GB 2312 by tools/fontbuild (gofpdf embeds TrueType outlines only; the Fandol fonts ship as CFF).
//
//go:embed fonts/FandolFang-Regular.ttf
var FangFont []byte

// SongFont is FandolSong Bold, the bundled heavy 宋 standing in for 小标宋 in brief titles and the red header,
// converted and cut like FangFont.
//
//go:embed fonts/FandolSong-Bold.ttf
var SongFont []byte

// KaiFont is WenKai GB, LXGW WenKai cut to GB 2312 by tools/fontbuild: the bundled 楷体 of brief sub-headings.
//
//go:embed fonts/WenKaiGB-Regular.ttf
var KaiFont []byte

// Translations holds the texts, one JSON object of key to text per file, named AREA.LANG.json (base.zh.json,
// patent.en.json, …) so each part of the program keeps its own texts. A language's texts are all its files
// merged; a key may appear in only one of them. Texts may use Go template placeholders such as {{.Year}}.
//
//go:embed translations/*.json
var Translations embed.FS

// Languages are the languages the program speaks, the default first.
var Languages = []string{"zh", "en"}

// Messages reads and merges the translation files of a language.
func Messages(lang string) (map[string]string, error) {
	files, err := fs.Glob(Translations, "translations/*."+lang+".json")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no translations for language %q", lang)
	}
	m := map[string]string{}
	for _, name := range files {
		b, err := Translations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		part := map[string]string{}
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("%s: key %q is also in another %s file", name, k, lang)
			}
			m[k] = v
		}
	}
	return m, nil
}

// Keys returns the sorted keys of a language's translations.
func Keys(lang string) ([]string, error) {
	m, err := Messages(lang)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, nil
}

// Translator looks texts up in one language without Fyne.
type Translator struct {
	Lang     string
	messages map[string]string
}

// NewTranslator loads a language; an unknown language falls back to Chinese.
func NewTranslator(lang string) *Translator {
	m, err := Messages(lang)
	if err != nil {
		lang = Languages[0]
		m, _ = Messages(lang)
	}
	return &Translator{Lang: lang, messages: m}
}

// T returns the text of key filled with data (a map or struct), or the key itself when it has no text,
// so that a missing translation shows up instead of vanishing.
func (t *Translator) T(key string, data ...any) string {
	msg, ok := t.messages[key]
	if !ok {
		return key
	}
	if len(data) == 0 || data[0] == nil || !strings.Contains(msg, "{{") {
		return msg
	}
	tpl, err := template.New(key).Option("missingkey=zero").Parse(msg)
	if err != nil {
		return msg
	}
	var b strings.Builder
	if err := tpl.Execute(&b, data[0]); err != nil {
		return msg
	}
	return b.String()
}

// Has reports whether key has a text.
func (t *Translator) Has(key string) bool {
	_, ok := t.messages[key]
	return ok
}
