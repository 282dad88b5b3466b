package reports

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

func TestCmapFindsCharactersOfMicroHei(t *testing.T) {
	t.Parallel()
	cov, err := readCoverage(assets.UIFont)
	require.NoError(t, err)
	for _, r := range "中A9，。旅顺口" {
		assert.True(t, cov.has(r), "Micro Hei has %q", r)
	}
	assert.False(t, cov.has('\uE000'), "a private-use character is not in Micro Hei")
	assert.False(t, cov.has(0x2A6A5), "a character above U+FFFF is not in Micro Hei")
}

func TestEveryBundledFontCoversTheBriefsBasics(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{"fang": assets.FangFont, "song": assets.SongFont, "kai": assets.KaiFont,
		"hei": assets.UIFont} {
		f, err := NewFont(name, data)
		require.NoError(t, err, name)
		for _, r := range "科技工作简报第一期（）、。：" {
			assert.True(t, f.Has(r), "%s has %q", name, r)
		}
	}
}

func TestCorruptFontsGiveErrorsNotPanics(t *testing.T) {
	t.Parallel()
	good := assets.UIFont
	cases := map[string][]byte{
		"empty":      nil,
		"short":      good[:10],
		"header":     good[:200],
		"truncated":  good[:len(good)/3],
		"collection": append([]byte("ttcf"), good[4:100]...),
		"cff":        append([]byte("OTTO"), good[4:100]...),
		"text":       []byte("this is not a font at all, just some text"),
	}
	// Every table offset pointing past the end.
	bad := append([]byte(nil), good[:4096]...)
	for i := 0; i < int(binary.BigEndian.Uint16(bad[4:])); i++ {
		binary.BigEndian.PutUint32(bad[12+16*i+8:], 0x7FFFFFF0)
	}
	cases["offsets"] = bad
	// A cmap whose subtables claim more segments than the table holds.
	cases["cmap"] = corruptCmap(t, good)
	for name, data := range cases {
		assert.NotPanics(t, func() {
			_, err := NewFont(name, data)
			assert.Error(t, err, name)
		}, name)
	}
	_, err := NewFont("cff", cases["cff"])
	assert.True(t, errors.Is(err, ErrUnsupportedFont))
	assert.Contains(t, err.Error(), ".otf")
}

// corruptCmap returns a copy of font whose first cmap subtable claims 30,000 segments.
func corruptCmap(t *testing.T, font []byte) []byte {
	f, err := parseSFNT(font)
	require.NoError(t, err)
	out := append([]byte(nil), font...)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := 0; i < n; i++ {
		rec := out[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		cmap := int(binary.BigEndian.Uint32(rec[8:]))
		for j := 0; j < int(binary.BigEndian.Uint16(out[cmap+2:])); j++ {
			sub := cmap + int(binary.BigEndian.Uint32(out[cmap+4+8*j+4:]))
			if binary.BigEndian.Uint16(out[sub:]) == 4 {
				binary.BigEndian.PutUint16(out[sub+6:], 60000)
			}
		}
	}
	require.NotNil(t, f)
	return out
}

// withSystemFonts points the Windows font directory at dir for one test. The tests that call it are not
// parallel: every test that resolves fonts reads the directory.
func withSystemFonts(t *testing.T, dir string) {
	old := SystemFontsDir
	SystemFontsDir = dir
	t.Cleanup(func() { SystemFontsDir = old })
}

func TestResolveFontsFallsBackToBundledFonts(t *testing.T) {
	withSystemFonts(t, filepath.Join(t.TempDir(), "no-such-dir"))
	fs, err := ResolveFonts(nil)
	require.NoError(t, err)
	assert.Equal(t, "bundled:FandolSong-Bold.ttf", fs.Primary(RoleTitle).Name)
	assert.Equal(t, "bundled:FandolFang-Regular.ttf", fs.Primary(RoleBody).Name)
	assert.Equal(t, "bundled:wqy-microhei.ttf", fs.Primary(RoleHeading).Name)
	assert.Equal(t, "bundled:WenKaiGB-Regular.ttf", fs.Primary(RoleSubheading).Name)
	for _, role := range Roles {
		fonts := fs.Fonts(role)
		assert.Equal(t, fallbackFont, fonts[len(fonts)-1].Name, "%s falls back to Micro Hei", role)
	}
	assert.Empty(t, fs.Skipped)
}

func TestResolveFontsPrefersTheUsersFileThenWindows(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "simhei.ttf"), assets.KaiFont, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "simfang.ttf"), []byte("broken"), 0o644))
	withSystemFonts(t, dir)
	custom := filepath.Join(t.TempDir(), "my-title.ttf")
	require.NoError(t, os.WriteFile(custom, assets.UIFont, 0o644))

	fs, err := ResolveFonts(map[FontRole]string{RoleTitle: custom})
	require.NoError(t, err)
	assert.Equal(t, custom, fs.Primary(RoleTitle).Name, "the user's file comes first")
	assert.Equal(t, filepath.Join(dir, "simhei.ttf"), fs.Primary(RoleHeading).Name, "then the Windows font")
	assert.Equal(t, "bundled:FandolFang-Regular.ttf", fs.Primary(RoleBody).Name, "a broken Windows font is skipped")
	require.Len(t, fs.Skipped, 1)
	assert.Contains(t, fs.Skipped[0], "simfang.ttf")
}

