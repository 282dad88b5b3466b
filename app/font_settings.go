package app

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/reports"
)

// fontSettingsStore is what the brief fonts card asks of the database: the font file set for each role.
type fontSettingsStore interface {
	BriefFonts(ctx context.Context) (map[string]string, error)
	SetBriefFont(ctx context.Context, role, path string) error
}

// briefFontSet resolves the fonts briefs are printed with: for each role the file set in Settings, then the
// Windows system font, then the bundled one. A file set in Settings that can no longer be used (moved,
// deleted) is an error naming it, rather than a brief quietly printed in another font.
func briefFontSet(ctx context.Context, st fontSettingsStore) (*reports.FontSet, error) {
	custom, err := st.BriefFonts(ctx)
	if err != nil {
		return nil, err
	}
	return reports.ResolveFonts(fontRoles(custom))
}

func fontRoles(custom map[string]string) map[reports.FontRole]string {
	out := make(map[reports.FontRole]string, len(custom))
	for role, path := range custom {
		out[reports.FontRole(role)] = path
	}
	return out
}

// fontFileExtensions are the files the picker shows. Collections and OpenType fonts are shown too, so that a
// user looking for 宋体 (simsun.ttc) finds it and is told why it cannot be used, rather than not seeing it.
var fontFileExtensions = []string{".ttf", ".TTF", ".ttc", ".TTC", ".otf", ".OTF"}

// fontCard is the Settings card that shows and sets the font of each role of a brief.
type fontCard struct {
	env   *env
	store fontSettingsStore
	win   fyne.Window

	files   map[reports.FontRole]*widget.Label  // the file each role uses now
	picks   map[reports.FontRole]*widget.Button // choose another .ttf
	resets  map[reports.FontRole]*widget.Button // back to the default
	problem *widget.Label
}

func newFontCard(e *env, st fontSettingsStore, win fyne.Window) *fontCard {
	return &fontCard{env: e, store: st, win: win, files: map[reports.FontRole]*widget.Label{},
		picks: map[reports.FontRole]*widget.Button{}, resets: map[reports.FontRole]*widget.Button{}}
}

func (c *fontCard) build() fyne.CanvasObject {
	form := widget.NewForm()
	for _, role := range reports.Roles {
		c.files[role] = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
		c.picks[role] = &widget.Button{Text: c.env.T("fonts.pick"), Icon: theme.FolderOpenIcon(), OnTapped: c.onPick(role)}
		c.resets[role] = &widget.Button{Text: c.env.T("fonts.reset"), Icon: theme.ViewRestoreIcon(), OnTapped: c.onReset(role)}
		row := container.NewBorder(nil, nil, nil, container.NewHBox(c.picks[role], c.resets[role]), c.files[role])
		form.Append(c.env.T("fonts.role."+string(role)), row)
	}
	c.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	c.reload()
	return widget.NewCard(c.env.T("fonts.title"), c.env.T("fonts.hint"), container.NewVBox(form, c.problem))
}

// reload shows the file each role uses now: the user's file, the Windows font or the bundled one.
func (c *fontCard) reload() {
	custom, err := c.store.BriefFonts(bg())
	if err != nil {
		c.env.showError(c.win, err)
		return
	}
	usable := map[string]string{}
	broken := map[reports.FontRole]error{}
	for role, path := range custom {
		if _, err := reports.LoadFontFile(path); err != nil {
			broken[reports.FontRole(role)] = err
			continue
		}
		usable[role] = path
	}
	fs, err := reports.ResolveFonts(fontRoles(usable))
	if err != nil {
		c.env.showError(c.win, err)
		return
	}
	for _, role := range reports.Roles {
		text := c.fontFileText(fs.Primary(role).Name)
		if err := broken[role]; err != nil {
			text = c.env.T("fonts.broken", map[string]any{"Path": custom[string(role)], "Problem": c.env.errorText(err)})
		}
		c.files[role].SetText(text)
		setEnabled(c.resets[role], custom[string(role)] != "")
	}
}

// fontFileText is how the card names a font file: its path, or "内置：Fandol 仿宋（FandolFang-Regular.ttf）" for a font
// shipped with the program.
func (c *fontCard) fontFileText(name string) string {
	if file, ok := strings.CutPrefix(name, "bundled:"); ok {
		face := file
		if key := "fonts.face." + strings.TrimSuffix(file, ".ttf"); c.env.tr.Has(key) {
			face = c.env.T(key)
		}
		return c.env.T("fonts.bundled", map[string]any{"Face": face, "File": file})
	}
	return name
}

func (c *fontCard) onPick(role reports.FontRole) func() {
	return func() {
		d := dialog.NewFileOpen(rememberOpen(fileFont, func(r fyne.URIReadCloser, err error) {
			if err != nil {
				c.env.showError(c.win, err)
				return
			}
			if r == nil {
				return // cancelled
			}
			path := r.URI().Path()
			r.Close()
			c.setFont(role, path)
		}), c.win)
		startIn(d, fileFont)
		d.SetFilter(storage.NewExtensionFileFilter(fontFileExtensions))
		showFileDialog(d, c.win)
	}
}

func (c *fontCard) onReset(role reports.FontRole) func() {
	return func() { c.setFont(role, "") }
}

// setFont checks a font file and makes it the role's font; an empty path puts the role back to its default.
// A file a brief cannot use is refused with the reason, and nothing is saved.
func (c *fontCard) setFont(role reports.FontRole, path string) {
	c.problem.SetText("")
	if path != "" {
		f, err := reports.LoadFontFile(path)
		if err != nil {
			c.problem.SetText(c.env.errorText(err))
			return
		}
		if !f.Has('中') {
			c.problem.SetText(c.env.T("fonts.no_cjk", map[string]any{"File": filepath.Base(path)}))
		}
	}
	if err := c.store.SetBriefFont(bg(), string(role), path); err != nil {
		c.problem.SetText(c.env.errorText(err))
		return
	}
	c.reload()
}
