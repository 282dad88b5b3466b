package reports

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode"

	"scitech/assets"
	"scitech/data"
)

// FontRole is what a font is used for in a brief; GB/T 9704 gives each role its own typeface.
type FontRole string

// The roles of GB/T 9704.
const (
	RoleTitle      FontRole = "title"      // 小标宋: the title and the red header
	RoleBody       FontRole = "body"       // 仿宋: body text, tables, distribution lines
	RoleHeading    FontRole = "heading"    // 黑体: 一、 headings and table headers
	RoleSubheading FontRole = "subheading" // 楷体: （一） headings
)

// Roles lists the roles in the order Settings shows them.
var Roles = []FontRole{RoleTitle, RoleBody, RoleHeading, RoleSubheading}

// SystemFontsDir is where the Windows system fonts are looked for; empty when not on Windows. Tests set it.
var SystemFontsDir = defaultSystemFontsDir()

func defaultSystemFontsDir() string {
	if runtime.GOOS != "windows" {
		return ""
	}
	win := os.Getenv("WINDIR")
	if win == "" {
		win = `C:\Windows`
	}
	return filepath.Join(win, "Fonts")
}

// systemFontFiles are the Windows fonts of each role (方正小标宋简体, 仿宋, 黑体, 楷体).
var systemFontFiles = map[FontRole]string{
	RoleTitle:      "FZXBSJW.TTF",
	RoleBody:       "simfang.ttf",
	RoleHeading:    "simhei.ttf",
	RoleSubheading: "simkai.ttf",
}

// Font is one TrueType font a brief may use.
type Font struct {
	Name string // file path, or "bundled:<file>" for a font shipped with the program
	Data []byte
	// PostScriptName is the font's own name (name table, ID 6), as a PDF names the font it embeds; "Font"
	// when the font gives none that a PDF name can hold.
	PostScriptName string
	cov            *coverage
	// fixedLatin marks a typewriter face (i as wide as m): its ASCII characters are set from a proportional
	// font of the role when there is one (font_latin.go).
	fixedLatin bool
}

// Has reports whether the font has a glyph for r that gofpdf can print. gofpdf reads only the BMP character
// map, so a character above U+FFFF never counts, whatever the font holds.
func (f *Font) Has(r rune) bool { return r < 0x10000 && f.cov.has(r) }

// NewFont checks that data is a TrueType font gofpdf can embed and reads which characters it covers.
func NewFont(name string, data []byte) (*Font, error) {
	cov, err := readCoverage(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return &Font{Name: name, Data: data, PostScriptName: postScriptName(data), cov: cov,
		fixedLatin: fixedPitchLatin(data)}, nil
}

// maxPostScriptName bounds the name a PDF gives an embedded font (PDF names may hold 127 bytes).
const maxPostScriptName = 48

// postScriptName reads the PostScript name (name ID 6) of a TrueType font, keeping only the characters
// PostScript allows in a font name; "Font" when there is none.
func postScriptName(data []byte) string {
	f, err := parseSFNT(data)
	if err != nil {
		return "Font"
	}
	tbl := f.tables["name"]
	if len(tbl) < 6 {
		return "Font"
	}
	n, base := int(binary.BigEndian.Uint16(tbl[2:])), int(binary.BigEndian.Uint16(tbl[4:]))
	for i := 0; i < n && 6+12*(i+1) <= len(tbl); i++ {
		rec := tbl[6+12*i:]
		platform, id := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[6:])
		length, off := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
		if id != 6 || base+off+length > len(tbl) {
			continue
		}
		raw := tbl[base+off : base+off+length]
		var name []byte
		for j := 0; j < len(raw); j++ {
			if platform == 0 || platform == 3 { // UTF-16BE: PostScript names are ASCII, so every other byte
				if j%2 == 0 {
					continue
				}
			}
			if c := raw[j]; c > ' ' && c < 0x7F && !bytesContain("[](){}<>/%#", c) {
				name = append(name, c)
			}
		}
		if len(name) > 0 {
			return string(name[:min(len(name), maxPostScriptName)])
		}
	}
	return "Font"
}

func bytesContain(set string, c byte) bool { return strings.IndexByte(set, c) >= 0 }