func TestResolveFontsRefusesCollectionsAndOpenType(t *testing.T) {
	withSystemFonts(t, "")
	dir := t.TempDir()
	for _, name := range []string{"wqy.ttc", "source.otf", "missing.ttf"} {
		path := filepath.Join(dir, name)
		if name != "missing.ttf" {
			require.NoError(t, os.WriteFile(path, assets.UIFont, 0o644))
		}
		_, err := ResolveFonts(map[FontRole]string{RoleBody: path})
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), name)
		var e *data.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "brief_font_body", e.Field, "the error says which role's font it is")
	}
}

func TestMissingListsOnlyCharactersNoFontHas(t *testing.T) {
	withSystemFonts(t, "")
	fs, err := ResolveFonts(nil)
	require.NoError(t, err)
	assert.Empty(t, fs.Missing("旅顺口区科学技术局 2025年 47.45亿元（9.1%）\n"))
	// U+E000 is private use; U+2A6A5 lies above U+FFFF, which gofpdf cannot print.
	assert.Equal(t, []rune{'\uE000', 0x2A6A5}, fs.Missing("中\uE000文\U0002A6A5\uE000"))
}

func TestFallbackFontSetsWhatTheRoleFontLacks(t *testing.T) {
	withSystemFonts(t, "")
	fs, err := ResolveFonts(nil)
	require.NoError(t, err)
	fang := fs.Primary(RoleBody)
	// Find a character Micro Hei has and the bundled FangSong lacks; the set must take it from Micro Hei.
	hei := fs.Primary(RoleHeading)
	var r rune
	for c := rune(0x4E00); c < 0xA000 && r == 0; c++ {
		if hei.Has(c) && !fang.Has(c) {
			r = c
		}
	}
	require.NotZero(t, r, "the bundled FangSong is cut to GB 2312; Micro Hei has more")
	assert.Same(t, hei, fs.fontFor(RoleBody, r), "%q comes from Micro Hei", r)
	assert.Same(t, fang, fs.fontFor(RoleBody, '中'))
}

func TestPostScriptNamesOfTheBundledFonts(t *testing.T) {
	t.Parallel()
	for data, want := range map[*[]byte]string{&assets.FangFont: "FandolFang-Regular", &assets.SongFont: "FandolSong-Bold",
		&assets.KaiFont: "WenKaiGB-Regular", &assets.UIFont: "WenQuanYiMicroHei"} {
		f, err := NewFont(want, *data)
		require.NoError(t, err)
		assert.Equal(t, want, f.PostScriptName)
	}
	assert.Equal(t, "Font", postScriptName([]byte("not a font")))
}

