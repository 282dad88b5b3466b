package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
	"scitech/usertext"
)

// noSystemFonts keeps the Windows font directory out of a test, so that the defaults are the bundled fonts.
func noSystemFonts(t *testing.T) {
	old := reports.SystemFontsDir
	reports.SystemFontsDir = ""
	t.Cleanup(func() { reports.SystemFontsDir = old })
}

func fontSettingsUI(t *testing.T) (*fontCard, *data.Store, *UI) {
	t.Helper()
	noSystemFonts(t)
	u, st := newTestUI(t, false)
	u.ShowSection("nav.settings")
	require.NotNil(t, u.settings.fonts)
	return u.settings.fonts, st, u
}

func TestBriefFontsCardShowsTheFileOfEachRole(t *testing.T) {
	c, _, u := fontSettingsUI(t)
	want := map[reports.FontRole]string{reports.RoleTitle: "内置：Fandol 粗宋（FandolSong-Bold.ttf）", reports.RoleBody: "内置：Fandol 仿宋（FandolFang-Regular.ttf）",
		reports.RoleHeading: "内置：文泉驿微米黑（wqy-microhei.ttf）", reports.RoleSubheading: "内置：文楷 GB（WenKaiGB-Regular.ttf）"}
	for role, file := range want {
		assert.Equal(t, file, c.files[role].Text, role)
		assert.True(t, c.resets[role].Disabled(), "%s already uses its default", role)
	}
	texts := labelTexts(u.content)
	for _, s := range []string{"简报字体", "标题 小标宋", "正文 仿宋", "一级标题 黑体", "二级标题 楷体"} {
		assert.Contains(t, texts, s, "the card names each role")
	}
}

func TestBriefFontIsPickedSavedAndResetToDefault(t *testing.T) {
	c, st, _ := fontSettingsUI(t)
	path := filepath.Join(t.TempDir(), "我的仿宋.ttf")
	require.NoError(t, os.WriteFile(path, assets.KaiFont, 0o644))

	c.setFont(reports.RoleBody, path) // what the file dialog calls with the file picked
	fonts, err := st.BriefFonts(bg())
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"body": path}, fonts)
	assert.Equal(t, path, c.files[reports.RoleBody].Text)
	assert.False(t, c.resets[reports.RoleBody].Disabled())
	assert.Empty(t, c.problem.Text)
	fs, err := briefFontSet(bg(), st)
	require.NoError(t, err)
	assert.Equal(t, path, fs.Primary(reports.RoleBody).Name, "briefs use the file set in Settings")

	test.Tap(c.resets[reports.RoleBody])
	fonts, err = st.BriefFonts(bg())
	require.NoError(t, err)
	assert.Empty(t, fonts)
	assert.Equal(t, "内置：Fandol 仿宋（FandolFang-Regular.ttf）", c.files[reports.RoleBody].Text)
	assert.True(t, c.resets[reports.RoleBody].Disabled())
	log, err := st.AuditLog(bg(), "setting", 0)
	require.NoError(t, err)
	assert.Len(t, log, 2, "each change is recorded")
}

func TestBriefFontRefusesFilesABriefCannotUse(t *testing.T) {
	c, st, _ := fontSettingsUI(t)
	dir := t.TempDir()
	for name, want := range map[string]string{
		"simsun.ttc":   "“simsun.ttc”是字体集（.ttc），简报不能直接使用；请先从中取出一种字体另存为 .ttf 文件",
		"source.otf":   "“source.otf”是 OpenType（.otf）字体，简报不能使用；请选择 TrueType（.ttf）字体",
		"readme.ttf":   "“readme.ttf”不是简报可用的 TrueType 字体",
		"cut-down.ttf": "字体文件“cut-down.ttf”已损坏，无法读取",
	} {
		font := assets.UIFont
		switch name {
		case "readme.ttf":
			font = []byte("these are notes, not a font at all")
		case "cut-down.ttf":
			font = font[:len(font)/3]
		}
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, font, 0o644))
		c.setFont(reports.RoleTitle, path)
		assert.Equal(t, want, c.problem.Text, name)
		assert.Equal(t, "内置：Fandol 粗宋（FandolSong-Bold.ttf）", c.files[reports.RoleTitle].Text, name)
	}
	fonts, err := st.BriefFonts(bg())
	require.NoError(t, err)
	assert.Empty(t, fonts, "nothing refused is saved")
}

func TestBriefFontPickerOpensAFileDialog(t *testing.T) {
	c, _, u := fontSettingsUI(t)
	require.Nil(t, u.win.Canvas().Overlays().Top())
	test.Tap(c.picks[reports.RoleHeading])
	assert.NotNil(t, u.win.Canvas().Overlays().Top(), "a file dialog is open")
}

func TestAFontFileThatWentAwayIsShownAndStopsBriefs(t *testing.T) {
	noSystemFonts(t)
	u, st := newTestUI(t, false)
	path := filepath.Join(t.TempDir(), "kai.ttf")
	require.NoError(t, st.SetBriefFont(bg(), "subheading", path)) // set, then the file was deleted
	u.ShowSection("nav.settings")
	c := u.settings.fonts
	assert.Contains(t, c.files[reports.RoleSubheading].Text, path)
	assert.Contains(t, c.files[reports.RoleSubheading].Text, "找不到字体文件")
	assert.False(t, c.resets[reports.RoleSubheading].Disabled(), "the user can go back to the default")

	_, err := briefFontSet(bg(), st)
	var e *data.Error
	require.ErrorAs(t, err, &e, "a brief is not printed in another font than the one chosen")
	assert.Equal(t, "fonts.err.not_found", e.Key)
	assert.Contains(t, usertext.Error(zh, err), "kai.ttf")

	test.Tap(c.resets[reports.RoleSubheading])
	_, err = briefFontSet(bg(), st)
	assert.NoError(t, err)
}