// FontSet holds, for each role, the fonts to try in order: the first is the role's own font, the others
// stand in for characters it lacks.
type FontSet struct {
	roles map[FontRole][]*Font
	all   []*Font // every distinct font, in the order first met
	// Skipped lists system fonts that were found but could not be used, with the reason, for the log.
	Skipped []string
	// MarkMissing says what a brief does with a character no font has: when false the brief is refused with
	// a MissingCharsError; when true the character is printed as MissingMark (〓), the mark Chinese
	// typesetting has long used for a character the type case lacks (缺字), and the brief is written. The
	// user chooses after seeing what CheckBrief lists.
	MarkMissing bool
}

// MissingMark stands in for a character no font has when FontSet.MarkMissing is set: U+3013 GETA MARK 〓.
// Every bundled font has it, so it prints whatever fonts the user chose.
const MissingMark = '\u3013'

// WithMarkMissing returns a copy of the set whose briefs mark (on) or refuse (off) characters no font has;
// the fonts are shared, so the copy costs nothing and the set it came from is unchanged.
func (s *FontSet) WithMarkMissing(on bool) *FontSet {
	c := *s
	c.MarkMissing = on
	return &c
}

// marks reports whether a brief with missing characters may be written, marking them.
func (s *FontSet) marks() bool { return s.MarkMissing && s.fontFor(RoleBody, MissingMark) != nil }

// Fonts returns the fonts of a role, its own first.
func (s *FontSet) Fonts(role FontRole) []*Font { return s.roles[role] }

// Primary returns the role's own font.
func (s *FontSet) Primary(role FontRole) *Font { return s.roles[role][0] }

// fontFor returns the font to set r in for a role: the first of the role's fonts that has it, then any other
// font of the set; nil when none has it. An ASCII character skips the role's typewriter faces while a
// proportional font of the role has it.
func (s *FontSet) fontFor(role FontRole, r rune) *Font {
	if isLatin(r) {
		for _, f := range s.roles[role] {
			if !f.fixedLatin && f.Has(r) {
				return f
			}
		}
	}
	for _, f := range s.roles[role] {
		if f.Has(r) {
			return f
		}
	}
	for _, f := range s.all {
		if f.Has(r) {
			return f
		}
	}
	return nil
}

// Missing lists, in the order they first appear, the characters of text that no font of the set can print.
// Line ends, tabs and other controls are not characters to print and are never listed.
func (s *FontSet) Missing(text string) []rune {
	var missing []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if seen[r] || unicode.IsControl(r) {
			continue
		}
		seen[r] = true
		if s.fontFor(RoleBody, r) == nil {
			missing = append(missing, r)
		}
	}
	return missing
}

// bundledFonts are the fonts shipped with the program, by role.
var bundledFonts = map[FontRole]struct {
	name string
	data []byte
}{
	RoleTitle:      {"bundled:FandolSong-Bold.ttf", assets.SongFont},
	RoleBody:       {"bundled:FandolFang-Regular.ttf", assets.FangFont},
	RoleHeading:    {"bundled:wqy-microhei.ttf", assets.UIFont},
	RoleSubheading: {"bundled:WenKaiGB-Regular.ttf", assets.KaiFont},
}

// fallbackFont is the font every role falls back to: Micro Hei covers Latin, digits and about 20,000 CJK
// characters.
const fallbackFont = "bundled:wqy-microhei.ttf"

// ResolveFonts finds each role's fonts, in order: the file the user set for the role in custom (a path; empty
// or absent means none), the Windows system font of the role, the bundled font of the role, and Micro Hei.
// A file the user set that cannot be used is an error; a system font that cannot be used is skipped and noted
// in Skipped.
func ResolveFonts(custom map[FontRole]string) (*FontSet, error) {
	r := &resolver{set: &FontSet{roles: map[FontRole][]*Font{}}, loaded: map[string]*Font{}}
	for _, role := range Roles {
		if err := r.resolve(role, custom[role]); err != nil {
			return nil, err
		}
	}
	return r.set, nil
}

// resolver loads each distinct font once, however many roles use it.
type resolver struct {
	set    *FontSet
	loaded map[string]*Font
}

func (r *resolver) resolve(role FontRole, customPath string) error {
	if customPath != "" {
		f, err := r.loadFile(customPath)
		if err != nil {
			return customFontError(role, err)
		}
		r.add(role, f)
	}
	if SystemFontsDir != "" {
		path := filepath.Join(SystemFontsDir, systemFontFiles[role])
		f, err := r.loadFile(path)
		switch {
		case err == nil:
			r.add(role, f)
		case !errors.Is(err, fs.ErrNotExist):
			r.set.Skipped = append(r.set.Skipped, err.Error())
		}
	}
	b := bundledFonts[role]
	for _, cand := range []struct {
		name string
		data []byte
	}{b, {fallbackFont, assets.UIFont}} {
		f, err := r.load(cand.name, cand.data)
		if err != nil {
			return err // a bundled font is broken: the build is wrong, not the machine
		}
		r.add(role, f)
	}
	return nil
}