// The PDF embeds subsets only, named as subsets ("ABCDEF+Name"), and stays a well-formed file.
func TestBriefPDFEmbedsNamedSubsetsOnly(t *testing.T) {
	t.Parallel()
	needTool(t, "pdffonts")
	path := writeWorkPDF(t, sampleWorkBrief(t, "zh"))
	out, err := exec.Command("pdffonts", path).Output()
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	require.GreaterOrEqual(t, len(lines), 4, "the work brief sets text in Song, FangSong, Kai and Hei:\n%s", out)
	row := regexp.MustCompile(`^([A-Z]{6})\+(\S+)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s+\d+\s+0$`)
	tags := map[string]bool{}
	for _, line := range lines {
		m := row.FindStringSubmatch(line)
		require.NotNil(t, m, "embedded, a subset, with a ToUnicode map: %q", line)
		tags[m[1]] = true
	}
	assert.Len(t, tags, len(lines), "each subset has its own tag")

	pdf, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(pdf), "/utf8", "no font keeps gofpdf's name")
	smallest := min(len(assets.FangFont), len(assets.SongFont), len(assets.KaiFont), len(assets.UIFont))
	files := regexp.MustCompile(`/FontFile2 (\d+) 0 R`).FindAllStringSubmatch(string(pdf), -1)
	require.Len(t, files, len(lines))
	for _, f := range files {
		m := regexp.MustCompile(`(?m)^` + f[1] + ` 0 obj\s*<</Length (\d+)\s*/Filter /FlateDecode\s*/Length1 (\d+)`).
			FindStringSubmatch(string(pdf))
		require.NotNil(t, m, "font file %s", f[1])
		size, _ := strconv.Atoi(m[2])
		assert.Less(t, size, smallest/10, "font file %s holds the glyphs used, not the whole font", f[1])
	}
	assertXrefPointsAtObjects(t, pdf)
	if _, err := exec.LookPath("qpdf"); err == nil {
		out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
		assert.NoError(t, err, "%s", out)
		assert.Contains(t, string(out), "No syntax or stream encoding errors")
	}
}

// assertXrefPointsAtObjects checks that each object the cross-reference table lists starts at its offset:
// renaming the fonts must not move a byte.
func assertXrefPointsAtObjects(t *testing.T, pdf []byte) {
	t.Helper()
	at := bytes.LastIndex(pdf, []byte("\nxref\n"))
	require.Positive(t, at)
	lines := strings.Split(string(pdf[at+6:]), "\n")
	var first, n int
	_, err := fmt.Sscanf(lines[0], "%d %d", &first, &n)
	require.NoError(t, err)
	for i := 0; i < n; i++ {
		var off, gen int
		var use string
		_, err := fmt.Sscanf(lines[1+i], "%d %d %s", &off, &gen, &use)
		require.NoError(t, err)
		if use == "n" {
			want := fmt.Sprintf("%d %d obj", first+i, gen)
			require.True(t, bytes.HasPrefix(pdf[off:], []byte(want)), "object %d at %d", first+i, off)
		}
	}
}

func TestLoadFontFileNamesTheProblemInTheUsersWords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	ttc := append([]byte("ttcf"), assets.UIFont[4:4096]...)
	otf := append([]byte("OTTO"), assets.UIFont[4:4096]...)
	for _, c := range []struct {
		path, key   string
		unsupported bool
	}{
		{write("wqy.ttc", assets.UIFont), "fonts.err.collection", true},
		{write("source.otf", assets.UIFont), "fonts.err.opentype", true},
		{write("renamed-collection.ttf", ttc), "fonts.err.collection", true},
		{write("renamed-cff.ttf", otf), "fonts.err.opentype", true},
		{write("notes.ttf", []byte("not a font at all")), "fonts.err.not_truetype", true},
		{write("cut.ttf", assets.UIFont[:len(assets.UIFont)/3]), "fonts.err.corrupt", false},
		{filepath.Join(dir, "gone.ttf"), "fonts.err.not_found", false},
		{dir, "fonts.err.not_truetype", true},
	} {
		_, err := LoadFontFile(c.path)
		var e *data.Error
		require.ErrorAs(t, err, &e, c.path)
		assert.Equal(t, c.key, e.Key, c.path)
		assert.Equal(t, data.Invalid, e.Code, "a user's wrong file is not an internal error")
		assert.Equal(t, filepath.Base(c.path), e.Args["File"])
		assert.Equal(t, c.unsupported, errors.Is(err, ErrUnsupportedFont), c.path)
		for _, lang := range assets.Languages {
			assert.True(t, assets.NewTranslator(lang).Has(c.key), "%s: %s", lang, c.key)
		}
	}
	f, err := LoadFontFile(write("kai.ttf", assets.KaiFont))
	require.NoError(t, err)
	assert.Equal(t, "WenKaiGB-Regular", f.PostScriptName)
	assert.True(t, f.Has('楷'))
}
