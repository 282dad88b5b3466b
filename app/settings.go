package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/assets"
	"scitech/data"
)

// settingsStore is what the Settings screen asks of the database.
type settingsStore interface {
	fontSettingsStore
	backupStore
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
	SetBriefSettings(ctx context.Context, b data.BriefSettings) error
	Path() string
}

// settingsScreen sets the window's language (kept in the app's preferences) and the brief header
// (kept in the database, so the command line prints the same header).
type settingsScreen struct {
	env       *env
	store     settingsStore
	win       fyne.Window
	prefs     fyne.Preferences
	onLangSet func(code string) // the window builds its screens again in that language

	language      *widget.RadioGroup
	issuingUnit   *widget.Entry
	briefName     *widget.Entry
	draftMark     *widget.RadioGroup // what a draft's header says where an issued brief has its number
	saveBtn       *widget.Button
	problem       *widget.Label
	fonts         *fontCard
	location      *dataLocationCard
	backups       *backupCard       // a database file's
	serverBackups *serverBackupCard // a server's
}

func newSettingsScreen(e *env, st settingsStore, win fyne.Window, prefs fyne.Preferences, onLangSet func(code string)) *settingsScreen {
	return &settingsScreen{env: e, store: st, win: win, prefs: prefs, onLangSet: onLangSet}
}

func (s *settingsScreen) build() fyne.CanvasObject {
	labels := make([]string, len(assets.Languages))
	for i, code := range assets.Languages {
		labels[i] = s.env.T("lang." + code)
	}
	s.language = &widget.RadioGroup{Options: labels, Horizontal: true, Required: true}
	s.language.ExtendBaseWidget(s.language)
	s.language.SetSelected(s.env.T("lang." + s.env.tr.Lang))
	s.language.OnChanged = s.onLanguageChanged

	b, err := s.store.BriefSettings(bg())
	if err != nil {
		s.env.showError(s.win, err)
		b = data.DefaultBriefSettings
	}
	s.issuingUnit = s.entry(b.IssuingUnit, func(v string) error { return s.env.validation(data.ValidateName(v)) })
	s.briefName = s.entry(b.BriefName, func(v string) error { return s.env.validation(data.ValidateName(v)) })
	s.draftMark = &widget.RadioGroup{Options: []string{s.env.T("settings.draft_mark.word"), s.env.T("settings.draft_mark.blank")},
		Horizontal: true, Required: true}
	s.draftMark.ExtendBaseWidget(s.draftMark)
	s.draftMark.SetSelected(s.draftMarkLabel(b.DraftMark))
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.saveBtn = &widget.Button{Text: s.env.T("form.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}

	langCard := widget.NewCard(s.env.T("settings.language"), "", s.language)
	briefForm := widget.NewForm(
		widget.NewFormItem(s.env.T("settings.issuing_unit"), s.issuingUnit),
		widget.NewFormItem(s.env.T("settings.brief_name"), s.briefName),
		&widget.FormItem{Text: s.env.T("settings.draft_mark"), Widget: s.draftMark, HintText: s.env.T("settings.draft_mark.hint")},
	)
	briefCard := widget.NewCard(s.env.T("settings.brief"), s.env.T("settings.brief.hint"),
		container.NewVBox(briefForm, s.problem, container.NewHBox(layoutSpacer(), s.saveBtn)))
	s.fonts = newFontCard(s.env, s.store, s.win)
	s.location = newDataLocationCard(s.env, s.store, s.win)
	s.location.prefs = s.prefs
	return container.NewVScroll(container.NewPadded(container.NewVBox(langCard, briefCard, s.fonts.build(),
		s.location.build(), s.buildBackups())))
}

// buildBackups is the Backups card: a database file's, or a server's, which is no file to copy
// (data_location_server_backup.go).
func (s *settingsScreen) buildBackups() fyne.CanvasObject {
	if !storeOnServer(s.store) {
		s.backups = newBackupCard(s.env, s.store, s.win)
		return s.backups.build()
	}
	s.backups = nil
	s.serverBackups = newServerBackupCard(s.env, s.store, s.win)
	return s.serverBackups.build()
}

func (s *settingsScreen) entry(text string, v fyne.StringValidator) *widget.Entry {
	e := &widget.Entry{Text: text, Validator: v, OnChanged: s.onChanged}
	e.ExtendBaseWidget(e)
	return e
}

func (s *settingsScreen) onChanged(string) {
	for _, e := range []*widget.Entry{s.issuingUnit, s.briefName} {
		if e == nil || s.saveBtn == nil {
			return
		}
		if e.Validator(e.Text) != nil {
			s.saveBtn.Disable()
			return
		}
	}
	s.saveBtn.Enable()
}

func (s *settingsScreen) onLanguageChanged(label string) {
	for _, code := range assets.Languages {
		if s.env.T("lang."+code) == label && code != s.env.tr.Lang {
			s.prefs.SetString(prefLanguage, code)
			if s.onLangSet != nil {
				s.onLangSet(code)
			}
			return
		}
	}
}

func (s *settingsScreen) onSave() {
	b := data.BriefSettings{IssuingUnit: strings.TrimSpace(s.issuingUnit.Text), BriefName: strings.TrimSpace(s.briefName.Text),
		DraftMark: s.selectedDraftMark()}
	if err := s.store.SetBriefSettings(bg(), b); err != nil {
		s.problem.SetText(s.env.errorText(err))
		return
	}
	s.problem.SetText("")
	s.env.inform(s.win, s.env.T("settings.title"), s.env.T("settings.saved"))
}

// draftMarks are the draft wordings in the order the radio group offers them.
var draftMarks = []string{data.DraftMarkWord, data.DraftMarkBlank}

// draftMarkLabel is the radio option of a draft wording.
func (s *settingsScreen) draftMarkLabel(mark string) string {
	if mark == data.DraftMarkBlank {
		return s.env.T("settings.draft_mark.blank")
	}
	return s.env.T("settings.draft_mark.word")
}

// selectedDraftMark is the draft wording whose option is selected.
func (s *settingsScreen) selectedDraftMark() string {
	for _, m := range draftMarks {
		if s.draftMarkLabel(m) == s.draftMark.Selected {
			return m
		}
	}
	return data.DraftMarkWord
}