// customFontError says which role's font, set in Settings, cannot be used: the error names the role as its
// field (brief_font_<role>), so that the user reads "标题字体：找不到字体文件“kai.ttf”".
func customFontError(role FontRole, err error) error {
	var e *data.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("the %s font set in Settings cannot be used: %w", role, err)
	}
	c := *e
	c.Field = "brief_font_" + string(role)
	return &c
}

// loadFile reads a font file once, however many roles use it.
func (r *resolver) loadFile(path string) (*Font, error) {
	if f := r.loaded[path]; f != nil {
		return f, nil
	}
	f, err := LoadFontFile(path)
	if err != nil {
		return nil, err
	}
	r.loaded[path] = f
	r.set.all = append(r.set.all, f)
	return f, nil
}

// MaxFontFile bounds the size of a font file a user may choose: the largest CJK TrueType fonts are about
// 30 MB; a larger file is not the font the user meant.
const MaxFontFile = 64 << 20

// LoadFontFile reads a font file the user chose and checks that a brief can use it. Its errors are
// *data.Error (code Invalid) with a key under fonts.err naming the problem in the user's words — a font
// collection (.ttc), an OpenType/CFF font (.otf), not a font, damaged, missing — and wrap the cause, so that
// errors.Is(err, ErrUnsupportedFont) still holds for the first three. The extension is checked first so that
// a .ttc gets a message naming the problem rather than a parse error.
func LoadFontFile(path string) (*Font, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ttc", ".otc":
		return nil, fontFileError(path, "fonts.err.collection", "a font collection; extract one face to a .ttf first",
			ErrUnsupportedFont)
	case ".otf":
		return nil, fontFileError(path, "fonts.err.opentype",
			"OpenType (.otf) fonts are not supported; use a TrueType (.ttf) font", ErrUnsupportedFont)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fontFileError(path, "fonts.err.not_found", "the file does not exist", err)
	case err != nil:
		return nil, fontFileError(path, "fonts.err.unreadable", "the file cannot be read", err)
	case info.IsDir():
		return nil, fontFileError(path, "fonts.err.not_truetype", "a folder, not a font", ErrUnsupportedFont)
	case info.Size() > MaxFontFile:
		return nil, fontFileError(path, "fonts.err.too_large", "the file is too large to be a font", ErrUnsupportedFont)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fontFileError(path, "fonts.err.unreadable", "the file cannot be read", err)
	}
	f, err := NewFont(path, data)
	switch {
	case err == nil:
		return f, nil
	case bytes.HasPrefix(data, []byte("ttcf")):
		return nil, fontFileError(path, "fonts.err.collection", "a font collection; extract one face to a .ttf first", err)
	case bytes.HasPrefix(data, []byte("OTTO")):
		return nil, fontFileError(path, "fonts.err.opentype",
			"OpenType (.otf) fonts are not supported; use a TrueType (.ttf) font", err)
	case errors.Is(err, ErrUnsupportedFont):
		return nil, fontFileError(path, "fonts.err.not_truetype", "not a TrueType font a brief can use", err)
	default:
		return nil, fontFileError(path, "fonts.err.corrupt", "the font file is damaged", err)
	}
}

func fontFileError(path, key, msg string, cause error) error {
	return &data.Error{Code: data.Invalid, Key: key, Args: map[string]any{"File": filepath.Base(path)},
		Message: "font " + path + ": " + msg, Err: cause}
}

func (r *resolver) load(name string, data []byte) (*Font, error) {
	if f := r.loaded[name]; f != nil {
		return f, nil
	}
	f, err := NewFont(name, data)
	if err != nil {
		return nil, err
	}
	r.loaded[name] = f
	r.set.all = append(r.set.all, f)
	return f, nil
}

// add appends f to the role's fonts unless it is already among them.
func (r *resolver) add(role FontRole, f *Font) {
	for _, have := range r.set.roles[role] {
		if have == f {
			return
		}
	}
	r.set.roles[role] = append(r.set.roles[role], f)
}
